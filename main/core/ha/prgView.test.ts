import { describe, expect, it } from 'vitest';
import { SRM_REASON_LABELS, SRM_STATE_LABELS } from '../../../shared/ha/srmStates.js';
import { SRM_STATE_TABLE } from '../../../shared/ha/srmStateTable.js';
import { prgView, type PrgNodeInfo } from './prgView.js';

const group = (a: [string, string], b: [string, string]) => ({ name: 'Subcluster-2', nodes: [{ name: 'imp-sub2', state: a[0], reason: a[1] }, { name: 'imp-sub3', state: b[0], reason: b[1] }] });
const info = (m: Record<string, PrgNodeInfo> = {}) => new Map(Object.entries(m));

describe('prgView', () => {
  it('every row of the guide\'s Table 4 shows its recommended action', () => {
    for (const row of SRM_STATE_TABLE) {
      const pick = (c: typeof row.node1): [string, string] => {
        const r = c.reasons[0]!;
        return [SRM_STATE_LABELS[c.states[0]!].en, r === null || (r === 'normal' && c.states[0] === 'normal') ? '' : SRM_REASON_LABELS[r].en];
      };
      const v = prgView('sim', group(pick(row.node1), pick(row.node2)), info(), 0);
      const action = v.tableRow?.actionEn ?? v.otherAction?.actionEn;
      expect(action, `row ${row.row}`).toBeTruthy();
      expect(v.tableRow?.row, `row ${row.row}`).toBe(row.row);
      expect(v.tableRow?.actionZh).toBeTruthy();
    }
  });

  it('an automatic Failing Over / Critical Service Down (no Table 4 row) still gets an action, the heading-to states and users moved', () => {
    const v = prgView(
      'sim',
      group(['Failing Over', 'Critical Service Down'], ['Taking Over', 'Critical Service Down']),
      info({ 'imp-sub2': { assignedUsers: 1500, activeJsmSessions: 0, reachable: true }, 'imp-sub3': { assignedUsers: 1500, activeJsmSessions: 2100, reachable: true } }),
      0,
    );
    expect(v.tableRow).toBeUndefined();
    expect(v.otherAction?.actionEn).toMatch(/Automatic failover in progress \(Critical Service Down\)/);
    expect(v.otherAction?.actionZh).toMatch(/自动故障转移/);
    expect(v.headingTo).toEqual({ 'imp-sub2': 'Failed Over with Critical Services not Running', 'imp-sub3': 'Running in Backup Mode' });
    expect(v.users).toEqual({ from: 'imp-sub2', to: 'imp-sub3', moved: 600, total: 1500 });
    // Every button says why it is disabled.
    expect(v.allowed).toEqual({ failover: [], fallback: [], recover: false });
    expect(v.disabledReasons).toEqual({
      'failover:imp-sub2': { key: 'inTransition', params: { node: 'imp-sub2', state: 'Failing Over' } },
      'fallback:imp-sub2': { key: 'inTransition', params: { node: 'imp-sub2', state: 'Failing Over' } },
      'failover:imp-sub3': { key: 'inTransition', params: { node: 'imp-sub2', state: 'Failing Over' } },
      'fallback:imp-sub3': { key: 'inTransition', params: { node: 'imp-sub2', state: 'Failing Over' } },
      recover: { key: 'inTransition', params: { node: 'imp-sub2', state: 'Failing Over' } },
    });
  });

  it('a fallback counts the users the home node took back against its assigned users', () => {
    const v = prgView('sim', group(['Taking Back', 'On Admin Request'], ['Falling Back', 'On Admin Request']), info({ 'imp-sub2': { assignedUsers: 1500, activeJsmSessions: 300 } }), 0);
    expect(v.tableRow?.row).toBe(4);
    expect(v.users).toEqual({ from: 'imp-sub3', to: 'imp-sub2', moved: 300, total: 1500 });
    expect(v.headingTo).toEqual({ 'imp-sub2': 'Normal', 'imp-sub3': 'Normal' });
  });

  it('after the takeover, users still being re-created on the backup are shown until all are back', () => {
    const pair = group(['Idle', 'On Admin Request'], ['Running in Backup Mode', 'On Admin Request']);
    const ramping = prgView('sim', pair, info({ 'imp-sub2': { assignedUsers: 1500 }, 'imp-sub3': { assignedUsers: 1400, activeJsmSessions: 2000 } }), 0);
    expect(ramping.tableRow?.row).toBe(3);
    expect(ramping.users).toEqual({ from: 'imp-sub2', to: 'imp-sub3', moved: 600, total: 1500 });
    const done = prgView('sim', pair, info({ 'imp-sub2': { assignedUsers: 1500 }, 'imp-sub3': { assignedUsers: 1400, activeJsmSessions: 2900 } }), 0);
    expect(done.users).toBeUndefined();
  });

  it('Normal pair: failover allowed on both; fallback and recover say why not; an unreachable node disables its peer\'s buttons too', () => {
    const v = prgView('sim', group(['Normal', ''], ['Normal', '']), info(), 0);
    expect(v.allowed.failover).toEqual(['imp-sub2', 'imp-sub3']);
    expect(v.disabledReasons?.['fallback:imp-sub2']).toEqual({ key: 'fallbackNeedsBackup', params: { peer: 'imp-sub3' } });
    expect(v.disabledReasons?.recover).toEqual({ key: 'recoverNeedsFailedMode' });
    expect(v.headingTo).toBeUndefined();
    const down = prgView('sim', group(['Normal', ''], ['Normal', '']), info({ 'imp-sub3': { reachable: false } }), 0);
    expect(down.allowed.failover).toEqual([]);
    expect(down.disabledReasons?.['failover:imp-sub3']).toEqual({ key: 'unreachable', params: { node: 'imp-sub3' } });
    expect(down.disabledReasons?.['failover:imp-sub2']).toEqual({ key: 'unreachable', params: { node: 'imp-sub3' } });
  });

  it('HA not enabled is the reason of every button', () => {
    const v = prgView('sim', group(['Unknown', 'High Availability Not Enabled'], ['Unknown', 'High Availability Not Enabled']), info(), 0);
    expect(v.haEnabled).toBe(false);
    expect(Object.values(v.disabledReasons ?? {}).every((r) => r.key === 'haNotEnabled')).toBe(true);
    expect(Object.keys(v.disabledReasons ?? {})).toHaveLength(5);
  });
});
