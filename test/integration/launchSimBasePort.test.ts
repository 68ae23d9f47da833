// Issue 10: `npm start` could not run while anything held the embedded cluster's fixed ports. The launcher takes
// --sim-base-port N (0 = free ports) and, when a port is taken, fails with one line naming it and what to do.
// The launcher runs for real (web mode), against a port this test holds.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { nodeAddress } from '../../main/core/simulator/profile/loopbackAddresses.js';
import { hasLoopbackAliases } from '../../main/core/simulator/runtime/endpointPorts.js';

let dir: string;
let held: Server;
let heldHost: string;
let heldPort: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'launch-sim-port-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>IMP Monitor</title>'); // the launcher only checks that a built UI is there
  // The embedded cluster's first node (the CUCM publisher) listens for SSH on the base port at its own address.
  heldHost = (await hasLoopbackAliases()) ? nodeAddress(loadProfile(), 0) : '127.0.0.1';
  held = createServer();
  await new Promise<void>((resolve) => held.listen(0, heldHost, () => resolve()));
  heldPort = (held.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => held?.close(() => resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the launcher until it exits or prints its URL (then stops it with SIGINT); bounded by `timeoutMs`. */
function launch(args: readonly string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string; url?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/app/launch.ts', '--web', '--port', '0', '--renderer', dir, ...args], {
      env: { ...process.env, IMP_MONITOR_STATE_DIR: join(dir, `state-${args.join('-')}`) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let url: string | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`launcher did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout);
      if (m && !url) {
        url = m[1];
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ...(url ? { url } : {}) });
    });
  });
}

describe('npm start --sim-base-port', () => {
  it('fails with one clear line naming the taken port and what to do', async () => {
    const r = await launch(['--sim-base-port', String(heldPort)]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n').filter((l) => l.includes('[launch]'));
    expect(lines).toEqual([
      `[launch] the embedded simulated cluster cannot start: port ${heldPort} on ${heldHost} (SSH of cucm-pub) is already in use; start with --sim-base-port 0 (free ports) or another --sim-base-port N`,
    ]);
    expect(r.url).toBeUndefined();
  }, 90_000);

  it('starts on free ports with --sim-base-port 0 while the port stays taken, and stops on SIGINT', async () => {
    const r = await launch(['--sim-base-port', '0']);
    expect(r.url, r.stderr).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(r.code).toBe(0);
  }, 90_000);

  it('refuses a bad --sim-base-port value with the usage', async () => {
    const r = await launch(['--sim-base-port', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sim-base-port needs a number 0-65000 (0 = free ports), got x');
    expect(r.stderr).toContain('[--sim-base-port N]');
  }, 30_000);
});
