/**
 * Counts the requests a report sends, per node and interface (ReportRunInfo.requests; `npm run bench:reports`
 * prints them). SOAP (Perfmon, ControlCenter) shares the node's 80/min budget with the collector, which leaves 20
 * free (collector/soapDemand.ts); RIS has its own rate; SSH is the admin CLI. Both accesses count through one of these.
 * No report asks RIS (ReportClusterAccess has no RIS call: sessions come from the JSM counter and `clientsessions`,
 * node state from the accesses' own answers), so `ris` stays 0; it is counted so a run's shape need not change if
 * one ever does. The HA readiness Watch (every 20 s) costs ≤ 2 SOAP requests per node and run, ≤ 6 a minute, which
 * leaves room in the 20 for another report in the same minute (`npm run bench:reports` prints both per minute).
 */
import type { NodeRequestCount } from '../../../shared/model/reports.js';

export type RequestInterface = 'soap' | 'ris' | 'ssh';

export interface RequestTally {
  soap: number;
  ris: number;
  ssh: number;
}

export class RequestMeter {
  readonly #counts = new Map<string, RequestTally>();

  /** One request sent to `node` over `iface`. */
  count(node: string, iface: RequestInterface, n = 1): void {
    let t = this.#counts.get(node);
    if (!t) this.#counts.set(node, (t = { soap: 0, ris: 0, ssh: 0 }));
    t[iface] += n;
  }

  /** A copy of the counts so far, per node. */
  snapshot(): ReadonlyMap<string, { soap: number; ris: number; ssh: number }> {
    return new Map([...this.#counts].map(([k, v]) => [k, { ...v }]));
  }
}

/** The counts of several clusters' accesses as the run info lists them, sorted by cluster then node. */
export function nodeRequestCounts(accesses: readonly { cluster: string; requestCounts(): ReadonlyMap<string, { soap: number; ris: number; ssh: number }> }[]): NodeRequestCount[] {
  const out: NodeRequestCount[] = [];
  for (const a of accesses) for (const [node, c] of a.requestCounts()) out.push({ cluster: a.cluster, node, soap: c.soap, ris: c.ris, ssh: c.ssh });
  return out.sort((x, y) => x.cluster.localeCompare(y.cluster) || x.node.localeCompare(y.node));
}
