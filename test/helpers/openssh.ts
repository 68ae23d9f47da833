import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** Where an OpenSSH client connects. */
export interface SshTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
}

/** What a finished client process printed. */
export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const COMMON = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=10'];

/** Runs a program with optional stdin and a time limit; never rejects for a non-zero exit. */
export function runProcess(cmd: string, args: readonly string[], input?: string | Buffer, timeoutMs = 30_000): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    // Without input, no stdin at all: a tool that exits at once never meets a closed pipe (EPIPE).
    const child = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    if (input !== undefined) {
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input);
    }
  });
}

/** Runs one admin CLI command through OpenSSH `ssh` (password via sshpass, keyboard-interactive by default). */
export function sshExec(t: SshTarget, command: string, options: { input?: string; method?: 'password' | 'keyboard-interactive' } = {}): Promise<ProcessResult> {
  return runProcess('sshpass', ['-p', t.password, 'ssh', ...COMMON, '-o', `PreferredAuthentications=${options.method ?? 'keyboard-interactive'}`, '-p', String(t.port), `${t.username}@${t.host}`, command], options.input);
}

/** Runs an OpenSSH `sftp` batch (commands one per line) in `cwd`. */
export function sftpBatch(t: SshTarget, batch: string, cwd: string): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('sshpass', ['-p', t.password, 'sftp', ...COMMON, '-o', 'BatchMode=no', '-o', 'PreferredAuthentications=keyboard-interactive', '-P', String(t.port), '-b', '-', `${t.username}@${t.host}`], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(batch);
  });
}
