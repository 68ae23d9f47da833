import { describe, expect, it } from 'vitest';
import type { ReportData, ReportKind, ReportRunInfo } from '../../../shared/model/reports.js';
import { REPORT_KINDS } from '../../../shared/model/reports.js';
import { reportSummary, reportSummaryValues, summaryText, type ReportSummaryValues } from '../../../main/core/reports/reportGenerators.js';
import { translate, type Locale } from '../../i18n/messages.js';
import { runSummary } from './runSummary.js';

const tr = (locale: Locale) => (key: Parameters<typeof translate>[1], params?: Readonly<Record<string, string | number>>) => translate(locale, key, params);
const word = (kind: ReportKind, values: Readonly<Record<string, number>> | undefined, locale: Locale, summary?: string): string =>
  runSummary({ kind, ...(values ? { summaryValues: values } : {}), ...(summary !== undefined ? { summary } : {}) } as Pick<ReportRunInfo, 'kind' | 'summary' | 'summaryValues'>, tr(locale), locale);

/** Figures per kind: none, one (singular nouns) and many (grouped digits). */
const FIGURES: Readonly<Record<ReportKind, readonly ReportSummaryValues[ReportKind][]>> = {
  sessions: [{ nodes: 0, users: 0, sessions: 0 }, { nodes: 1, users: 1, sessions: 1 }, { nodes: 4, users: 4624, sessions: 9248 }],
  topology: [{ nodes: 1, assigned: 1, unbalancedGroups: 0 }, { nodes: 6, assigned: 15000, unbalancedGroups: 1 }, { nodes: 6, assigned: 2, unbalancedGroups: 2 }],
  'ha-readiness': [{ ready: 0, nodes: 1 }, { ready: 3, nodes: 4 }],
  troubleshoot: [{ failed: 0, warning: 1, notChecked: 0, passed: 1 }, { failed: 2, warning: 3, notChecked: 4, passed: 40 }],
  users: [{ problems: 1, users: 1 }, { problems: 12, users: 15000 }],
  certificates: [{ expired: 0, expiring: 0, total: 1 }, { expired: 1, expiring: 2, total: 20 }],
  replication: [{ nodes: 4, notReplicating: 0, notKnown: 0 }, { nodes: 4, notReplicating: 1, notKnown: 1 }, { nodes: 0, notReplicating: 0, notKnown: 1 }, { nodes: 1, notReplicating: 0, notKnown: 2 }],
  dashboard: [{ clusters: 1, users: 1 }, { clusters: 2, users: 30000 }],
};

describe('runSummary', () => {
  it('words every kind from its figures in English exactly as the backend does (plural nouns, grouped digits)', () => {
    for (const kind of REPORT_KINDS) for (const values of FIGURES[kind]) expect(word(kind, values, 'en', 'ignored'), `${kind} ${JSON.stringify(values)}`).toBe(summaryText(kind, values));
  });

  it('words every kind in Chinese', () => {
    const zh = (kind: ReportKind, i: number): string => word(kind, FIGURES[kind][i], 'zh');
    expect(zh('sessions', 2)).toBe('4 个节点，4,624 位用户已登录，9,248 个会话');
    expect(zh('topology', 0)).toBe('1 个节点，已分配 1 位用户，均衡');
    expect(zh('topology', 1)).toBe('6 个节点，已分配 15,000 位用户，1 个组不均衡');
    expect(zh('ha-readiness', 1)).toBe('4 个节点中 3 个就绪');
    expect(zh('troubleshoot', 1)).toBe('失败 2，警告 3，未检查 4，通过 40');
    expect(zh('users', 1)).toBe('15,000 位用户中有 12 个问题');
    expect(zh('certificates', 1)).toBe('20 个证书，1 个已到期，2 个即将到期');
    expect(zh('replication', 0)).toBe('4 个节点，复制正常');
    expect(zh('replication', 1)).toBe('4 个节点，1 个未复制');
    expect(zh('replication', 2)).toBe('0 个节点，1 个群集的复制状态未知');
    expect(zh('dashboard', 1)).toBe('2 个群集，30,000 位用户');
  });

  it('the backend fills the figures each kind needs from its data', () => {
    const data: ReportData[] = [
      { kind: 'troubleshoot', tests: [{ cluster: 'c', category: 'ldap', test: 't', result: 'failed' }, { cluster: 'c', category: 'ldap', test: 'u', result: 'not-checked' }] },
      { kind: 'replication', clusters: [{ cluster: 'c', statusRan: true, mismatches: [], errors: [], remedy: 'unknown' }], nodes: [] },
      { kind: 'users', checked: [{ cluster: 'c', users: 6000 }], rows: [] },
    ];
    expect(data.map((d) => reportSummaryValues(d))).toEqual([
      { failed: 1, warning: 0, notChecked: 1, passed: 0 },
      { nodes: 0, notReplicating: 0, notKnown: 1 },
      { problems: 0, users: 6000 },
    ]);
    for (const d of data) expect(word(d.kind, reportSummaryValues(d), 'zh')).not.toBe(reportSummary(d));
    // "0 nodes, replication good" no longer hides a state that could not be read.
    expect(reportSummary(data[1]!)).toBe('0 nodes, replication state not known in 1 cluster');
  });

  it('falls back to the kept English line when the figures are absent (runs kept before) or incomplete', () => {
    expect(word('sessions', undefined, 'zh', '3 nodes, 2 users logged in, 2 sessions')).toBe('3 nodes, 2 users logged in, 2 sessions');
    expect(word('sessions', { nodes: 3 }, 'zh', 'old words')).toBe('old words');
    expect(word('sessions', undefined, 'zh')).toBe('');
  });
});
