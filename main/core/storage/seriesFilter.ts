import type { SeriesFilter, SeriesRef } from './storage.js';

/** Returns whether every field given in `filter` equals the ref's (omitted fields match anything). */
export function matchesFilter(ref: SeriesRef, filter: SeriesFilter): boolean {
  return (
    (filter.cluster === undefined || filter.cluster === ref.cluster) &&
    (filter.node === undefined || filter.node === ref.node) &&
    (filter.object === undefined || filter.object === ref.object) &&
    (filter.instance === undefined || filter.instance === ref.instance) &&
    (filter.counter === undefined || filter.counter === ref.counter)
  );
}
