import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileCredentialStore } from '../credentials/fileCredentialStore.js';
import { auditHeadPath, parseHeadArg, readHeadFile } from './auditHead.js';
import { AUDIT_KEY_ID, loadAuditKey, openAuditLog } from './auditKey.js';

describe('the audit key and openAuditLog', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'audit-key-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const store = (dir: string): Promise<FileCredentialStore> => FileCredentialStore.open({ keyPath: join(dir, 'credentials.key'), storePath: join(dir, 'credentials.json') });

  it('creates 32 random bytes in the encrypted store on first use and reads the same key after', async () => {
    const dir = fresh();
    const s = await store(dir);
    const key = await loadAuditKey(s);
    expect(key).toHaveLength(32);
    expect(await s.get(AUDIT_KEY_ID)).toBe(key.toString('hex'));
    expect(await loadAuditKey(await store(dir))).toEqual(key);
    await expect(loadAuditKey(await store(fresh()), { mayCreate: false, whyNot: 'not here' })).rejects.toMatchObject({ code: 'PRECONDITION', message: 'not here' });
    await s.put(AUDIT_KEY_ID, 'zz');
    await expect(loadAuditKey(s)).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringMatching(/not 64 hex digits/) });
  });

  it('opens a data folder (0700, history.db 0600), appends, reopens with the same key; a log without its key is refused, never rekeyed', async () => {
    const dir = join(fresh(), 'state');
    const a = await openAuditLog({ stateDir: dir });
    await a.log.append({ operator: 'root', role: 'admin', source: 'cli', action: 'operators.add', target: 'ann', params: { role: 'admin' }, result: 'ok' });
    await a.dispose();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'history.db')).mode & 0o777).toBe(0o600);
    expect(await readHeadFile(auditHeadPath(dir))).toMatchObject({ seq: 1 });

    const b = await openAuditLog({ stateDir: dir });
    try {
      await b.log.append({ operator: 'root', role: 'admin', source: 'cli', action: 'operators.setRole', target: 'ann', params: {}, result: 'ok' });
      expect(await b.log.verify({ recordedHead: (await readHeadFile(b.headFile))! })).toMatchObject({ ok: true, entries: 2, recordedHeadSeq: 2 });
    } finally {
      await b.dispose();
    }
    // Another credential store (the desktop app's keychain) has no key for this log: refused, nothing appended.
    await expect(openAuditLog({ stateDir: dir, credentials: await store(fresh()) })).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringMatching(/has 2 entries but its key/) });
  });

  it('reads --head as SEQ, SEQ:MAC or SEQ:<the first 16 hex digits the log printed>', () => {
    expect(parseHeadArg('12')).toEqual({ seq: 12, mac: '' });
    expect(parseHeadArg(`7:${'A'.repeat(64)}`)).toEqual({ seq: 7, mac: 'a'.repeat(64) });
    expect(parseHeadArg('7:0123456789abcdef…')).toEqual({ seq: 7, mac: '0123456789abcdef' });
    expect(parseHeadArg('7:xyz')).toMatch(/needs SEQ or SEQ:MAC/);
    expect(parseHeadArg('')).toMatch(/got nothing/);
  });
});
