/**
 * A real OpenSSH server for tests that push files to an SFTP server (scheduled trace collection, DRS): Debian's
 * `/usr/sbin/sshd` (package openssh-server) on 127.0.0.1 and a free port, with its own config, its own ed25519
 * host key (made per server, its fingerprint known to the test for pinning) and a test account with a password.
 *
 * sshd checks passwords against /etc/shadow and must start as root, and the account must exist: `.ci/run`
 * installs openssh-server and creates the account (as root). Outside CI, a machine where that is not so skips
 * the suite and says why ({@link opensshServerSkipReason}); under CI=true the same reason fails the suite.
 *
 * Each server gets a fresh upload folder in the account's home (owned by the account); `dispose` stops sshd
 * (SIGTERM, then waits for the process) and removes its folders.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { underCi } from './requiredTools.js';

/** The test account `.ci/run` creates (useradd + chpasswd as root). */
export const OPENSSH_TEST_USER = 'imptrace';
export const OPENSSH_TEST_PASSWORD = 'ImpTrace123!';
const SSHD = '/usr/sbin/sshd';
const SSH_KEYGEN = '/usr/bin/ssh-keygen';

/** A running sshd. */
export interface OpensshServer {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** Its host key, "SHA256:…" as `ssh-keygen -l` prints it (pin it). */
  readonly hostKeyFingerprint: string;
  /** A fresh folder of the account for this server's uploads (absolute path, the same over SFTP). */
  readonly uploadDir: string;
  dispose(): Promise<void>;
}

/** The account's uid, gid and home, or undefined when it does not exist. */
function account(): { uid: number; gid: number; home: string } | undefined {
  const r = spawnSync('getent', ['passwd', OPENSSH_TEST_USER], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const f = r.stdout.trim().split(':');
  return { uid: Number(f[2]), gid: Number(f[3]), home: f[5]! };
}

/** Why no sshd can be started here, or undefined when it can. */
export function opensshServerProblem(): string | undefined {
  if (!existsSync(SSHD)) return `${SSHD} is missing (apt-get install openssh-server; .ci/run does)`;
  if (!existsSync(SSH_KEYGEN)) return `${SSH_KEYGEN} is missing (apt-get install openssh-client)`;
  if (process.getuid?.() !== 0) return 'sshd must start as root to check passwords (run the tests as root, as .ci/run does)';
  if (!account()) return `the test account ${OPENSSH_TEST_USER} does not exist (.ci/run creates it as root: useradd + chpasswd)`;
  return undefined;
}

/**
 * For `describe.skipIf(...)`: the reason when the server cannot run outside CI (printed once), false when it
 * can; under CI=true a reason throws, so the suite fails naming it.
 */
export function opensshServerSkipReason(env: NodeJS.ProcessEnv = process.env): string | false {
  const problem = opensshServerProblem();
  if (!problem) return false;
  if (underCi(env)) throw new Error(`cannot start the OpenSSH test server: ${problem}`);
  console.warn(`[opensshServer] skipped: ${problem}`);
  return problem;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once something answers SSH on the port (reads the banner), or rejects when sshd exited. */
async function waitForBanner(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const end = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${stderr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect({ host: '127.0.0.1', port });
      sock.setTimeout(2000);
      sock.once('data', (d: Buffer) => {
        sock.destroy();
        resolve(d.toString('latin1').startsWith('SSH-'));
      });
      sock.once('error', () => resolve(false));
      sock.once('timeout', () => (sock.destroy(), resolve(false)));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`sshd did not answer on 127.0.0.1:${port}: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts sshd; throws with the reason when it cannot ({@link opensshServerProblem}). */
export async function startOpensshServer(): Promise<OpensshServer> {
  const problem = opensshServerProblem();
  if (problem) throw new Error(`cannot start the OpenSSH test server: ${problem}`);
  const user = account()!;
  const dir = mkdtempSync(join(tmpdir(), 'imp-sshd-'));
  const key = join(dir, 'ssh_host_ed25519_key');
  const gen = spawnSync(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', 'imp-test-sshd', '-f', key], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`ssh-keygen failed: ${gen.stderr}`);
  const fp = /(SHA256:[A-Za-z0-9+/]+)/.exec(spawnSync(SSH_KEYGEN, ['-l', '-f', `${key}.pub`], { encoding: 'utf8' }).stdout)?.[1];
  if (!fp) throw new Error('ssh-keygen -l printed no fingerprint');
  // Privilege separation folder Debian's sshd insists on (made by the service unit, absent in containers).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const uploadDir = mkdtempSync(join(user.home, 'upload-'));
  chownSync(uploadDir, user.uid, user.gid);
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${key}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication no',
      'UsePAM no',
      'PermitRootLogin no',
      `AllowUsers ${OPENSSH_TEST_USER}`,
      'StrictModes no',
      'MaxStartups 50',
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString('utf8')).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanup = (): void => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(uploadDir, { recursive: true, force: true });
  };
  try {
    await waitForBanner(port, child, () => err);
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    cleanup();
    throw e;
  }
  return {
    host: '127.0.0.1',
    port,
    username: OPENSSH_TEST_USER,
    password: OPENSSH_TEST_PASSWORD,
    hostKeyFingerprint: fp,
    uploadDir,
    async dispose() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      cleanup();
    },
  };
}

/** Reads a file the server received (the test runs as root, so it reads the account's files directly). */
export function readUploaded(path: string): Buffer {
  return readFileSync(path);
}
