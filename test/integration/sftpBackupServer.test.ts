import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSftpBackupServer, type SftpBackupServer } from '../../main/core/simulator/endpoints/sftpBackup/sftpBackupServer.js';
import { deriveHostKey } from '../../main/core/simulator/endpoints/ssh/hostKey.js';

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const PASSWORD = 'drs-Backup1';

/** Runs an OpenSSH `sftp` batch against the server (killed after 30 s so a bug cannot hang the suite). */
function sftpBatch(server: SftpBackupServer, work: string, commands: string[], password = PASSWORD): Promise<RunResult> {
  const batch = join(work, 'cmds.batch');
  writeFileSync(batch, commands.join('\n') + '\n');
  // -o BatchMode=no before -b: sftp -b would otherwise forbid password authentication.
  const args = ['-p', password, 'sftp', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'];
  args.push('-o', 'BatchMode=no', '-o', 'PreferredAuthentications=password', '-P', String(server.port), '-b', batch, `drs@${server.host}`);
  return new Promise((resolve, reject) => {
    const child = spawn('sshpass', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Writes `data` with ssh2's SFTP client; resolves the error the server answered with (undefined on success). */
function ssh2Put(server: SftpBackupServer, path: string, data: Buffer): Promise<{ code?: unknown; message: string } | undefined> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('error', reject);
    client.on('ready', () => {
      client.sftp((err, sftp) => {
        if (err) return reject(err);
        sftp.writeFile(path, data, (writeErr) => {
          client.end();
          resolve(writeErr ? { code: (writeErr as { code?: unknown }).code, message: writeErr.message } : undefined);
        });
      });
    });
    client.connect({ host: server.host, port: server.port, username: 'drs', password: PASSWORD });
  });
}

describe('simulated SFTP backup server (OpenSSH sftp)', () => {
  let work: string;
  let rootDir: string;
  let server: SftpBackupServer;
  const backup = randomBytes(2 * 1024 * 1024 + 7);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sftp-backup-'));
    rootDir = join(work, 'store');
    writeFileSync(join(work, 'backup.tar'), backup);
    server = await startSftpBackupServer({
      hostKey: deriveHostKey('backup-server'),
      credentials: [{ username: 'drs', password: PASSWORD }],
      rootDir,
      quotaBytes: 10 * 1024 * 1024,
    });
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('round-trips put, mkdir, rename, ls and get', async () => {
    const r = await sftpBatch(server, work, [
      'mkdir /drs',
      'cd /drs',
      `put ${work}/backup.tar 2026-01-01.tar.part`,
      'rename 2026-01-01.tar.part 2026-01-01.tar',
      'ls -l /drs',
      `get /drs/2026-01-01.tar ${work}/back.tar`,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2097159 .* 2026-01-01\.tar/);
    expect(readFileSync(join(rootDir, 'drs', '2026-01-01.tar')).equals(backup)).toBe(true);
    expect(readFileSync(join(work, 'back.tar')).equals(backup)).toBe(true);
    expect(existsSync(join(rootDir, 'drs', '2026-01-01.tar.part'))).toBe(false);
    expect(server.usedBytes()).toBe(backup.length);
  });

  it('fails a put beyond the quota with "No space left on device", and accepts it again after unfill', async () => {
    server.fill(); // the disk is now full
    const full = await sftpBatch(server, work, [`put ${work}/backup.tar /full.tar`]);
    expect(full.code).not.toBe(0);
    expect(full.stderr).toMatch(/write remote "\/full\.tar": Failure/); // OpenSSH prints the status, not the message
    // ssh2's client surfaces the server's message text.
    const err = await ssh2Put(server, '/full2.tar', backup);
    expect(err).toMatchObject({ code: 4, message: 'No space left on device' });
    server.unfill();
    server.setQuota(backup.length * 2 + 100);
    const fits = await sftpBatch(server, work, [`put ${work}/backup.tar /second.tar`]);
    expect(fits.code).toBe(0);
    const over = await sftpBatch(server, work, [`put ${work}/backup.tar /third.tar`]);
    expect(over.code).not.toBe(0);
    expect(over.stderr).toMatch(/Failure/);
    expect(server.usedBytes()).toBeLessThanOrEqual(backup.length * 2 + 100);
    const freed = await sftpBatch(server, work, ['rm /second.tar', 'rm /third.tar']);
    expect(freed.code).toBe(0);
    expect(server.usedBytes()).toBe(backup.length);
    server.setQuota(Infinity);
  });

  it('keeps every path inside rootDir', async () => {
    for (const cmd of [`put ${work}/backup.tar ../escaped.tar`, `put ${work}/backup.tar /../../escaped.tar`, 'mkdir ../../escaped-dir']) {
      const r = await sftpBatch(server, work, [cmd]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/No such file|not found|Couldn't/i);
    }
    const get = await sftpBatch(server, work, [`get ../backup.tar ${work}/stolen.tar`]);
    expect(get.code).not.toBe(0);
    expect(existsSync(join(work, 'escaped.tar'))).toBe(false);
    expect(existsSync(join(work, 'escaped-dir'))).toBe(false);
    expect(existsSync(join(work, 'stolen.tar'))).toBe(false);
  });

  it('refuses a wrong password', async () => {
    const r = await sftpBatch(server, work, ['ls /'], 'wrong');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Permission denied/);
  });

  it('dispose() closes a live SFTP session', async () => {
    const other = await startSftpBackupServer({ hostKey: deriveHostKey('backup-2'), credentials: [{ username: 'drs', password: PASSWORD }], rootDir: join(work, 'store2') });
    const client = new ssh2.Client();
    const closed = new Promise<void>((resolve) => client.on('close', () => resolve()));
    client.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      client.on('ready', () => client.sftp((err) => (err ? reject(err) : resolve())));
      client.connect({ host: other.host, port: other.port, username: 'drs', password: PASSWORD });
    });
    await other.dispose();
    await closed;
    expect(await ssh2Put(other, '/x', Buffer.from('x')).catch((e: NodeJS.ErrnoException) => e.code)).toBe('ECONNREFUSED');
  });
});
