import { describe, expect, it } from 'vitest';
import type { DrsComponentRow } from '../../../../shared/model/drs.js';
import { groupProgress, groupState, logViewerPath } from './statusRows.js';

const row = (server: string, feature: string, component: string, state: DrsComponentRow['state'], percent = 0): DrsComponentRow => ({ server, feature, component, state, percent });

describe('DRS status grouping', () => {
  const rows = [row('cucm-pub', 'UCM', 'CCMDB', 'SUCCESS'), row('cucm-pub', 'UCM', 'TFTP', 'ACTIVE', 50), row('imp-pub', 'IM&P', 'IMDB', 'PENDING'), row('imp-pub', 'IM&P', 'XCPCONF', 'PENDING')];
  it('gives each server its share done and state, in first-seen order', () => {
    expect(groupProgress(rows, 'server')).toEqual([
      { key: 'cucm-pub', percent: 75, state: 'ACTIVE', done: 1, total: 2 },
      { key: 'imp-pub', percent: 0, state: 'PENDING', done: 0, total: 2 },
    ]);
  });
  it('groups by feature too', () => {
    expect(groupProgress(rows, 'feature').map((g) => [g.key, g.percent])).toEqual([
      ['UCM', 75],
      ['IM&P', 0],
    ]);
  });
  it('lets an error or a cancel win, and calls a half-done group active', () => {
    expect(groupState([row('a', 'f', 'x', 'SUCCESS'), row('a', 'f', 'y', 'ERROR')])).toBe('ERROR');
    expect(groupState([row('a', 'f', 'x', 'CANCELLED'), row('a', 'f', 'y', 'SUCCESS')])).toBe('CANCELLED');
    expect(groupState([row('a', 'f', 'x', 'SUCCESS'), row('a', 'f', 'y', 'PENDING')])).toBe('ACTIVE');
    expect(groupState([row('a', 'f', 'x', 'SUCCESS')])).toBe('SUCCESS');
  });
});

describe('component log path', () => {
  it('opens the log under the node\u2019s active log tree', () => {
    expect(logViewerPath('activelog/platform/drf/log/x_b_cucm-pub_ucm_ccmdb.log')).toBe('/platform/drf/log/x_b_cucm-pub_ucm_ccmdb.log');
    expect(logViewerPath('/var/log/active/platform/drf/log/a.log')).toBe('/platform/drf/log/a.log');
    expect(logViewerPath('/platform/drf/log/a.log')).toBe('/platform/drf/log/a.log');
    expect(logViewerPath('platform/drf/trace/drfMA01.log')).toBe('/platform/drf/trace/drfMA01.log');
  });
});
