import { describe, expect, it } from 'vitest';
import type { TroubleshootReport, UsersReport } from '../../../../shared/model/reports.js';
import { compareRows, WORSE_WHEN_UP } from './compareRows.js';

describe('compareRows', () => {
  it('keeps a troubleshooter test\u2019s ids on its row (the view shows its catalogue title) and marks a changed result', () => {
    const run = (result: 'passed' | 'failed'): TroubleshootReport => ({ kind: 'troubleshoot', tests: [{ cluster: 'sim', category: 'sync-agent', test: 'service-running', result }] });
    const [row] = compareRows(run('failed'), run('passed'));
    expect(row).toMatchObject({ subject: 'sim / sync-agent / service-running', metric: 'result', a: 'failed', b: 'passed', changed: true, test: { cluster: 'sim', category: 'sync-agent', test: 'service-running' } });
  });

  it('counts user problems per kind, a rise of which is bad news', () => {
    const a: UsersReport = { kind: 'users', checked: [{ cluster: 'sim', users: 10 }], rows: [{ cluster: 'sim', kind: 'no-mail-id', userId: 'u1' }, { cluster: 'sim', kind: 'no-mail-id', userId: 'u2' }] } as unknown as UsersReport;
    const b: UsersReport = { kind: 'users', checked: [{ cluster: 'sim', users: 10 }], rows: [] } as UsersReport;
    const problems = compareRows(a, b).find((r) => r.metric === 'problems')!;
    expect(problems).toMatchObject({ subject: 'sim / no-mail-id', a: 2, delta: 2, changed: true });
    expect(problems.test).toBeUndefined();
    expect(WORSE_WHEN_UP.has('problems')).toBe(true);
    expect(WORSE_WHEN_UP.has('sessions')).toBe(false);
  });

  it('refuses two kinds', () => {
    expect(() => compareRows({ kind: 'troubleshoot', tests: [] }, { kind: 'replication', clusters: [], nodes: [] })).toThrow(RangeError);
  });
});
