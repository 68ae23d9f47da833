import type { HostingView } from './sessions/sessionEngine.js';

/** A presence redundancy group as the model holds it. */
export interface GroupInfo {
  readonly name: string;
  readonly nodes: readonly string[];
  haEnabled: boolean;
}

/**
 * Which node serves the users homed on each IM&P node. The Server Recovery Manager moves them on failover and
 * fallback; the session engine reads it.
 */
export class HostingTable implements HostingView {
  readonly #host = new Map<string, string>();
  readonly #changedAt = new Map<string, number>();
  readonly #groupOf = new Map<string, GroupInfo>();

  constructor(readonly groups: readonly GroupInfo[]) {
    for (const g of groups) for (const n of g.nodes) this.#groupOf.set(n, g);
  }

  hostOf(home: string): string {
    return this.#host.get(home) ?? home;
  }

  hostChangedAtMs(home: string): number {
    return this.#changedAt.get(home) ?? Number.NEGATIVE_INFINITY;
  }

  haEnabled(node: string): boolean {
    return this.#groupOf.get(node)?.haEnabled ?? false;
  }

  peerOf(node: string): string | undefined {
    const g = this.#groupOf.get(node);
    return g?.nodes.find((n) => n !== node);
  }

  /** The group of a node. */
  groupOf(node: string): GroupInfo | undefined {
    return this.#groupOf.get(node);
  }

  /** Moves the users homed on `home` to `host` (their sessions drop and re-login within the client window). */
  move(home: string, host: string, nowMs: number): void {
    if (this.hostOf(home) === host) return;
    this.#host.set(home, host);
    this.#changedAt.set(home, nowMs);
  }

  /** Marks a restart of the users' sessions on their current host (after a service restart there). */
  touch(home: string, nowMs: number): void {
    this.#changedAt.set(home, nowMs);
  }
}
