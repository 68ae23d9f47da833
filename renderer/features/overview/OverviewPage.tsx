/**
 * Cluster overview, the wall screen: every cluster with its nodes (reachability and health apart, role,
 * version, PRG and HA state, CPU and memory with the last half hour of CPU, active JSM sessions on IM&P nodes),
 * active alarms by severity in big colored numbers, and the worst active alarms as sentences.
 */
import { useEffect } from 'react';
import type { AlarmRecord, AlertRule } from '../../../shared/model/alert.js';
import type { NodeStatus } from '../../../shared/model/cluster.js';
import { useAppStore } from '../../app/appStore.js';
import { formatNumber, formatPercent } from '../../app/format.js';
import { clusterBaseName } from '../../app/clusterLabel.js';
import { Sparkline } from '../../charts/Sparkline.js';
import { useElementWidth } from '../../charts/useElementWidth.js';
import { AsyncState } from '../../components/AsyncState.js';
import { gaugeTone } from '../../components/BigNumber.js';
import { SeverityBadge, SeverityCounts } from '../../components/SeverityBadge.js';
import { severityColor, severityTextOn } from '../../components/severityScale.js';
import { haStateLabel, haStateTone } from '../../i18n/haLabels.js';
import { useT } from '../../i18n/useT.js';
import { alarmHeadline, alarmHoverText, sortForWall } from '../alerts/alarmHeadline.js';
import { useAlertsStore } from '../alerts/alertsStore.js';
import { useClustersStore } from './clustersStore.js';
import { vitalsKey, type NodeVitals } from './overviewVitals.js';
import { countActiveBySeverity, countReachability, nodeHealth, sortNodes, worstSeverity, type NodeHealth } from './selectors.js';
import { useOverviewVitals } from './useOverviewVitals.js';

/** Active alarms listed under each cluster (the worst, longest-lasting first). */
const LATEST_ALARMS = 5;

/** The overview page. */
export function OverviewPage() {
  const { t } = useT();
  const { clusters, load, loadClusters } = useClustersStore();
  const alarms = useAlertsStore((s) => s.active);
  const rules = useAlertsStore((s) => s.rules);
  const rulesLoad = useAlertsStore((s) => s.rulesLoad);
  // The sentences quote a rule's counter and threshold: load the rules once if Alert Central has not.
  useEffect(() => {
    if (rulesLoad.kind === 'idle') void useAlertsStore.getState().loadRules();
  }, [rulesLoad.kind]);
  const vitals = useOverviewVitals(clusters);
  return (
    <section className="page" aria-labelledby="overview-title">
      <h1 id="overview-title">{t('nav.overview')}</h1>
      <AsyncState state={load} empty={clusters.length === 0} emptyText={t('overview.noClusters')} onRetry={() => void loadClusters()}>
        {clusters.map((c) => {
          const counts = countActiveBySeverity(alarms, c.id);
          const reach = countReachability(c);
          return (
            <article key={c.id} className="cluster-card" data-testid={`cluster-${c.id}`}>
              <header className="cluster-head">
                <h2>
                  {clusterBaseName(c)} {c.simulated ? <span className="tag">{t('overview.simulated')}</span> : null}
                </h2>
                <div className="reach-summary">
                  <span className="big-inline ok">{reach.up}</span> {t('reach.up')}
                  {reach.down > 0 ? (
                    <>
                      <span className="big-inline bad">{reach.down}</span> {t('reach.down')}
                    </>
                  ) : null}
                  {reach.degraded > 0 ? (
                    <>
                      <span className="big-inline warn">{reach.degraded}</span> {t('reach.degraded')}
                    </>
                  ) : null}
                </div>
              </header>
              <h3 className="sr-label">{t('overview.activeAlarms')}</h3>
              <SeverityCounts counts={counts} />
              <div className="node-grid">
                {sortNodes(c.nodes).map((n) => (
                  <NodeTile key={n.name} node={n} vitals={vitals.get(vitalsKey(c.id, n.name))} worst={worstSeverity(countActiveBySeverity(alarms, c.id, n.name))} alarmCount={Object.values(countActiveBySeverity(alarms, c.id, n.name)).reduce((a, b) => a + b, 0)} health={nodeHealth(alarms, c.id, n.name)} />
                ))}
              </div>
              <LatestAlarms alarms={alarms.filter((a) => a.cluster === c.id)} rules={rules} />
            </article>
          );
        })}
      </AsyncState>
    </section>
  );
}

function NodeTile({ node, vitals, worst, alarmCount, health }: { readonly node: NodeStatus; readonly vitals?: NodeVitals; readonly worst?: Parameters<typeof severityColor>[0]; readonly alarmCount: number; readonly health: NodeHealth }) {
  const { t, locale } = useT();
  const open = () => {
    const app = useAppStore.getState();
    app.selectCluster(node.cluster);
    app.selectNode(node.name);
    app.showView('server');
  };
  return (
    <button type="button" className={`node-tile reach-${node.reachability} health-${health.level}`} data-testid={`node-${node.name}`} onClick={open} style={worst ? { borderLeftColor: severityColor(worst) } : undefined}>
      <div className="node-tile-head">
        <span className={`dot reach-${node.reachability}`} aria-hidden="true" />
        <span className="node-name" title={node.name}>
          {node.name}
        </span>
        {alarmCount > 0 ? (
          <span className="alarm-pill" style={worst ? { background: severityColor(worst), color: severityTextOn(worst) } : undefined}>
            {alarmCount}
          </span>
        ) : null}
      </div>
      <div className="node-tile-body">
        <span>{t(`role.${node.role}`)}</span>
        <span>{node.version ?? t('common.none')}</span>
      </div>
      <NodeState node={node} health={health} />
      <Vitals node={node} vitals={vitals} />
      {node.group || node.haState ? (
        <div className={`ha-line tone-${haStateTone(node.haState ?? 'Unknown')}`}>
          <span title={node.group ?? ''}>{node.group ?? ''}</span>
          <strong>{node.haState ? haStateLabel(node.haState, locale) : ''}</strong>
        </div>
      ) : null}
    </button>
  );
}

/** CPU and memory as small gauges, JSM sessions on IM&P nodes, and the CPU trend of the last half hour. */
function Vitals({ node, vitals }: { readonly node: NodeStatus; readonly vitals?: NodeVitals }) {
  const { t, locale } = useT();
  const imp = node.role === 'imp-publisher' || node.role === 'imp-subscriber';
  const cpuTone = vitals?.cpuPercent === undefined ? undefined : gaugeTone(vitals.cpuPercent);
  const [trendRef, trendWidth] = useElementWidth<HTMLDivElement>();
  return (
    <div className="node-vitals" data-testid={`vitals-${node.name}`}>
      <MiniGauge label={t('system.cpu')} percent={vitals?.cpuPercent} testId={`cpu-${node.name}`} />
      <MiniGauge label={t('system.memory')} percent={vitals?.memoryUsedPercent} testId={`mem-${node.name}`} />
      {imp ? (
        <div className="mini-stat" data-testid={`jsm-${node.name}`}>
          <span className="mini-label">{t('overview.jsmSessions')}</span>
          <strong>{formatNumber(vitals?.jsmSessions, locale, 0)}</strong>
        </div>
      ) : null}
      <div className="node-trend">
        <span className="mini-label">{t('overview.cpuTrend')}</span>
        <div ref={trendRef} className="node-trend-line">
          {trendWidth > 0 ? (
            <Sparkline
              points={vitals?.cpuTrend ?? []}
              width={trendWidth}
              height={34}
              yMax={trendTop(vitals?.cpuTrend)}
              color={cpuTone === 'bad' ? 'var(--bad)' : cpuTone === 'warn' ? 'var(--warn)' : 'var(--accent)'}
              label={t('overview.cpuTrend')}
              testId={`trend-${node.name}`}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}

/**
 * Top of the trend's scale: 25 % at least, so a calm node's small moves show as a shape without looking like
 * spikes; the trend's own peak above that, up to 100.
 */
function trendTop(points: readonly (readonly [number, number])[] | undefined): number {
  const peak = Math.max(0, ...(points ?? []).map((p) => p[1]));
  return Math.min(100, Math.max(25, Math.ceil(peak / 5) * 5));
}

function MiniGauge({ label, percent, testId }: { readonly label: string; readonly percent?: number; readonly testId: string }) {
  const tone = percent === undefined ? 'none' : gaugeTone(percent);
  return (
    <div className={`mini-stat tone-${tone}`} data-testid={testId}>
      <span className="mini-label">{label}</span>
      <strong>{formatPercent(percent)}</strong>
      <div className="gauge mini-gauge" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent === undefined ? undefined : Math.round(percent)}>
        <div className="gauge-fill" style={{ width: `${Math.max(0, Math.min(100, percent ?? 0))}%` }} />
      </div>
    </div>
  );
}

/**
 * Two things a person reads apart: reachability (do the node's protocols answer: up, degraded, down) and health
 * (its active alarms by severity and its critical services). A node that answers every poll with its critical
 * services down is "Up" and "Critical", never a green "Up" alone.
 */
function NodeState({ node, health }: { readonly node: NodeStatus; readonly health: NodeHealth }) {
  const { t } = useT();
  const details = [
    health.critical > 0 ? t('overview.criticalAlarms', { n: health.critical }) : undefined,
    health.servicesDown.length > 0 ? t('overview.servicesDown', { n: health.servicesDown.length }) : undefined,
    health.warnings > 0 ? t('overview.warningAlarms', { n: health.warnings }) : undefined,
  ].filter((d): d is string => d !== undefined);
  const title = [t('overview.healthTitle'), ...details, ...health.servicesDown].join('\n');
  return (
    <div className="node-state" title={title} data-testid={`state-${node.name}`}>
      <span className="node-state-item">
        <span className="mini-label">{t('overview.reachability')}</span>
        <strong className={`reach-text reach-${node.reachability}`} data-testid={`reach-${node.name}`}>
          {t(`reach.${node.reachability}`)}
        </strong>
      </span>
      <span className="node-state-item">
        <span className="mini-label">{t('overview.health')}</span>
        <strong className={`health-text health-${health.level}`} data-testid={`health-${node.name}`}>
          {t(`health.${health.level}`)}
        </strong>
      </span>
      {details.length > 0 ? (
        <span className="node-state-detail">
          {details.map((d, i) => (
            <span key={d} className="nowrap">
              {i > 0 ? '· ' : ''}
              {d}
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
}

/** The worst active alarms of a cluster as sentences (severity, then how long); a click opens Alert Central. */
function LatestAlarms({ alarms, rules }: { readonly alarms: readonly AlarmRecord[]; readonly rules: readonly AlertRule[] }) {
  const { t, locale } = useT();
  if (alarms.length === 0) return null;
  const latest = sortForWall(alarms).slice(0, LATEST_ALARMS);
  const now = Date.now();
  const ruleOf = (a: AlarmRecord) => rules.find((r) => r.id === a.ruleId);
  return (
    <div className="latest-alarms">
      <h3>{t('overview.latestAlarms')}</h3>
      <ul className="alarm-list">
        {latest.map((a) => (
          <li key={a.id}>
            <button type="button" className="alarm-line" onClick={() => useAppStore.getState().showView('alerts')} data-testid={`latest-alarm-${a.id}`} title={alarmHoverText(a, ruleOf(a), locale, now)}>
              <SeverityBadge severity={a.severity} />
              <span className="alarm-message">{alarmHeadline(a, ruleOf(a), locale, now)}</span>
              {a.flapping ? <span className="tag flap-tag">{t('alerts.flapping')}</span> : null}
            </button>
          </li>
        ))}
      </ul>
      {alarms.length > LATEST_ALARMS ? <div className="more-alarms">{t('overview.moreAlarms', { n: alarms.length - LATEST_ALARMS })}</div> : null}
    </div>
  );
}
