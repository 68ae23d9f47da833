import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntryInput } from '../../../shared/model/audit.js';
import { Database } from '../storage/sqlite/database.js';
import { canonicalEntry } from './auditChain.js';
import { AuditLog } from './auditLog.js';
import { createAuditService } from './auditService.js';

const KEY = Buffer.alloc(32, 7);

function entry(i: number, over: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return { operator: i % 2 ? 'ann' : 'bob', role: 'operator', source: 'server', address: '10.0.0.9', action: `alerts.${i % 3 ? 'acknowledge' : 'silence'}`, target: `alarm-${i}`, params: { n: i }, result: 'ok', ...over };
}

describe('AuditLog', () => {
  const dirs: string[] = [];
  const opened: Database[] = [];
  const fresh = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'audit-log-'));
    dirs.push(d);
    return d;
  };
  const db = (path = ':memory:'): Database => {
    const d = Database.open(path);
    opened.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of opened.splice(0)) d.dispose();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('appends chained entries with seq from 1 and lists them newest first, filtered', async () => {
    let t = 1_000;
    const log = AuditLog.open({ db: db(), key: KEY, now: () => (t += 10) });
    for (let i = 1; i <= 9; i++) await log.append(entry(i));
    await log.append(entry(10, { action: 'session.login', result: 'refused', errorCode: 'AUTH_FAILED', message: 'Wrong name or PASSWORD', target: 'mallory_x' }));
    const all = await log.list();
    expect(all.map((e) => e.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(all[9]).toEqual({ seq: 1, atMs: 1_010, operator: 'ann', role: 'operator', source: 'server', address: '10.0.0.9', action: 'alerts.acknowledge', target: 'alarm-1', params: { n: 1 }, result: 'ok' });
    expect((await log.list({ action: 'alerts.' })).length).toBe(9);
    expect((await log.list({ action: 'alerts.silence' })).map((e) => e.seq)).toEqual([9, 6, 3]);
    // "_" is not a wildcard of the prefix.
    expect(await log.list({ action: 'alerts_' })).toEqual([]);
    expect((await log.list({ operator: 'bob', result: 'ok' })).map((e) => e.seq)).toEqual([8, 6, 4, 2]);
    expect((await log.list({ result: 'refused' }))[0]).toMatchObject({ seq: 10, errorCode: 'AUTH_FAILED' });
    expect((await log.list({ text: 'password' })).map((e) => e.seq)).toEqual([10]);
    expect((await log.list({ text: 'ALARM-7' })).map((e) => e.seq)).toEqual([7]);
    expect((await log.list({ sinceMs: 1_030, untilMs: 1_050 })).map((e) => e.seq)).toEqual([5, 4, 3]);
    expect((await log.list({ beforeSeq: 4, limit: 2 })).map((e) => e.seq)).toEqual([3, 2]);
    const seen: number[] = [];
    expect(await log.forEach({ operator: 'ann' }, (e) => seen.push(e.seq))).toBe(5);
    expect(seen).toEqual([9, 7, 5, 3, 1]);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 10, lastSeq: 10 });
  });

  it('keeps no secret at any depth, caps params at 4 KiB and the message at 1000 characters', async () => {
    const d = db();
    const log = AuditLog.open({ db: d, key: KEY });
    const e = await log.append(
      entry(1, {
        params: { password: 'S3cret!', settings: { smtp: { host: 'mx', authPassword: 'S3cret!2' }, snmp: [{ community: 'S3cret!3' }, { version: '3', user: 'u', authProtocol: 'sha', authKey: 'S3cret!4', privKey: 'S3cret!5' }], apiToken: 'tok-S3cret' }, credentialId: 'c/1', plain: 'visible' },
        message: 'x'.repeat(5_000),
      }),
    );
    expect(e!.params).toEqual({ password: '[secret]', settings: { smtp: { host: 'mx', authPassword: '[secret]' }, snmp: [{ community: '[secret]' }, { version: '3', user: 'u', authProtocol: 'sha', authKey: '[secret]', privKey: '[secret]' }], apiToken: '[secret]' }, credentialId: '[secret]', plain: 'visible' });
    expect(e!.message).toHaveLength(1000);
    const big = await log.append(entry(2, { params: { a: 'y'.repeat(5_000), b: 1 } }));
    expect(big!.params).toEqual({ truncated: true, keys: ['a', 'b'] });
    const dump = JSON.stringify(d.connection.prepare('SELECT * FROM audit_log').all());
    expect(dump).not.toMatch(/S3cret/);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('never throws: a bad entry or a closed database is said on stderr and nothing is kept', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const d = Database.open(':memory:');
    const log = AuditLog.open({ db: d, key: KEY });
    expect(await log.append({ ...entry(1), role: 'root' as never })).toBeUndefined();
    expect(await log.append({ ...entry(1), action: '' })).toBeUndefined();
    expect(await log.append(entry(1))).toMatchObject({ seq: 1 });
    d.dispose();
    expect(await log.append(entry(2))).toBeUndefined();
    expect(err.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/unknown role root/), expect.stringMatching(/needs an action/), expect.stringMatching(/could not append alerts\.acknowledge by bob: database is closed/)]);
  });

  it('names the first bad entry: edited, removed (a gap), truncated at the end (the recorded head), rewritten without the key', async () => {
    const d = db();
    const log = AuditLog.open({ db: d, key: KEY });
    for (let i = 1; i <= 6; i++) await log.append(entry(i));
    const head = log.head()!;
    expect(head.seq).toBe(6);
    expect(await log.verify({ recordedHead: head })).toMatchObject({ ok: true, entries: 6, lastSeq: 6, recordedHeadSeq: 6 });
    const c = d.connection;
    const row3 = c.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, unknown>;

    c.prepare("UPDATE audit_log SET operator = 'mallory' WHERE seq = 3").run();
    expect(await log.verify()).toMatchObject({ ok: false, lastSeq: 6, firstBad: { seq: 3, reason: expect.stringMatching(/MAC does not match/) } });
    c.prepare("UPDATE audit_log SET operator = ?, params = '{\"n\":' WHERE seq = 3").run(row3.operator);
    expect((await log.verify()).firstBad).toEqual({ seq: 3, reason: expect.stringMatching(/not JSON/) });
    // An absent message made empty is an edit too.
    c.prepare("UPDATE audit_log SET params = ?, message = '' WHERE seq = 3").run(row3.params);
    expect((await log.verify()).firstBad?.seq).toBe(3);
    c.prepare('UPDATE audit_log SET message = NULL WHERE seq = 3').run();
    expect((await log.verify()).ok).toBe(true);

    // Rewritten with a plain SHA-256 chain (no key): it does not verify.
    const prev = (c.prepare('SELECT mac FROM audit_log WHERE seq = 2').get() as { mac: string }).mac;
    const edited = { ...(await log.list({ beforeSeq: 4, limit: 1 }))[0]!, operator: 'mallory' };
    const plain = createHash('sha256').update(`${prev}\n${canonicalEntry(edited)}`).digest('hex');
    c.prepare("UPDATE audit_log SET operator = 'mallory', mac = ? WHERE seq = 3").run(plain);
    expect((await log.verify()).firstBad?.seq).toBe(3);
    c.prepare('UPDATE audit_log SET operator = ?, mac = ? WHERE seq = 3').run(row3.operator, row3.mac);

    c.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect((await log.verify()).firstBad).toEqual({ seq: 3, reason: 'entry 2 is missing before it (removed from the table)' });
    c.prepare('DELETE FROM audit_log WHERE seq = 1').run();
    expect((await log.verify()).firstBad).toEqual({ seq: 3, reason: 'entries 1-2 are missing before it (removed from the table)' });
  });

  it('rows deleted from the end: the recorded head names them, and new appends go on after the head (a gap, not a shorter whole chain)', async () => {
    const dir = fresh();
    const path = join(dir, 'history.db');
    const headFile = join(dir, 'audit', 'head.json');
    const heads: number[] = [];
    const d = db(path);
    const log = AuditLog.open({ db: d, key: KEY, headFile, onHead: (h) => heads.push(h.seq) });
    for (let i = 1; i <= 5; i++) await log.append(entry(i));
    expect(heads).toEqual([1, 2, 3, 4, 5]);
    const recorded = JSON.parse(readFileSync(headFile, 'utf8')) as { seq: number; mac: string };
    expect(recorded).toMatchObject({ seq: 5, mac: log.head()!.mac });
    expect(statSync(headFile).mode & 0o777).toBe(0o600);
    // A chain rewritten with the key (someone holding it) ends in another MAC than the recorded head.
    expect((await log.verify({ recordedHead: { seq: 5, mac: 'f'.repeat(64) } })).firstBad).toEqual({ seq: 5, reason: expect.stringMatching(/MAC differs from the recorded head's/) });

    d.connection.prepare('DELETE FROM audit_log WHERE seq >= 4').run();
    expect(await log.verify()).toMatchObject({ ok: true, entries: 3 }); // whole in itself…
    expect(await log.verify({ recordedHead: recorded })).toMatchObject({ ok: false, lastSeq: 3, recordedHeadSeq: 5, firstBad: { seq: 5, reason: expect.stringMatching(/ends at entry 3 but the recorded head is entry 5: entries 4-5 are missing at the end/) } });
    // The head as the server's log printed it (the MAC's first 16 hex digits) is enough.
    expect((await log.verify({ recordedHead: { seq: 5, mac: recorded.mac.slice(0, 16) } })).firstBad?.seq).toBe(5);

    // The server goes on (or restarts: it reads the head file): the next entry is 6, after a gap the verify names.
    const again = AuditLog.open({ db: d, key: KEY, headFile });
    expect(await again.append(entry(6))).toMatchObject({ seq: 6 });
    expect((await again.verify()).firstBad).toEqual({ seq: 6, reason: 'entries 4-5 are missing before it (removed from the table)' });

  });

  it("the service's verify: rows deleted from the end and the head file rewritten to match are still named by the head this process appended", async () => {
    const dir = fresh();
    const headFile = join(dir, 'audit', 'head.json');
    const d = db(join(dir, 'history.db'));
    const log = AuditLog.open({ db: d, key: KEY, headFile });
    for (let i = 1; i <= 5; i++) await log.append(entry(i));
    const service = createAuditService({ log, headFile });
    expect(await service.verify()).toMatchObject({ ok: true, entries: 5, recordedHeadSeq: 5 });
    d.connection.prepare('DELETE FROM audit_log WHERE seq >= 4').run();
    const row3 = d.connection.prepare('SELECT seq, mac FROM audit_log WHERE seq = 3').get() as { seq: number; mac: string };
    writeFileSync(headFile, JSON.stringify({ seq: row3.seq, mac: row3.mac }));
    expect(await service.verify()).toMatchObject({ ok: false, recordedHeadSeq: 5, firstBad: { seq: 5, reason: expect.stringMatching(/entries 4-5 are missing at the end/) } });
  });

  it('appends from two connections (two processes) chain one after the other; a held write lock is waited for, off the event loop', async () => {
    const dir = fresh();
    const path = join(dir, 'history.db');
    const a = AuditLog.open({ db: db(path), key: KEY });
    const other = db(path);
    const b = AuditLog.open({ db: other, key: KEY });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).append(entry(i))));
    // Another process holds the write lock for a while: the append waits and then lands.
    other.connection.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const pending = a.append(entry(99));
    await new Promise((r) => setTimeout(r, 60));
    other.connection.exec('COMMIT');
    expect(await pending).toMatchObject({ seq: 21 });
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(0);
    const v = await b.verify();
    expect(v).toMatchObject({ ok: true, entries: 21, lastSeq: 21 });
  });

  it('a key of another log does not verify it; a short key is refused', async () => {
    const d = db();
    const log = AuditLog.open({ db: d, key: KEY });
    await log.append(entry(1));
    const other = AuditLog.open({ db: d, key: randomBytes(32) });
    expect((await other.verify()).firstBad?.seq).toBe(1);
    expect(() => AuditLog.open({ db: d, key: Buffer.alloc(16) })).toThrow(/32 bytes/);
  });

  it('appendAll inserts all or none, and a damaged head file at open is not a head', async () => {
    const dir = fresh();
    const headFile = join(dir, 'head.json');
    writeFileSync(headFile, 'not json');
    const d = db();
    const log = AuditLog.open({ db: d, key: KEY, headFile });
    await expect(log.appendAll([entry(1), { ...entry(2), source: 'nowhere' as never }])).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^entry 2: unknown source/) });
    expect(await log.list()).toEqual([]);
    const done = await log.appendAll([entry(1, { atMs: 5 }), entry(2, { atMs: 3 })]);
    expect(done.map((e) => [e.seq, e.atMs])).toEqual([[1, 5], [2, 3]]);
    expect(JSON.parse(readFileSync(headFile, 'utf8'))).toMatchObject({ seq: 2 });
    expect((await log.verify()).ok).toBe(true);
  });
});
