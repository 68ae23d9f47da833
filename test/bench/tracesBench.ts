/**
 * Trace & Log Central bench (`npm run bench:traces`, issue 12): side by side in one run, against the same simulated
 * node and the same files. The simulated cluster runs in a process of its own, started as a person starts it
 * (`npm run sim -- --profile profiles/big-traces.yaml --endpoints-file F --base-port 0`), so that neither side
 * shares its event loop with the node; our collector runs in this process, the reference tools as their own
 * processes.
 *  1. A 256 MiB collection on imp-pub: the two XCP federation services (4 rotated files of 16 MiB and 4 of 48 MiB,
 *     plus their small active files): our collector (TraceCollections: selectLogFiles, then SFTP, 4 files at once)
 *     versus OpenSSH `sftp` fetching the same files in one batch (one after another, as its `get` does). Rounds
 *     alternate the two; the figure compared is the fetch (start → every byte on disk, our planning included);
 *     our packing into the bundle (zip + MANIFEST.sha256 + collection.json) is printed apart, and so is our SFTP
 *     client alone (SftpLogClient.download on the collector's connection, the files one after another).
 *  2. The 4 files of 48 MiB through DimeGetFileService GetOneFile: our DimeClient (streaming multipart reader into
 *     a file stream with a 1 MiB high-water mark; also printed: a 16 KiB one, Node's default) versus `curl`
 *     posting the same envelope (one process, `--next` between the files, one kept-alive connection), within the
 *     node's DIME limit (30 requests a minute per client).
 *  3. The collector's peak RSS growth while it makes a 1 GiB bundle (+ 768 MiB of "Cisco Sync Agent"): VmHWM of
 *     this process reset (/proc/self/clear_refs) at the start and read at the end, beside RSS sampled every 50 ms;
 *     the growth is counted from the RSS at the start (after a GC).
 * Prints figures and ratios, asserts nothing but the bytes (each side's files must be the node's files).
 * Bounded: the run stops by itself (a few minutes; at most RUN_LIMIT_MS, simulator included). TRACES_BENCH_ROUNDS
 * (default 5) rounds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterSpecFromEndpoints, readEndpointsFile } from '../../main/core/collector/endpointsFileCluster.js';
import { DIME_GET_FILE_PATH, DIME_GET_ONE_FILE_ACTION, dimeGetOneFileEnvelope } from '../../main/core/polling/soap/dimeClient.js';
import { TraceCollections } from '../../main/core/traces/traceCollections.js';
import { TraceNodeClients } from '../../main/core/traces/traceNodeClients.js';
import type { TraceCollectionStatus } from '../../shared/model/traces.js';
import { traceNodeResolver } from '../../main/core/cli/areas/traceNodeResolver.js';
import { runProcess, sftpBatch, type SshTarget } from '../helpers/openssh.js';
import { until } from '../helpers/until.js';
import { benchEndLine, benchStartLine } from './benchLoad.js';

const PROFILE = 'main/core/simulator/profile/profiles/big-traces.yaml';
const NODE = 'imp-pub';
const SERVICES_256 = ['Cisco XCP SIP Federation Connection Manager', 'Cisco XCP XMPP Federation Connection Manager'];
const SERVICE_768 = 'Cisco Sync Agent';
const DIR_256 = '/epas/trace/xcp/log';
const DIR_768 = '/epas/trace/cupsync/log4j';
const CLUSTER = 'sim';
const ROUNDS = Number(process.env.TRACES_BENCH_ROUNDS ?? 5);
const MB = 1e6;
const MiB = 1024 * 1024;

interface NodeEndpointsJson {
  readonly name: string;
  readonly ssh: SshTarget;
  readonly soap: { readonly host: string; readonly port: number; readonly username: string; readonly password: string; readonly caFile: string };
}

/** A file of the node as the bench fetches it: its path under the active log root, LogCollection's absolute path, size. */
interface BenchFile {
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
}

/** The simulator as its own process (npm run sim's entry point), with its state in `work`. */
async function startSimulator(work: string): Promise<{ child: ChildProcess; endpointsFile: string; node: NodeEndpointsJson }> {
  const endpointsFile = join(work, 'endpoints.json');
  const child = spawn(process.execPath, ['--import', 'tsx', '--max-semi-space-size=32', 'main/core/simulator/cli/simMain.ts', '--profile', PROFILE, '--endpoints-file', endpointsFile, '--base-port', '0'], {
    env: { ...process.env, IMP_SIM_STATE_DIR: join(work, 'sim-identity') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  // Whatever ends this process, the simulator goes with it (a bounded run leaves nothing behind).
  process.once('exit', () => child.kill('SIGKILL'));
  await until('the simulator to write its endpoints file', () => {
    if (exited !== undefined) throw new Error(`the simulator exited (${exited}) before it listened`);
    return existsSync(endpointsFile) ? true : undefined;
  }, 120_000);
  const doc = JSON.parse(readFileSync(endpointsFile, 'utf8')) as { nodes: NodeEndpointsJson[] };
  const node = doc.nodes.find((n) => n.name === NODE);
  if (!node) throw new Error(`${NODE} is not in the endpoints file`);
  return { child, endpointsFile, node };
}

async function stopSimulator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await done;
  clearTimeout(timer);
}

/** `ls -l` of folders over OpenSSH `sftp`: the node generates each file when it is first read (stat included). */
async function sftpListAll(t: SshTarget, dirs: readonly string[], work: string): Promise<void> {
  const r = await sftpBatch(t, dirs.map((d) => `ls -l ${d}\n`).join(''), work);
  if (r.code !== 0) throw new Error(`sftp ls -l: ${r.stderr}`);
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function fmtRate(bytes: number, sec: number): string {
  return `${(bytes / MB / sec).toFixed(0)} MB/s`;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** OpenSSH `sftp` getting `files` into `dir` in one batch (one connection): seconds, and each file's sha256. */
async function sftpGet(t: SshTarget, files: readonly BenchFile[], dir: string): Promise<{ sec: number; hashes: Map<string, string> }> {
  mkdirSync(dir, { recursive: true });
  const batch = files.map((f, i) => `get ${f.path} f${i}\n`).join('');
  const t0 = performance.now();
  const r = await sftpBatch(t, batch, dir);
  const sec = (performance.now() - t0) / 1000;
  if (r.code !== 0) throw new Error(`sftp get: ${r.stderr}`);
  const hashes = new Map<string, string>();
  for (const [i, f] of files.entries()) hashes.set(f.path, await sha256File(join(dir, `f${i}`)));
  await rm(dir, { recursive: true, force: true });
  return { sec, hashes };
}

/**
 * `curl` posting GetOneFile envelopes for `files`, one process, `--next` between them (one kept-alive TLS
 * connection, as our client keeps one): seconds and the bytes of each answer (the multipart body, file included).
 */
async function curlGetOneFiles(soap: NodeEndpointsJson['soap'], files: readonly BenchFile[], dir: string): Promise<{ sec: number; bytes: number[] }> {
  mkdirSync(dir, { recursive: true });
  const url = `https://${soap.host}:${soap.port}${DIME_GET_FILE_PATH}`;
  const args: string[] = [];
  for (const [i, f] of files.entries()) {
    const env = join(dir, `env${i}.xml`);
    // The very envelope our DimeClient posts (polling/soap/dimeClient.ts).
    writeFileSync(env, dimeGetOneFileEnvelope(f.absolutePath));
    if (i > 0) args.push('--next');
    args.push('-sS', '--cacert', soap.caFile, '-u', `${soap.username}:${soap.password}`, '-H', 'Content-Type: text/xml;charset=UTF-8', '-H', `SOAPAction: "${DIME_GET_ONE_FILE_ACTION}"`, '--data-binary', `@${env}`, '-o', join(dir, `out${i}`), '-w', '%{http_code} %{size_download}\\n', url);
  }
  const t0 = performance.now();
  const r = await runProcess('curl', args, undefined, 300_000);
  const sec = (performance.now() - t0) / 1000;
  if (r.code !== 0) throw new Error(`curl: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  const bytes = lines.map((l) => Number(l.split(' ')[1]));
  if (lines.length !== files.length || lines.some((l) => !l.startsWith('200 '))) throw new Error(`curl GetOneFile answers: ${lines.join('; ')}`);
  for (const [i, f] of files.entries()) {
    if (statSync(join(dir, `out${i}`)).size < f.size) throw new Error(`curl GetOneFile of ${f.path}: ${bytes[i]} bytes, the file has ${f.size}`);
  }
  await rm(dir, { recursive: true, force: true });
  return { sec, bytes };
}

/**
 * Our DimeClient fetching `files` one after another into files in `dir` (fs.WriteStream with the given high-water
 * mark: the sink is the caller's, and its mark decides how often the client pauses the socket): seconds and each
 * file's sha256.
 */
async function oursGetOneFiles(clients: TraceNodeClients, files: readonly BenchFile[], dir: string, highWaterMark: number): Promise<{ sec: number; hashes: Map<string, string> }> {
  mkdirSync(dir, { recursive: true });
  const dime = clients.dime(CLUSTER, NODE);
  const t0 = performance.now();
  for (const [i, f] of files.entries()) {
    const out = createWriteStream(join(dir, `f${i}`), { highWaterMark });
    const r = await dime.getOneFile(f.absolutePath, out, { expectedSize: f.size });
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (!r.ok) throw new Error(`DimeClient GetOneFile ${f.path}: ${r.error.code} ${r.error.message}`);
    if (r.value.bytes !== f.size) throw new Error(`DimeClient GetOneFile ${f.path}: ${r.value.bytes} bytes, the file has ${f.size}`);
  }
  const sec = (performance.now() - t0) / 1000;
  const hashes = new Map<string, string>();
  for (const [i, f] of files.entries()) hashes.set(f.path, await sha256File(join(dir, `f${i}`)));
  await rm(dir, { recursive: true, force: true });
  return { sec, hashes };
}

/** Our SftpLogClient alone (the collector's connection), the files one after another into fs.WriteStreams: seconds. */
async function oursSftpClient(clients: TraceNodeClients, files: readonly BenchFile[], dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const sftp = await clients.sftp(CLUSTER, NODE);
  if (!sftp.ok) throw new Error(`SftpLogClient: ${sftp.error.message}`);
  const t0 = performance.now();
  for (const [i, f] of files.entries()) {
    const out = createWriteStream(join(dir, `f${i}`));
    const r = await sftp.value.download(f.path, out, {});
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (!r.ok) throw new Error(`SftpLogClient ${f.path}: ${r.error.message}`);
  }
  const sec = (performance.now() - t0) / 1000;
  await rm(dir, { recursive: true, force: true });
  return sec;
}

/** The MANIFEST.sha256 of a zip bundle (read with `unzip -p`): entry → sha256. */
async function bundleManifest(bundle: string): Promise<Map<string, string>> {
  const r = await runProcess('unzip', ['-p', bundle, 'MANIFEST.sha256'], undefined, 60_000);
  if (r.code !== 0) throw new Error(`unzip -p ${bundle}: ${r.stderr}`);
  const out = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

/** Our collector: one collection of `services` from the node; seconds to the end of the fetch and to the bundle. */
async function oursCollect(collections: TraceCollections, services: readonly string[], outDir: string, label: string, onStatus?: (s: TraceCollectionStatus) => void): Promise<{ planSec: number; fetchSec: number; totalSec: number; status: TraceCollectionStatus }> {
  const t0 = performance.now();
  let fetchedAt: number | undefined;
  let plannedAt: number | undefined;
  const sub = collections.onDidChange((s) => {
    if (s.label !== label) return;
    if (plannedAt === undefined && s.state !== 'planning') plannedAt = performance.now();
    if (fetchedAt === undefined && (s.state === 'packing' || s.state === 'completed' || s.state === 'partial')) fetchedAt = performance.now();
    onStatus?.(s);
  });
  try {
    const started = collections.start({ nodes: [{ cluster: CLUSTER, node: NODE, serviceLogs: [...services], systemLogs: [] }], range: { kind: 'relative', amount: 6, unit: 'hours' }, archive: 'zip', outDir, label });
    const status = await collections.whenDone(started.id);
    const end = performance.now();
    if (status.state !== 'completed') throw new Error(`our collection ${label} ended ${status.state}: ${status.error?.message ?? status.skipped.map((k) => `${k.path}: ${k.reason}`).join('; ')}`);
    return { planSec: ((plannedAt ?? end) - t0) / 1000, fetchSec: ((fetchedAt ?? end) - t0) / 1000, totalSec: (end - t0) / 1000, status };
  } finally {
    sub.dispose();
  }
}

/** This process's resident set now and its peak since the last reset, bytes (Linux /proc/self/status). */
function memory(): { rss: number; hwm: number } {
  const text = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** The longest a run may take: past it the bench stops itself (and its simulator, see startSimulator). */
const RUN_LIMIT_MS = 20 * 60_000;

async function main(): Promise<void> {
  console.log(benchStartLine('bench:traces'));
  setTimeout(() => {
    console.error(`bench:traces: stopped after ${RUN_LIMIT_MS / 60_000} min`);
    process.exit(1);
  }, RUN_LIMIT_MS).unref();
  const work = join(tmpdir(), `traces-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const sim = await startSimulator(work);
  const ssh = sim.node.ssh;
  const spec = clusterSpecFromEndpoints(readEndpointsFile(sim.endpointsFile), { id: CLUSTER, simulated: true });
  const clients = new TraceNodeClients(traceNodeResolver([spec]));
  const collections = new TraceCollections({ clients, toolVersion: 'bench' });
  try {
    const w0 = performance.now();
    await sftpListAll(ssh, [DIR_256, DIR_768], work);
    console.log(`simulator ${NODE} (${ssh.host}:${ssh.port}, its own process), ${PROFILE}: 1 GiB of trace files generated in ${((performance.now() - w0) / 1000).toFixed(1)} s`);

    // The files of the 256 MiB collection, as the node lists them (the same list our collector plans with).
    const selected = await clients.logCollection(CLUSTER, NODE).selectLogFiles({ serviceLogs: SERVICES_256, systemLogs: [], time: { kind: 'relative', unit: 'Hours', count: 6 } });
    if (!selected.ok) throw new Error(`selectLogFiles: ${selected.error.message}`);
    const files: BenchFile[] = selected.value.map((f) => ({ path: f.absolutePath.replace(/^\/var\/log\/active/, ''), absolutePath: f.absolutePath, size: f.size })).sort((a, b) => a.path.localeCompare(b.path));
    const total = files.reduce((n, f) => n + f.size, 0);
    const rotated = files.filter((f) => /00000[1-4]\.log$/.test(f.path));
    console.log(`1. ${SERVICES_256.join(' + ')}: ${files.length} files, ${(total / MiB).toFixed(1)} MiB (${files.map((f) => `${f.path.slice(f.path.lastIndexOf('/') + 1)} ${(f.size / MiB).toFixed(f.size < MiB ? 3 : 0)} MiB`).join(', ')})`);

    const sftpSec: number[] = [];
    const oursFetch: number[] = [];
    const oursTotal: number[] = [];
    const clientSec: number[] = [];
    let sftpHashes = new Map<string, string>();
    for (let round = 1; round <= ROUNDS; round++) {
      const s = await sftpGet(ssh, files, join(work, 'sftp'));
      sftpSec.push(s.sec);
      sftpHashes = s.hashes;
      const o = await oursCollect(collections, SERVICES_256, join(work, `ours${round}`), `r${round}`);
      oursFetch.push(o.fetchSec);
      oursTotal.push(o.totalSec);
      const manifest = await bundleManifest(o.status.bundlePath!);
      const same = rotated.every((f) => manifest.get(`${NODE}${f.path}`) === s.hashes.get(f.path));
      if (!same) throw new Error('our bundle and OpenSSH sftp differ on a rotated file');
      const c = await oursSftpClient(clients, files, join(work, 'client'));
      clientSec.push(c);
      console.log(`   round ${round}: OpenSSH sftp ${s.sec.toFixed(2)} s (${fmtRate(total, s.sec)}); ours fetch ${o.fetchSec.toFixed(2)} s (${fmtRate(total, o.fetchSec)}; planning ${o.planSec.toFixed(2)} s of it), bundle written ${o.totalSec.toFixed(2)} s; rotated files identical; our SFTP client alone, one file after another: ${c.toFixed(2)} s (${fmtRate(total, c)})`);
      await rm(join(work, `ours${round}`), { recursive: true, force: true });
    }
    const sftpMed = median(sftpSec);
    const oursMed = median(oursFetch);
    console.log(`   median: OpenSSH sftp ${fmtRate(total, sftpMed)}, ours ${fmtRate(total, oursMed)} (fetch), ${fmtRate(total, median(oursTotal))} with packing; ours/sftp ${(sftpMed / oursMed).toFixed(2)} (target >= 0.9); our SFTP client alone ${fmtRate(total, median(clientSec))}, client/sftp ${(sftpMed / median(clientSec)).toFixed(2)}`);

    // 2. DIME: the 4 files of 48 MiB, both clients, within the node's 30 GetOneFile a minute per client.
    const dimeFiles = rotated.filter((f) => f.size > 32 * MiB);
    const dimeTotal = dimeFiles.reduce((n, f) => n + f.size, 0);
    const curlSec: number[] = [];
    const dimeSec: number[] = [];
    const dimeSmallSec: number[] = [];
    // Three fetches of the files per round (curl, ours into a 1 MiB-mark file stream, ours into a 16 KiB one) stay
    // inside the node's 30 GetOneFile a minute per client (address and user): curl and ours are the same client.
    const dimeRounds = Math.max(1, Math.min(ROUNDS, Math.floor(28 / (3 * dimeFiles.length))));
    console.log(`2. GetOneFile of ${dimeFiles.length} files, ${(dimeTotal / MiB).toFixed(0)} MiB, ${dimeRounds} rounds:`);
    for (let round = 1; round <= dimeRounds; round++) {
      const c = await curlGetOneFiles(sim.node.soap, dimeFiles, join(work, 'curl'));
      curlSec.push(c.sec);
      const o = await oursGetOneFiles(clients, dimeFiles, join(work, 'dime'), MiB);
      dimeSec.push(o.sec);
      const small = await oursGetOneFiles(clients, dimeFiles, join(work, 'dime16'), 16 * 1024);
      dimeSmallSec.push(small.sec);
      if (!dimeFiles.every((f) => o.hashes.get(f.path) === sftpHashes.get(f.path) && small.hashes.get(f.path) === sftpHashes.get(f.path))) throw new Error('our DIME files and OpenSSH sftp\'s differ');
      console.log(`   round ${round}: curl ${c.sec.toFixed(2)} s (${fmtRate(dimeTotal, c.sec)}); ours ${o.sec.toFixed(2)} s (${fmtRate(dimeTotal, o.sec)}); ours into a 16 KiB-mark stream ${small.sec.toFixed(2)} s (${fmtRate(dimeTotal, small.sec)}); bytes identical to sftp's`);
    }
    const curlMed = median(curlSec);
    const dimeMed = median(dimeSec);
    console.log(`   median: curl ${fmtRate(dimeTotal, curlMed)}, ours ${fmtRate(dimeTotal, dimeMed)} (16 KiB mark: ${fmtRate(dimeTotal, median(dimeSmallSec))}); ours/curl ${(curlMed / dimeMed).toFixed(2)} (target >= 0.9)`);

    // 3. Peak RSS growth while our collector makes a 1 GiB bundle.
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 500));
    writeFileSync('/proc/self/clear_refs', '5');
    const base = memory().rss;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, memory().rss)), 50);
    const big = await oursCollect(collections, [...SERVICES_256, SERVICE_768], join(work, 'ours-1g'), 'one-gib').finally(() => clearInterval(sampler));
    const hwm = memory().hwm;
    const growth = Math.max(peak, hwm) - base;
    const bundleSize = statSync(big.status.bundlePath!).size;
    console.log(`3. 1 GiB bundle (${big.status.fileCount} files, ${(big.status.bytesDone / MiB).toFixed(0)} MiB fetched; zip ${(bundleSize / MiB).toFixed(0)} MiB): fetch ${big.fetchSec.toFixed(1)} s (${fmtRate(big.status.bytesDone, big.fetchSec)}), bundle written ${big.totalSec.toFixed(1)} s; RSS at start ${(base / MiB).toFixed(0)} MiB, peak ${(Math.max(peak, hwm) / MiB).toFixed(0)} MiB (VmHWM ${(hwm / MiB).toFixed(0)}, sampled ${(peak / MiB).toFixed(0)}): growth ${(growth / MiB).toFixed(1)} MiB (target < 100 MB = 95.4 MiB)${(globalThis as { gc?: unknown }).gc ? '' : ' [run with --expose-gc for a cleaner base]'}`);
  } finally {
    await collections.dispose();
    await clients.dispose();
    await stopSimulator(sim.child);
    await rm(work, { recursive: true, force: true });
    console.log(benchEndLine('bench:traces'));
  }
}

await main();
