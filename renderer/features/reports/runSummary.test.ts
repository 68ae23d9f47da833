import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../../shared/model/reports.js';
import { reportSummary } from '../../../main/core/reports/reportGenerators.js';
import { runSummary } from './runSummary.js';

const totals = (n: number) => ({ usersLoggedIn: n, sessions: n * 2, byDevice: { Desktop: n, iPhone: n, iPad: 0 } });

describe('runSummary', () => {
  it('rewords every shape the backend writes in Chinese, with its figures', () => {
    const cases: [ReportData, string][] = [
      [{ kind: 'sessions', clusters: [{ cluster: 'c', ...totals(4624) }], groups: [], nodes: [], users: [] }, '0 个节点，4,624 位用户已登录，9,248 个会话'],
      [{ kind: 'topology', ovaUsers: 15000, activeActive: false, clusters: [{ cluster: 'c', totalUsers: 1, assignedUsers: 1, unassignedUsers: 0, groupImbalancePercent: 0 }], groups: [], nodes: [] }, '0 个节点，已分配 1 位用户，均衡'],
      [{ kind: 'ha-readiness', groups: [], nodes: [] }, '0 个节点中 0 个就绪'],
      [{ kind: 'troubleshoot', tests: [] }, '失败 0，警告 0，未检查 0，通过 0'],
      [{ kind: 'users', checked: [{ cluster: 'c', users: 6000 }], rows: [] }, '6,000 位用户中有 0 个问题'],
      [{ kind: 'certificates', warnDays: 30, rows: [] }, '0 个证书，0 个已到期，0 个即将到期'],
      [{ kind: 'replication', clusters: [], nodes: [] }, '0 个节点，复制正常'],
      [{ kind: 'dashboard', clusters: [] }, '0 个群集，0 位用户'],
    ];
    for (const [data, zh] of cases) {
      const en = reportSummary(data);
      expect(runSummary(en, 'zh'), en).toBe(zh);
      expect(runSummary(en, 'en')).toBe(en);
    }
  });

  it('shows a line of an unknown shape as the backend wrote it', () => {
    expect(runSummary('something new', 'zh')).toBe('something new');
    expect(runSummary(undefined, 'zh')).toBe('');
  });
});
