/**
 * Throughput of the simulated node SSH endpoint (not a test; prints figures):
 *   npx tsx test/bench/simSftpBench.ts [runs]
 * 1. OpenSSH `sftp` batch `get` of a 256 MiB file served from a VirtualFileTree (wall time incl. connect/auth).
 * 2. SSH exec commands answered per second by a trivial interpreter: ssh2 Client on one connection
 *    (sequential and 8 channels in parallel), and OpenSSH `ssh host cmd` (one connection per command).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { CliInterpreter, CliIo } from '../../main/core/simulator/endpoints/ssh/cliInterpreter.js';
import { deriveHostKey } from '../../main/core/simulator/endpoints/ssh/hostKey.js';
import { startSshEndpoint } from '../../main/core/simulator/endpoints/ssh/sshEndpoint.js';
import type { VfsEntry, VirtualFileTree } from '../../main/core/simulator/model/logs/virtualFileTree.js';

/** Runs a client asynchronously (the server lives in this process, so spawnSync would deadlock). */
function run(cmd: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const SIZE = 256 * 1024 * 1024;
const PASSWORD = 'bench';
const runs = Number(process.argv[2] ?? 3);

const cli: CliInterpreter = {
  prompt: 'admin:',
  banner: () => '',
  openSession: () => ({
    execute: async (line: string, io: CliIo) => {
      io.write(`${line}\n`);
      return 'continue' as const;
    },
    close: () => undefined,
  }),
};

const big = randomFillSync(Buffer.allocUnsafe(SIZE));
const bigEntry: VfsEntry = { path: '/big.bin', name: 'big.bin', kind: 'file', size: SIZE, mtimeMs: Date.now() };
const rootEntry: VfsEntry = { path: '/', name: '/', kind: 'directory', size: 0, mtimeMs: Date.now() };
const files: VirtualFileTree = {
  stat: (p) => (p === '/big.bin' ? bigEntry : p === '/' ? rootEntry : undefined),
  list: (p) => (p === '/' ? [bigEntry] : undefined),
  read: (p) => (p === '/big.bin' ? big : undefined),
};

const ep = await startSshEndpoint({ hostKey: deriveHostKey('bench'), credentials: [{ username: 'admin', password: PASSWORD }], cli, files });
const work = mkdtempSync(join(tmpdir(), 'sim-sftp-bench-'));
const sshOpts = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-o', 'BatchMode=no'];
const openssh = spawnSync('ssh', ['-V'], { encoding: 'utf8' }).stderr.trim();
console.log(`node ${process.version}, ssh2 endpoint on ${ep.host}:${ep.port}, client ${openssh}`);

try {
  // 1. OpenSSH sftp download.
  const expected = createHash('sha256').update(big).digest('hex');
  const batch = join(work, 'get.batch');
  const target = join(work, 'big.bin');
  writeFileSync(batch, `get /big.bin ${target}\n`);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await run('sshpass', ['-p', PASSWORD, 'sftp', ...sshOpts, '-P', String(ep.port), '-b', batch, `admin@${ep.host}`]);
    const s = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`sftp failed: ${r.stderr}`);
    const ok = createHash('sha256').update(readFileSync(target)).digest('hex') === expected;
    console.log(`sftp get 256 MiB run ${i + 1}: ${s.toFixed(2)} s  ${(SIZE / 1e6 / s).toFixed(0)} MB/s  (${(SIZE / 1048576 / s).toFixed(0)} MiB/s)  bytes ${ok ? 'identical' : 'DIFFER'}`);
    rmSync(target, { force: true });
  }

  // 2a. ssh2 Client exec rate on one connection, with and without TCP_NODELAY on the client socket
  // (the server always sets it; without it the client's Nagle + delayed ACK add ~40 ms per channel open).
  for (const noDelay of [false, true]) {
    const client = new ssh2.Client();
    await new Promise<void>((resolve, reject) => {
      client.on('ready', resolve).on('error', reject);
      client.connect({ host: ep.host, port: ep.port, username: 'admin', password: PASSWORD });
    });
    client.setNoDelay(noDelay);
    const execOnce = (): Promise<void> =>
      new Promise((resolve, reject) => {
        client.exec('echo x', (err, ch) => {
          if (err) return reject(err);
          let out = '';
          ch.on('data', (d: Buffer) => (out += d.toString()));
          ch.on('close', () => (out === 'echo x\n' ? resolve() : reject(new Error(`bad output ${JSON.stringify(out)}`))));
        });
      });
    for (const parallel of [1, 8]) {
      const until = performance.now() + 3000;
      let n = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          while (performance.now() < until) {
            await execOnce();
            n++;
          }
        }),
      );
      const s = (performance.now() - t0) / 1000;
      console.log(`ssh2 Client exec (client noDelay=${noDelay}), one connection, ${parallel} in parallel: ${(n / s).toFixed(0)} commands/s (${n} in ${s.toFixed(1)} s)`);
    }
    client.end();
  }

  // 2b. OpenSSH: one connection (handshake + auth) per command.
  const count = 20;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const r = await run('sshpass', ['-p', PASSWORD, 'ssh', ...sshOpts, '-p', String(ep.port), `admin@${ep.host}`, 'echo x']);
    if (r.stdout !== 'echo x\n') throw new Error(`ssh failed: ${r.stderr}`);
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`OpenSSH ssh host cmd (new connection each): ${(count / s).toFixed(1)} commands/s (${count} in ${s.toFixed(1)} s)`);
} finally {
  await ep.dispose();
  rmSync(work, { recursive: true, force: true });
}
