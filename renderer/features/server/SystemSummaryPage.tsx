/**
 * RTMT System > System Summary: CPU, memory, swap and uptime of every node as big numbers with gauges, CPU and
 * memory charts of the last hour, and the active alarms (serviceability-reference.md A.2).
 */
import { formatDuration, formatPercent } from '../../app/format.js';
import { useSelectedCluster } from '../../app/selection.js';
import { usePolling } from '../../app/usePolling.js';
import { AsyncState } from '../../components/AsyncState.js';
import { BigNumber } from '../../components/BigNumber.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart.js';
import { useT } from '../../i18n/useT.js';
import { useAlertsStore } from '../alerts/alertsStore.js';
import { useServerStore } from './serverStore.js';
import { HISTORY_MS, useNodeHistory } from './useNodeHistory.js';

/** The System Summary page. */
export function SystemSummaryPage() {
  const { t, locale } = useT();
  const { cluster, nodes } = useSelectedCluster();
  const { system, systemLoad, loadSystem } = useServerStore();
  const alarms = useAlertsStore((s) => s.active);
  usePolling(() => (cluster ? loadSystem(cluster.id) : undefined), 10_000, [cluster?.id]);
  const names = nodes.map((n) => n.name);
  const history = useNodeHistory(cluster?.id, names);
  const rows = system.filter((s) => s.cluster === cluster?.id);
  return (
    <section className="page">
      <h1>{t('nav.system')}</h1>
      <AsyncState state={systemLoad} empty={rows.length === 0} onRetry={() => cluster && void loadSystem(cluster.id)}>
        <div className="tile-grid">
          {rows.map((s) => (
            <div key={s.node} className="node-summary" data-testid={`summary-${s.node}`}>
              <h2>{s.node}</h2>
              <div className="tile-row">
                <BigNumber label={t('system.cpu')} value={formatPercent(s.cpuPercent)} gauge={s.cpuPercent} />
                <BigNumber label={t('system.memory')} value={formatPercent(s.memoryUsedPercent)} gauge={s.memoryUsedPercent} />
                <BigNumber label={t('system.swap')} value={formatPercent(s.swapUsedPercent)} gauge={s.swapUsedPercent} />
                <BigNumber label={t('system.uptime')} value={formatDuration(s.uptimeSec, locale)} />
              </div>
            </div>
          ))}
        </div>
      </AsyncState>
      <div className="chart-pair">
        <div className="panel">
          <h2>{t('system.cpuHistory')}</h2>
          <TimeSeriesChart series={history.cpu} labels={names} fromMs={history.toMs - HISTORY_MS} toMs={history.toMs} locale={locale} yMax={100} testId="cpu-chart" />
        </div>
        <div className="panel">
          <h2>{t('system.memoryHistory')}</h2>
          <TimeSeriesChart series={history.memory} labels={names} fromMs={history.toMs - HISTORY_MS} toMs={history.toMs} locale={locale} yMax={100} testId="memory-chart" />
        </div>
      </div>
      <div className="panel">
        <h2>{t('overview.activeAlarms')}</h2>
        {alarms.filter((a) => a.cluster === cluster?.id).length === 0 ? (
          <div className="state state-empty">{t('alerts.noActive')}</div>
        ) : (
          <ul className="alarm-list">
            {alarms
              .filter((a) => a.cluster === cluster?.id)
              .slice(0, 8)
              .map((a) => (
                <li key={a.id}>
                  <SeverityBadge severity={a.severity} /> <strong>{a.ruleName}</strong> {a.node} — {a.message}
                </li>
              ))}
          </ul>
        )}
      </div>
    </section>
  );
}
