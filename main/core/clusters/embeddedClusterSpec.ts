import type { ClusterSpec } from '../collector/collector.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../collector/endpointsFileCluster.js';

/** Id of the embedded simulated cluster in the collector, the alert engine and the UI. */
export const EMBEDDED_CLUSTER_ID = 'sim';

/** Options of {@link embeddedClusterSpec}. */
export interface EmbeddedClusterSpecOptions {
  /** Poll intervals, seconds (default the collector's: RTMT's 30 s precanned views). */
  readonly intervals?: ClusterSpec['intervals'];
}

/**
 * The cluster spec of the embedded simulated cluster, built from its published endpoints document (plain JSON,
 * the same a `npm run sim --endpoints-file` writes) exactly as from a file: the monitor never imports the
 * simulator, it meets it over sockets. Id `sim`, named "<profile> (simulated)", flagged simulated.
 */
export function embeddedClusterSpec(endpoints: unknown, options: EmbeddedClusterSpecOptions = {}): ClusterSpec {
  const doc = parseEndpointsDocument(endpoints);
  const profileName = doc.nodes[0]?.cluster ?? EMBEDDED_CLUSTER_ID;
  const spec = clusterSpecFromEndpoints(doc, { id: EMBEDDED_CLUSTER_ID, name: `${profileName} (simulated)`, simulated: true });
  return { ...spec, ...(options.intervals ? { intervals: options.intervals } : {}) };
}
