/**
 * RTMT IM and Presence > IM and Presence Summary and Cisco Jabber Summary, the MDM and MFT counters, and the JSM
 * session capacity of each node against 1.5 × the OVA (halved for active/active HA; guide L6977-7017). The OVA and
 * the HA mode are the node's (NodeStatus.ova / activeActive, issue 15), the same figures the alert uses.
 */
import { formatNumber, formatPercent } from '../../app/format.js';
import { useSelectedCluster } from '../../app/selection.js';
import { usePolling } from '../../app/usePolling.js';
import { AsyncState } from '../../components/AsyncState.js';
import { BigNumber } from '../../components/BigNumber.js';
import { Sparkline } from '../../charts/TimeSeriesChart.js';
import { latestValue, refKey, type LiveSeries } from '../../charts/toSeries.js';
import { useT } from '../../i18n/useT.js';
import { impNodes } from '../overview/selectors.js';
import { capacityPercent, IMP_SUMMARY, JABBER_SUMMARY, MDM_COUNTERS, MFT_COUNTERS, type ImpCounter } from './impCounters.js';
import { nodeCapacity } from './nodeOva.js';
import { useImpStore } from './impStore.js';

/** The IM and Presence page. */
export function ImpPage() {
  const { t, locale } = useT();
  const { cluster } = useSelectedCluster();
  const impList = impNodes(cluster);
  const nodes = impList.map((n) => n.name);
  const { series, load, loadCounters } = useImpStore();
  usePolling((first) => (cluster ? loadCounters(cluster.id, nodes, !first) : undefined), 30_000, [cluster?.id, nodes.join(',')]);
  const byKey = new Map(series.map((s) => [s.key, s]));
  const find = (node: string, c: ImpCounter): LiveSeries | undefined => (cluster ? byKey.get(refKey({ cluster: cluster.id, node, object: c.object, instance: '', counter: c.counter })) : undefined);
  const now = Date.now();
  const label = (c: ImpCounter) => (c.label ? t(c.label) : c.counter);
  const valueOf = (s: LiveSeries | undefined) => (s && s.points.length ? formatNumber(latestValue(s), locale) : t('state.notCollected'));
  return (
    <section className="page">
      <h1>{t('nav.imp')}</h1>
      <AsyncState state={load} empty={nodes.length === 0 || (load.kind !== 'ready' && series.length === 0)} onRetry={() => cluster && void loadCounters(cluster.id, nodes)}>
        {impList.map(({ name: node, ova, activeActive }) => {
          const jsm = latestValue(find(node, IMP_SUMMARY[0] as ImpCounter));
          const { supported } = nodeCapacity({ ova, activeActive });
          const pct = supported === undefined ? undefined : capacityPercent(jsm, supported);
          return (
            <article key={node} className="panel imp-node" data-testid={`imp-${node}`}>
              <h2>{node}</h2>
              <div className="capacity">
                <div className="capacity-head">
                  <strong>{t('imp.capacity')}</strong>
                  {supported === undefined ? (
                    <span className="muted" data-testid="node-ova-unknown">{t('imp.ovaUnknown')}</span>
                  ) : (
                    <span>{t('imp.capacityOf', { used: formatNumber(jsm, locale), supported: formatNumber(supported, locale) })}</span>
                  )}
                  <b className="capacity-pct">{formatPercent(pct)}</b>
                </div>
                {ova ? (
                  <p className="hint imp-ova" data-testid="node-ova">
                    {t('imp.ovaOfNode', { users: formatNumber(ova.users, locale) })} ({t(`imp.ovaSource.${ova.source}`)})
                    {activeActive ? ` · ${t('imp.activeActiveOn')}` : ''}
                  </p>
                ) : null}
                <div className={`gauge big tone-${pct === undefined ? 'ok' : pct >= 80 ? 'bad' : pct >= 60 ? 'warn' : 'ok'}`} role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct === undefined ? undefined : Math.round(pct)}>
                  <div className="gauge-fill" style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
                  {/* JSMSessionsExceedsThreshold default 80 % (guide L6977-7017). */}
                  <div className="gauge-mark" style={{ left: '80%' }} title="80%" />
                </div>
              </div>
              <h3>{t('imp.summary')}</h3>
              <div className="tile-row">
                {IMP_SUMMARY.map((c) => (
                  <BigNumber key={c.counter} label={label(c)} value={valueOf(find(node, c))}>
                    <Sparkline series={find(node, c)} fromMs={now - 3_600_000} toMs={now} />
                  </BigNumber>
                ))}
              </div>
              <h3>{t('imp.jabber')}</h3>
              <div className="tile-row">
                {JABBER_SUMMARY.map((c) => (
                  <BigNumber key={c.counter} label={label(c)} value={valueOf(find(node, c))} />
                ))}
              </div>
              <div className="chart-pair">
                <CounterList title={t('imp.mdm')} counters={MDM_COUNTERS} value={(c) => valueOf(find(node, c))} />
                <CounterList title={t('imp.mft')} counters={MFT_COUNTERS} value={(c) => valueOf(find(node, c))} />
              </div>
            </article>
          );
        })}
      </AsyncState>
      <p className="hint">{t('imp.capacityNote')}</p>
    </section>
  );
}

function CounterList({ title, counters, value }: { readonly title: string; readonly counters: readonly ImpCounter[]; readonly value: (c: ImpCounter) => string }) {
  return (
    <div className="panel">
      <h3>{title}</h3>
      <dl className="counter-list">
        {counters.map((c) => (
          <div key={c.counter}>
            <dt>{c.counter}</dt>
            <dd className="mono">{value(c)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
