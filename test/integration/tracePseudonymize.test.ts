// Issue 12 "Tests": a pseudonymised bundle contains none of the simulated users' IDs, JIDs, e-mail addresses or node
// IP addresses. Two simulated nodes are collected twice over their real SFTP/SOAP endpoints with the "high CPU" preset's
// services and extras: once plain (which must hold those identities, or this test proves nothing) and once
// pseudonymised. Both bundles are extracted with unzip, every .gz inside is gunzipped, and GNU grep looks for each
// identity of the simulator profile (users' IDs and URIs from its user directory, every node's address) as a word.
// The bundle still verifies with sha256sum -c, and the mapping is in the state folder, not in the bundle.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceCollectRequest } from '../../shared/model/traces.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { createCollectionExtras, LatestSamples } from '../../main/core/traces/collectionExtras.js';
import { PseudonymMap } from '../../main/core/traces/pseudonymMap.js';
import { Pseudonymizer } from '../../main/core/traces/pseudonymizer.js';
import { TraceCollections } from '../../main/core/traces/traceCollections.js';
import { TraceNodeClients } from '../../main/core/traces/traceNodeClients.js';
import { resolvePresetServices, tracePreset } from '../../main/core/traces/tracePresets.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';

const TOOLS = [
  { path: '/usr/bin/unzip', apt: 'unzip' },
  { path: '/usr/bin/grep', apt: 'grep' },
  { path: '/usr/bin/gunzip', apt: 'gzip' },
  { path: '/usr/bin/sha256sum', apt: 'coreutils' },
];
const CLUSTER = 'sim';
const NODES = ['imp-pub', 'imp-sub1'];

let cluster: SimCluster;
let clients: TraceNodeClients;
let collections: TraceCollections;
let latest: LatestSamples;
let work: string;

/** Extracts a zip bundle and gunzips every .gz in it (so grep reads the text), returning the folder. */
function extractText(bundle: string): string {
  const dir = mkdtempSync(join(work, 'x-'));
  execFileSync('unzip', ['-q', bundle, '-d', dir]);
  execFileSync('gunzip', ['-r', '-f', dir]);
  return dir;
}

/**
 * The identities of `patterns` found in `dir` as whole words (GNU grep -rwoFf), each once. grep -o prints the longest
 * match at a position, so each kind (IDs, JIDs, e-mails, addresses) is looked for on its own.
 */
function grepIdentities(dir: string, patterns: readonly string[]): string[] {
  const file = join(work, `patterns-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, `${patterns.join('\n')}\n`);
  const r = spawnSync('grep', ['-rhowFf', file, dir], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status === 2) throw new Error(`grep failed: ${r.stderr}`);
  return [...new Set(r.stdout.split('\n').filter(Boolean))];
}

beforeAll(async () => {
  skipWithoutTools(TOOLS);
  cluster = await startSimCluster({ profile: loadProfile(), seed: 7, speed: 0, basePort: 0 });
  const spec = clusterSpecFromEndpoints(parseEndpointsDocument(JSON.parse(JSON.stringify(cluster.endpoints()))), { id: CLUSTER, simulated: true });
  const targets = new Map(spec.nodes.map((n) => [n.name, n]));
  clients = new TraceNodeClients({ targets: (c, n) => (c === CLUSTER ? targets.get(n) : undefined), nodes: () => [...targets.keys()].map((node) => ({ cluster: CLUSTER, node })) });
  work = mkdtempSync(join(tmpdir(), 'trace-pseudo-'));
  latest = new LatestSamples();
  const map = new PseudonymMap(join(work, 'state', 'traces', 'pseudonyms.json'));
  collections = new TraceCollections({
    clients,
    toolVersion: '0.1.0-test',
    extras: createCollectionExtras({ cli: (c, n, use) => clients.cli(c, n, use), latest }),
    pseudonymizer: () => new Pseudonymizer(map),
  });
}, 60_000);

afterAll(async () => {
  await collections?.dispose();
  await clients?.dispose();
  latest?.dispose();
  await cluster?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skipWithoutTools(TOOLS))('pseudonymised trace bundle', () => {
  it('holds none of the simulated users\' IDs, JIDs, e-mail addresses or node addresses, and still verifies', async () => {
    const preset = tracePreset('highCpu')!;
    const listed = await clients.logCollection(CLUSTER, 'imp-pub').listNodeServiceLogs();
    expect(listed.ok).toBe(true);
    const resolved = resolvePresetServices(preset, listed.ok ? listed.value : { serviceLogs: [], systemLogs: [] });
    expect(resolved.missing).toEqual([]);
    // The collector's newest samples as the extras read them (a node address as a Perfmon instance, as SNMP tables have).
    latest.add(NODES.map((node) => ({ cluster: CLUSTER, node, object: 'IP', instance: cluster.model.node(node).ipAddress, counter: 'InReceives', value: 1, ts: Date.now(), source: 'snmp' as const })));
    const request = (pseudonymize: boolean): TraceCollectRequest => ({
      nodes: NODES.map((node) => ({ cluster: CLUSTER, node, serviceLogs: resolved.serviceLogs, systemLogs: ['Event Viewer-System Log', 'Event Viewer-Application Log'] })),
      range: { kind: 'relative', amount: 7, unit: 'days' },
      archive: 'zip',
      outDir: join(work, 'out'),
      presetId: preset.id,
      extras: preset.extras,
      pseudonymize,
      label: pseudonymize ? 'pseudonymised' : 'plain',
    });

    const users = cluster.model.users.users;
    const ids = users.map((u) => u.userid);
    const jids = users.map((u) => u.uri);
    const emails = users.map((u) => `${u.userid}@${cluster.profile.domain}`);
    const ips = [...cluster.model.nodes.values()].map((n) => n.ipAddress);

    const plain = await collections.whenDone(collections.start(request(false)).id);
    expect(plain.state, JSON.stringify(plain.error ?? plain.skipped)).toBe('completed');
    const plainDir = extractText(plain.bundlePath!);
    const before = { ids: grepIdentities(plainDir, ids), jids: grepIdentities(plainDir, jids), ips: grepIdentities(plainDir, ips) };
    // Without pseudonymisation the bundle names simulated users by ID and JID (= e-mail form), and node addresses.
    expect(before.ids.length).toBeGreaterThan(10);
    expect(before.jids.length).toBeGreaterThan(10);
    expect(before.ips.length).toBeGreaterThan(0);

    const pseudo = await collections.whenDone(collections.start(request(true)).id);
    expect(pseudo.state, JSON.stringify(pseudo.error ?? pseudo.skipped)).toBe('completed');
    const dir = mkdtempSync(join(work, 'v-'));
    execFileSync('unzip', ['-q', pseudo.bundlePath!, '-d', dir]);
    const check = spawnSync('sha256sum', ['-c', '--strict', '--quiet', 'MANIFEST.sha256'], { cwd: dir, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const textDir = extractText(pseudo.bundlePath!);
    for (const kind of [ids, jids, emails, ips]) expect(grepIdentities(textDir, kind)).toEqual([]);
    // Same files, same lines: only identities changed.
    const meta = JSON.parse(readFileSync(join(textDir, 'collection.json'), 'utf8')) as { pseudonymized: boolean; extras: { node: string; name: string; entry: string }[]; files: unknown[] };
    expect(meta.pseudonymized).toBe(true);
    expect(meta.files.length).toBe(plain.fileCount);
    expect(meta.extras.map((x) => x.name).sort()).toEqual(
      [...NODES.flatMap(() => ['perfmon-counters.csv', 'show-process-using-most-cpu.txt', 'show-process-using-most-memory.txt', 'utils-service-list.txt'])].sort(),
    );
    const cpuEntry = meta.extras.find((x) => x.node === 'imp-pub' && x.name === 'show-process-using-most-cpu.txt')!.entry;
    const cpu = readFileSync(join(textDir, cpuEntry), 'utf8');
    expect(cpu).toMatch(/%CPU\s+PID\s+CMD/);
    // The mapping stays in the state folder: it is not in the bundle, and it maps the users found before.
    const mapping = JSON.parse(readFileSync(join(work, 'state', 'traces', 'pseudonyms.json'), 'utf8')) as { user: Record<string, string>; ipv4: Record<string, string> };
    for (const id of before.ids.slice(0, 20)) expect(mapping.user[id.toLowerCase()]).toMatch(/^uid-\d+$/);
    const entries = execFileSync('unzip', ['-Z1', pseudo.bundlePath!], { encoding: 'utf8' });
    expect(entries).not.toMatch(/pseudonyms/);
    expect(grepIdentities(textDir, Object.values(mapping.user).slice(0, 1)).length).toBe(1);
    expect(existsSync(pseudo.workDir)).toBe(false);
    expect(readdirSync(join(textDir, 'imp-pub')).length).toBeGreaterThan(1);
  });
});
