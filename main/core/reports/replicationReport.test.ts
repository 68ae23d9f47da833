import { describe, expect, it } from 'vitest';
import type { ReplicationNodeRow } from '../../../shared/model/reports.js';
import { replicationRemedy } from './replicationReport.js';

const node = (name: string, setupState: number | undefined): ReplicationNodeRow => ({ cluster: 'c', reportedBy: 'imp-pub', node: name, ...(setupState !== undefined ? { setupState } : {}), setupText: '', good: setupState === 2 });
const status = (mismatches: string[] = [], errors: string[] = []) => ({ completed: true, mismatches, errors });

describe('replication remedy (guide L2062, L10555, L10618)', () => {
  it('none when every node is 2 and the status check found nothing', () => {
    expect(replicationRemedy([node('a', 2), node('b', 2)], status())).toBe('none');
  });
  it('reset when a node is not 2, or the status check found mismatches or errors', () => {
    expect(replicationRemedy([node('a', 2), node('b', 0)], status())).toBe('reset');
    expect(replicationRemedy([node('a', 2), node('b', 3)], undefined)).toBe('reset');
    expect(replicationRemedy([node('a', 2)], status(['enduser on imp-sub1'])) ).toBe('reset');
    expect(replicationRemedy([node('a', 2)], status([], ['timeout']))).toBe('reset');
  });
  it('unknown when no node\'s state (or one node\'s) could be read and nothing else calls for reset or rebuild', () => {
    // runtimestate did not answer, the status check ran clean: not "none".
    expect(replicationRemedy([], status())).toBe('unknown');
    expect(replicationRemedy([], undefined)).toBe('unknown');
    expect(replicationRemedy([node('a', 2), node('b', undefined)], status())).toBe('unknown');
    expect(replicationRemedy([node('a', 2), node('b', undefined)], undefined)).toBe('unknown');
    // Anything that calls for a reset or a rebuild still wins.
    expect(replicationRemedy([node('a', 3), node('b', undefined)], status())).toBe('reset');
    expect(replicationRemedy([], status(['enduser on imp-sub1']))).toBe('reset');
    expect(replicationRemedy([node('a', 4), node('b', undefined)], undefined)).toBe('rebuild');
  });
  it('rebuild when setup failed (state 4)', () => {
    expect(replicationRemedy([node('a', 0), node('b', 4)], status())).toBe('rebuild');
  });
});
