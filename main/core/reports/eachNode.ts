/**
 * Asks the nodes of one cluster at the same time (issue 14): each node has its own admin CLI session and its own
 * SOAP budget (reference B.1), so asking them together costs no node more, and a node that is off or hangs costs
 * the report one timeout instead of adding its timeouts to everyone else's. The per-node order a report needs (the
 * session report's counter → rows → counter) stays inside `ask`. Results keep the nodes' order. Every node's work
 * settles before this returns or throws (the first failure, e.g. the run's cancel), so nothing of a report runs on
 * after it ended and the run can close its sessions.
 */
export async function eachNode<T, R>(nodes: readonly T[], ask: (node: T) => Promise<R>): Promise<R[]> {
  const settled = await Promise.allSettled(nodes.map((n) => ask(n)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}
