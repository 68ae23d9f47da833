/**
 * The System Dashboard (guide L908-910, L11265-11268) as one card per cluster: users, assigned users, devices,
 * contacts (and per user), users with a primary extension, the CUCM publisher, Cisco Sync Agent and its last
 * synchronisation, each node's reachability, and what could not be read.
 */
import type { DashboardReport } from '../../../../shared/model/reports.js';
import { formatDateTime, formatNumber } from '../../../app/format.js';
import { BigNumber } from '../../../components/BigNumber.js';
import { useT } from '../../../i18n/useT.js';
import { Chip, num, tryT } from '../reportParts.js';

/** The view. */
export function DashboardView({ data }: { readonly data: DashboardReport }) {
  const { t, locale } = useT();
  if (data.clusters.length === 0) return <div className="state state-empty">{t('reports.dash.none')}</div>;
  return (
    <div className="rep-stack" data-testid="dashboard-report">
      {data.clusters.map((c) => {
        const perUser = c.contacts !== undefined && c.users ? c.contacts / c.users : undefined;
        return (
          <section key={c.cluster} className="cluster-card rep-dash" data-testid={`dashboard-${c.cluster}`}>
            <div className="cluster-head">
              <h2>{c.cluster}</h2>
              {c.cucmPublisher ? (
                <span className="hint">
                  {t('reports.dash.cucmPublisher')} <span className="mono">{c.cucmPublisher.name}</span>
                  {c.cucmPublisher.ip ? <span className="mono"> ({c.cucmPublisher.ip})</span> : null}
                </span>
              ) : null}
            </div>
            <div className="tile-row">
              <BigNumber label={t('reports.metric.users')} value={num(c.users, locale)} />
              <BigNumber label={t('reports.metric.assignedUsers')} value={num(c.assignedUsers, locale)} />
              <BigNumber label={t('reports.metric.devices')} value={num(c.devices, locale)} />
              <BigNumber label={t('reports.metric.contacts')} value={num(c.contacts, locale)} sub={perUser === undefined ? undefined : t('reports.dash.perUser', { n: formatNumber(perUser, locale, 1) })} />
              <BigNumber label={t('reports.metric.primaryExtensions')} value={num(c.primaryExtensions, locale)} />
            </div>
            <div className="rep-dash-row">
              <div>
                <h3>{t('reports.dash.syncAgent')}</h3>
                <Chip tone={c.syncAgent.service === 'running' ? 'ok' : c.syncAgent.service === 'stopped' ? 'bad' : 'idle'}>{tryT(t, `reports.value.${c.syncAgent.service}`, c.syncAgent.service)}</Chip>
                {c.syncAgent.status ? <span className="rep-wrap"> {c.syncAgent.status}</span> : null}
                {c.syncAgent.lastSyncMs !== undefined ? <div className="hint">{t('reports.dash.lastSync', { time: formatDateTime(c.syncAgent.lastSyncMs, locale) })}</div> : null}
              </div>
              <div>
                <h3>{t('reports.col.nodes')}</h3>
                <ul className="rep-node-list">
                  {c.nodes.map((n) => (
                    <li key={n.name}>
                      <Chip tone={n.reachability === 'up' ? 'ok' : n.reachability === 'down' ? 'bad' : n.reachability === 'degraded' ? 'warn' : 'idle'}>{tryT(t, `reach.${n.reachability}`, n.reachability)}</Chip> <span className="mono">{n.name}</span> <span className="hint">{tryT(t, `role.${n.role}`, n.role)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
            {c.notChecked.length > 0 ? (
              <div className="rep-problems">
                <strong>{t('reports.dash.notChecked')}</strong>
                <ul>
                  {c.notChecked.map((n, i) => (
                    <li key={i}>
                      {n.item}: {n.reason}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
