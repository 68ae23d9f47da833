/**
 * The CUCM enterprise parameter "User Assignment Mode for Presence Server" (issue 15 review): Balanced spreads the
 * users of a presence redundancy group over both nodes, so a group with HA enabled runs active/active and the JSM
 * session figure is halved (guide L2200-2214, L7000-7013); Active/Standby (or None) keeps one node idle, the figure
 * whole. Read on the CUCM publisher over the admin CLI:
 *   run sql select paramname, paramvalue from processconfig where paramname = 'UserAssignmentMode'
 * DESIGNED: the parameter's internal name and its stored values (Balanced, ActiveStandby, None) have no Cisco sample
 * here; the simulator answers them the same way (simulator/model/imDatabase/imTables.ts). The mode goes to the
 * collector (NodeStatus.activeActive); when it cannot be read the collector keeps counting a two-node group with HA
 * enabled as active/active (the behaviour before), and the reader asks again later.
 */
import type { Disposable } from '../base/disposable.js';
import type { Collector } from '../collector/collector.js';
import { isNoAnswer } from '../polling/pollError.js';
import { namedCliRun, runSql, type SqlTable } from '../polling/ssh/reportCommands.js';

export type UserAssignmentMode = 'Balanced' | 'ActiveStandby' | 'None';

/** DESIGNED (see above). */
export const USER_ASSIGNMENT_MODE_SQL = "select paramname, paramvalue from processconfig where paramname = 'UserAssignmentMode'";

/** The mode a `run sql` answer gives, or undefined (no row, or a value this version does not know). */
export function userAssignmentModeOf(table: SqlTable): UserAssignmentMode | undefined {
  const row = table.rows.find((r) => (r.paramname ?? '').toLowerCase() === 'userassignmentmode');
  const v = (row?.paramvalue ?? '').replace(/[\s/_-]/g, '').toLowerCase();
  return v === 'balanced' ? 'Balanced' : v === 'activestandby' ? 'ActiveStandby' : v === 'none' ? 'None' : undefined;
}

/**
 * Reads each cluster's mode from its CUCM publisher when the cluster starts, again every `refreshMs` (a person may
 * change the parameter), sooner (`retryMs`) when the publisher did not answer. One timer per cluster, unref'd, all
 * cleared on dispose; a cluster removed or replaced stops its reads.
 */
export class UserAssignmentModeReader implements Disposable {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #disposed = false;

  constructor(
    private readonly collector: Pick<Collector, 'nodes' | 'runCli' | 'setUserAssignmentMode'>,
    private readonly retryMs = 60_000,
    private readonly refreshMs = 15 * 60_000,
  ) {}

  /** Reads the mode of `cluster` now (and keeps it read). */
  read(cluster: string): void {
    const pub = this.collector.nodes(cluster).find((n) => n.targets.role === 'cucm-publisher');
    if (!pub) return; // no CUCM publisher among the nodes: the mode stays unknown
    void this.#read(cluster, pub.name, pub.targets);
  }

  async #read(cluster: string, node: string, targets: object): Promise<void> {
    const current = (): boolean => !this.#disposed && this.collector.nodes(cluster).some((n) => n.name === node && n.targets === targets);
    if (!current()) return;
    const run = namedCliRun(node, (command, timeoutMs) => this.collector.runCli(cluster, node, command, timeoutMs));
    let next = this.refreshMs;
    try {
      const r = await runSql(run, USER_ASSIGNMENT_MODE_SQL, 30_000);
      if (!current()) return;
      if (r.ok) this.collector.setUserAssignmentMode(cluster, userAssignmentModeOf(r.value));
      else if (isNoAnswer(r.error.code)) next = this.retryMs;
      // A refusal (no such table or parameter on this version) leaves the mode unknown until the next refresh.
    } catch {
      next = this.retryMs;
    }
    if (!current()) return;
    const old = this.#timers.get(cluster);
    if (old) clearTimeout(old);
    const timer = setTimeout(() => {
      this.#timers.delete(cluster);
      void this.#read(cluster, node, targets);
    }, next);
    timer.unref?.();
    this.#timers.set(cluster, timer);
  }

  dispose(): void {
    this.#disposed = true;
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }
}
