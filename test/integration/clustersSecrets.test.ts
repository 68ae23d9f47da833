// Issue 15, secrets hygiene: the state folder is the owner's only (0700, a looser one narrowed with a warning), the
// history database and its -wal/-shm are 0600 (SQLite gives them the database file's mode), and a collector config
// holding inline secrets that others can read is refused, naming the file and each field.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCollectorConfig } from '../../main/core/collector/collectorConfig.js';
import { secureDatabaseFile, secureStateFolder } from '../../main/core/credentials/stateFolderHygiene.js';
import { startHeadlessCollector } from '../../main/core/headless/headlessCollector.js';
import { assertInlineSecretsPrivate, inlineSecretFields } from '../../main/core/headless/inlineSecrets.js';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { ovaUsersFromShowHardware } from '../../main/core/clusters/ovaFromHardware.js';
import { run } from './simClusterHarness.js';

const dir = mkdtempSync(join(tmpdir(), 'clusters-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mode = (p: string): number => statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('secrets hygiene', () => {
  it('makes the state folder 0700 and narrows a looser one, saying so', () => {
    const fresh = join(dir, 'fresh');
    expect(secureStateFolder(fresh)).toEqual([]);
    expect(mode(fresh)).toBe(0o700);
    const loose = join(dir, 'loose');
    mkdirSync(loose, { mode: 0o755 });
    chmodSync(loose, 0o755);
    const warnings = secureStateFolder(loose);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(loose);
    expect(warnings[0]).toMatch(/755.*700/);
    expect(mode(loose)).toBe(0o700);
  });

  it('creates history.db 0600 so that SQLite\'s -wal and -shm are 0600 too; narrows an existing 0644 one', () => {
    const path = join(dir, 'fresh', 'history.db');
    expect(secureDatabaseFile(path)).toEqual([]);
    const db = Database.open(path);
    try {
      db.connection.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);');
      for (const p of [path, `${path}-wal`, `${path}-shm`]) expect(mode(p), p).toBe(0o600);
    } finally {
      db.dispose();
    }
    const old = join(dir, 'loose', 'history.db');
    writeFileSync(old, '');
    chmodSync(old, 0o644);
    const warnings = secureDatabaseFile(old);
    expect(warnings.join('\n')).toContain(old);
    expect(mode(old)).toBe(0o600);
  });

  it('the headless collector narrows its state folder and creates history.db 0600, saying so', async () => {
    const stateDir = join(dir, 'headless-loose');
    mkdirSync(stateDir, { mode: 0o755 });
    chmodSync(stateDir, 0o755);
    const lines: string[] = [];
    const h = await startHeadlessCollector({ stateDir, metricsPort: 0, log: (l) => lines.push(l) });
    try {
      expect(mode(stateDir)).toBe(0o700);
      for (const p of ['history.db', 'history.db-wal', 'history.db-shm']) expect(mode(join(stateDir, p)), p).toBe(0o600);
      expect(lines.filter((l) => l.includes(stateDir) && /755.*700/.test(l))).toHaveLength(1);
    } finally {
      await h.dispose();
    }
  }, 60_000);

  it('refuses a collector config with inline secrets that others can read, naming the file and the fields', () => {
    const cluster = (secret: unknown) => ({
      id: 'lab', name: 'Lab', publisher: 'imp-pub.example.com',
      admin: { username: 'admin', password: secret }, application: { username: 'app', password: { env: 'APP_PW' } },
      snmp: { version: '2c', community: secret },
    });
    const inline = join(dir, 'inline.json');
    writeFileSync(inline, JSON.stringify({ clusters: [cluster('s3cret')] }), { mode: 0o644 });
    chmodSync(inline, 0o644);
    const config = loadCollectorConfig(inline);
    expect(inlineSecretFields(config)).toEqual(['clusters.0.admin.password', 'clusters.0.snmp.community']);
    expect(() => assertInlineSecretsPrivate(inline, config)).toThrow(new RegExp(`${inline}.*clusters\\.0\\.admin\\.password, clusters\\.0\\.snmp\\.community.*chmod 600`));
    chmodSync(inline, 0o600);
    expect(() => assertInlineSecretsPrivate(inline, config)).not.toThrow();
    // Secrets from the environment only: the file may be shared.
    const shared = join(dir, 'env.json');
    writeFileSync(shared, JSON.stringify({ clusters: [cluster({ env: 'LAB_PW' })] }));
    chmodSync(shared, 0o644);
    expect(() => assertInlineSecretsPrivate(shared, loadCollectorConfig(shared))).not.toThrow();
  });

  it('npm run collector refuses the readable config at start (exit 1, the file and the field named)', async () => {
    const inline = join(dir, 'collector.json');
    writeFileSync(inline, JSON.stringify({ stateDir: join(dir, 'collector-state'), clusters: [{ id: 'lab', name: 'Lab', publisher: '127.0.0.1', admin: { username: 'a', password: 'pw' }, application: { username: 'b', password: { env: 'X_PW' } }, snmp: { version: '2c', community: { env: 'X_C' } } }] }));
    chmodSync(inline, 0o640);
    const r = await run(process.execPath, ['--import', 'tsx', 'main/core/headless/collectorMain.ts', '--config', inline, '--metrics-port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(inline);
    expect(r.stderr).toMatch(/clusters\.0\.admin\.password/);
  }, 60_000);
});

describe('OVA from show hardware', () => {
  const hw = (cpus: number, mb: number) => `HW Platform       : VMware Virtual Machine\nProcessors        : ${cpus}\nCPU Speed         : 2500\nMemory            : ${mb} MBytes\n`;
  it('matches the guide\'s OVA table (L784-795) and leaves an ambiguous or resized VM unknown', () => {
    expect(ovaUsersFromShowHardware(hw(6, 16384))).toBe(25000);
    expect(ovaUsersFromShowHardware(hw(4, 8192))).toBe(15000);
    expect(ovaUsersFromShowHardware(hw(4, 7980))).toBe(15000);
    expect(ovaUsersFromShowHardware(hw(2, 4096))).toBe(5000);
    expect(ovaUsersFromShowHardware(hw(1, 4096))).toBe(2000);
    expect(ovaUsersFromShowHardware(hw(1, 2048))).toBeUndefined(); // 500 or 1000 users: the CPU reservation is not shown
    expect(ovaUsersFromShowHardware(hw(8, 32768))).toBeUndefined();
    expect(ovaUsersFromShowHardware('show hardware: not found')).toBeUndefined();
  });
});
