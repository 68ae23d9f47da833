import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CliInterpreter, CliIo, CliSessionContext } from '../../main/core/simulator/endpoints/ssh/cliInterpreter.js';
import { deriveHostKey } from '../../main/core/simulator/endpoints/ssh/hostKey.js';
import { startSshEndpoint, type SshEndpoint } from '../../main/core/simulator/endpoints/ssh/sshEndpoint.js';
import type { VfsEntry, VirtualFileTree } from '../../main/core/simulator/model/logs/virtualFileTree.js';

/** A tiny honest CLI: echo, upper, a y/n question, whoami, quit. */
class TestCli implements CliInterpreter {
  readonly prompt = 'admin:';
  banner(): string {
    return 'Test CLI\n';
  }
  openSession(ctx: CliSessionContext) {
    return {
      execute: async (line: string, io: CliIo): Promise<'continue' | 'exit'> => {
        const [cmd = '', ...rest] = line.split(/\s+/);
        const arg = rest.join(' ');
        if (cmd === 'echo') io.write(`${arg}\n`);
        else if (cmd === 'upper') io.write(`${arg.toUpperCase()}\n`);
        else if (cmd === 'whoami') io.write(`${ctx.username} interactive=${ctx.interactive}\n`);
        else if (cmd === 'confirm') {
          const answer = await io.readLine('Continue (y/n)?');
          io.write(answer === null ? 'no answer\n' : answer.trim() === 'y' ? 'confirmed\n' : 'cancelled\n');
        } else if (cmd === 'quit') return 'exit';
        else io.write(`Invalid command: ${cmd}\n`);
        return 'continue';
      },
      close: () => undefined,
    };
  }
}

/** A VirtualFileTree over a Map of file paths; directories are implied by the paths. */
class MapTree implements VirtualFileTree {
  constructor(private readonly files: Map<string, Buffer>) {}
  #dirs(): Set<string> {
    const dirs = new Set(['/']);
    for (const p of this.files.keys()) {
      const parts = p.split('/').slice(1, -1);
      for (let i = 1; i <= parts.length; i++) dirs.add('/' + parts.slice(0, i).join('/'));
    }
    return dirs;
  }
  stat(path: string): VfsEntry | undefined {
    const name = path === '/' ? '/' : (path.split('/').pop() ?? '');
    const data = this.files.get(path);
    if (data) return { path, name, kind: 'file', size: data.length, mtimeMs: 1_700_000_000_000 };
    if (this.#dirs().has(path)) return { path, name, kind: 'directory', size: 0, mtimeMs: 1_700_000_000_000 };
    return undefined;
  }
  list(path: string): VfsEntry[] | undefined {
    if (!this.#dirs().has(path)) return undefined;
    const prefix = path === '/' ? '/' : path + '/';
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.#dirs()]) {
      if (p.startsWith(prefix) && p !== path) names.add(p.slice(prefix.length).split('/')[0] as string);
    }
    return [...names].sort().map((n) => this.stat(prefix + n) as VfsEntry);
  }
  read(path: string): Buffer | undefined {
    return this.files.get(path);
  }
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a real client to completion (killed after 30 s so a bug cannot hang the suite). */
function run(cmd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
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
    child.stdin.end(input ?? '');
  });
}

const SSH_OPTS = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'];
const PASSWORD = 'Cisc0!pw';

function sshArgs(ep: SshEndpoint, method: string, password = PASSWORD): string[] {
  return ['-p', password, 'ssh', ...SSH_OPTS, '-o', `PreferredAuthentications=${method}`, '-p', String(ep.port), `admin@${ep.host}`];
}

describe('simulated node SSH endpoint (OpenSSH clients)', () => {
  const bigFile = randomBytes(3 * 1024 * 1024 + 123);
  const files = new Map([
    ['/epas/trace/xcp/log/rtr-jsm-1.log', Buffer.from('line one\nline two\n')],
    ['/epas/trace/big.bin', bigFile],
  ]);
  let ep: SshEndpoint;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ssh-ep-'));
    ep = await startSshEndpoint({
      hostKey: deriveHostKey('node-a'),
      credentials: [{ username: 'admin', password: PASSWORD }],
      cli: new TestCli(),
      files: new MapTree(files),
    });
  });
  afterAll(async () => {
    await ep.dispose();
    rmSync(work, { recursive: true, force: true });
  });
  afterEach(() => ep.setDegradation(undefined));

  it('runs an exec command with keyboard-interactive auth', async () => {
    const r = await run('sshpass', [...sshArgs(ep, 'keyboard-interactive'), 'upper hello world']);
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0, stdout: 'HELLO WORLD\n' });
  });

  it('runs an exec command with password auth and answers readLine from stdin', async () => {
    const yes = await run('sshpass', [...sshArgs(ep, 'password'), 'confirm'], 'y\n');
    expect(yes).toMatchObject({ code: 0, stdout: 'Continue (y/n)?confirmed\n' });
    const eof = await run('sshpass', [...sshArgs(ep, 'password'), 'confirm']);
    expect(eof.stdout).toBe('Continue (y/n)?no answer\n');
    const who = await run('sshpass', [...sshArgs(ep, 'password'), 'whoami']);
    expect(who.stdout).toBe('admin interactive=false\n');
  });

  it('refuses a wrong password with both methods', async () => {
    for (const method of ['password', 'keyboard-interactive']) {
      const r = await run('sshpass', [...sshArgs(ep, method, 'wrong'), '-o', 'NumberOfPasswordPrompts=1', 'echo x']);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/Permission denied/);
    }
  });

  it('runs an interactive shell with prompt, echo, backspace, Ctrl-C and quit', async () => {
    const script = 'echo hi\nupx\x7fper abc\ngarbage\x03whoami\nconfirm\nn\nquit\n';
    const r = await run('sshpass', [...sshArgs(ep, 'keyboard-interactive'), '-tt'], script);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Test CLI\r\nadmin:echo hi\r\nhi\r\n' +
        'admin:upx\b \bper abc\r\nABC\r\n' +
        'admin:garbage^C\r\n' +
        'admin:whoami\r\nadmin interactive=true\r\n' +
        'admin:confirm\r\nContinue (y/n)?n\r\ncancelled\r\n' +
        'admin:quit\r\n',
    );
  });

  it('ends the shell on Ctrl-D', async () => {
    const r = await run('sshpass', [...sshArgs(ep, 'password'), '-tt'], 'echo a\n\x04echo never\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Test CLI\r\nadmin:echo a\r\na\r\nadmin:');
  });

  it('serves the tree over SFTP: ls, get with identical bytes', async () => {
    const batch = join(work, 'get.batch');
    writeFileSync(batch, `ls -l /epas/trace\ncd /epas/trace/xcp/log\nget rtr-jsm-1.log ${work}/small.log\nget /epas/trace/big.bin ${work}/big.bin\n`);
    const r = await run('sshpass', ['-p', PASSWORD, 'sftp', ...SSH_OPTS, '-o', 'BatchMode=no', '-P', String(ep.port), '-b', batch, `admin@${ep.host}`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/-r--r--r-- +1 root +root +3145851 .* big\.bin/);
    expect(r.stdout).toMatch(/dr-xr-xr-x .* xcp/);
    expect(readFileSync(join(work, 'small.log'))).toEqual(files.get('/epas/trace/xcp/log/rtr-jsm-1.log'));
    expect(readFileSync(join(work, 'big.bin')).equals(bigFile)).toBe(true);
  });

  it('refuses paths escaping the tree and every write over SFTP', async () => {
    const sftp = (cmd: string): Promise<RunResult> => {
      const batch = join(work, 'one.batch');
      writeFileSync(batch, `${cmd}\n`);
      return run('sshpass', ['-p', PASSWORD, 'sftp', ...SSH_OPTS, '-o', 'BatchMode=no', '-P', String(ep.port), '-b', batch, `admin@${ep.host}`]);
    };
    // The last one names a real tree file: a server that clamped ".." at the root (instead of refusing) would serve it.
    const escapes = ['get ../../etc/passwd', 'get /../../../etc/passwd', 'get /epas/../../etc/hostname', 'get ../../epas/trace/xcp/log/rtr-jsm-1.log'];
    for (const escape of escapes) {
      const r = await sftp(`${escape} ${work}/escaped`);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/not found|No such file/i);
      expect(existsSync(join(work, 'escaped'))).toBe(false);
    }
    writeFileSync(join(work, 'upload.txt'), 'x');
    for (const write of [`put ${work}/upload.txt /epas/upload.txt`, 'mkdir /newdir', 'rm /epas/trace/big.bin', 'rename /epas/trace/big.bin /b']) {
      const r = await sftp(write);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/Permission denied/i);
    }
    expect(files.size).toBe(2);
  });

  it('withholds answers while unresponsive and answers again after recovery', async () => {
    ep.setDegradation({ unresponsive: true });
    const hung = await run('sshpass', [...sshArgs(ep, 'password'), '-o', 'ConnectTimeout=2', 'echo x']);
    expect(hung.code).toBe(255);
    expect(hung.stdout).toBe('');
    expect(hung.stderr).toMatch(/timed out|banner exchange/i);
    ep.setDegradation({ delayMs: 50 });
    const slow = await run('sshpass', [...sshArgs(ep, 'password'), 'echo slow']);
    expect(slow).toMatchObject({ code: 0, stdout: 'slow\n' });
  });
});

describe('host keys and lifecycle', () => {
  const cli = new TestCli();
  const tree = new MapTree(new Map());
  const start = (seed: string): Promise<SshEndpoint> =>
    startSshEndpoint({ hostKey: deriveHostKey(seed), credentials: [{ username: 'admin', password: PASSWORD }], cli, files: tree });
  /** The fingerprint OpenSSH reports for the server (ssh -v "Server host key:"). */
  const seenFingerprint = async (ep: SshEndpoint): Promise<string | undefined> => {
    const r = await run('sshpass', ['-p', PASSWORD, 'ssh', '-v', ...SSH_OPTS.slice(0, 4), '-p', String(ep.port), `admin@${ep.host}`, 'echo x']);
    return /Server host key: ssh-ed25519 (SHA256:\S+)/.exec(r.stderr)?.[1];
  };

  it('keeps the host key for the same seed and changes it for another seed', async () => {
    const a1 = await start('profile-x/node-1');
    const a1Seen = await seenFingerprint(a1);
    await a1.dispose();
    const a2 = await start('profile-x/node-1');
    const b = await start('profile-x/node-2');
    try {
      expect(a1Seen).toBe(a1.hostKeyFingerprint);
      expect(await seenFingerprint(a2)).toBe(a1Seen);
      expect(a2.hostKeyFingerprint).toBe(a1.hostKeyFingerprint);
      expect(await seenFingerprint(b)).toBe(b.hostKeyFingerprint);
      expect(b.hostKeyFingerprint).not.toBe(a1.hostKeyFingerprint);
    } finally {
      await a2.dispose();
      await b.dispose();
    }
  });

  it('dispose() ends live sessions and stops listening', async () => {
    const ep = await start('lifecycle');
    const child = spawn('sshpass', [...sshArgs(ep, 'password'), '-tt'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('admin:')) resolve();
      });
    });
    expect(ep.openConnections).toBe(1);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await ep.dispose();
    expect(await exited).toBe(255);
    expect(ep.openConnections).toBe(0);
    const refused = await new Promise<string>((resolve) => {
      const s = createConnection(ep.port, ep.host);
      s.on('connect', () => {
        s.destroy();
        resolve('connected');
      });
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
