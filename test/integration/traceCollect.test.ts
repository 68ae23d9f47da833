// Issue 12 (H3a): the trace collection engine against the simulated cluster over its real SSH/SFTP and HTTPS SOAP
// endpoints. A collection from two nodes gives a bundle whose extracted tree passes OpenSSH-era `sha256sum -c
// MANIFEST.sha256` (which lists every file), one file's bytes equal the same file fetched with OpenSSH `sftp`; a
// cancelled collection resumes without fetching a complete file again (the node's own served-bytes count); a node
// whose SSH does not answer is collected through DIME; an unknown service and an unreachable node are data.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceCollectionStatus, TraceCollectRequest } from '../../shared/model/traces.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import type { NodeTargets } from '../../main/core/collector/nodeRuntime.js';
import { JobRunner } from '../../main/core/jobs/jobRunner.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { TraceCollections } from '../../main/core/traces/traceCollections.js';
import { TraceNodeClients } from '../../main/core/traces/traceNodeClients.js';
import { sftpBatch } from '../helpers/openssh.js';
import { until } from '../helpers/until.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';

const TOOLS = [
  { path: '/usr/bin/sha256sum', apt: 'coreutils' },
  { path: '/usr/bin/tar', apt: 'tar' },
  { path: '/usr/bin/unzip', apt: 'unzip' },
  { path: '/usr/bin/sftp', apt: 'openssh-client' },
  { path: '/usr/bin/sshpass', apt: 'sshpass' },
];
const CLUSTER = 'sim';
const SERVICES = ['Cisco XCP Router', 'Cisco Presence Engine', 'Cisco SIP Proxy', 'Cluster Manager'];

let cluster: SimCluster;
let targets: Map<string, NodeTargets>;
let clients: TraceNodeClients;
let jobs: JobRunner;
let collections: TraceCollections;
let out: string;

function request(over: Partial<TraceCollectRequest> = {}): TraceCollectRequest {
  return {
    nodes: ['imp-pub', 'imp-sub1'].map((node) => ({ cluster: CLUSTER, node, serviceLogs: SERVICES, systemLogs: ['Event Viewer-System Log'] })),
    range: { kind: 'relative', amount: 7, unit: 'days' },
    archive: 'tar.gz',
    outDir: out,
    ...over,
  };
}

/** Every file under `dir`, relative, '/'-separated. */
function tree(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else found.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

/** Extracts a bundle into a new folder and returns it. */
function extract(bundle: string): string {
  const dir = mkdtempSync(join(out, 'x-'));
  if (bundle.endsWith('.zip')) execFileSync('unzip', ['-q', bundle, '-d', dir]);
  else execFileSync('tar', ['-xzf', bundle, '-C', dir]);
  return dir;
}

/** The `sha256sum -c` verdict on an extracted bundle, and the names the manifest lists. */
function checkManifest(dir: string): { code: number; listed: string[]; output: string } {
  let code = 0;
  let output = '';
  try {
    output = execFileSync('sha256sum', ['-c', '--strict', 'MANIFEST.sha256'], { cwd: dir, encoding: 'utf8' });
  } catch (err) {
    code = (err as { status: number }).status;
    output = String((err as { stdout?: string }).stdout ?? '');
  }
  const listed = readFileSync(join(dir, 'MANIFEST.sha256'), 'utf8').trim().split('\n').map((l) => l.slice(66)).sort();
  return { code, listed, output };
}

beforeAll(async () => {
  skipWithoutTools(TOOLS);
  cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0 });
  const doc = parseEndpointsDocument(JSON.parse(JSON.stringify(cluster.endpoints())));
  const spec = clusterSpecFromEndpoints(doc, { id: CLUSTER, simulated: true });
  // A short SSH login timeout: the DIME fallback test makes one node's SSH unresponsive.
  // Short timeouts: some tests make one node's SSH or SOAP unresponsive.
  targets = new Map(spec.nodes.map((n) => [n.name, { ...n, ssh: { ...n.ssh, readyTimeoutMs: 3000 }, soap: { ...n.soap, timeoutMs: 3000 } }]));
  clients = new TraceNodeClients({
    targets: (c, n) => (c === CLUSTER ? targets.get(n) : undefined),
    nodes: () => [...targets.keys()].map((node) => ({ cluster: CLUSTER, node })),
  });
  jobs = new JobRunner();
  collections = new TraceCollections({ clients, jobs, toolVersion: '0.1.0-test' });
  out = mkdtempSync(join(tmpdir(), 'trace-collect-'));
}, 60_000);

afterAll(async () => {
  await collections?.dispose();
  await clients?.dispose();
  jobs?.dispose();
  await cluster?.dispose();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe.skipIf(skipWithoutTools(TOOLS))('trace collection from the simulated cluster', () => {
  it('collects two nodes into a tar.gz bundle that sha256sum -c accepts, listing every file; a file equals OpenSSH sftp\'s copy', async () => {
    const events: TraceCollectionStatus[] = [];
    const sub = collections.onDidChange((s) => events.push(s));
    const first = collections.start(request({ label: 'two-nodes' }));
    expect(first.state).toBe('planning');
    expect(first.jobId).toBeDefined();
    const done = await collections.whenDone(first.id);
    sub.dispose();
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('completed');
    expect(done.bundlePath).toBe(join(out, 'two-nodes.tar.gz'));
    expect(done.nodes.map((n) => [n.node, n.state])).toEqual([['imp-pub', 'done'], ['imp-sub1', 'done']]);
    expect(done.fileCount).toBeGreaterThan(4);
    expect(done.bytesDone).toBe(done.bytesTotal);
    expect(events.at(-1)).toEqual(done);
    // The work folder of a complete collection is gone: the bundle holds everything.
    expect(existsSync(done.workDir)).toBe(false);
    await until('the job to end', () => (jobs.list().find((j) => j.id === done.jobId && j.state !== 'running') ? true : undefined));
    expect(jobs.list().find((j) => j.id === done.jobId)?.state).toBe('succeeded');

    const dir = extract(done.bundlePath!);
    const check = checkManifest(dir);
    expect(check.code, check.output).toBe(0);
    expect(check.listed).toEqual(tree(dir).filter((p) => p !== 'MANIFEST.sha256'));
    const meta = JSON.parse(readFileSync(join(dir, 'collection.json'), 'utf8'));
    expect(meta.partial).toBe(false);
    expect(meta.tool.version).toBe('0.1.0-test');
    expect(meta.nodes.map((n: { node: string }) => n.node)).toEqual(['imp-pub', 'imp-sub1']);
    expect(meta.files.length).toBe(done.fileCount);
    for (const f of meta.files) {
      expect(f.entry).toBe(`${f.node}${f.path}`);
      expect(f.absolutePath).toBe(`/var/log/active${f.path}`);
      expect(f.interface).toBe('sftp');
      expect(statSync(join(dir, f.entry)).size).toBe(f.size);
    }
    // The simulated node's own log tree is the reference for every byte.
    for (const f of meta.files) {
      const node = cluster.model.node(f.node);
      expect(readFileSync(join(dir, f.entry)).equals(node.logs.read(f.path)!), f.entry).toBe(true);
    }

    // One file fetched with OpenSSH sftp from the node: the same bytes.
    const pick = meta.files.find((f: { node: string; path: string }) => f.node === 'imp-pub' && f.path.startsWith('/epas/trace/xcp/log/'))!;
    const ssh = targets.get('imp-pub')!.ssh;
    const got = mkdtempSync(join(out, 'sftp-'));
    const r = await sftpBatch({ host: ssh.host, port: ssh.port, username: ssh.username, password: ssh.password }, `get ${pick.path} copy\n`, got);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(got, 'copy')).equals(readFileSync(join(dir, pick.entry)))).toBe(true);
  }, 120_000);

  it('runs two collections of the same node at once (shared clients and fetch slots) into zip bundles that unzip and sha256sum -c accept; a label in use gets a suffix', async () => {
    const sel = [{ cluster: CLUSTER, node: 'imp-sub1', serviceLogs: ['Cisco XCP Router', 'Cisco SIP Proxy'], systemLogs: [] }];
    const a = collections.start(request({ label: 'zip', archive: 'zip', nodes: sel }));
    const b = collections.start(request({ label: 'zip', archive: 'zip', nodes: sel }));
    expect(b.workDir).toBe(join(out, 'zip-2.collecting'));
    const [da, db] = await Promise.all([collections.whenDone(a.id), collections.whenDone(b.id)]);
    expect([da.state, db.state]).toEqual(['completed', 'completed']);
    expect([da.bundlePath, db.bundlePath]).toEqual([join(out, 'zip.zip'), join(out, 'zip-2.zip')]);
    expect(collections.list().map((s) => s.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    for (const done of [da, db]) {
      const dir = extract(done.bundlePath!);
      const check = checkManifest(dir);
      expect(check.code, check.output).toBe(0);
      expect(check.listed).toEqual(tree(dir).filter((p) => p !== 'MANIFEST.sha256'));
      expect(check.listed.filter((p) => p.startsWith('imp-sub1/')).length).toBe(done.fileCount);
    }
  }, 60_000);

  it('resumes a cancelled collection: complete files are not fetched again, a cut one continues from its offset', async () => {
    // One file at a time on this node, a small file then an 8 MB one. When imp-sub1 serves the first bytes of the
    // big file its SSH stops answering (the simulator's own degradation), so the cancel finds one file complete and
    // one cut off mid-way, whatever the machine's speed.
    const NODE = 'imp-sub1';
    const node = cluster.model.node(NODE);
    const small = '/epas/trace/resume/a-small.log';
    const big = '/epas/trace/resume/b-big.log';
    node.logs.writeFile(small, Buffer.from('small trace file\n'.repeat(100)), Date.now());
    node.logs.writeFile(big, randomBytes(8 << 20), Date.now());
    const served = node.logs.served;
    const record = served.record.bind(served);
    let tripped = false;
    served.record = (path, via, offset, length, size) => {
      record(path, via, offset, length, size);
      if (path === big && !tripped) {
        tripped = true;
        cluster.setEndpointDegradation(NODE, 'ssh', { unresponsive: true });
      }
    };
    const oneAtATime = new TraceNodeClients({ targets: (c, n) => (c === CLUSTER ? targets.get(n) : undefined), nodes: () => [] }, { fetchesPerNode: 1 });
    const own = new TraceCollections({ clients: oneAtATime, toolVersion: '0.1.0-test' });
    try {
      const s = own.start(request({ label: 'resume', nodes: [{ cluster: CLUSTER, node: NODE, serviceLogs: [], systemLogs: [], files: [small, big] }] }));
      const stalled = await until('the big file to stall part-way', () => {
        const st = own.get(s.id)!;
        const b = st.files.find((f) => f.path === big);
        return st.files.find((f) => f.path === small)?.state === 'done' && b && b.doneBytes > 0 ? st : undefined;
      }, 60_000, 50);
      expect(stalled.state).toBe('running');
      own.cancel(s.id);
      const cancelled = await own.whenDone(s.id);
      expect(cancelled.state).toBe('cancelled');
      expect(cancelled.bundlePath).toBeUndefined();
      const cut = cancelled.files.find((f) => f.path === big)!;
      expect(cut.state).toBe('pending');
      expect(cut.doneBytes).toBeGreaterThan(0);
      expect(cut.doneBytes).toBeLessThan(8 << 20);
      expect(served.completions(small)).toBe(1);
      // From now on, the offsets of the big file's READ answers. Answers to the cancelled read still in flight may
      // come late, but none of them lies below its resume offset: those bytes had all arrived, in order.
      const offsets: number[] = [];
      served.record = (path, via, offset, length, size) => {
        record(path, via, offset, length, size);
        if (path === big) offsets.push(offset);
      };
      cluster.setEndpointDegradation(NODE, 'ssh', undefined);
      const resumed = await own.resume(cancelled.workDir);
      expect(resumed.id).toBe(s.id);
      const done = await own.whenDone(s.id);
      expect(done.error).toBeUndefined();
      expect(done.state).toBe('completed');
      // The complete file was not served again; the cut one continued from its offset (nothing below it was read again).
      expect(served.completions(small)).toBe(1);
      expect(served.completions(big)).toBe(1);
      expect(offsets.length).toBeGreaterThan(0);
      expect(Math.min(...offsets)).toBeGreaterThanOrEqual(cut.doneBytes);
      const dir = extract(done.bundlePath!);
      expect(checkManifest(dir).code).toBe(0);
      expect(readFileSync(join(dir, NODE, big.slice(1))).equals(node.logs.read(big)!)).toBe(true);
    } finally {
      served.record = record;
      cluster.setEndpointDegradation(NODE, 'ssh', undefined);
      await own.dispose();
      await oneAtATime.dispose();
    }
  }, 120_000);

  it('closing the app mid-collection leaves it interrupted; a new instance resumes it from the work folder', async () => {
    const NODE = 'imp-sub1';
    const node = cluster.model.node(NODE);
    const file = '/epas/trace/restart/big.log';
    node.logs.writeFile(file, randomBytes(4 << 20), Date.now());
    const served = node.logs.served;
    const record = served.record.bind(served);
    let tripped = false;
    served.record = (path, via, offset, length, size) => {
      record(path, via, offset, length, size);
      if (path === file && !tripped) {
        tripped = true;
        cluster.setEndpointDegradation(NODE, 'ssh', { unresponsive: true });
      }
    };
    const resolver = { targets: (c: string, n: string) => (c === CLUSTER ? targets.get(n) : undefined), nodes: () => [] };
    const first = new TraceNodeClients(resolver);
    const app1 = new TraceCollections({ clients: first, toolVersion: '0.1.0-test' });
    let app2: TraceCollections | undefined;
    const second = new TraceNodeClients(resolver);
    try {
      const s = app1.start(request({ label: 'restart', nodes: [{ cluster: CLUSTER, node: NODE, serviceLogs: [], systemLogs: [], files: [file] }] }));
      await until('the file to stall part-way', () => ((app1.get(s.id)?.files[0]?.doneBytes ?? 0) > 0 ? true : undefined), 60_000, 50);
      const ended = app1.whenDone(s.id);
      await app1.dispose();
      const interrupted = await ended;
      expect(interrupted.state).toBe('interrupted');
      expect(JSON.parse(readFileSync(join(interrupted.workDir, 'collection-state.json'), 'utf8')).state).toBe('interrupted');
      await first.dispose();
      served.record = record;
      cluster.setEndpointDegradation(NODE, 'ssh', undefined);

      app2 = new TraceCollections({ clients: second, toolVersion: '0.1.0-test' });
      const resumed = await app2.resume(interrupted.workDir);
      expect(resumed.id).toBe(s.id);
      const done = await app2.whenDone(s.id);
      expect(done.state).toBe('completed');
      const dir = extract(done.bundlePath!);
      expect(checkManifest(dir).code).toBe(0);
      expect(readFileSync(join(dir, NODE, file.slice(1))).equals(node.logs.read(file)!)).toBe(true);
      await expect(app2.resume(interrupted.workDir)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      served.record = record;
      cluster.setEndpointDegradation(NODE, 'ssh', undefined);
      await app1.dispose();
      await app2?.dispose();
      await first.dispose();
      await second.dispose();
    }
  }, 120_000);

  it('fetches through DIME when the node\'s SSH does not answer; an unknown service and an unknown node are reported', async () => {
    // An explicit file too (a Remote Browse pick): without SFTP it cannot be stat'ed, DIME brings it whole.
    const explicit = '/epas/trace/explicit/picked.log';
    cluster.model.node('imp-sub2').logs.writeFile(explicit, Buffer.from('picked\n'.repeat(500)), Date.now());
    cluster.setEndpointDegradation('imp-sub2', 'ssh', { unresponsive: true });
    try {
      const s = collections.start(request({
        label: 'dime',
        nodes: [{ cluster: CLUSTER, node: 'imp-sub2', serviceLogs: ['Cisco SIP Proxy', 'No Such Service'], systemLogs: [], files: [explicit] }],
      }));
      const done = await collections.whenDone(s.id);
      expect(done.state).toBe('partial');
      expect(done.skipped).toEqual([expect.objectContaining({ node: 'imp-sub2', path: 'No Such Service' })]);
      const dir = extract(done.bundlePath!);
      expect(checkManifest(dir).code).toBe(0);
      const meta = JSON.parse(readFileSync(join(dir, 'collection.json'), 'utf8'));
      expect(meta.partial).toBe(true);
      expect(meta.files.length).toBeGreaterThan(0);
      for (const f of meta.files) {
        expect(f.interface).toBe('dime');
        expect(readFileSync(join(dir, f.entry)).equals(cluster.model.node('imp-sub2').logs.read(f.path)!)).toBe(true);
      }
      expect(meta.failures).toEqual([expect.objectContaining({ log: 'No Such Service' })]);
      expect(meta.files.find((f: { path: string }) => f.path === explicit)).toMatchObject({ interface: 'dime', size: 3500, plannedSize: 3500 });
      expect(meta.files.find((f: { path: string }) => f.path === explicit).note).toBeUndefined();
    } finally {
      cluster.setEndpointDegradation('imp-sub2', 'ssh', undefined);
    }
    expect(() => collections.start(request({ nodes: [{ cluster: CLUSTER, node: 'imp-nope', serviceLogs: ['Cisco SIP Proxy'], systemLogs: [] }] }))).toThrow(/no node imp-nope/);
  }, 120_000);

  it('a node that cannot be planned is data: the other node is bundled and the bundle says it is partial', async () => {
    cluster.setEndpointDegradation('imp-sub3', 'soap', { unresponsive: true });
    try {
      const s = collections.start(request({
        label: 'one-down',
        nodes: ['imp-sub2', 'imp-sub3'].map((node) => ({ cluster: CLUSTER, node, serviceLogs: ['Cisco SIP Proxy'], systemLogs: [] })),
      }));
      const done = await collections.whenDone(s.id);
      expect(done.state).toBe('partial');
      expect(done.nodes.map((n) => [n.node, n.state])).toEqual([['imp-sub2', 'done'], ['imp-sub3', 'failed']]);
      expect(done.nodes[1]!.error?.code).toBe('POLL_TIMEOUT');
      const dir = extract(done.bundlePath!);
      expect(checkManifest(dir).code).toBe(0);
      const meta = JSON.parse(readFileSync(join(dir, 'collection.json'), 'utf8'));
      expect(meta.partial).toBe(true);
      expect(meta.failures).toEqual([expect.objectContaining({ node: 'imp-sub3', code: 'POLL_TIMEOUT' })]);
      expect(existsSync(join(dir, 'imp-sub3'))).toBe(false);
      // The partial collection keeps its work folder: resumed once the node answers, it completes.
      expect(existsSync(done.workDir)).toBe(true);
      cluster.setEndpointDegradation('imp-sub3', 'soap', undefined);
      await collections.resume(done.workDir);
      const again = await collections.whenDone(s.id);
      expect(again.state).toBe('completed');
      expect(again.bundlePath).toBe(done.bundlePath);
      const dir2 = extract(again.bundlePath!);
      expect(checkManifest(dir2).code).toBe(0);
      expect(tree(join(dir2, 'imp-sub3')).length).toBeGreaterThan(0);
    } finally {
      cluster.setEndpointDegradation('imp-sub3', 'soap', undefined);
    }
  }, 120_000);

  it('a full disk while a file is fetched (ENOSPC from /dev/full) interrupts the collection with that reason; resumed, it completes', async () => {
    const NODE = 'imp-sub1';
    const file = '/epas/trace/full/one.log';
    cluster.model.node(NODE).logs.writeFile(file, Buffer.from('full disk\n'.repeat(2000)), Date.now());
    const s = collections.start(request({ label: 'fetch-full', nodes: [{ cluster: CLUSTER, node: NODE, serviceLogs: [], systemLogs: [], files: [file] }] }));
    // The work folder exists as soon as start returns; the file's local copy is made to land on /dev/full.
    const local = join(s.workDir, NODE, file.slice(1));
    mkdirSync(join(local, '..'), { recursive: true });
    symlinkSync('/dev/full', local);
    const stopped = await collections.whenDone(s.id);
    expect(stopped.state).toBe('interrupted');
    expect(stopped.error?.code).toBe('DISK_FULL');
    expect(stopped.error?.message).toMatch(/disk at the destination is full \(ENOSPC writing .*one\.log\)/);
    expect(stopped.files[0]).toMatchObject({ state: 'pending', doneBytes: 0 });
    rmSync(local);
    await collections.resume(stopped.workDir);
    const done = await collections.whenDone(s.id);
    expect(done.state).toBe('completed');
    const dir = extract(done.bundlePath!);
    expect(checkManifest(dir).code).toBe(0);
    expect(statSync(join(dir, NODE, file.slice(1))).size).toBe(20_000);
  }, 120_000);

  it('a full disk at the destination (ENOSPC from /dev/full) interrupts the collection, resumable; a file that grew while read is recorded', async () => {
    const NODE = 'imp-pub';
    const node = cluster.model.node(NODE);
    const growing = '/epas/trace/grow/active.log';
    node.logs.writeFile(growing, Buffer.from('line\n'.repeat(1000)), Date.now());
    const served = node.logs.served;
    const record = served.record.bind(served);
    let grown = false;
    served.record = (path, via, offset, length, size) => {
      record(path, via, offset, length, size);
      if (path === growing && !grown) {
        grown = true;
        node.logs.writeFile(growing, Buffer.from('line\n'.repeat(3000)), Date.now());
      }
    };
    const label = 'disk-full';
    symlinkSync('/dev/full', join(out, `${label}.tar.gz.part`));
    try {
      const s = collections.start(request({ label, nodes: [{ cluster: CLUSTER, node: NODE, serviceLogs: ['Cisco SIP Proxy'], systemLogs: [], files: [growing] }] }));
      const stopped = await collections.whenDone(s.id);
      expect(stopped.state).toBe('interrupted');
      expect(stopped.error?.message).toMatch(/disk at the destination is full \(ENOSPC/);
      expect(stopped.bundlePath).toBeUndefined();
      expect(existsSync(join(out, `${label}.tar.gz`))).toBe(false);
      expect(existsSync(stopped.workDir)).toBe(true);
      // The bundle is written while files arrive: the full disk stopped the collection early, and what was
      // complete by then stays complete.
      const complete = stopped.files.filter((f) => f.state === 'done').map((f) => f.path);
      const before = new Map(complete.map((p) => [p, served.completions(p)]));
      await collections.resume(stopped.workDir);
      const done = await collections.whenDone(s.id);
      expect(done.state).toBe('completed');
      for (const p of complete) expect(served.completions(p), p).toBe(before.get(p));
      const grew = done.files.find((f) => f.path === growing)!;
      expect(grew.state).toBe('done');
      expect(grew.reason).toMatch(/reported 5000 bytes .* and 15000 when the file was read/);
      const dir = extract(done.bundlePath!);
      expect(checkManifest(dir).code).toBe(0);
      const meta = JSON.parse(readFileSync(join(dir, 'collection.json'), 'utf8'));
      const f = meta.files.find((x: { path: string }) => x.path === growing);
      expect(f).toMatchObject({ size: 15000, plannedSize: 5000, note: expect.stringMatching(/changed while it was collected/) });
    } finally {
      served.record = record;
    }
  }, 120_000);

  it('a complete file whose local copy went missing or was cut is fetched again on resume; the others are not', async () => {
    // A partial collection (imp-sub3 cannot be planned) keeps its work folder; someone tidies it by hand.
    const NODE = 'imp-sub2';
    const node = cluster.model.node(NODE);
    const gone = '/epas/trace/tidied/gone.log';
    const cut = '/epas/trace/tidied/cut.log';
    const kept = '/epas/trace/tidied/kept.log';
    for (const [p, n] of [[gone, 300], [cut, 400], [kept, 500]] as const) node.logs.writeFile(p, Buffer.from(`${p}\n`.repeat(n)), Date.now());
    const served = node.logs.served;
    cluster.setEndpointDegradation('imp-sub3', 'soap', { unresponsive: true });
    try {
      const s = collections.start(request({
        label: 'tidied',
        nodes: [
          { cluster: CLUSTER, node: NODE, serviceLogs: [], systemLogs: [], files: [gone, cut, kept] },
          { cluster: CLUSTER, node: 'imp-sub3', serviceLogs: ['Cisco SIP Proxy'], systemLogs: [] },
        ],
      }));
      const first = await collections.whenDone(s.id);
      expect(first.state).toBe('partial');
      for (const p of [gone, cut, kept]) expect(served.completions(p), p).toBe(1);
      rmSync(join(first.workDir, NODE, gone.slice(1)));
      const cutLocal = join(first.workDir, NODE, cut.slice(1));
      writeFileSync(cutLocal, readFileSync(cutLocal).subarray(0, 1000));
      cluster.setEndpointDegradation('imp-sub3', 'soap', undefined);
      await collections.resume(first.workDir);
      const done = await collections.whenDone(s.id);
      expect(done.error).toBeUndefined();
      expect(done.state).toBe('completed');
      expect(served.completions(gone)).toBe(2);
      expect(served.completions(cut)).toBe(2);
      expect(served.completions(kept)).toBe(1);
      const dir = extract(done.bundlePath!);
      expect(checkManifest(dir).code).toBe(0);
      for (const p of [gone, cut, kept]) expect(readFileSync(join(dir, NODE, p.slice(1))).equals(node.logs.read(p)!), p).toBe(true);
    } finally {
      cluster.setEndpointDegradation('imp-sub3', 'soap', undefined);
    }
  }, 120_000);
});
