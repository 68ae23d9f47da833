// Interrupt a 256 MiB collection and resume it (issue 12, "Tests"): `imp traces collect` as a process fetches the
// rotated files of the two XCP federation services of imp-pub of the big-traces profile (4 of 16 MiB, 4 of 48 MiB,
// and the small active ones), is killed with SIGKILL once at least one big file is complete and another is not, then
// `imp traces resume <work folder>` finishes it. The simulated node's own count of the bytes it served
// (NodeLogTree.served) proves that no file complete at the kill was fetched again and that partial files continued
// from their offset, not from 0; the final bundle, extracted with unzip, passes `sha256sum -c` and holds the node's
// bytes.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { until } from '../helpers/until.js';
import { BIG_TRACES_PROFILE, extractAndVerify, imp, lastLine, spawnImp, startTraceSim, type TraceSim } from './impTracesHarness.js';

const tools = [
  { path: '/usr/bin/unzip', apt: 'unzip' },
  { path: '/usr/bin/sha256sum', apt: 'coreutils' },
];

const NODE = 'imp-pub';
const SERVICES = 'Cisco XCP SIP Federation Connection Manager,Cisco XCP XMPP Federation Connection Manager';
/** The rotated files of the two services (the active ones, sip-cm-3000005.log and xmpp-cm-4000005.log, are small). */
const BIG = /\/(sip-cm-3|xmpp-cm-4)00000[1-4]\.log$/;

interface StateFileJson {
  nodes: Array<{ node: string; files: Array<{ path: string; size: number; state: string; doneBytes: number }> }>;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe.skipIf(skipWithoutTools(tools))('interrupted 256 MiB collection, resumed', () => {
  let sim: TraceSim;

  beforeAll(async () => {
    sim = await startTraceSim(loadProfile(BIG_TRACES_PROFILE));
  }, 120_000);

  afterAll(async () => {
    await sim?.cluster.dispose();
    if (sim) rmSync(sim.dir, { recursive: true, force: true });
  });

  it('SIGKILL mid-way, then resume: no complete file is served twice, partial ones continue by offset, the bundle verifies', async () => {
    const logs = sim.cluster.model.node(NODE).logs;
    const served = logs.served;
    const files = logs.walk('/epas/trace/xcp/log').filter((p) => BIG.test(p));
    // The node generates a file when first read: do it now, so the collection's timing is the transfer's.
    const size = new Map(files.map((p) => [p, logs.stat(p)!.size] as const));
    const total = [...size.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(256 * 1024 * 1024);
    expect(total).toBeLessThan(256 * 1024 * 1024 + 8 * 200);

    const out = join(sim.dir, 'bundles');
    const workDir = join(out, 'big.collecting');
    const stateFile = join(workDir, 'collection-state.json');
    const state = join(sim.dir, 'imp-state');
    const readState = (): StateFileJson | undefined => {
      try {
        return JSON.parse(readFileSync(stateFile, 'utf8')) as StateFileJson;
      } catch {
        return undefined;
      }
    };
    const bigFiles = (s: StateFileJson): Array<{ path: string; size: number; state: string; doneBytes: number }> => (s.nodes.find((n) => n.node === NODE)?.files ?? []).filter((f) => BIG.test(f.path) && size.has(f.path));

    const first = spawnImp(['traces', 'collect', '--endpoints', sim.endpointsFile, '--services', SERVICES, '--nodes', NODE, '--last', '6h', '--out', out, '--label', 'big'], state);
    let exitedEarly = false;
    void first.done.then(() => (exitedEarly = true));
    // Kill once the collection's own state says one big file is complete and another is partly there (or, failing
    // that window, once the node served 97 %): the collection must be interrupted mid-way.
    await until(
      'the collection to be mid-way',
      () => {
        if (exitedEarly) throw new Error(`imp traces collect ended before it was interrupted:\n${first.stderrSoFar()}`);
        const s = readState();
        const big = s ? bigFiles(s) : [];
        const done = big.filter((f) => f.state === 'done').length;
        const partial = big.filter((f) => f.state !== 'done' && f.doneBytes > 0).length;
        if (done >= 1 && partial >= 1) return true;
        return served.total() >= 0.97 * total ? true : undefined;
      },
      180_000,
      20,
    );
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe('');

    const atKill = readState();
    expect(atKill, 'the state file after the kill').toBeDefined();
    const big = bigFiles(atKill!);
    expect(big.map((f) => f.path).sort()).toEqual([...files].sort());
    const complete = big.filter((f) => f.state === 'done');
    const unfinished = big.filter((f) => f.state !== 'done');
    expect(complete.length, 'files complete at the kill').toBeGreaterThanOrEqual(1);
    expect(unfinished.length, 'files not complete at the kill').toBeGreaterThanOrEqual(1);
    const servedAtKill = new Map(files.map((p) => [p, { bytes: served.bytes(p), completions: served.completions(p) }] as const));
    for (const f of complete) expect(servedAtKill.get(f.path)!.completions, f.path).toBeGreaterThanOrEqual(1);

    const resumed = await imp(['traces', 'resume', workDir, '--endpoints', sim.endpointsFile], state, { timeoutMs: 300_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    const bundle = lastLine(resumed.stdout);
    expect(bundle).toBe(join(out, 'big.zip'));
    expect(existsSync(bundle)).toBe(true);

    // The node's own count: a file complete at the kill was not served again (not one byte); an unfinished one was
    // served at most from where the collection's state says it had got to, never again from its start.
    for (const f of complete) {
      expect(served.bytes(f.path), `${f.path} complete at the kill`).toBe(servedAtKill.get(f.path)!.bytes);
      expect(served.completions(f.path), f.path).toBe(servedAtKill.get(f.path)!.completions);
    }
    let continued = 0;
    for (const f of unfinished) {
      const again = served.bytes(f.path) - servedAtKill.get(f.path)!.bytes;
      expect(again, `${f.path}: bytes served after the resume`).toBeLessThanOrEqual(size.get(f.path)! - f.doneBytes);
      if (f.doneBytes > 0) continued++;
    }
    expect(continued, 'unfinished files continued from an offset').toBeGreaterThanOrEqual(1);

    const into = join(sim.dir, 'x');
    const { extract, check } = await extractAndVerify(bundle, into);
    expect(extract.code, extract.stderr).toBe(0);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    for (const p of files) expect(sha256(readFileSync(join(into, NODE, p.slice(1)))), p).toBe(sha256(logs.read(p)!));
    const meta = JSON.parse(readFileSync(join(into, 'collection.json'), 'utf8')) as { partial: boolean };
    expect(meta.partial).toBe(false);
    expect(existsSync(workDir)).toBe(false);
  }, 600_000);
});
