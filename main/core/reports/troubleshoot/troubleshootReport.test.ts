import { describe, expect, it } from 'vitest';
import { TROUBLESHOOT_CATEGORIES } from '../../../../shared/model/reports.js';
import { PollError } from '../../polling/pollError.js';
import type { CliCommandResult } from '../../polling/ssh/sshCliSession.js';
import type { ReportClusterAccess, ReportNodeInfo } from '../reportAccess.js';
import { standaloneReportContext } from '../reportRunner.js';
import { troubleshootReport, troubleshootSummary } from './troubleshootReport.js';

const NODES: ReportNodeInfo[] = [
  { name: 'cucm-pub', role: 'cucm-publisher', host: '127.0.10.11', reachability: 'up' },
  { name: 'imp-pub', role: 'imp-publisher', host: '127.0.10.12', reachability: 'up' },
  { name: 'imp-sub1', role: 'imp-subscriber', host: '127.0.10.13', reachability: 'down' },
];

/** Nodes that answer every command with `answer` (a refusal, garbage, a timeout): faults the simulator does not make. */
function access(answer: (node: string, command: string) => CliCommandResult): ReportClusterAccess & { sent: string[] } {
  const sent: string[] = [];
  const none = async () => ({ ok: false as const, error: new PollError('POLL_PROTOCOL', 'soap', '', 'unused') });
  return {
    cluster: 'c1',
    sent,
    nodes: () => NODES,
    cli: async (node, command) => (sent.push(`${node}: ${command}`), answer(node, command)),
    perfmon: none,
    services: none,
    haGroups: none,
    requestCounts: () => new Map(),
  };
}

describe('System Troubleshooter when commands fail', () => {
  it.each([
    ['refused', (): CliCommandResult => ({ ok: true, output: 'Executed command unsuccessfully\n' })],
    ['garbled', (): CliCommandResult => ({ ok: true, output: 'x\u0000\u0007 ]]] \n=== \n'.repeat(3) })],
    ['timed out', (node: string): CliCommandResult => ({ ok: false, error: new PollError('POLL_TIMEOUT', 'ssh', node, `no admin CLI prompt from ${node}`) })],
  ])('%s answers leave every test not checked, with why, never passed', async (_label, answer) => {
    const a = access(answer);
    const ctx = standaloneReportContext({ clusters: [a] });
    const r = await troubleshootReport(ctx);
    expect([...new Set(r.tests.map((t) => t.category))]).toEqual([...TROUBLESHOOT_CATEGORIES]);
    for (const t of r.tests) {
      expect(t.result, `${t.category}/${t.test}`).toBe('not-checked');
      expect(t.problem, `${t.category}/${t.test}`).toMatch(/^Not checked/);
      expect(t.solution && t.fixAt).toBeTruthy();
    }
    expect(ctx.problems.length).toBeGreaterThan(0);
    // A node the monitor sees down is not asked its own checks (a database question tries it last: clusterLayout.ts).
    expect(a.sent.filter((s) => s.startsWith('imp-sub1') && !s.startsWith('imp-sub1: run sql'))).toEqual([]);
    expect(r.tests.find((t) => t.category === 'presence-engine')!.problem).toMatch(/imp-sub1|imp-pub/);
    expect(troubleshootSummary(r.tests)).toBe(`${r.tests.length} not checked`);
  });

  it('asks each command once per node however many tests need it', async () => {
    const a = access(() => ({ ok: true, output: 'Executed command unsuccessfully\n' }));
    await troubleshootReport(standaloneReportContext({ clusters: [a] }));
    expect(a.sent.length).toBe(new Set(a.sent).size);
  });
});
