import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliInterpreter, CliIo } from '../../main/core/simulator/endpoints/ssh/cliInterpreter.js';
import { deriveHostKey } from '../../main/core/simulator/endpoints/ssh/hostKey.js';
import { startSshEndpoint, type SshEndpoint } from '../../main/core/simulator/endpoints/ssh/sshEndpoint.js';
import type { VirtualFileTree } from '../../main/core/simulator/model/logs/virtualFileTree.js';

// The simulated SSH server models OpenSSH's LoginGraceTime (default 120 s) and MaxAuthTries (default 6): a
// client that keeps guessing is disconnected with sshd's own text, and one that never logs in is cut.

const PASSWORD = 'Cisc0!pw';
const GRACE_MS = 1500;

/** A CLI with one command that waits for a line of stdin (keeps an authenticated session open). */
const cli: CliInterpreter = {
  prompt: 'admin:',
  banner: () => 'Test CLI\n',
  openSession: () => ({
    execute: async (line: string, io: CliIo) => {
      if (line === 'wait') io.write(`got ${(await io.readLine('')) ?? 'eof'}\n`);
      else io.write(`ran ${line}\n`);
      return 'continue' as const;
    },
    close: () => undefined,
  }),
};
const emptyTree: VirtualFileTree = { stat: () => undefined, list: () => undefined, read: () => undefined };

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs OpenSSH `ssh` (killed after 30 s); `feed` writes stdin after a delay, else stdin closes at once. */
function ssh(args: string[], env: NodeJS.ProcessEnv = {}, feed?: { afterMs: number; text: string }): Promise<Result> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('ssh', args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    if (feed) setTimeout(() => child.stdin.end(feed.text), feed.afterMs);
    else child.stdin.end();
  });
}

describe('simulated SSH server: MaxAuthTries and LoginGraceTime (OpenSSH model)', () => {
  let work: string;
  let defaults: SshEndpoint;
  let strict: SshEndpoint;

  /** An askpass program that counts its calls and answers `answer` after `sleepS` seconds. */
  const askpass = (name: string, answer: string, sleepS = 0): { env: NodeJS.ProcessEnv; calls: () => number } => {
    const log = join(work, `${name}.calls`);
    writeFileSync(log, '');
    const script = join(work, `${name}.sh`);
    writeFileSync(script, `#!/bin/sh\necho x >> '${log}'\n${sleepS > 0 ? `sleep ${sleepS}\n` : ''}printf '%s\\n' '${answer}'\n`);
    chmodSync(script, 0o755);
    return {
      env: { SSH_ASKPASS: script, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' },
      calls: () => readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').length,
    };
  };
  const args = (ep: SshEndpoint, method: string, extra: string[] = []): string[] => [
    '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'PubkeyAuthentication=no',
    '-o', `PreferredAuthentications=${method}`, '-o', 'NumberOfPasswordPrompts=20', ...extra,
    '-p', String(ep.port), `admin@${ep.host}`,
  ];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ssh-limits-'));
    const base = { hostKey: deriveHostKey('limits'), credentials: [{ username: 'admin', password: PASSWORD }], cli, files: emptyTree };
    defaults = await startSshEndpoint({ ...base, loginGraceTimeMs: GRACE_MS });
    strict = await startSshEndpoint({ ...base, maxAuthTries: 3, loginGraceTimeMs: 0 });
  });
  afterAll(async () => {
    await defaults?.dispose();
    await strict?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('disconnects after 6 wrong passwords on one connection with "Too many authentication failures"', async () => {
    for (const method of ['password', 'keyboard-interactive']) {
      const wrong = askpass(`wrong-${method}`, 'not-the-password');
      const r = await ssh(args(defaults, method, ['-o', 'ConnectTimeout=10']).concat('echo x'), wrong.env);
      expect(r.code).toBe(255);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('Too many authentication failures');
      // The client would have tried 20 times; the server allowed exactly OpenSSH's default of 6.
      expect(wrong.calls()).toBe(6);
    }
  });

  it('honours a configured MaxAuthTries and still lets the right password in', async () => {
    const wrong = askpass('wrong-strict', 'nope');
    const r = await ssh(args(strict, 'password').concat('echo x'), wrong.env);
    expect(r.stderr).toContain('Too many authentication failures');
    expect(wrong.calls()).toBe(3);
    const right = askpass('right-strict', PASSWORD);
    const ok = await ssh(args(strict, 'password').concat('hello'), right.env);
    expect(ok).toMatchObject({ code: 0, stdout: 'ran hello\n' });
  });

  it('cuts a silent TCP client after the login grace time, and the server keeps serving', async () => {
    const started = Date.now();
    const banner = await new Promise<{ text: string; ms: number }>((resolve, reject) => {
      const socket = createConnection({ host: defaults.host, port: defaults.port });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve({ text, ms: Date.now() - started }));
      setTimeout(() => socket.destroy(new Error('not cut within 10 s')), 10_000);
    });
    expect(banner.text).toMatch(/^SSH-2\.0-/);
    expect(banner.ms).toBeGreaterThanOrEqual(GRACE_MS - 100);
    expect(banner.ms).toBeLessThan(GRACE_MS + 5000);
    for (let i = 0; i < 50 && defaults.openConnections > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(defaults.openConnections).toBe(0);
  });

  it('cuts an OpenSSH client that sits at the password prompt, but not a logged-in session', async () => {
    // The right password, typed after the grace time: the connection is already gone.
    const stalled = askpass('stalled', PASSWORD, 4);
    const r = await ssh(args(defaults, 'keyboard-interactive').concat('echo x'), stalled.env);
    expect(r.code).toBe(255);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Connection closed|Connection reset|Broken pipe/i);
    expect(stalled.calls()).toBe(1);

    // Logged in: the session outlives the grace time (stdin arrives after twice the grace time).
    const right = askpass('right', PASSWORD);
    const ok = await ssh(args(defaults, 'password').concat('wait'), right.env, { afterMs: GRACE_MS * 2, text: 'late\n' });
    expect(ok).toMatchObject({ code: 0, stdout: 'got late\n' });
  });

  it('refuses nonsense limits with a clear error', async () => {
    const base = { hostKey: deriveHostKey('limits'), credentials: [{ username: 'admin', password: PASSWORD }], cli, files: emptyTree };
    await expect(startSshEndpoint({ ...base, maxAuthTries: 0 })).rejects.toThrow(/maxAuthTries/);
    await expect(startSshEndpoint({ ...base, loginGraceTimeMs: -1 })).rejects.toThrow(/loginGraceTimeMs/);
  });
});
