// `npm run imp -- traces …` as a process (issue 12, "Command line") against a simulated cluster running in this
// process (default profile, real time), reached through its endpoints file as a running `npm run sim` is:
// list-services (the names from the node), collect (zip and tar.gz; the bundle path as the last stdout line; the
// bundle extracted with unzip/tar passes sha256sum -c and holds the node's bytes), bad input (exit 1 or 2 with one
// line, nothing on stdout), search (on the node with `file search activelog`, and in the bundle), tail (lines of
// `file tail activelog` live while a service restarts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshExec } from '../helpers/openssh.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { until } from '../helpers/until.js';
import { extractAndVerify, imp, lastLine, spawnImp, startTraceSim, type TraceSim } from './impTracesHarness.js';

const tools = [
  { path: '/usr/bin/unzip', apt: 'unzip' },
  { path: '/usr/bin/sha256sum', apt: 'coreutils' },
  { path: '/usr/bin/sshpass', apt: 'sshpass' },
];

const ROUTER = 'Cisco XCP Router';
const PRESENCE = 'Cisco Presence Engine';

interface CollectionJson {
  partial: boolean;
  range: { from: string; to: string };
  nodes: Array<{ node: string }>;
  files: Array<{ node: string; path: string; size: number; sha256: string; via: string }>;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe.skipIf(skipWithoutTools(tools))('imp traces', () => {
  let sim: TraceSim;
  let state: string;
  let zipBundle = '';
  const args = (...rest: string[]): string[] => [...rest, '--endpoints', sim.endpointsFile];

  beforeAll(async () => {
    sim = await startTraceSim();
    state = join(sim.dir, 'imp-state');
  }, 120_000);

  afterAll(async () => {
    await sim?.cluster.dispose();
    if (sim) rmSync(sim.dir, { recursive: true, force: true });
  });

  it('list-services prints what each node lists, grouped as RTMT groups it', async () => {
    const r = await imp(args('traces', 'list-services', '--node', 'imp-pub,cucm-pub', '--json'), state);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ cluster: string; node: string; group: string; name: string }>;
    expect(rows).toContainEqual({ cluster: 'sim', node: 'imp-pub', group: 'imp', name: ROUTER });
    expect(rows).toContainEqual({ cluster: 'sim', node: 'imp-pub', group: 'systemLog', name: 'Event Viewer-System Log' });
    expect(rows.find((x) => x.node === 'imp-pub' && x.name === 'Cisco Tomcat Security Logs')?.group).toBe('system');
    // The CUCM publisher has no XCP: the list comes from each node, not from a table shared with the simulator.
    expect(rows.some((x) => x.node === 'cucm-pub' && x.name === ROUTER)).toBe(false);
    expect(rows.some((x) => x.node === 'cucm-pub')).toBe(true);
    const csv = await imp(args('traces', 'list-services', '--node', 'imp-pub', '--format', 'csv'), state);
    expect(csv.stdout.split('\n')[0]).toBe('CLUSTER,NODE,GROUP,NAME');
  }, 120_000);

  it('collect packs two nodes into a zip whose path is the last stdout line; unzip + sha256sum -c pass and hold the nodes\' bytes', async () => {
    const out = join(sim.dir, 'bundles');
    const r = await imp(args('traces', 'collect', '--services', `${ROUTER},${PRESENCE}`, '--nodes', 'imp-pub,imp-sub1', '--last', '60m', '--out', out, '--label', 'two-nodes'), state);
    expect(r.code, r.stderr).toBe(0);
    zipBundle = lastLine(r.stdout);
    expect(r.stdout).toBe(`${zipBundle}\n`);
    expect(zipBundle).toBe(join(out, 'two-nodes.zip'));
    expect(existsSync(zipBundle)).toBe(true);
    expect(r.stderr).toMatch(/collection two-nodes running/);
    expect(r.stderr).toMatch(/collection two-nodes completed/);
    // Issue 16: the collection is in the data folder's audit log as the OS user who ran it (source cli).
    const audit = await imp(['audit', 'list', '--json', '--action', 'traces.collect'], state);
    expect(audit.code, audit.stderr).toBe(0);
    expect(JSON.parse(audit.stdout)).toMatchObject([{ action: 'traces.collect', target: 'two-nodes', result: 'ok', source: 'cli', operator: userInfo().username, params: { nodes: ['c1/imp-pub', 'c1/imp-sub1'].map((n) => expect.stringContaining(n.split('/')[1]!)), outDir: out } }]);

    const into = join(sim.dir, 'x-zip');
    const { extract, check } = await extractAndVerify(zipBundle, into);
    expect(extract.code, extract.stderr).toBe(0);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const meta = JSON.parse(readFileSync(join(into, 'collection.json'), 'utf8')) as CollectionJson;
    expect(meta.partial).toBe(false);
    expect(meta.nodes.map((n) => n.node).sort()).toEqual(['imp-pub', 'imp-sub1']);
    const manifest = readFileSync(join(into, 'MANIFEST.sha256'), 'utf8');
    expect(manifest).toMatch(/ collection\.json$/m);
    // Each rotated router and presence file of the range is there, with the node's own bytes, and no other.
    for (const node of ['imp-pub', 'imp-sub1']) {
      const logs = sim.cluster.model.node(node).logs;
      const rotated = [...logs.walk('/epas/trace/xcp/log').filter((p) => /\/rtr-jsm-1\d{6}\.log\.gz$/.test(p)), ...logs.walk('/epas/trace/epe/sdi').filter((p) => /\.txt\.gz$/.test(p))];
      // The range the collection resolved (the last 60 minutes before it started), as collection.json says.
      const [from, to] = [Date.parse(meta.range.from), Date.parse(meta.range.to)];
      expect(to - from).toBe(3_600_000);
      const inRange = rotated.filter((p) => logs.stat(p)!.mtimeMs >= from && logs.stat(p)!.mtimeMs <= to);
      expect(inRange.length, node).toBeGreaterThan(0);
      for (const p of inRange) {
        const local = join(into, node, p.slice(1));
        expect(existsSync(local), local).toBe(true);
        expect(sha256(readFileSync(local)), p).toBe(sha256(logs.read(p)!));
        expect(manifest).toContain(`  ${node}${p}\n`);
      }
      for (const p of rotated.filter((x) => !inRange.includes(x))) expect(existsSync(join(into, node, p.slice(1))), `${p} is outside the range`).toBe(false);
    }
  }, 240_000);

  it('collect --archive tar.gz, an absolute range, --pseudonymize: tar -xzf + sha256sum -c pass, no user address left', async () => {
    const out = join(sim.dir, 'bundles');
    const from = new Date(Date.now() - 90 * 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const r = await imp(args('traces', 'collect', '--services', ROUTER, '--nodes', 'imp-sub1', '--from', from, '--to', to, '--archive', 'tar.gz', '--pseudonymize', '--out', out, '--label', 'abs'), state);
    expect(r.code, r.stderr).toBe(0);
    expect(lastLine(r.stdout)).toBe(join(out, 'abs.tar.gz'));
    const into = join(sim.dir, 'x-tgz');
    const { extract, check } = await extractAndVerify(lastLine(r.stdout), into);
    expect(extract.code, extract.stderr).toBe(0);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const rotated = /imp-sub1\/epas\/trace\/xcp\/log\/rtr-jsm-1\d{6}\.log\.gz(?=: OK)/.exec(check.stdout);
    expect(rotated, check.stdout).not.toBeNull();
    expect((JSON.parse(readFileSync(join(into, 'collection.json'), 'utf8')) as { pseudonymized: boolean }).pseudonymized).toBe(true);
    // The node's file names users (user123@example.com); the bundle's copy names none, and the mapping stays in the
    // data folder (the app's own traces/pseudonyms.json), not in the bundle.
    expect(gunzipSync(sim.cluster.model.node('imp-sub1').logs.read(rotated![0].slice('imp-sub1'.length))!).toString('latin1')).toMatch(/user\d+@example\.com/);
    const text = gunzipSync(readFileSync(join(into, rotated![0]))).toString('latin1');
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toMatch(/user\d+@example\.com/);
    expect(existsSync(join(state, 'traces', 'pseudonyms.json'))).toBe(true);
  }, 240_000);

  it('collect --preset highCpu adds the node\'s CLI diagnostics beside the preset\'s traces', async () => {
    const out = join(sim.dir, 'bundles');
    const r = await imp(args('traces', 'collect', '--preset', 'highCpu', '--nodes', 'imp-pub', '--last', '60m', '--out', out, '--label', 'cpu'), state);
    expect(r.code, r.stderr).toBe(0);
    const { check } = await extractAndVerify(lastLine(r.stdout), join(sim.dir, 'x-cpu'));
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/show-process-using-most-cpu\.txt: OK/);
    expect(check.stdout).toMatch(/utils-service-list\.txt: OK/);
    expect(check.stdout).toMatch(/imp-pub\/epas\/trace\/xcp\/log\/rtr-jsm-1\d{6}\.log\.gz: OK/);
  }, 240_000);

  it('a node that does not answer is data: a partial bundle (path still the last line), exit 1, the reason in collection.json', async () => {
    // The endpoints file with imp-sub1's SOAP and SSH ports pointed at a port nobody listens on.
    const closed = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const port = (srv.address() as AddressInfo).port;
        srv.close(() => resolve(port));
      });
    });
    const doc = JSON.parse(readFileSync(sim.endpointsFile, 'utf8')) as { nodes: Array<{ name: string; ssh: { host: string; port: number }; sftp: { host: string; port: number }; soap: { host: string; port: number } }> };
    for (const n of doc.nodes.filter((x) => x.name === 'imp-sub1')) {
      for (const e of [n.ssh, n.sftp, n.soap]) Object.assign(e, { host: '127.0.0.1', port: closed });
    }
    const broken = join(sim.dir, 'endpoints-sub1-down.json');
    writeFileSync(broken, JSON.stringify(doc));
    const out = join(sim.dir, 'bundles');
    const r = await imp(['traces', 'collect', '--endpoints', broken, '--services', ROUTER, '--nodes', 'imp-pub,imp-sub1', '--last', '60m', '--out', out, '--label', 'half'], state);
    expect(r.code, r.stderr).toBe(1);
    expect(lastLine(r.stdout)).toBe(join(out, 'half.zip'));
    expect(r.stderr).toMatch(/sim\/imp-sub1 did not list its services \(POLL_CONNECT/);
    expect(r.stderr).toMatch(/^imp: PARTIAL: the bundle is partial/m);
    const into = join(sim.dir, 'x-half');
    const { check } = await extractAndVerify(lastLine(r.stdout), into);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/imp-pub\/epas\/trace\/xcp\/log\/rtr-jsm-1\d{6}\.log\.gz: OK/);
    const meta = readFileSync(join(into, 'collection.json'), 'utf8');
    expect((JSON.parse(meta) as { partial: boolean }).partial).toBe(true);
    expect(meta).toMatch(/imp-sub1/);
  }, 240_000);

  it('bad input: a clear line, nothing on stdout, exit 1 (what only the nodes can tell) or 2 (usage)', async () => {
    const out = join(sim.dir, 'bad');
    const unknownService = await imp(args('traces', 'collect', '--services', 'Cisco Nope', '--nodes', 'imp-pub', '--last', '1h', '--out', out), state);
    expect(unknownService.code).toBe(1);
    expect(unknownService.stdout).toBe('');
    expect(unknownService.stderr).toMatch(/^imp: NOT_FOUND: no node lists "Cisco Nope": the nodes list .*Cisco XCP Router/m);
    const unknownNode = await imp(args('traces', 'collect', '--services', ROUTER, '--nodes', 'imp-sub9', '--last', '1h', '--out', out), state);
    expect(unknownNode.code).toBe(1);
    expect(unknownNode.stderr).toMatch(/^imp: NOT_FOUND: no node imp-sub9: the nodes are sim\/cucm-pub, sim\/imp-pub/m);
    const empty = await imp(args('traces', 'collect', '--services', ROUTER, '--from', '2026-01-01T10:00Z', '--to', '2026-01-01T10:00Z', '--out', out), state);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/the time range is empty[\s\S]*Usage: imp traces collect/);
    const noOut = await imp(args('traces', 'collect', '--services', ROUTER, '--last', '1h'), state);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/required option '--out <DIR>' not specified/);
    const noResume = await imp(args('traces', 'resume', join(out, 'nothing.collecting')), state);
    expect(noResume.code).toBe(1);
    expect(noResume.stdout).toBe('');
    expect(noResume.stderr).toMatch(/^imp: [A-Z_]+: .*nothing\.collecting/m);
    expect(existsSync(out)).toBe(false);
  }, 240_000);

  it('search finds text on the node (file search activelog) and in the collected bundle (with line numbers)', async () => {
    const onNode = await imp(args('traces', 'search', '--text', 'JSM session created', '--services', ROUTER, '--nodes', 'imp-pub', '--last', '2h', '--json'), state);
    expect(onNode.code, onNode.stderr).toBe(0);
    const hits = JSON.parse(onNode.stdout) as Array<{ node: string; path: string; line: number | null; text: string }>;
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      expect(h.node).toBe('imp-pub');
      expect(h.path).toMatch(/^\/epas\/trace\/xcp\/log\/rtr-jsm-1/);
      expect(h.text).toContain('JSM session created');
    }
    expect(zipBundle).not.toBe('');
    const inBundle = await imp(['traces', 'search', '--text', 'jsm SESSION created', '--ignore-case', '--bundle', zipBundle, '--json'], state);
    expect(inBundle.code, inBundle.stderr).toBe(0);
    const bHits = JSON.parse(inBundle.stdout) as Array<{ node: string; path: string; line: number | null; text: string }>;
    expect(bHits.length).toBeGreaterThan(0);
    expect(bHits.every((h) => typeof h.line === 'number' && h.line >= 1 && /JSM session created/.test(h.text))).toBe(true);
    expect(new Set(bHits.map((h) => h.path.split('/')[0]))).toEqual(new Set(['imp-pub', 'imp-sub1']));
  }, 240_000);

  it('tail prints the lines a node appends while it runs; Ctrl-C ends it with exit 0', async () => {
    const node = sim.cluster.endpoints().nodes.find((n) => n.name === 'imp-pub')!;
    const logs = sim.cluster.model.node('imp-pub').logs;
    const active = logs.walk('/platform/log').filter((p) => /\/servm\d{6}\.log$/.test(p)).pop()!;
    const t = spawnImp(args('traces', 'tail', '--node', 'imp-pub', active, '--for', '120'), state);
    await until('imp traces tail to follow the file', () => (/following /.test(t.stderrSoFar()) ? true : undefined), 60_000);
    const restart = await sshExec(node.ssh, `utils service restart ${PRESENCE}`);
    expect(restart.code, restart.stderr).toBe(0);
    await until('the restart in the tail', () => (t.stdoutSoFar().includes(PRESENCE) ? true : undefined), 60_000);
    t.child.kill('SIGINT');
    const r = await t.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${PRESENCE}: .*(Stopped|Started|Running)`));
  }, 180_000);
});
