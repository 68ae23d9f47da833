import { describe, expect, it } from 'vitest';
import { findUserQuerySchema, reportRequestSchema } from './reports.js';

describe('report input schemas', () => {
  it('find a user: an apostrophe passes (sqlLiteral doubles it); double quotes, backslashes, wildcards and control characters do not', () => {
    expect(findUserQuerySchema.parse("  o'brien ")).toBe("o'brien");
    for (const bad of ['o"brien', 'a\\b', 'x;y', 'us%', 'us*', 'us?', 'a\u0003b', '', '   ', 'x'.repeat(129)]) {
      expect(findUserQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
  it('a report request: kind, clusters, options in range, watch', () => {
    expect(reportRequestSchema.parse({ kind: 'ha-readiness', watch: true, options: { ovaUsers: 5000 } })).toEqual({ kind: 'ha-readiness', watch: true, options: { ovaUsers: 5000 } });
    expect(reportRequestSchema.safeParse({ kind: 'sessions', options: { ovaUsers: 7000 } }).success).toBe(false);
    expect(reportRequestSchema.safeParse({ kind: 'certificates', options: { warnDays: 0 } }).success).toBe(false);
    expect(reportRequestSchema.safeParse({ kind: 'sessions', clusters: [] }).success).toBe(false);
    expect(reportRequestSchema.safeParse({ kind: 'nope' }).success).toBe(false);
    expect(reportRequestSchema.safeParse({ kind: 'sessions', extra: 1 }).success).toBe(false);
  });
});
