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
  /** Users of a home node being taken over or back by `to` while SRM is in a transitional state. */
  readonly #arriving = new Map<string, { to: string; startMs: number; endMs: number }>();

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

  /**
   * Starts moving the users homed on `home` to `to` over [startMs, endMs]: while SRM is Taking Over / Taking
   * Back, the receiving node re-creates their sessions at its login rate (guide Table 3 L2253, L2258; the
   * duration is srmParameters.ts transitionDurationMs). Ends with move() or endMoves().
   */
  beginMove(home: string, to: string, startMs: number, endMs: number): void {
    this.#arriving.set(home, { to, startMs, endMs: Math.max(endMs, startMs + 1) });
  }

  /** Stops the moves of these home nodes (the transition failed or was cut short). */
  endMoves(homes: readonly string[]): void {
    for (const h of homes) this.#arriving.delete(h);
  }

  arriving(home: string, nowMs: number): { readonly to: string; readonly share: number } | undefined {
    const a = this.#arriving.get(home);
    if (!a) return undefined;
    return { to: a.to, share: Math.max(0, Math.min(1, (nowMs - a.startMs) / (a.endMs - a.startMs))) };
  }

  /** Moves the users homed on `home` to `host` (their sessions drop and re-login within the client window). */
  move(home: string, host: string, nowMs: number): void {
    this.#arriving.delete(home);
    if (this.hostOf(home) === host) return;
    this.#host.set(home, host);
    this.#changedAt.set(home, nowMs);
  }

  /** Marks a restart of the users' sessions on their current host (after a service restart there). */
  touch(home: string, nowMs: number): void {
    this.#changedAt.set(home, nowMs);
  }
}
