import { describe, expect, it } from 'vitest';
import { nextRowIndex, sortRows } from './sortRows.js';

describe('sortRows', () => {
  const rows = [{ n: 'b', v: 2 }, { n: 'a', v: undefined }, { n: 'c', v: 10 }, { n: 'd', v: 2 }];
  it('sorts numbers numerically, stable, blanks last both ways', () => {
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.n)).toEqual(['b', 'd', 'c', 'a']);
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.n)).toEqual(['c', 'b', 'd', 'a']);
  });
  it('sorts strings by locale', () => {
    expect(sortRows(rows, (r) => r.n, 'desc').map((r) => r.n)).toEqual(['d', 'c', 'b', 'a']);
  });
});

describe('nextRowIndex', () => {
  it.each([
    [0, 'ArrowDown', 5, 1],
    [4, 'ArrowDown', 5, 4],
    [0, 'ArrowUp', 5, 0],
    [3, 'Home', 5, 0],
    [1, 'End', 5, 4],
    [2, 'PageDown', 5, 4],
    [2, 'x', 5, 2],
    [0, 'ArrowDown', 0, -1],
  ])('from %i with %s over %i rows → %i', (current, key, count, expected) => {
    expect(nextRowIndex(current, key, count)).toBe(expected);
  });
});
