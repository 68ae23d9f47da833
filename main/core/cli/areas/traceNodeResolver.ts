import { readFileSync } from 'node:fs';
import { AppError } from '../../base/errors.js';
import type { ClusterSpec } from '../../collector/collector.js';
import type { TraceNodeResolver } from '../../traces/traceNodeClients.js';
import type { NodeArg } from './traceRequestOptions.js';

/** The trace clients' view of the clusters a verb opened: each node's targets by cluster id and node name. */
export function traceNodeResolver(clusters: readonly ClusterSpec[]): TraceNodeResolver {
  return {
    targets: (cluster, node) => clusters.find((c) => c.id === cluster)?.nodes.find((n) => n.name === node),
    nodes: (cluster) => clusters.filter((c) => cluster === undefined || c.id === cluster).flatMap((c) => c.nodes.map((n) => ({ cluster: c.id, node: n.name }))),
  };
}

/**
 * The nodes `--nodes` names (every node of every cluster without it). A name that two clusters share must be
 * given as cluster/node; an unknown one is refused naming the nodes there are.
 */
export function pickNodes(resolver: TraceNodeResolver, wanted: readonly NodeArg[] | undefined): { cluster: string; node: string }[] {
  const all = resolver.nodes();
  if (wanted === undefined) return all;
  const out: { cluster: string; node: string }[] = [];
  for (const w of wanted) {
    const hits = all.filter((n) => n.node === w.node && (w.cluster === undefined || n.cluster === w.cluster));
    const name = w.cluster === undefined ? w.node : `${w.cluster}/${w.node}`;
    if (hits.length === 0) throw new AppError('NOT_FOUND', `no node ${name}: the nodes are ${all.map((n) => `${n.cluster}/${n.node}`).join(', ')}`);
    if (hits.length > 1) throw new AppError('VALIDATION', `node ${w.node} is in clusters ${hits.map((h) => h.cluster).join(' and ')}: name it as cluster/node`);
    if (!out.some((o) => o.cluster === hits[0]!.cluster && o.node === hits[0]!.node)) out.push(hits[0]!);
  }
  return out;
}

/** This tool's version (package.json), recorded in each bundle's collection.json. */
export function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
