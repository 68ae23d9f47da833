/**
 * The leak check itself: handles left open on purpose (a server left listening, an interval left running, a
 * client socket, a UDP socket, a child process) are reported with the line that created them, and nothing is
 * reported once they are closed, for handles that close within the grace period, or for vitest's own timers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLeaks, startLeakCheck, type LeakCheck } from './leakCheck.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
let check: LeakCheck | undefined;
afterEach(() => check?.stop());

const listen = (s: Server) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
const close = (s: Server) => new Promise((r) => s.close(r));

describe('leak check', () => {
  it('reports a server left listening and an interval left running, with where each was created; nothing once closed', async () => {
    check = startLeakCheck();
    const server = createServer();
    await listen(server);
    const interval = setInterval(() => undefined, 60_000);
    const leaks = await check.settle(300);
    expect(leaks.map((l) => `${l.type}${l.detail ? `/${l.detail}` : ''}`).sort()).toEqual(['TCPSERVERWRAP', 'Timeout/interval']);
    for (const l of leaks) expect(l.stack).toMatch(/leakCheck\.test\.ts:\d+/);
    const report = formatLeaks(leaks, 'test/helpers/leakCheck.test.ts');
    expect(report).toMatch(/^2 handle\(s\) left open by test\/helpers\/leakCheck\.test\.ts/);
    expect(report).toMatch(/TCPSERVERWRAP, created:\n(\s+\S.*\n)*?\s+via TickObject, created:\n(\s+\S.*\n)*?\s+Server\.listen .*\n.*leakCheck\.test\.ts:\d+/);

    clearInterval(interval);
    await close(server);
    expect(await check.settle(2_000)).toEqual([]);
  });

  it('reports both ends of a connection (the accepted one through its server), a UDP socket and a child process', async () => {
    check = startLeakCheck();
    const server = createServer();
    const accepted: Socket[] = [];
    server.on('connection', (s) => accepted.push(s));
    await listen(server);
    const client = connect((server.address() as { port: number }).port, '127.0.0.1');
    await new Promise((r) => client.once('connect', r));
    const udp = createSocket('udp4');
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const types = (await check.settle(300)).map((l) => l.type).sort();
    expect(types).toEqual(['PROCESSWRAP', 'TCPSERVERWRAP', 'TCPWRAP', 'TCPWRAP', 'UDPWRAP']);

    const exited = new Promise((r) => child.once('exit', r));
    child.kill();
    await exited;
    client.destroy();
    for (const s of accepted) s.destroy();
    udp.close();
    await close(server);
    expect(await check.settle(2_000)).toEqual([]);
  });

  it('gives handles closing on the next ticks their grace period, and ignores unref\'d one-shot timers', async () => {
    check = startLeakCheck();
    const server = createServer();
    await listen(server);
    setTimeout(() => server.close(), 50); // closes after the suite ends, within the grace period
    setTimeout(() => undefined, 60_000).unref(); // fires once, never holds the process
    expect(await check.settle(2_000)).toEqual([]);
  });

  it('does not count handles created before it started or by code outside the repository', async () => {
    const before = createServer();
    await listen(before);
    check = startLeakCheck();
    // A timer armed by Node's own code (not ours) is not ours either: a lookup's internals, vitest's test timeout.
    await new Promise((r) => setImmediate(r));
    expect(await check.settle(100)).toEqual([]);
    await close(before);
  });
});

describe('the leak check in the test run (vitest.config.ts setupFiles, test/runAll.mjs)', () => {
  it('fails a suite that leaves a server listening and an interval running, naming them and where they were created; passes one that cleans up', () => {
    const results = mkdtempSync(join(tmpdir(), 'leakcheck-'));
    try {
      const env = { ...process.env };
      delete env.CI;
      // The child vitest must not think it runs inside this vitest worker.
      for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'TEST' || k === 'NODE_ENV') delete env[k];
      const r = spawnSync(process.execPath, ['test/runAll.mjs', '--vitest-only', '--results', results, '--config', 'test/fixtures/leakCheck/vitest.config.ts'], {
        cwd: REPO,
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
      const out = `${r.stdout}${r.stderr}`;
      expect(r.stdout.trim().split('\n').at(-1)).toBe('2 passed, 1 failed, 0 skipped');
      expect(r.status).toBe(1);
      expect(out).toMatch(/FAILED: .*leaks\.fixture\.ts after its tests: 2 handle\(s\) left open by test\/fixtures\/leakCheck\/leaks\.fixture\.ts/);
      expect(out).toMatch(/1\. TCPSERVERWRAP, created:[\s\S]*?leaks\.fixture\.ts:\d+/);
      expect(out).toMatch(/2\. Timeout \(interval\), created:[\s\S]*?leaks\.fixture\.ts:\d+/);
      expect(out).not.toMatch(/clean\.fixture\.ts after its tests/);
    } finally {
      rmSync(results, { recursive: true, force: true });
    }
  });
});
