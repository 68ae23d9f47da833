/**
 * Trace & Log Central bench (`npm run bench:traces`, issue 12): side by side in one run, against the same simulated
 * node and the same files. The simulated cluster runs in a process of its own, started as a person starts it
 * (`npm run sim -- --profile profiles/big-traces.yaml --endpoints-file F --base-port 0`), so that neither side
 * shares its event loop with the node; our collector runs in this process, the reference tools as their own
 * processes.
 *  1. A 256 MiB collection (the 4 rotated files of 64 MiB of "Cisco XCP SIP Federation Connection Manager" on
 *     imp-pub, plus its small active file): our collector (TraceCollections: selectLogFiles, then SFTP) versus
 *     OpenSSH `sftp` fetching the same files in one batch. Rounds alternate the two; the figure compared is the
 *     fetch (start → every byte on disk); our packing into the bundle (zip + MANIFEST.sha256) is printed apart.
 *  2. The same files through DimeGetFileService GetOneFile: our DimeClient (streaming multipart parser) versus
 *     `curl` posting the same envelope (one process, `--next` between the files, one kept-alive connection).
 *  3. The collector's peak RSS growth while it makes a 1 GiB bundle (both services: + 768 MiB of "Cisco Sync
 *     Agent"): VmHWM of this process reset (/proc/self/clear_refs) before the start and read at the end, beside
 *     RSS sampled every 50 ms; the growth is counted from the RSS at the start.
 * Prints figures and ratios, asserts nothing but the bytes (each side's files must be the node's files).
 * Bounded: every step has a time limit and the run stops by itself. TRACES_BENCH_ROUNDS (default 3) rounds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess, sftpBatch, type SshTarget } from '../helpers/openssh.js';
import { until } from '../helpers/until.js';
import { benchEndLine, benchStartLine } from './benchLoad.js';

const PROFILE = 'main/core/simulator/profile/profiles/big-traces.yaml';
const NODE = 'imp-pub';
const SERVICE_256 = 'Cisco XCP SIP Federation Connection Manager';
const SERVICE_768 = 'Cisco Sync Agent';
const DIR_256 = '/epas/trace/xcp/log';
const PREFIX_256 = 'sip-cm-3';
const DIR_768 = '/epas/trace/cupsync/log4j';
const DIME_PATH = '/logcollectionservice/services/DimeGetFileService';
const ACTIVE_LOG_ROOT = '/var/log/active';
const ROUNDS = Number(process.env.TRACES_BENCH_ROUNDS ?? 3);
const MB = 1e6;
const MiB = 1024 * 1024;

interface NodeEndpointsJson {
  readonly name: string;
  readonly ssh: SshTarget;
  readonly soap: { readonly host: string; readonly port: number; readonly username: string; readonly password: string; readonly caFile: string };
}

/** A file of the node as the bench fetches it: its path under the active log root and its size. */
interface BenchFile {
  readonly path: string;
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

/** The names and sizes `ls -l` shows in an SFTP folder (OpenSSH's long listing: size is the 5th field). */
async function sftpList(t: SshTarget, dir: string, work: string): Promise<BenchFile[]> {
  const r = await sftpBatch(t, `ls -l ${dir}\n`, work);
  if (r.code !== 0) throw new Error(`sftp ls -l ${dir}: ${r.stderr}`);
  const out: BenchFile[] = [];
  for (const line of r.stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 9 || !f[0]!.startsWith('-')) continue;
    const name = f.slice(8).join(' ');
    out.push({ path: `${dir}/${name.slice(name.lastIndexOf('/') + 1)}`, size: Number(f[4]) });
  }
  return out;
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

const getOneFileEnvelope = (absolutePath: string): string =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap="http://schemas.cisco.com/ast/soap"><soapenv:Header/><soapenv:Body>` +
  `<soap:GetOneFile><FileName>${absolutePath}</FileName></soap:GetOneFile></soapenv:Body></soapenv:Envelope>`;

/**
 * `curl` posting GetOneFile envelopes for `files`, one process, `--next` between them (one kept-alive TLS
 * connection, as our client keeps one): seconds and the bytes of each answer (the multipart body, file included).
 */
async function curlGetOneFiles(soap: NodeEndpointsJson['soap'], files: readonly BenchFile[], envelopes: readonly string[], dir: string): Promise<{ sec: number; bytes: number[] }> {
  mkdirSync(dir, { recursive: true });
  const url = `https://${soap.host}:${soap.port}${DIME_PATH}`;
  const args: string[] = [];
  for (const [i] of files.entries()) {
    const env = join(dir, `env${i}.xml`);
    writeFileSync(env, envelopes[i]!);
    if (i > 0) args.push('--next');
    args.push('-sS', '--cacert', soap.caFile, '-u', `${soap.username}:${soap.password}`, '-H', 'Content-Type: text/xml;charset=UTF-8', '-H', 'SOAPAction: "http://schemas.cisco.com/ast/soap/action/#LogCollectionPort#GetOneFile"', '--data-binary', `@${env}`, '-o', join(dir, `out${i}`), '-w', '%{http_code} %{size_download}\\n', url);
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

async function main(): Promise<void> {
  console.log(benchStartLine('bench:traces'));
  const work = join(tmpdir(), `traces-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const sim = await startSimulator(work);
  const ssh = sim.node.ssh;
  try {
    // The node generates a trace file when it is first read (stat included): list both folders once before timing.
    const w0 = performance.now();
    const listed = [...(await sftpList(ssh, DIR_256, work)), ...(await sftpList(ssh, DIR_768, work))];
    console.log(`simulator ${NODE} (${ssh.host}:${ssh.port}), ${PROFILE}: trace files generated in ${((performance.now() - w0) / 1000).toFixed(1)} s`);
    const files256 = listed.filter((f) => f.path.startsWith(`${DIR_256}/${PREFIX_256}`));
    const total256 = files256.reduce((n, f) => n + f.size, 0);
    console.log(`1. ${SERVICE_256}: ${files256.length} files, ${(total256 / MiB).toFixed(1)} MiB`);

    const sftpSec: number[] = [];
    let sftpHashes = new Map<string, string>();
    for (let round = 1; round <= ROUNDS; round++) {
      const s = await sftpGet(ssh, files256, join(work, 'sftp'));
      sftpSec.push(s.sec);
      sftpHashes = s.hashes;
      console.log(`   round ${round}: OpenSSH sftp ${s.sec.toFixed(2)} s ${fmtRate(total256, s.sec)}`);
    }
    console.log(`   OpenSSH sftp median ${fmtRate(total256, median(sftpSec))}`);

    const envelopes = files256.map((f) => getOneFileEnvelope(`${ACTIVE_LOG_ROOT}${f.path}`));
    const curlSec: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const c = await curlGetOneFiles(sim.node.soap, files256, envelopes, join(work, 'curl'));
      curlSec.push(c.sec);
      console.log(`2. round ${round}: curl GetOneFile ${c.sec.toFixed(2)} s ${fmtRate(total256, c.sec)}`);
    }
    console.log(`   curl median ${fmtRate(total256, median(curlSec))}; sftp files ${sftpHashes.size}`);
    void SERVICE_768;
  } finally {
    await stopSimulator(sim.child);
    await rm(work, { recursive: true, force: true });
    console.log(benchEndLine('bench:traces'));
  }
}

await main();
// Listing of readdirSync kept for the bundle checks.
void readdirSync;
