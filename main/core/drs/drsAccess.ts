/**
 * How DRS reaches one cluster: its nodes (name, role, reachability), a logged-in admin CLI session to any of them
 * (the same pinned host key and credentials as polling) and, in the app, the DRF alarms Alert Central raised. The app
 * builds it from the collector ({@link collectorAccess}); the command line from the opened ClusterSpec
 * ({@link sshTargetAccess}). Everything DRS does goes through the CUCM publisher's admin CLI, where the Master Agent
 * works (guide L10321-10323).
 */
import type { AlarmRecord } from '../../../shared/model/alert.js';
import type { NodeRole, Reachability } from '../../../shared/model/cluster.js';
import type { DrsOverview } from '../../../shared/model/drs.js';
import type { AlertEngine } from '../alerts/alertEngine.js';
import type { Collector } from '../collector/collector.js';
import type { PollError } from '../polling/pollError.js';
import { SshCliSession, type SshTarget } from '../polling/ssh/sshCliSession.js';

export interface DrsNodeInfo {
  readonly name: string;
  readonly role: NodeRole;
  readonly reachability: Reachability;
}

export type DrsCliConnect = { ok: true; session: SshCliSession } | { ok: false; error: PollError };

export interface DrsClusterAccess {
  readonly cluster: string;
  nodes(): readonly DrsNodeInfo[];
  /** A logged-in admin CLI session to a node (pinned host key, the node's credentials); the caller disposes it. */
  openCli(node: string): Promise<DrsCliConnect>;
  /** DRF alarms of this cluster raised (or raised again) at or after sinceMs (Alert Central); absent in the command line. */
  drfAlarms?(sinceMs: number): AlarmRecord[];
  readonly simulatedBackupServer?: DrsOverview['simulatedBackupServer'];
}

/** Where a simulated cluster's backup server keeps backups: its root (every device path must exist there). */
export const SIMULATED_BACKUP_PATH = '/';

/** The DRF alarms (guide Table 42 L10702-10743) and the CiscoDRFFailure alert among a cluster's alarms. */
export function isDrfAlarm(a: Pick<AlarmRecord, 'ruleId'>): boolean {
  return a.ruleId.startsWith('DRF') || a.ruleId === 'CiscoDRFFailure';
}

/** For the command line: the nodes of a ClusterSpec, reachability unknown (nothing polls them). */
export function sshTargetAccess(cluster: string, nodes: readonly { name: string; role: NodeRole; ssh: SshTarget }[]): DrsClusterAccess {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  return {
    cluster,
    nodes: () => nodes.map((n) => ({ name: n.name, role: n.role, reachability: 'unknown' as const })),
    openCli: (node) => {
      const n = byName.get(node);
      if (!n) return Promise.reject(new RangeError(`no node ${node} in cluster ${cluster}`));
      return SshCliSession.connect(n.ssh);
    },
  };
}

/** For the app: a cluster the collector monitors, its reachability as polled, its DRF alarms from Alert Central. */
export function collectorAccess(collector: Collector, cluster: string, alerts?: Pick<AlertEngine, 'queryAlarms'>): DrsClusterAccess {
  const backup = collector.spec(cluster)?.backupServer;
  return {
    cluster,
    nodes: () => collector.nodes(cluster).map((n) => ({ name: n.name, role: n.targets.role, reachability: n.reachability() })),
    openCli: (node) => {
      let target: SshTarget;
      try {
        target = collector.node(cluster, node).targets.ssh;
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
      return SshCliSession.connect(target);
    },
    ...(alerts
      ? { drfAlarms: (sinceMs: number) => alerts.queryAlarms({ cluster, sinceMs, limit: 500 }).filter(isDrfAlarm).sort((a, b) => a.raisedAt - b.raisedAt) }
      : {}),
    ...(backup ? { simulatedBackupServer: { ...backup, path: SIMULATED_BACKUP_PATH } } : {}),
  };
}
