/**
 * The heading of a Performance panel names the node(s) its counters come from: a title saved without them (or a
 * panel holding counters of several nodes) is prefixed with the nodes it does not already name.
 */
import type { SeriesRef } from '../../../shared/model/views.js';

/** Returns the panel's heading: "node · title", "node-a, node-b · title", or the title when it names every node. */
export function panelHeading(title: string, series: readonly { readonly ref: SeriesRef }[]): string {
  const nodes = [...new Set(series.map((s) => s.ref.node))];
  const missing = nodes.filter((n) => !title.includes(n));
  return missing.length === 0 ? title : `${missing.join(', ')} · ${title}`;
}
