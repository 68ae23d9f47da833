import { describe, expect, it } from 'vitest';
import { matchSrmStateTable, SRM_STATE_TABLE } from './srmStateTable.js';

describe('Table 4 matcher', () => {
  it('has rows 1-24 in order, each with English and Chinese text', () => {
    expect(SRM_STATE_TABLE.map((r) => r.row)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    for (const r of SRM_STATE_TABLE) {
      expect(r.action.en.length).toBeGreaterThan(5);
      expect(r.action.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('finds each row from any combination it accepts, unambiguously', () => {
    for (const r of SRM_STATE_TABLE) {
      for (const s1 of r.node1.states) for (const r1 of r.node1.reasons) for (const s2 of r.node2.states) for (const r2 of r.node2.reasons) {
        expect(matchSrmStateTable({ state: s1, reason: r1 }, { state: s2, reason: r2 })).toEqual({ row: r, mirrored: false });
      }
    }
  });

  it('matches mirrored pairs and nothing for combinations the guide does not list', () => {
    expect(matchSrmStateTable({ state: 'runningInBackupMode', reason: 'peerReboot' }, { state: 'down', reason: null })).toMatchObject({ row: { row: 17 }, mirrored: true });
    expect(matchSrmStateTable({ state: 'failingOver', reason: 'criticalServiceDown' }, { state: 'takingOver', reason: 'criticalServiceDown' })).toBeUndefined();
    expect(matchSrmStateTable({ state: 'unknown', reason: 'highAvailabilityNotEnabled' }, { state: 'unknown', reason: 'highAvailabilityNotEnabled' })).toBeUndefined();
  });
});
