/**
 * Who owns which chart watch (issue 16): on a server many people open Performance charts, and a wall-screen page
 * that reloads or closes never calls unwatch. Each watch belongs to the session (or, on the desktop, the operator)
 * that started it; only its owner stops it, and an owner keeps at most `cap` watches — starting one more stops its
 * oldest, so a page that reloads again and again replaces its own abandoned watches instead of piling up polls
 * against each node's 80-requests-a-minute SOAP budget.
 */
import { currentCaller } from '../base/callerContext.js';

/** At most this many live watches per owner (a Performance layout has far fewer panels). */
export const MAX_WATCHES_PER_OWNER = 48;

/** The owner of a call: its server session, else who and from where (desktop, web). */
export function currentWatchOwner(): string {
  const c = currentCaller();
  if (!c) return 'local';
  return c.sessionId !== undefined ? `session:${c.sessionId}` : `${c.source}:${c.operator}`;
}

/** Watch ids per owner, oldest first. */
export class WatchOwners {
  readonly #byOwner = new Map<string, string[]>();
  readonly #ownerOf = new Map<string, string>();

  constructor(private readonly cap: number = MAX_WATCHES_PER_OWNER) {}

  /** Records a new watch of `owner`; returns the ids of its watches beyond the cap (oldest first), to be stopped. */
  add(owner: string, id: string): string[] {
    const ids = [...(this.#byOwner.get(owner) ?? []), id];
    this.#ownerOf.set(id, owner);
    const evicted = ids.length > this.cap ? ids.splice(0, ids.length - this.cap) : [];
    for (const e of evicted) this.#ownerOf.delete(e);
    this.#byOwner.set(owner, ids);
    return evicted;
  }

  /** Whether `owner` may stop `id` (it started it). */
  owns(owner: string, id: string): boolean {
    return this.#ownerOf.get(id) === owner;
  }

  /** Forgets a stopped watch. */
  remove(id: string): void {
    const owner = this.#ownerOf.get(id);
    if (owner === undefined) return;
    this.#ownerOf.delete(id);
    const ids = (this.#byOwner.get(owner) ?? []).filter((x) => x !== id);
    if (ids.length > 0) this.#byOwner.set(owner, ids);
    else this.#byOwner.delete(owner);
  }

  clear(): void {
    this.#byOwner.clear();
    this.#ownerOf.clear();
  }
}
