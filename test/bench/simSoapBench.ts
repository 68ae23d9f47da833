/**
 * Benchmark of a simulated node's SOAP server (issue 3): Perfmon perfmonCollectCounterData round trips per
 * second for a whole object, and DimeGetFileService GetOneFile throughput for a 64 MB file.
 * Run: npx tsx test/bench/simSoapBench.ts [cpuCount=32] [seconds=5]
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSoapServer } from '../../main/core/simulator/endpoints/soap/soapServer.js';
import { createNodeCertificate } from '../../main/core/simulator/endpoints/soap/nodeCertificate.js';
import { createFixtureBackend } from '../../main/core/simulator/endpoints/soap/fixtures/fixtureBackend.js';
import { fixtureEnvelope } from '../../main/core/simulator/endpoints/soap/fixtures/curlSoapClient.js';

const run = promisify(execFile);
const cpuCount = Number(process.argv[2] ?? 32);
const seconds = Number(process.argv[3] ?? 5);
const NODE = 'imp-bench';
const AUTH = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

const cert = await createNodeCertificate({ commonName: NODE });
const { backend, state } = createFixtureBackend({ nodeName: NODE, cpuCount });
const server = await startSoapServer({
  host: '127.0.0.1',
  port: 0,
  nodeName: NODE,
  role: 'imp',
  credentials: [{ username: 'admin', password: 'admin' }],
  tls: cert,
  backend,
  rateLimits: { perfmonPerMinute: false },
});
const dir = mkdtempSync(join(tmpdir(), 'soap-bench-'));
const agent = new Agent({ keepAlive: true, maxSockets: 64, ca: cert.certPem });

function post(path: string, body: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: 'POST', agent, headers: { Authorization: AUTH, 'Content-Type': 'text/xml;charset=UTF-8' } },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

try {
  const perfmon = '/perfmonservice2/services/PerfmonService';
  const envelope = await fixtureEnvelope('perfmonCollectCounterData.xml', NODE, 'Processor');
  const first = await post(perfmon, envelope);
  const values = (cpuCount + 1) * 2;
  console.log(`Perfmon collectCounterData, object Processor: ${cpuCount + 1} instances x 2 counters = ${values} values, response ${first.bytes} bytes`);
  for (const concurrency of [1, 8]) {
    let done = 0;
    const deadline = performance.now() + seconds * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const r = await post(perfmon, envelope);
          if (r.status !== 200) throw new Error(`status ${r.status}`);
          done++;
        }
      }),
    );
    const rate = done / ((performance.now() - t0) / 1000);
    console.log(`  concurrency ${concurrency}: ${rate.toFixed(0)} round trips/s (${(rate * values).toFixed(0)} values/s)`);
  }

  const size = 64 * 1024 * 1024;
  const path = '/var/log/active/bench/big.log';
  state.files.set(path, { logName: 'Bench', bytes: randomBytes(size), modified: new Date() });
  const dime = '/logcollectionservice/services/DimeGetFileService';
  const getOne = await fixtureEnvelope('dimeGetOneFile.xml', path);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await post(dime, getOne);
    const s = (performance.now() - t0) / 1000;
    console.log(`GetOneFile 64 MB (node https client): ${(r.bytes / 1e6 / s).toFixed(0)} MB/s (${s.toFixed(2)} s)`);
  }
  const caFile = join(dir, 'ca.pem');
  const inFile = join(dir, 'in.xml');
  await writeFile(caFile, cert.certPem);
  await writeFile(inFile, getOne);
  const { stdout } = await run('curl', [
    '-sS', '--cacert', caFile, '-u', 'admin:admin', '-H', 'Content-Type: text/xml', '--data-binary', `@${inFile}`,
    '-o', '/dev/null', '-w', '%{size_download} %{time_total}', `https://127.0.0.1:${server.port}${dime}`,
  ]);
  const [bytes, total] = stdout.split(' ').map(Number) as [number, number];
  console.log(`GetOneFile 64 MB (curl): ${(bytes / 1e6 / total).toFixed(0)} MB/s (${total.toFixed(2)} s)`);
} finally {
  agent.destroy();
  await server.dispose();
  await rm(dir, { recursive: true, force: true });
}
