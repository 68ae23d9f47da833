/**
 * What the `imp traces` tests share: a simulated cluster in the test process (so a test can read a node's own
 * count of bytes served, NodeLogTree.served) with its endpoints file, `imp` run as a real process against it, and
 * a bundle extracted with the real `unzip`/`tar` and checked with `sha256sum -c`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import type { SimProfile } from '../../main/core/simulator/profile/profileSchema.js';
import { writeEndpointsFile } from '../../main/core/simulator/runtime/endpointsFile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import type { ProcessResult } from '../helpers/openssh.js';

/** The profile with big trace files (256 MiB of SIP Federation traces per IM&P node). */
export const BIG_TRACES_PROFILE = 'main/core/simulator/profile/profiles/big-traces.yaml';

/** A running simulated cluster and the endpoints file `imp --endpoints` reads. */
export interface TraceSim {
  readonly cluster: SimCluster;
  readonly dir: string;
  readonly endpointsFile: string;
}

/** Starts a profile's cluster at real time on free ports, its identity and state in a fresh folder. */
export async function startTraceSim(profile: SimProfile = loadProfile()): Promise<TraceSim> {
  const dir = mkdtempSync(join(tmpdir(), 'imp-traces-'));
  const cluster = await startSimCluster({ profile, seed: 1, speed: 1, basePort: 0, identityDir: join(dir, 'identity'), stateDir: join(dir, 'sim-state') });
  const endpointsFile = join(dir, 'endpoints.json');
  await writeEndpointsFile(endpointsFile, cluster.endpoints());
  return { cluster, dir, endpointsFile };
}

/** A finished `imp`. */
export interface ImpRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `imp` (tsx main/core/cli/impMain.ts) with its own state folder; `done` resolves when its output ended. */
export function spawnImp(args: readonly string[], stateDir: string, options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): { child: ChildProcess; done: Promise<ImpRun>; stderrSoFar: () => string; stdoutSoFar: () => string } {
  mkdirSync(stateDir, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/core/cli/impMain.ts', ...args], {
    env: { ...process.env, IMP_MONITOR_STATE_DIR: stateDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timeoutMs = options.timeoutMs ?? 180_000;
  const done = new Promise<ImpRun>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`imp ${args.join(' ')} did not end in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    // 'close', not 'exit': at 'exit' the last of stdout may still be in the pipe.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done, stderrSoFar: () => stderr, stdoutSoFar: () => stdout };
}

/** Runs `imp` to its end. */
export function imp(args: readonly string[], stateDir: string, options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ImpRun> {
  return spawnImp(args, stateDir, options).done;
}

/** The last line of a command's stdout. */
export function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l !== '');
  return lines[lines.length - 1] ?? '';
}

/** Runs a tool in `cwd` to its end, no stdin (a tool that exits at once never meets a closed pipe). */
function runTool(cmd: string, args: readonly string[], cwd?: string): Promise<ProcessResult> {
  return new Promise<ProcessResult>((resolve, reject) => {
    const child = spawn(cmd, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Extracts a bundle with the real tools (`unzip`, `tar -xzf`) into `into` and runs `sha256sum -c` there. */
export async function extractAndVerify(bundlePath: string, into: string): Promise<{ extract: ProcessResult; check: ProcessResult }> {
  mkdirSync(into, { recursive: true });
  const extract = bundlePath.endsWith('.zip') ? await runTool('unzip', ['-q', '-o', bundlePath, '-d', into]) : await runTool('tar', ['-xzf', bundlePath, '-C', into]);
  const check = await runTool('sha256sum', ['-c', '--strict', 'MANIFEST.sha256'], into);
  return { extract, check };
}
