/** Pure sorting of table rows by a column's sort value (numbers numerically, strings by locale, blanks last). */

/** Sort direction. */
export type SortDirection = 'asc' | 'desc';

/** Returns the rows sorted by `value`, stable, with undefined values last in both directions. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => string | number | undefined, direction: SortDirection): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      if (a.v === undefined || b.v === undefined) return a.v === b.v ? a.index - b.index : a.v === undefined ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return c === 0 ? a.index - b.index : sign * c;
    })
    .map((x) => x.row);
}

/** Returns the index of the row to focus after an arrow key (clamped; Home/End jump). */
export function nextRowIndex(current: number, key: string, count: number): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, current + 10);
    case 'PageUp':
      return Math.max(0, current - 10);
    default:
      return current;
  }
}
