/** Compares two OIDs in lexicographic SNMP order (a prefix sorts before its extensions). */
export function compareOids(a: readonly number[], b: readonly number[]): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Returns whether `prefix` is a (non-strict) prefix of `oid`. */
export function oidStartsWith(oid: readonly number[], prefix: readonly number[]): boolean {
  if (prefix.length > oid.length) return false;
  for (let i = 0; i < prefix.length; i++) if (oid[i] !== prefix[i]) return false;
  return true;
}

/** Parses a dotted OID ("1.3.6.1" or ".1.3.6.1"). */
export function parseOid(text: string): number[] {
  const arcs = text.replace(/^\./, '').split('.').map(Number);
  if (arcs.some((a) => !Number.isInteger(a) || a < 0 || a > 0xffffffff)) throw new RangeError(`bad OID '${text}'`);
  return arcs;
}

/**
 * An immutable ordered index of MIB instances: a sorted array and binary search, so Get, GetNext and each
 * GetBulk repetition cost O(log n) whatever the table size. (net-snmp's stock agent walks its MIB tree per
 * request and falls to ~700 varbinds/s on a 30,000-value table: peers-and-limits.md §5.1.)
 */
export class OidIndex<T extends { readonly oid: readonly number[] }> {
  readonly #items: readonly T[];

  /** Sorts `items` by OID; a duplicate OID is a programming error in a MIB builder. */
  constructor(items: T[]) {
    items.sort((a, b) => compareOids(a.oid, b.oid));
    for (let i = 1; i < items.length; i++) {
      if (compareOids(items[i - 1]!.oid, items[i]!.oid) === 0) throw new Error(`duplicate OID ${items[i]!.oid.join('.')} in MIB view`);
    }
    this.#items = items;
  }

  get size(): number {
    return this.#items.length;
  }

  /** Index of the first item whose OID is >= `oid` (or `size`). */
  lowerBound(oid: readonly number[]): number {
    let lo = 0;
    let hi = this.#items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareOids(this.#items[mid]!.oid, oid) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The item with exactly this OID. */
  get(oid: readonly number[]): T | undefined {
    const i = this.lowerBound(oid);
    const item = this.#items[i];
    return item !== undefined && compareOids(item.oid, oid) === 0 ? item : undefined;
  }

  /** The first item strictly after `oid` in lexicographic order (GetNext semantics). */
  next(oid: readonly number[]): T | undefined {
    let i = this.lowerBound(oid);
    const item = this.#items[i];
    if (item !== undefined && compareOids(item.oid, oid) === 0) i++;
    return this.#items[i];
  }

  /** All items, in order. */
  items(): readonly T[] {
    return this.#items;
  }
}
