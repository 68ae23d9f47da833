/**
 * `npm run bench:sim` — issue 2's figures for the simulated cluster (prints; never asserts):
 *  1. CPU used by the default profile at real-time speed with the demo scenario (target < 5% of one core).
 *  2. Admin CLI commands answered per second over SSH (ssh2 Client exec on one connection, and OpenSSH).
 *  3. SFTP download of a 256 MB trace file through OpenSSH `sftp` (target >= 150 MB/s), side by side with
 *     Debian's OpenSSH sshd serving the same bytes from disk when /usr/sbin/sshd is installed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { loadScenario } from '../../main/core/simulator/scenarios/loadScenario.js';
import { startSimCluster } from '../../main/core/simulator/runtime/simCluster.js';

const CPU_SECONDS = Number(process.env.BENCH_CPU_SECONDS ?? 30);
const SSH_OPTS = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'];

function run(cmd: string, args: string[], cwd?: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, stdout }));
  });
}

async function cpuAtRealTime(): Promise<void> {
  const cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 1, basePort: 0 });
  cluster.runScenario(loadScenario('demo'));
  await new Promise((r) => setTimeout(r, 2000));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, CPU_SECONDS * 1000));
  const c = process.cpuUsage(c0);
  const wall = (performance.now() - t0) * 1000;
  console.log(`1. default profile (5 nodes, 6,000 users) + demo scenario at real time: ${(((c.user + c.system) / wall) * 100).toFixed(2)}% of one core over ${CPU_SECONDS} s (target < 5%)`);
  await cluster.dispose();
}

async function sshCommandRate(): Promise<void> {
  const cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 1, basePort: 0 });
  const node = cluster.endpoints().nodes[1]!.ssh;
  const client = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    client.on('ready', resolve).on('error', reject);
    client.connect({ host: node.host, port: node.port, username: node.username, password: node.password });
  });
  client.setNoDelay(true);
  for (const command of ['show status', 'utils service list', 'utils ha status']) {
    const once = (): Promise<void> =>
      new Promise((resolve, reject) => {
        client.exec(command, (err, ch) => {
          if (err) return reject(err);
          ch.on('data', () => undefined);
          ch.on('close', () => resolve());
        });
      });
    const until = performance.now() + 3000;
    let n = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (performance.now() < until) {
        await once();
        n++;
      }
    }));
    console.log(`2. "${command}" over ssh2 exec, one connection, 4 channels: ${(n / ((performance.now() - t0) / 1000)).toFixed(0)} commands/s`);
  }
  client.end();
  const count = 10;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await run('sshpass', ['-p', node.password, 'ssh', ...SSH_OPTS, '-p', String(node.port), `${node.username}@${node.host}`, 'show status']);
  console.log(`2. "show status" through OpenSSH ssh (handshake + auth each time): ${(count / ((performance.now() - t0) / 1000)).toFixed(1)} commands/s`);
  await cluster.dispose();
}

async function sftpThroughput(): Promise<void> {
  const base = loadProfile();
  const profile = { ...base, logs: { ...base.logs, traceFileBytes: 256 * 1024 * 1024, rotatedFiles: 1 } };
  const cluster = await startSimCluster({ profile, seed: 1, speed: 0, basePort: 0 });
  const node = cluster.endpoints().nodes[1]!.sftp;
  const path = '/epas/trace/xcp/log/sip-cm-3000001.log';
  const bytes = cluster.model.node(cluster.endpoints().nodes[1]!.name).logs.read(path)!;
  const work = mkdtempSync(join(tmpdir(), 'sim-bench-'));
  const ours: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await run('sshpass', ['-p', node.password, 'sftp', ...SSH_OPTS, '-o', 'BatchMode=no', '-P', String(node.port), `${node.username}@${node.host}:${path}`, join(work, 'got.log')]);
    const s = (performance.now() - t0) / 1000;
    if (r.code !== 0) throw new Error(`sftp failed: ${r.stderr}`);
    if (!readFileSync(join(work, 'got.log')).equals(bytes)) throw new Error('downloaded bytes differ');
    ours.push(bytes.length / 1e6 / s);
    rmSync(join(work, 'got.log'));
  }
  const best = Math.max(...ours);
  console.log(`3. OpenSSH sftp get of a ${(bytes.length / 1048576).toFixed(0)} MiB trace file from a simulated node: ${ours.map((x) => x.toFixed(0)).join(', ')} MB/s (best ${best.toFixed(0)}; target >= 150)`);
  await cluster.dispose();

  if (!existsSync('/usr/sbin/sshd')) {
    console.log('   (reference: install openssh-server to compare with Debian sshd side by side)');
    rmSync(work, { recursive: true, force: true });
    return;
  }
  // Reference: Debian's sshd + sftp-server serving the same bytes from disk, key authentication.
  writeFileSync(join(work, 'trace.log'), bytes);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(work, 'hostkey')]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(work, 'userkey')]);
  writeFileSync(join(work, 'authorized_keys'), readFileSync(join(work, 'userkey.pub')));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const config = join(work, 'sshd_config');
  writeFileSync(config, [`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(work, 'hostkey')}`, `AuthorizedKeysFile ${join(work, 'authorized_keys')}`, 'PasswordAuthentication no', 'PermitRootLogin prohibit-password', 'StrictModes no', `PidFile ${join(work, 'sshd.pid')}`, 'Subsystem sftp internal-sftp', ''].join('\n'));
  mkdirSync('/run/sshd', { recursive: true });
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 700));
  const ref: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await run('sftp', [...SSH_OPTS, '-i', join(work, 'userkey'), '-P', String(port), `root@127.0.0.1:${join(work, 'trace.log')}`, join(work, 'ref.log')]);
      const s = (performance.now() - t0) / 1000;
      if (r.code !== 0) throw new Error(`reference sftp failed: ${r.stderr}`);
      ref.push(statSync(join(work, 'ref.log')).size / 1e6 / s);
      rmSync(join(work, 'ref.log'));
    }
    const refBest = Math.max(...ref);
    console.log(`   reference: Debian sshd (internal-sftp) serving the same file: ${ref.map((x) => x.toFixed(0)).join(', ')} MB/s (best ${refBest.toFixed(0)}); ours/reference = ${(best / refBest).toFixed(2)}`);
  } finally {
    sshd.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

console.log(`node ${process.version}; ${new Date().toISOString()}`);
await cpuAtRealTime();
await sshCommandRate();
await sftpThroughput();
process.exit(0);
