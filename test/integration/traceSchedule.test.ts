/**
 * Scheduled trace collection to a real OpenSSH server (issue 12 "Tests"): Debian's sshd on 127.0.0.1 with its own
 * config, host key and test account (test/helpers/opensshServer.ts). The bundles land in the account's folder
 * (read back from disk), the retention keeps the newest N of the schedule and nothing else, a changed host key
 * is refused before the password is sent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceScheduleInput } from '../../shared/model/traces.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { FileCredentialStore } from '../../main/core/credentials/fileCredentialStore.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { deliverToSftp, SftpDestination } from '../../main/core/traces/sftpDestination.js';
import { TraceCollections } from '../../main/core/traces/traceCollections.js';
import { TraceNodeClients } from '../../main/core/traces/traceNodeClients.js';
import { TraceScheduleStore } from '../../main/core/traces/traceScheduleStore.js';
import { isScheduleBundle, TraceSchedules } from '../../main/core/traces/traceSchedules.js';
import { opensshServerSkipReason, startOpensshServer, type OpensshServer } from '../helpers/opensshServer.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';

const skip = opensshServerSkipReason();

describe.skipIf(skip)('SFTP destination against OpenSSH sshd', () => {
  let sshd: OpensshServer;
  let work: string;
  beforeAll(async () => {
    sshd = await startOpensshServer();
    work = mkdtempSync(join(tmpdir(), 'trace-dest-'));
  });
  afterAll(async () => {
    await sshd?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  const target = () => ({ host: sshd.host, port: sshd.port, username: sshd.username, password: sshd.password, directory: sshd.uploadDir, hostKeyFingerprint: sshd.hostKeyFingerprint });

  it('uploads bundles byte for byte and keeps only the newest N of the schedule', async () => {
    const schedule = { name: 'Nightly XCP', id: 'a1b2c3d4-0000-4000-8000-000000000000' };
    // Someone else's file in the folder: the retention must leave it.
    writeFileSync(join(work, 'x'), 'x');
    const foreign = join(sshd.uploadDir, 'notes.zip');
    const sent: string[] = [];
    for (let i = 0; i < 4; i++) {
      const name = `Nightly-XCP-a1b2c3d4-2026120${i + 1}-010000.zip`;
      const local = join(work, name);
      writeFileSync(local, Buffer.alloc(300_000 + i, i + 1));
      utimesSync(local, new Date(), new Date());
      const r = await deliverToSftp(target(), local, { keep: 2, isBundle: (n) => isScheduleBundle(schedule, n) });
      expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
      sent.push(name);
      if (i === 0) writeFileSync(foreign, 'not a bundle of this schedule');
    }
    const onServer = readdirSync(sshd.uploadDir).sort();
    expect(onServer).toEqual(['Nightly-XCP-a1b2c3d4-20261203-010000.zip', 'Nightly-XCP-a1b2c3d4-20261204-010000.zip', 'notes.zip']);
    expect(readFileSync(join(sshd.uploadDir, sent[3]!)).equals(Buffer.alloc(300_003, 4))).toBe(true);
  });

  it('refuses a server whose host key is not the pinned one, and a wrong password, with stable codes', async () => {
    const wrongKey = await SftpDestination.connect({ ...target(), hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(wrongKey.ok).toBe(false);
    if (!wrongKey.ok) {
      expect(wrongKey.error.code).toBe('POLL_AUTH');
      expect(wrongKey.error.message).toMatch(/host key .* changed/);
    }
    const wrongPassword = await SftpDestination.connect({ ...target(), password: 'nope' });
    expect(wrongPassword.ok).toBe(false);
    if (!wrongPassword.ok) expect(wrongPassword.error.code).toBe('POLL_AUTH');
    const missingDir = await deliverToSftp({ ...target(), directory: '/nonexistent/dir' }, join(work, 'x'), { keep: 1, isBundle: () => false });
    expect(missingDir.ok).toBe(false);
    if (!missingDir.ok) expect(missingDir.error.message).toMatch(/uploading x failed/);
  });
});

const HOUR = 3_600_000;
const CLUSTER = 'sim';
const TOOLS = [
  { path: '/usr/bin/unzip', apt: 'unzip' },
  { path: '/usr/bin/sha256sum', apt: 'coreutils' },
];

describe.skipIf(skip || skipWithoutTools(TOOLS))('Schedule Collection from the simulated cluster', () => {
  let sshd: OpensshServer;
  let sim: SimCluster;
  let clients: TraceNodeClients;
  let collections: TraceCollections;
  let credentials: FileCredentialStore;
  let work: string;
  let now = 0;
  const opened: TraceSchedules[] = [];

  beforeAll(async () => {
    sshd = await startOpensshServer();
    sim = await startSimCluster({ profile: loadProfile(), seed: 3, speed: 0, basePort: 0 });
    const spec = clusterSpecFromEndpoints(parseEndpointsDocument(JSON.parse(JSON.stringify(sim.endpoints()))), { id: CLUSTER, simulated: true });
    const targets = new Map(spec.nodes.map((n) => [n.name, n]));
    clients = new TraceNodeClients({ targets: (c, n) => (c === CLUSTER ? targets.get(n) : undefined), nodes: () => [...targets.keys()].map((node) => ({ cluster: CLUSTER, node })) });
    collections = new TraceCollections({ clients, toolVersion: '0.1.0-test' });
    work = mkdtempSync(join(tmpdir(), 'trace-schedule-'));
    credentials = await FileCredentialStore.open({ keyPath: join(work, 'state', 'key'), storePath: join(work, 'state', 'credentials.json') });
  }, 60_000);
  afterAll(async () => {
    for (const s of opened) s.dispose();
    await collections?.dispose();
    await clients?.dispose();
    await sim?.dispose();
    await sshd?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function schedules(): TraceSchedules {
    // The timetable is driven by runDue with a clock of the test: "every N hours" without waiting hours.
    const s = new TraceSchedules({ store: new TraceScheduleStore(join(work, 'state', 'schedules.json')), credentials, collections, stagingDir: join(work, 'state', 'staging'), now: () => now, timer: false });
    opened.push(s);
    return s;
  }
  const input = (over: Partial<TraceScheduleInput>): TraceScheduleInput => ({
    name: 'Nightly XCP',
    enabled: true,
    nodes: [{ cluster: CLUSTER, node: 'imp-pub', serviceLogs: ['Cisco XCP Router', 'Cisco Presence Engine'], systemLogs: [] }],
    everyHours: 2,
    lastHours: 24,
    archive: 'zip',
    pseudonymize: false,
    keep: 2,
    destination: { kind: 'local', dir: join(work, 'local') },
    ...over,
  });

  it('runs every N hours onto the OpenSSH server, pins its host key on save, and keeps the newest N bundles there', async () => {
    now = Date.now();
    const t0 = now;
    const s = schedules();
    await s.load();
    const saved = await s.save(input({ destination: { kind: 'sftp', host: sshd.host, port: sshd.port, username: sshd.username, directory: sshd.uploadDir }, password: sshd.password }));
    // Pinned on save (trust on first use, shown to the user by the UI), and the password is not in the schedules file.
    expect(saved.destination.kind === 'sftp' && saved.destination.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
    expect(readFileSync(join(work, 'state', 'schedules.json'), 'utf8')).not.toContain(sshd.password);
    expect(saved.nextRunMs).toBe(t0 + 2 * HOUR);

    s.runDue(t0 + HOUR);
    await s.whenIdle(saved.id);
    expect(readdirSync(sshd.uploadDir)).toEqual([]);
    for (const step of [2, 4, 6]) {
      now = t0 + step * HOUR;
      s.runDue(now);
      await s.whenIdle(saved.id);
      const last = s.get(saved.id)!.lastRun!;
      expect(last.error, JSON.stringify(last.error)).toBeUndefined();
      expect(last.state).toBe('completed');
      expect(last.bundlePath).toMatch(new RegExp(`^sftp://${sshd.username}@127\\.0\\.0\\.1:${sshd.port}${sshd.uploadDir}/Nightly-XCP-[A-Za-z0-9]{8}-\\d{8}-\\d{6}\\.zip$`));
    }
    expect(s.get(saved.id)!.nextRunMs).toBe(t0 + 8 * HOUR);
    // Three runs, keep 2: the two newest are on the server, whole (unzip and sha256sum -c on the server's copy).
    const onServer = readdirSync(sshd.uploadDir).sort();
    expect(onServer).toHaveLength(2);
    expect(onServer.every((n) => isScheduleBundle(saved, n))).toBe(true);
    const newest = join(sshd.uploadDir, onServer[1]!);
    const x = mkdtempSync(join(work, 'x-'));
    execFileSync('unzip', ['-q', newest, '-d', x]);
    execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'MANIFEST.sha256'], { cwd: x });
    const meta = JSON.parse(readFileSync(join(x, 'collection.json'), 'utf8')) as { trigger: { kind: string; scheduleId: string }; files: { node: string; path: string }[] };
    expect(meta.trigger).toEqual({ kind: 'schedule', scheduleId: saved.id });
    expect(meta.files.some((f) => f.path.startsWith('/epas/trace/xcp/log/rtr-jsm-1'))).toBe(true);
    // Once on the server, the staged copy is gone.
    expect(readdirSync(join(work, 'state', 'staging', saved.id)).filter((n) => n.endsWith('.zip'))).toEqual([]);

    // A restart reads the schedule back with its last run; a run missed meanwhile is due.
    const again = schedules();
    await again.load();
    expect(again.get(saved.id)!.lastRun!.state).toBe('completed');
    expect(again.get(saved.id)!.nextRunMs).toBe(t0 + 8 * HOUR);
    await again.delete(saved.id);
    expect(await credentials.get(`traces/schedule/${saved.id}/sftp`)).toBeUndefined();
  });

  it('keeps the newest N bundles in a local folder and leaves other files alone; refuses bad input', async () => {
    now = Date.now() + 100 * HOUR;
    const s = schedules();
    await s.load();
    const dir = join(work, 'local');
    const saved = await s.save(input({ name: 'Local XCP', keep: 2, destination: { kind: 'local', dir } }));
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'Other-20260101-000000.zip'), 'another schedule');
    for (let i = 0; i < 3; i++) {
      await s.runNow(saved.id);
      await s.whenIdle(saved.id);
      expect(s.get(saved.id)!.lastRun!.state).toBe('completed');
      now += HOUR;
    }
    const files = readdirSync(dir).filter((n) => !n.endsWith('.collecting')).sort();
    expect(files.filter((n) => isScheduleBundle(saved, n))).toHaveLength(2);
    expect(files).toContain('Other-20260101-000000.zip');
    await expect(s.save(input({ everyHours: 0 }))).rejects.toThrow(/everyHours/);
    await expect(s.save(input({ destination: { kind: 'sftp', host: sshd.host, port: sshd.port, username: sshd.username, directory: '/tmp' } }))).rejects.toThrow(/password/);
    await expect(s.runNow('nope')).rejects.toThrow(/no trace schedule/);
    expect(existsSync(join(work, 'state', 'schedules.json'))).toBe(true);
  });
});
