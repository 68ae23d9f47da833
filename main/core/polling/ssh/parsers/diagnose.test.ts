import { describe, expect, it } from 'vitest';
import { parseDiagnose, parseDiagnoseModule } from './diagnose.js';

// `utils diagnose` (reference D.9; the IM&P modules designed: no real sample). Golden files: reportCommands.test.ts.
const code = (r: { ok: boolean; error?: { code: string } }): string => (r.ok ? 'ok' : r.error!.code);

describe('utils diagnose', () => {
  it('reads the three result-line forms: `: Passed`, `—Passed` (MSG-010) and ` - detail`', () => {
    const r = parseDiagnose('Log file: platform/log/diag1.log\n\nStarting diagnostic test(s)\n===========================\ntest - disk_space          : Passed\ntest - tomcat              \u2014Passed\ntest - calendar            : Skipped - no calendar server configured\ntest - compliance          : Warning\n\nDiagnostics Completed\n');
    expect(r.ok && r.value.map((m) => [m.module, m.result, m.detail])).toEqual([
      ['disk_space', 'passed', ''],
      ['tomcat', 'passed', ''],
      ['calendar', 'skipped', 'no calendar server configured'],
      ['compliance', 'warning', ''],
    ]);
  });
  it('item lines belong to the test above them; names with blanks are one item', () => {
    const r = parseDiagnoseModule('Starting diagnostic test(s)\n===\ntest - sync_agent          : Failed - last sync 2026-12-06 10:00:00 UTC, 6000 users\n    Cisco Sync Agent on imp-pub   stopped\n\nDiagnostics Completed\n', 'sync_agent');
    expect(r).toEqual({ ok: true, value: { module: 'sync_agent', result: 'failed', detail: 'last sync 2026-12-06 10:00:00 UTC, 6000 users', items: [{ item: 'Cisco Sync Agent on imp-pub', state: 'stopped' }] } });
  });
  it('cut (no "Diagnostics Completed"), an unknown result word or another module’s answer is POLL_PARSE', () => {
    expect(code(parseDiagnose('Starting diagnostic test(s)\n===\ntest - ldap : Passed\n'))).toBe('POLL_PARSE');
    expect(code(parseDiagnose('test - ldap : Exploded\nDiagnostics Completed\n'))).toBe('POLL_PARSE');
    expect(code(parseDiagnoseModule('test - ldap : Passed\nDiagnostics Completed\n', 'tomcat'))).toBe('POLL_PARSE');
    expect(code(parseDiagnose('test - ldap : Failed\n    lonely\nDiagnostics Completed\n'))).toBe('POLL_PARSE');
  });
  it('an unknown module is the node’s refusal', () => {
    const r = parseDiagnoseModule('Module not found: nosuch\nExecuted command unsuccessfully\n', 'nosuch', 'imp-pub');
    expect(r.ok ? '' : [r.error.code, r.error.message]).toEqual(['POLL_PROTOCOL', 'imp-pub: utils diagnose: Module not found: nosuch']);
  });
});
