/**
 * SOAP bench of the simulated cluster (`npm run bench:sim-soap`), against the cluster's model as the app runs it:
 * startSimCluster with the shipped profile (only its trace file size raised to 64 MiB for the download), real time,
 * the nodes' SOAP servers with Cisco's rate limits (Perfmon 80 requests a minute per client, reference B.1).
 *  1. Perfmon perfmonCollectCounterData of a whole object (Processor) on imp-pub, one client as fast as it can, over
 *     the node's own server: how many answers the limit lets through and how fast they come, then how fast the
 *     node refuses with its rate-limit fault. Sustained, the limit allows 80 a minute (1.33/s).
 *  2. LIMIT OFF (labelled so): a second SOAP server for the same node of the same running model, with the Perfmon
 *     limit turned off, so that the serving speed itself is measured: round trips/s at concurrency 1 and 8 with
 *     Node's https client (keep-alive), and the reference client side by side: one curl process posting the same
 *     envelope N times over one kept-alive connection (its start is one of N).
 *  3. DimeGetFileService GetOneFile of a 64 MiB trace file from the node's own server: Node's https client and curl.
 * Prints figures; asserts nothing. Run: npx tsx test/bench/simSoapBench.ts [seconds=5] [limitedSeconds=10]
 */
import { execFile, fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startNodeProtocolEndpoints } from '../../main/core/simulator/runtime/nodeProtocolEndpoints.js';
import { startSimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { benchEndLine, benchStartLine } from './benchLoad.js';

const run = promisify(execFile);
const seconds = Number(process.argv[2] ?? 5);
const limitedSeconds = Number(process.argv[3] ?? 10);
const NODE = 'imp-pub';
const OBJECT = 'Processor';
const PERFMON = '/perfmonservice2/services/PerfmonService';
const DIME = '/logcollectionservice/services/DimeGetFileService';
const TRACE = '/epas/trace/xcp/log/sip-cm-3000001.log';
const CURL_POSTS = 500;

const collectEnvelope = (host: string, object: string): string =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap="http://schemas.cisco.com/ast/soap"><soapenv:Header/><soapenv:Body>` +
  `<soap:perfmonCollectCounterData><soap:Host>${host}</soap:Host><soap:Object>${object}</soap:Object></soap:perfmonCollectCounterData></soapenv:Body></soapenv:Envelope>`;
const getOneFileEnvelope = (path: string): string =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap="http://schemas.cisco.com/ast/soap"><soapenv:Header/><soapenv:Body>` +
  `<soap:GetOneFile><FileName>${path}</FileName></soap:GetOneFile></soapenv:Body></soapenv:Envelope>`;

interface Target {
  readonly host: string;
  readonly port: number;
  readonly auth: string;
  readonly agent: Agent;
}

function post(t: Target, path: string, body: string, keep = false): Promise<{ status: number; bytes: number; text?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: t.host, port: t.port, path, method: 'POST', agent: t.agent, headers: { Authorization: t.auth, 'Content-Type': 'text/xml;charset=UTF-8' } },
      (res) => {
        let bytes = 0;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          if (keep) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ...(keep ? { text: Buffer.concat(chunks).toString('utf8') } : {}) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** What the server process tells the client process. */
interface ServerInfo {
  readonly soap: { readonly host: string; readonly port: number; readonly username: string; readonly password: string; readonly ca: string };
  readonly off: { readonly host: string; readonly port: number; readonly ca: string };
  readonly traceBytes: number;
}

// ---- server mode: the simulated cluster in a process of its own, so the clients do not share its event loop ----
if (process.argv[2] === '--server') {
  const base = loadProfile();
  const work = mkdtempSync(join(tmpdir(), 'soap-bench-server-'));
  const profile = { ...base, logs: { ...base.logs, traceFileBytes: 64 * 1024 * 1024, rotatedFiles: 1 } };
  const cluster = await startSimCluster({ profile, seed: 1, speed: 1, basePort: 0, identityDir: join(work, 'identity'), stateDir: join(work, 'state') });
  const node = cluster.endpoints().nodes.find((n) => n.name === NODE);
  if (!node?.soap) throw new Error(`${NODE} has no SOAP endpoint`);
  const offEndpoints = await startNodeProtocolEndpoints(cluster.model, NODE, {
    snmpPort: 0, soapPort: 0, community: profile.endpoints.snmpCommunity, v3User: profile.endpoints.snmpV3, appUser: profile.endpoints.applicationUser,
    certDir: join(work, 'identity'), rateLimits: { perfmonPerMinute: false }, log: () => undefined,
  });
  const info: ServerInfo = {
    soap: { host: node.soap.host, port: node.soap.port, username: node.soap.username, password: node.soap.password, ca: await readFile(node.soap.caFile, 'utf8') },
    off: { host: offEndpoints.soap.host, port: offEndpoints.soap.port, ca: await readFile(offEndpoints.soap.caFile, 'utf8') },
    traceBytes: cluster.model.node(NODE).logs.read(TRACE)?.length ?? 0,
  };
  process.send!(info);
  process.on('disconnect', () => {
    void (async () => {
      await offEndpoints.dispose();
      await cluster.dispose();
      await rm(work, { recursive: true, force: true });
      process.exit(0);
    })();
  });
} else {
  await main();
}

async function main(): Promise<void> {
  console.log(benchStartLine('bench:sim-soap'));
  const server = fork(new URL(import.meta.url).pathname, ['--server'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const info = await new Promise<ServerInfo>((resolve, reject) => {
    server.once('message', (m) => resolve(m as ServerInfo));
    server.once('exit', (code) => reject(new Error(`the simulated cluster's process exited (${code})`)));
  });
  const work = mkdtempSync(join(tmpdir(), 'soap-bench-'));
  const soap = info.soap;
  const ca = soap.ca;
  const offCa = info.off.ca;
  const auth = `Basic ${Buffer.from(`${soap.username}:${soap.password}`).toString('base64')}`;
  const limited: Target = { host: soap.host, port: soap.port, auth, agent: new Agent({ keepAlive: true, maxSockets: 64, ca }) };
  const off: Target = { host: info.off.host, port: info.off.port, auth, agent: new Agent({ keepAlive: true, maxSockets: 64, ca: offCa }) };
  const envelope = collectEnvelope(NODE, OBJECT);

  try {
    // 1. With the node's rate limit, as the app meets it.
    const first = await post(limited, PERFMON, envelope, true);
    if (process.env.SOAP_BENCH_SHOW) console.log(first.text?.slice(0, 1500));
    const values = (first.text?.match(/<(\w+:)?Value>/g) ?? []).length;
    console.log(`Perfmon perfmonCollectCounterData, ${NODE} object ${OBJECT}: ${values} values, answer ${first.bytes} bytes`);
    let ok = first.status === 200 ? 1 : 0;
    let faults = 0;
    let okUntil = 0;
    const t0 = performance.now();
    const end = t0 + limitedSeconds * 1000;
    while (performance.now() < end) {
      const r = await post(limited, PERFMON, envelope, true);
      if (r.status === 200) {
        ok++;
        okUntil = performance.now() - t0;
      } else if (r.status === 500 && /rate|exceed/i.test(r.text ?? '')) faults++;
      else throw new Error(`status ${r.status}: ${r.text?.slice(0, 200)}`);
    }
    const limitedSec = (performance.now() - t0) / 1000;
    console.log(`  with the node's limit, one client, ${limitedSec.toFixed(0)} s: ${ok} answers (the first one and ${ok - 1} more within ${(okUntil / 1000).toFixed(2)} s: ${((ok - 1) / (okUntil / 1000)).toFixed(0)} round trips/s), then ${faults} rate-limit faults (${(faults / (limitedSec - okUntil / 1000)).toFixed(0)} refusals/s)`);

    // 2. Limit off: the serving speed of the same node's model.
    await post(off, PERFMON, envelope);
    for (const concurrency of [1, 8]) {
      let done = 0;
      const deadline = performance.now() + seconds * 1000;
      const s0 = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < deadline) {
            const r = await post(off, PERFMON, envelope);
            if (r.status !== 200) throw new Error(`status ${r.status}`);
            done++;
          }
        }),
      );
      const rate = done / ((performance.now() - s0) / 1000);
      console.log(`  LIMIT OFF, node https client, concurrency ${concurrency}: ${rate.toFixed(0)} round trips/s (${(rate * values).toFixed(0)} values/s)`);
    }
    const caFile = join(work, 'ca.pem');
    const offCaFile = join(work, 'ca-off.pem');
    const collectFile = join(work, 'collect.xml');
    await writeFile(caFile, ca);
    await writeFile(offCaFile, offCa);
    await writeFile(collectFile, envelope);
    const url = `https://${off.host}:${off.port}${PERFMON}`;
    const c0 = performance.now();
    const { stdout } = await run(
      'curl',
      ['-sS', '--cacert', offCaFile, '-u', `${soap.username}:${soap.password}`, '-H', 'Content-Type: text/xml;charset=UTF-8', '--data-binary', `@${collectFile}`, '-w', '%{http_code}\\n', ...Array.from({ length: CURL_POSTS }, () => ['-o', '/dev/null', url]).flat()],
      { maxBuffer: 1 << 22 },
    );
    const curlSec = (performance.now() - c0) / 1000;
    const codes = stdout.trim().split('\n');
    if (codes.length !== CURL_POSTS || codes.some((c) => c !== '200')) throw new Error(`curl: ${codes.length} answers, codes ${[...new Set(codes)].join(',')}`);
    console.log(`  LIMIT OFF, curl (one process, ${CURL_POSTS} posts on one kept-alive connection, its start included): ${(CURL_POSTS / curlSec).toFixed(0)} round trips/s`);

    // 3. GetOneFile, not rate limited, from the node's own server.
    const size = info.traceBytes;
    if (!size) throw new Error(`${TRACE} is not on ${NODE}`);
    const getOne = getOneFileEnvelope(TRACE);
    const ours: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s0 = performance.now();
      const r = await post(limited, DIME, getOne);
      if (r.status !== 200 || r.bytes < size) throw new Error(`GetOneFile: status ${r.status}, ${r.bytes} bytes`);
      ours.push(r.bytes / 1e6 / ((performance.now() - s0) / 1000));
    }
    console.log(`GetOneFile of a ${(size / 1048576).toFixed(0)} MiB trace file (DIME answer), node https client: ${ours.map((x) => x.toFixed(0)).join(', ')} MB/s`);
    const inFile = join(work, 'getone.xml');
    await writeFile(inFile, getOne);
    const curl: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await run('curl', ['-sS', '--cacert', caFile, '-u', `${soap.username}:${soap.password}`, '-H', 'Content-Type: text/xml', '--data-binary', `@${inFile}`, '-o', '/dev/null', '-w', '%{size_download} %{time_total}', `https://${soap.host}:${soap.port}${DIME}`]);
      const [size, total] = r.stdout.split(' ').map(Number) as [number, number];
      curl.push(size / 1e6 / total);
    }
    console.log(`GetOneFile, curl: ${curl.map((x) => x.toFixed(0)).join(', ')} MB/s`);
  } finally {
    limited.agent.destroy();
    off.agent.destroy();
    server.disconnect();
    await new Promise((r) => server.once('exit', r));
    await rm(work, { recursive: true, force: true });
    console.log(benchEndLine('bench:sim-soap'));
  }
}
