import { DisposableStore, type Disposable } from '../../../base/disposable.js';
import type { ClusterModel } from '../clusterModel.js';

// After a restore the restored nodes must be restarted, the first node first (guide L10418-10422, L10594-10600);
// after the restart replication is set up automatically: `utils dbreplication runtimestate` shows a state other
// than 2 until it completes, then 2 on every node (L10610-10614). A subsequent node restarted while the restored
// first node still waits for its restart cannot set up replication (stuck, "Setup Failed"); `utils dbreplication
// reset all` repairs it (L10616). How long setup takes is ours (the guide: "may take hours", L10620).

/** Virtual time a restarted node takes to set up replication before the model's one-minute repair (ours). */
export const REPLICATION_SETUP_MS = 4 * 60_000;

/** The cluster pieces the after-restore model reads and drives. */
export type RestoredCluster = Pick<ClusterModel, 'nodes' | 'scheduler' | 'onDidEvent' | 'setReplicationBroken' | 'event'>;

/** Which restored nodes still need their restart, and the replication setup after it. */
export class RestoredNodes implements Disposable {
  /** Restored nodes waiting for their restart, with the nodes that must restart before them. */
  readonly #pending = new Map<string, readonly string[]>();
  readonly #store = new DisposableStore();

  constructor(private readonly cluster: RestoredCluster) {
    this.#store.add(
      cluster.onDidEvent((e) => {
        if (e.kind !== 'power' || !e.node || !this.#pending.has(e.node)) return;
        if (e.text.endsWith(' rebooting') || e.text.endsWith(' booting')) this.#goingDown(e.node);
        else if (e.text.endsWith(' is up')) this.#up(e.node);
      }),
    );
  }

  /** Records a successful restore of `servers`: each needs a restart (the CUCM publisher, then the IM&P publisher first). */
  markRestored(servers: readonly string[]): void {
    const nodes = servers.map((s) => this.cluster.nodes.get(s)).filter((n) => n !== undefined);
    for (const n of nodes) {
      const before = nodes.filter((o) => o !== n && rank(o.role) < rank(n.role)).map((o) => o.name);
      this.#pending.set(n.name, before);
    }
  }

  /** Restored nodes not restarted yet, in restart order. */
  pending(): string[] {
    return [...this.#pending.keys()].sort((a, b) => rank(this.cluster.nodes.get(a)!.role) - rank(this.cluster.nodes.get(b)!.role));
  }

  dispose(): void {
    this.#store.dispose();
  }

  #goingDown(name: string): void {
    const node = this.cluster.nodes.get(name)!;
    // Replication is set up again after the restart; IM&P feature services wait for it (guide L891-910).
    if (!node.isCucm) node.replicationState = 0;
  }

  #up(name: string): void {
    const before = this.#pending.get(name) ?? [];
    this.#pending.delete(name);
    const node = this.cluster.nodes.get(name)!;
    if (node.isCucm) return;
    const early = before.filter((b) => this.#pending.has(b));
    if (early.length > 0) {
      node.replicationState = 4;
      this.cluster.event('replication', `replication setup failed on ${name}: restarted before ${early.join(', ')}; run utils dbreplication reset all`, name, 'A Cisco DB');
      return;
    }
    node.replicationState = 1;
    this.cluster.event('replication', `replication setup started on ${name} after restore`, name, 'A Cisco DB');
    this.#store.add(
      this.cluster.scheduler.setTimeout(REPLICATION_SETUP_MS, () => {
        if (node.replicationState === 1) this.cluster.setReplicationBroken(name, false);
      }),
    );
  }
}

function rank(role: string): number {
  return role === 'cucm-publisher' ? 0 : role === 'imp-publisher' ? 1 : 2;
}
