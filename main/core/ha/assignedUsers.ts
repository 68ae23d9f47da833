/**
 * Users assigned to each node, as the counters show them: a node's "Cisco XCP JSM" JsmSessionsComposed (one
 * composed session per user the node hosts) last seen while its SRM state was Normal, i.e. while it hosted only
 * its own users. During a failover or fallback it is what "users moved so far" is counted against.
 */
export class AssignedUsers {
  readonly #byNode = new Map<string, number>();

  /** Records a node's composed sessions when its state is Normal. */
  observe(cluster: string, node: string, state: string | undefined, composedSessions: number | undefined): void {
    if (composedSessions === undefined || !Number.isFinite(composedSessions) || state?.trim().toLowerCase() !== 'normal') return;
    this.#byNode.set(`${cluster}|${node}`, composedSessions);
  }

  /** The node's assigned users, when seen. */
  get(cluster: string, node: string): number | undefined {
    return this.#byNode.get(`${cluster}|${node}`);
  }
}
