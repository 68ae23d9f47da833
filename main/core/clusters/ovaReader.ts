/**
 * Reads each IM&P node's OVA from the node (issue 15) where no person set it with the cluster: `show hardware` over
 * the collector's pooled admin CLI session, its processors and memory matched against the guide's OVA table
 * (ovaFromHardware.ts). A node that did not answer is asked again a minute later; one whose hardware matches no OVA
 * is left without (the JSM capacity alert then has no figure for it, the views say "not known").
 */
import type { Disposable } from '../base/disposable.js';
import type { Collector } from '../collector/collector.js';
import { ovaUsersFromShowHardware } from './ovaFromHardware.js';

export class OvaReader implements Disposable {
  readonly #timers = new Set<NodeJS.Timeout>();
  #disposed = false;

  constructor(
    private readonly collector: Pick<Collector, 'nodes' | 'runCli' | 'setNodeOva'>,
    private readonly retryMs = 60_000,
  ) {}

  /** Reads the OVA of every IM&P node of a cluster that has none yet. */
  read(cluster: string): void {
    for (const n of this.collector.nodes(cluster)) {
      if (n.targets.role !== 'cucm-publisher' && !n.ova) void this.#readNode(cluster, n.name, n.targets);
    }
  }

  async #readNode(cluster: string, node: string, targets: object): Promise<void> {
    if (this.#disposed) return;
    // The node may have gone (cluster removed or replaced by an edit): then stop.
    const current = (): boolean => this.collector.nodes(cluster).some((n) => n.name === node && n.targets === targets);
    if (!current()) return;
    let out: { ok: true; output: string } | { ok: false };
    try {
      out = await this.collector.runCli(cluster, node, 'show hardware', 30_000);
    } catch {
      out = { ok: false };
    }
    if (this.#disposed || !current()) return;
    if (out.ok) {
      const users = ovaUsersFromShowHardware(out.output);
      if (users) this.collector.setNodeOva(cluster, node, { users, source: 'cluster' });
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#readNode(cluster, node, targets);
    }, this.retryMs);
    timer.unref?.();
    this.#timers.add(timer);
  }

  dispose(): void {
    this.#disposed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }
}
