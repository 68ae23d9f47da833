/**
 * Remembers when each presence redundancy group's HA was turned on or off, as the collector saw it in `utils ha
 * status` (a node's reason "High Availability Not Enabled" or not; the same reading as ha/prgView.ts). The HA
 * readiness checklist shows the guide's two-minute wait after toggling HA from it (guide L9952, L1244: "disable High
 * Availability in each group and wait at least two minutes for the new setting to synchronise"). The app sees a
 * change only at its HA poll, so the time is when it saw it (at most one HA interval late).
 */
import type { Disposable } from '../base/disposable.js';
import type { Event } from '../base/emitter.js';
import type { HaSubclusterStatus } from '../polling/ssh/parsers/haStatus.js';
import type { ReportClusterAccess } from './reportAccess.js';

/** The guide's wait after HA was turned on or off (L9952, L1244). */
export const HA_TOGGLE_WAIT_MS = 2 * 60_000;

/** An access that also knows when a group's HA last changed (the app's; the command line's does not). */
export interface HaChangeAware {
  haChangedAtMs(group: string): number | undefined;
}

/** Whether HA is enabled for a group as `utils ha status` prints it (no node's reason says it is not enabled). */
export function haEnabledInStatus(group: HaSubclusterStatus): boolean {
  return !group.nodes.some((n) => /not enabled/i.test(n.reason));
}

/** When the access's group last changed HA, if the access knows. */
export function haChangedAt(access: ReportClusterAccess, group: string): number | undefined {
  const a = access as Partial<HaChangeAware>;
  return typeof a.haChangedAtMs === 'function' ? a.haChangedAtMs(group) : undefined;
}

export interface HaChangeSource {
  readonly onDidChangeNodes: Event<readonly { readonly id: string }[]>;
  haGroups(cluster: string): HaSubclusterStatus[];
}

export class HaChangeWatch implements Disposable {
  readonly #enabled = new Map<string, boolean>();
  readonly #changedAt = new Map<string, number>();
  readonly #listener: Disposable;

  constructor(
    private readonly source: HaChangeSource,
    private readonly now: () => number = Date.now,
  ) {
    this.#listener = source.onDidChangeNodes((clusters) => {
      for (const c of clusters) this.observe(c.id, source.haGroups(c.id));
    });
  }

  /** Takes one reading of a cluster's groups (the first reading of a group is its baseline, not a change). */
  observe(cluster: string, groups: readonly HaSubclusterStatus[]): void {
    for (const g of groups) {
      if (g.nodes.length === 0) continue;
      const key = `${cluster}\u0000${g.name}`;
      const enabled = haEnabledInStatus(g);
      const before = this.#enabled.get(key);
      this.#enabled.set(key, enabled);
      if (before !== undefined && before !== enabled) this.#changedAt.set(key, this.now());
    }
  }

  changedAtMs(cluster: string, group: string): number | undefined {
    return this.#changedAt.get(`${cluster}\u0000${group}`);
  }

  dispose(): void {
    this.#listener.dispose();
  }
}
