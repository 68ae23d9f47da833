import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionRecords, osOperator } from './actionRecords.js';

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
