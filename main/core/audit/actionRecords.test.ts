import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAsCaller } from '../base/callerContext.js';
import { Database } from '../storage/sqlite/database.js';
import { ActionRecords, auditActionRecorder, importLegacyActions, legacyActionsPath, osOperator } from './actionRecords.js';
import { AuditLog } from './auditLog.js';

describe('ActionRecords', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'actions-'));
    dirs.push(d);
    return join(d, 'audit', 'actions.jsonl');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('appends JSON lines (0600) with who, where from and when, and lists them newest first per cluster', async () => {
    const path = fresh();
    let t = 1000;
    const r = await ActionRecords.open(path, { source: 'desktop', operator: 'alice' }, () => t++);
    await r.record({ action: 'drs.device.add', cluster: 'a', target: 'dev1', params: { host: 'h', port: 22, features: ['UCM', 'IM&P'] }, result: 'ok' });
    await r.record({ action: 'drs.backup', cluster: 'b', params: { device: 'dev1' }, result: 'refused', message: 'busy' });
    await r.record({ action: 'drs.device.delete', cluster: 'a', target: 'dev1', params: {}, result: 'failed' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3);
    const all = await r.list();
    expect(all.map((x) => x.action)).toEqual(['drs.device.delete', 'drs.backup', 'drs.device.add']);
    expect(all[2]).toMatchObject({ operator: 'alice', source: 'desktop', atMs: 1000, target: 'dev1', params: { host: 'h', port: 22, features: ['UCM', 'IM&P'] }, result: 'ok' });
    expect((await r.list({ cluster: 'a' })).map((x) => x.action)).toEqual(['drs.device.delete', 'drs.device.add']);
    expect((await r.list({ limit: 1 })).map((x) => x.action)).toEqual(['drs.device.delete']);
    // Reopened (the app restarted): the records are still there and new ones go after them.
    const again = await ActionRecords.open(path, { source: 'web', operator: 'bob' });
    await again.record({ action: 'drs.cancel', cluster: 'a', params: {}, result: 'ok' });
    expect((await again.list()).map((x) => `${x.action}/${x.source}/${x.operator}`).slice(0, 2)).toEqual(['drs.cancel/web/bob', 'drs.device.delete/desktop/alice']);
  });

  it('never writes a parameter named like a secret, and concurrent records never interleave', async () => {
    const path = fresh();
    const r = await ActionRecords.open(path, { source: 'cli' });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => r.record({ action: 'drs.device.add', cluster: 'c', params: { n: i, password: 'Sekret-1!', securityPassword: 'Sekret-2!', apiToken: 'tok' }, result: 'ok' })),
    );
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(/Sekret|tok"/);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(40);
    for (const l of lines) expect(Object.keys((JSON.parse(l) as { params: object }).params)).toEqual(['n']);
    expect((await r.list())[0]!.operator).toBe(osOperator());
  });

  it('skips a torn last line (crash mid-write) and keeps the good ones', async () => {
    const path = fresh();
    const r = await ActionRecords.open(path, { source: 'cli', operator: 'x' });
    await r.record({ action: 'drs.backup', cluster: 'c', params: {}, result: 'ok' });
    appendFileSync(path, '{"id":"half');
    await r.record({ action: 'drs.cancel', cluster: 'c', params: {}, result: 'ok' });
    expect((await r.list()).map((x) => x.action)).toEqual(['drs.cancel', 'drs.backup']);
  });
});

describe('action records in the audit log', () => {
  const dirs: string[] = [];
  const dbs: Database[] = [];
  const log = (now?: () => number): AuditLog => {
    const db = Database.open(':memory:');
    dbs.push(db);
    return AuditLog.open({ db, key: Buffer.alloc(32, 1), ...(now ? { now } : {}) });
  };
  afterEach(() => {
    for (const d of dbs.splice(0)) d.dispose();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('records as the current caller (or the fallback outside a call) and lists a cluster\'s drs.* entries newest first', async () => {
    const l = log();
    const r = auditActionRecorder(l, { operator: 'osuser', source: 'desktop' });
    const first = await r.record({ action: 'drs.device.add', cluster: 'a', target: 'dev1', params: { host: 'h', port: 22, features: ['UCM'], password: 'Sekret', cluster: 'forged' }, result: 'ok' });
    expect(first).toMatchObject({ id: '1', operator: 'osuser', source: 'desktop', action: 'drs.device.add', cluster: 'a', target: 'dev1', params: { host: 'h', port: 22, features: ['UCM'], password: '[secret]' }, result: 'ok' });
    await runAsCaller({ operator: 'ann', role: 'admin', source: 'server', address: '192.0.2.7', sessionId: 's1' }, () =>
      r.record({ action: 'drs.backup', cluster: 'b', params: { device: 'dev1' }, result: 'refused', message: 'busy' }),
    );
    await l.append({ operator: 'ann', role: 'admin', source: 'server', action: 'alerts.acknowledge', params: { cluster: 'a' }, result: 'ok' });
    await r.record({ action: 'drs.device.delete', cluster: 'a', target: 'dev1', params: {}, result: 'failed' });
    expect((await r.list()).map((x) => `${x.action}/${x.cluster}/${x.operator}/${x.source}`)).toEqual(['drs.device.delete/a/osuser/desktop', 'drs.backup/b/ann/server', 'drs.device.add/a/osuser/desktop']);
    expect((await r.list({ cluster: 'a' })).map((x) => x.action)).toEqual(['drs.device.delete', 'drs.device.add']);
    expect((await r.list({ cluster: 'b', limit: 5 }))[0]).toMatchObject({ operator: 'ann', source: 'server', result: 'refused', message: 'busy' });
    expect((await l.list({ action: 'drs.backup' }))[0]).toMatchObject({ role: 'admin', address: '192.0.2.7', params: { device: 'dev1', cluster: 'b' } });
    const system = auditActionRecorder(l, { operator: 'system', source: 'system' });
    expect(await system.record({ action: 'drs.backup', cluster: 'a', params: {}, result: 'ok' })).toMatchObject({ operator: 'system', source: 'system' });
    expect((await l.list({ limit: 1 }))[0]).toMatchObject({ role: 'none', source: 'system' });
    expect((await l.verify()).ok).toBe(true);
  });

  it('imports issue 13\'s actions.jsonl once (own times, operators and sources; torn lines skipped) and renames it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'actions-import-'));
    dirs.push(dir);
    const old = await ActionRecords.open(legacyActionsPath(dir), { source: 'web', operator: 'alice' }, () => 1_000);
    await old.record({ action: 'drs.device.add', cluster: 'c1', target: 'd', params: { host: 'h' }, result: 'ok' });
    appendFileSync(legacyActionsPath(dir), '{"id":"half');
    const cli = await ActionRecords.open(legacyActionsPath(dir), { source: 'cli', operator: 'bob' }, () => 2_000);
    await cli.record({ action: 'drs.backup', cluster: 'c1', params: { device: 'd' }, result: 'failed', message: 'no route' });
    const l = log(() => 9_999);
    await l.append({ operator: 'x', role: 'admin', source: 'desktop', action: 'rules.save', params: {}, result: 'ok' });
    expect(await importLegacyActions(l, dir)).toEqual({ imported: 2, skipped: 1 });
    expect(existsSync(legacyActionsPath(dir))).toBe(false);
    expect(existsSync(`${legacyActionsPath(dir)}.imported`)).toBe(true);
    const r = auditActionRecorder(l, { operator: 'me', source: 'desktop' });
    expect((await r.list({ cluster: 'c1' })).map((x) => [x.id, x.atMs, x.operator, x.source, x.action, x.result])).toEqual([
      ['3', 2_000, 'bob', 'cli', 'drs.backup', 'failed'],
      ['2', 1_000, 'alice', 'web', 'drs.device.add', 'ok'],
    ]);
    expect(await importLegacyActions(l, dir)).toBeUndefined();
    // A command line of issue 13 wrote a new file since: imported too, beside the first import.
    mkdirSync(join(dir, 'audit'), { recursive: true });
    writeFileSync(legacyActionsPath(dir), `${JSON.stringify({ id: 'z', atMs: 3_000, operator: 'carol', source: 'cli', action: 'drs.cancel', cluster: 'c2', params: {}, result: 'ok' })}\n`);
    expect(await importLegacyActions(l, dir)).toEqual({ imported: 1, skipped: 0 });
    expect(readFileSync(`${legacyActionsPath(dir)}.imported`, 'utf8')).toMatch(/alice/);
    expect((await l.verify()).ok).toBe(true);
  });
});
