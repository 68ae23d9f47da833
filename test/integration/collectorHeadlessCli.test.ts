// `npm run collector` as a process: with no config it monitors the embedded simulated cluster, prints the port of
// /metrics, serves it, and SIGTERM stops it cleanly (exit code 0, nothing left listening).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'collector-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCollector(args: string[]): { lines: string[]; waitFor: (re: RegExp) => Promise<RegExpExecArray>; exit: Promise<number | null>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/core/headless/collectorMain.ts', ...args], { env: { ...process.env, IMP_MONITOR_STATE_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<{ re: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  const onData = (buf: Buffer): void => {
    for (const line of buf.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      for (const w of [...waiters]) {
        const m = w.re.exec(line);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { lines, exit, kill: (s) => child.kill(s), waitFor: (re) => new Promise((resolve) => waiters.push({ re, resolve })) };
}

describe('npm run collector', () => {
  it('serves /metrics for the embedded cluster and stops cleanly on SIGTERM', async () => {
    const p = runCollector(['--metrics-port', '0']);
    const m = await p.waitFor(/metrics: port (\d+), (http:\/\/127\.0\.0\.1:\d+\/metrics)/);
    const url = m[2]!;
    expect(url).toBe(`http://127.0.0.1:${m[1]}/metrics`);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# TYPE imp_collector_samples_ingested_total counter');
    p.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    expect(p.lines).toContain('collector: stopped');
    await expect(fetch(url)).rejects.toThrow();
  }, 60_000);

  it('exits with a clear message on a bad config instead of crashing', async () => {
    const p = runCollector(['--config', join(dir, 'missing.yaml')]);
    expect(await p.exit).toBe(1);
    expect(p.lines.join('\n')).toMatch(/collector: VALIDATION: cannot read collector config .*missing\.yaml/);
  }, 30_000);
});

describe('exit codes of the command lines (0 success, 1 failure with one line, 2 bad usage with the usage)', () => {
  it('npm run collector: a bad option exits 2 with the usage', async () => {
    const p = runCollector(['--metrics-port', 'lots']);
    expect(await p.exit).toBe(2);
    expect(p.lines.join('\n')).toMatch(/--metrics-port/);
    expect(p.lines.join('\n')).toMatch(/Usage/i);
  }, 30_000);

  it('npm run sim: a bad option exits 2 with the usage; a profile it cannot read exits 1 with one line', async () => {
    const runSim = (args: string[]): Promise<{ code: number | null; out: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'main/core/simulator/cli/simMain.ts', ...args], { env: { ...process.env, IMP_MONITOR_STATE_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
        child.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
        child.on('close', (code) => resolve({ code, out }));
      });
    const usage = await runSim(['--speed', 'fast']);
    expect(usage.code).toBe(2);
    expect(usage.out).toMatch(/Usage/i);
    const failed = await runSim(['--profile', join(dir, 'no-such-profile.yaml'), '--base-port', '0']);
    expect(failed.code).toBe(1);
    expect(failed.out.trim().split('\n')).toHaveLength(1);
    expect(failed.out).toMatch(/no-such-profile\.yaml/);
  }, 60_000);
});
