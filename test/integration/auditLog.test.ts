// The audit log's chain against someone who edits history.db behind the app's back (issue 16 "`audit verify`
// passes on a fresh log and fails, naming the entry, after one row is edited in the SQLite file"): the log written
// as the server writes it (openAuditLog on a data folder: history.db, the key in the encrypted credential store,
// audit/head.json), rows edited and deleted with Debian's own `sqlite3` command line, and `npm run imp -- audit
// verify|list` run as real processes. A chain recomputed with a plain SHA-256 — or an HMAC under another key — does
// not pass: the key is needed.
import { execFileSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditEntryInput } from '../../shared/model/audit.js';
import { canonicalEntry } from '../../main/core/audit/auditChain.js';
import { headLogLine } from '../../main/core/audit/auditHead.js';
import { openAuditLog } from '../../main/core/audit/auditKey.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { imp, type ImpRun } from './impTracesHarness.js';

const SQLITE3 = { path: '/usr/bin/sqlite3', apt: 'sqlite3' };

/** What a server records in a short shift. */
const SHIFT: AuditEntryInput[] = [
  { operator: 'ann', role: 'operator', source: 'server', address: '192.0.2.10', action: 'session.login', params: {}, result: 'ok' },
  { operator: 'ann', role: 'operator', source: 'server', address: '192.0.2.10', action: 'alerts.acknowledge', target: 'alarm-17', params: { comment: 'on it' }, result: 'ok' },
  { operator: 'vic', role: 'viewer', source: 'server', address: '192.0.2.11', action: 'alerts.acknowledge', target: 'alarm-17', params: {}, result: 'refused', errorCode: 'ROLE_FORBIDDEN', message: 'alerts.acknowledge needs the operator role; vic is a viewer' },
  { operator: 'ann', role: 'operator', source: 'server', address: '192.0.2.10', action: 'job.finished', target: 'imp-pub', params: { kind: 'traceCollection', id: 'job-1' }, result: 'ok', message: 'collected, 12 files' },
  { operator: 'root', role: 'admin', source: 'cli', action: 'operators.add', target: 'bea', params: { name: 'bea', role: 'admin', password: 'never kept' }, result: 'ok' },
];

describe.skipIf(skipWithoutTools(SQLITE3))('audit log: imp audit verify against edits made with sqlite3', () => {
  const root = mkdtempSync(join(tmpdir(), 'imp-audit-'));
  let n = 0;
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A data folder whose log holds the shift, written as the server writes it; resolves with its folder and entries. */
  async function shiftLog(): Promise<{ dir: string; db: string; entries: AuditEntry[]; heads: string[] }> {
    const dir = join(root, `data-${++n}`);
    const heads: string[] = [];
    const opened = await openAuditLog({ stateDir: dir, onHead: (h) => heads.push(headLogLine(h)) });
    try {
      for (const e of SHIFT) expect(await opened.log.append(e)).toBeDefined();
      return { dir, db: join(dir, 'history.db'), entries: (await opened.log.list()).reverse(), heads };
    } finally {
      await opened.dispose();
    }
  }
  const sqlite = (db: string, sql: string): string => execFileSync(SQLITE3.path, [db, sql], { encoding: 'utf8' });
  const audit = (dir: string, ...args: string[]): Promise<ImpRun> => imp(['audit', ...args, '--data-dir', dir], join(root, 'unused-state'), { timeoutMs: 120_000 });
  const broken = (r: ImpRun, seq: number, reason: RegExp): void => {
    expect(r.code, r.stderr).toBe(1);
    const line = `audit chain broken at entry ${seq}: `;
    expect(r.stdout.startsWith(line), r.stdout).toBe(true);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(reason);
    expect(r.stderr).toBe(`imp: ${r.stdout}`);
  };

  it('a fresh log verifies and lists with the command line\'s formats; a folder without a log lists nothing and gets nothing', { timeout: 300_000 }, async () => {
    const { dir, db, heads } = await shiftLog();
    expect(heads[4]).toMatch(/^\[audit\] head seq=5 mac=[0-9a-f]{16}…$/);
    const v = await audit(dir, 'verify');
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toBe(`5 entries verified; head seq 5 (recorded head seq 5 from ${join(dir, 'audit', 'head.json')})\n`);
    const j = await audit(dir, 'verify', '--json');
    expect(JSON.parse(j.stdout)).toEqual([expect.objectContaining({ ok: true, entries: 5, lastSeq: 5, recordedHeadSeq: 5 })]);

    const listed = JSON.parse((await audit(dir, 'list', '--format', 'json')).stdout) as AuditEntry[];
    expect(listed.map((e) => `${e.seq} ${e.operator} ${e.action} ${e.result}`)).toEqual([
      '5 root operators.add ok',
      '4 ann job.finished ok',
      '3 vic alerts.acknowledge refused',
      '2 ann alerts.acknowledge ok',
      '1 ann session.login ok',
    ]);
    expect(listed[0]!.params).toEqual({ name: 'bea', role: 'admin', password: '[secret]' });
    expect(sqlite(db, 'SELECT group_concat(params) FROM audit_log')).not.toMatch(/never kept/);

    const refused = await audit(dir, 'list', '--result', 'refused', '--since', '1h');
    expect(refused.code, refused.stderr).toBe(0);
    expect(refused.stdout.split('\n')[0]).toMatch(/^SEQ +TIME +OPERATOR +ROLE +SOURCE +ADDRESS +ACTION +TARGET +RESULT +CODE +MESSAGE$/);
    expect(refused.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(refused.stdout).toMatch(/^3 .* vic +viewer +server +192\.0\.2\.11 +alerts\.acknowledge +alarm-17 +refused +ROLE_FORBIDDEN +alerts\.acknowledge needs the operator role; vic is a viewer$/m);

    const csv = await audit(dir, 'list', '--action', 'alerts.', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe('seq,time,operator,role,source,address,action,target,result,errorCode,message,params');
    expect(csv.stdout.trimEnd().split('\n').map((l) => l.split(',')[0])).toEqual(['seq', '3', '2']);
    expect((await audit(dir, 'list', '--operator', 'ann', '--until', '2000-01-01T00:00:00Z', '--json')).stdout).toBe('[]\n');
    expect((await audit(dir, 'list', '--text', 'IMP-PUB', '--limit', '1', '--json')).stdout).toMatch(/"seq": 4/);

    const bad = await audit(dir, 'list', '--result', 'maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--result <RESULT>' argument 'maybe' is invalid/);

    const empty = join(root, 'never-used');
    const none = await audit(empty, 'list', '--json');
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toBe('[]\n');
    expect(none.stderr).toMatch(/no audit log in .* it has no history\.db/);
    const noneVerify = await audit(empty, 'verify');
    expect(noneVerify.code).toBe(1);
    expect(existsSync(empty)).toBe(false);
  });

  it('one row edited with sqlite3 (UPDATE audit_log SET operator=\'mallory\' WHERE seq=3): verify exits 1 naming entry 3', { timeout: 300_000 }, async () => {
    const { dir, db } = await shiftLog();
    sqlite(db, "UPDATE audit_log SET operator='mallory' WHERE seq=3");
    broken(await audit(dir, 'verify'), 3, /its MAC does not match its contents \(the row was edited, or written without the key\)$/m);
    // The list still shows what is there (the viewer's refusal now under another name): verify is what tells.
    expect((await audit(dir, 'list', '--operator', 'mallory', '--json')).stdout).toMatch(/"seq": 3/);
  });

  it('a middle row deleted: verify names the entry after the gap', { timeout: 300_000 }, async () => {
    const { dir, db } = await shiftLog();
    sqlite(db, 'DELETE FROM audit_log WHERE seq=3');
    broken(await audit(dir, 'verify'), 4, /entry 3 is missing before it \(removed from the table\)$/m);
  });

  it('the last rows deleted: the head file names the truncation; without it, the head the server\'s log printed does', { timeout: 300_000 }, async () => {
    const { dir, db, heads } = await shiftLog();
    sqlite(db, 'DELETE FROM audit_log WHERE seq>=4');
    broken(await audit(dir, 'verify'), 5, /the log ends at entry 3 but the recorded head is entry 5: entries 4-5 are missing at the end/);
    // The head file removed too: the chain left is whole in itself…
    rmSync(join(dir, 'audit', 'head.json'));
    const whole = await audit(dir, 'verify');
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stdout).toBe('3 entries verified; head seq 3 (no recorded head to compare with)\n');
    // …but not against the head line of the server's log ("[audit] head seq=5 mac=<16 hex>…").
    const printed = /head seq=(\d+) mac=([0-9a-f]{16})…/.exec(heads[4]!)!;
    broken(await audit(dir, 'verify', '--head', `${printed[1]}:${printed[2]}`), 5, /recorded head is entry 5/);
    const usage = await audit(dir, 'verify', '--head', 'five');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/needs SEQ or SEQ:MAC/);
  });

  it('a chain rewritten from the edited row on with a plain SHA-256, or an HMAC under another key, still fails at that row', { timeout: 300_000 }, async () => {
    for (const forge of [
      (prev: string, text: string) => createHash('sha256').update(`${prev}\n${text}`).digest('hex'),
      (prev: string, text: string) => createHmac('sha256', randomBytes(32)).update(`${prev}\n${text}`).digest('hex'),
    ]) {
      const { dir, db, entries } = await shiftLog();
      // Whoever edits the file recomputes every MAC from entry 3 on, exactly as the code's canonical form says.
      let prev = sqlite(db, 'SELECT mac FROM audit_log WHERE seq=2').trim();
      expect(prev).toMatch(/^[0-9a-f]{64}$/);
      for (const e of entries.filter((x) => x.seq >= 3)) {
        const edited = e.seq === 3 ? { ...e, operator: 'mallory' } : e;
        const mac = forge(prev, canonicalEntry(edited));
        sqlite(db, `UPDATE audit_log SET operator='${edited.operator}', mac='${mac}' WHERE seq=${e.seq}`);
        prev = mac;
      }
      // The head file forged to match as well: only the key could make entry 3 verify.
      const headFile = join(dir, 'audit', 'head.json');
      const head = JSON.parse(readFileSync(headFile, 'utf8')) as { seq: number; mac: string };
      expect(head.seq).toBe(5);
      writeFileSync(headFile, JSON.stringify({ seq: 5, mac: prev, atMs: 0 }));
      broken(await audit(dir, 'verify'), 3, /its MAC does not match/);
    }
  });
});
