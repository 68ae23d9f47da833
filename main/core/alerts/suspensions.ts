import { nodeKey } from './alertKey.js';

/** What a suspension covers: every node (no fields), a cluster, or one node of a cluster. */
export interface SuspendScope {
  readonly cluster?: string;
  readonly node?: string;
}

/** RTMT "Suspend alerts" per node or cluster-wide, with an optional end time. */
export class Suspensions {
  readonly #until = new Map<string, number>();

  /** Suspends a scope until `untilMs` (forever when omitted). */
  suspend(scope: SuspendScope, untilMs = Number.POSITIVE_INFINITY): void {
    this.#until.set(scopeKey(scope), untilMs);
  }

  /** Ends a suspension. */
  resume(scope: SuspendScope): void {
    this.#until.delete(scopeKey(scope));
  }

  /** Whether a node is suspended at `now`. */
  isSuspended(cluster: string, node: string, now: number): boolean {
    if (this.#until.size === 0) return false;
    for (const k of ['*', `${cluster}|*`, nodeKey(cluster, node)]) {
      const u = this.#until.get(k);
      if (u !== undefined && now < u) return true;
    }
    return false;
  }

  /** Current suspensions as scope key → end time. */
  list(): Array<{ scope: string; untilMs: number }> {
    return [...this.#until.entries()].map(([scope, untilMs]) => ({ scope, untilMs }));
  }
}

function scopeKey(s: SuspendScope): string {
  if (s.cluster === undefined) return '*';
  return s.node === undefined ? `${s.cluster}|*` : nodeKey(s.cluster, s.node);
}
