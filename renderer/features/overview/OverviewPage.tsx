/**
 * Cluster overview, the wall screen: every cluster with its nodes (reachability, role, version, PRG and HA
 * state) and active alarms by severity, in big colored numbers.
 */
import type { NodeStatus } from '../../../shared/model/cluster.js';
import { useAppStore } from '../../app/appStore.js';
import { AsyncState } from '../../components/AsyncState.js';
import { SeverityCounts } from '../../components/SeverityBadge.js';
import { severityColor } from '../../components/severityScale.js';
import { haStateLabel, haStateTone } from '../../i18n/haLabels.js';
import { useT } from '../../i18n/useT.js';
import { useAlertsStore } from '../alerts/alertsStore.js';
import { useClustersStore } from './clustersStore.js';
import { countActiveBySeverity, countReachability, sortNodes, worstSeverity } from './selectors.js';

/** The overview page. */
export function OverviewPage() {
  const { t } = useT();
  const { clusters, load, loadClusters } = useClustersStore();
  const alarms = useAlertsStore((s) => s.active);
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
                  {c.name} {c.simulated ? <span className="tag">{t('overview.simulated')}</span> : null}
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
                  <NodeTile key={n.name} node={n} worst={worstSeverity(countActiveBySeverity(alarms, c.id, n.name))} alarmCount={Object.values(countActiveBySeverity(alarms, c.id, n.name)).reduce((a, b) => a + b, 0)} />
                ))}
              </div>
            </article>
          );
        })}
      </AsyncState>
    </section>
  );
}

function NodeTile({ node, worst, alarmCount }: { readonly node: NodeStatus; readonly worst?: Parameters<typeof severityColor>[0]; readonly alarmCount: number }) {
  const { t, locale } = useT();
  const open = () => {
    const app = useAppStore.getState();
    app.selectCluster(node.cluster);
    app.selectNode(node.name);
    app.showView('server');
  };
  return (
    <button type="button" className={`node-tile reach-${node.reachability}`} data-testid={`node-${node.name}`} onClick={open} style={worst ? { borderLeftColor: severityColor(worst) } : undefined}>
      <div className="node-tile-head">
        <span className={`dot reach-${node.reachability}`} aria-hidden="true" />
        <span className="node-name">{node.name}</span>
        {alarmCount > 0 ? (
          <span className="alarm-pill" style={{ background: worst ? severityColor(worst) : undefined }}>
            {alarmCount}
          </span>
        ) : null}
      </div>
      <div className="node-tile-body">
        <span>{t(`role.${node.role}`)}</span>
        <span>{node.version ?? t('common.none')}</span>
        <span className={`reach-text reach-${node.reachability}`}>{t(`reach.${node.reachability}`)}</span>
      </div>
      {node.group || node.haState ? (
        <div className={`ha-line tone-${haStateTone(node.haState ?? 'Unknown')}`}>
          <span>{node.group ?? ''}</span>
          <strong>{node.haState ? haStateLabel(node.haState, locale) : ''}</strong>
        </div>
      ) : null}
    </button>
  );
}
