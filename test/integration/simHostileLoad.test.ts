import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS } from '../../main/core/simulator/endpoints/ssh/lineEditor.js';
import { SOAP_LIMITS } from '../../main/core/simulator/endpoints/soap/soapLimits.js';
import { createCurlSoapClient, type CurlResult } from '../../main/core/simulator/endpoints/soap/fixtures/curlSoapClient.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import type { NodeEndpoints } from '../../main/core/simulator/runtime/endpointsFile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { netSnmpEnv } from '../helpers/netSnmpEnv.js';

// Issue 10: one client could stall all five simulated nodes (they share one process). A shell line without a
// line end was buffered without limit, and a huge ServiceStatus request cost seconds of CPU. Each hostile input
// goes to one node while another node's SNMP agent is probed with Net-SNMP's snmpget: it must keep answering
// promptly, the process's memory must stay bounded, and the hostile client gets a clear error.

/** Generous: a healthy probe takes ~20-50 ms including the snmpget process start; the defect cost 1.4-3.3 s. */
const SNMP_LATENCY_BOUND_MS = 1500;
/** Generous: the defect cost +290 MB for a 1 MB line and +912 MB for 4 MB. */
const RSS_GROWTH_BOUND = 200 * 1024 * 1024;
const CC = '/controlcenterservice2/services/ControlCenterServices';
const CC_ENVELOPE = (inner: string): string =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap="http://schemas.cisco.com/ast/soap">` +
  `<soapenv:Body><soap:soapGetServiceStatus>${inner}</soap:soapGetServiceStatus></soapenv:Body></soapenv:Envelope>`;

interface Exit {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs a real client with `input` on stdin (killed after 60 s). */
function runClient(cmd: string, args: string[], input: Buffer | string, env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout: Buffer.concat(out), stderr });
    });
    child.stdin.end(input);
  });
}

/**
 * Probes `node`'s SNMP agent with snmpget (sysUpTime) back to back, and samples this process's RSS, until
 * `work` settles; returns the slowest probe, the number of probes, the RSS growth and work's result.
 */
async function whileProbing<T>(node: NodeEndpoints, work: () => Promise<T>): Promise<{ result: T; slowestMs: number; probes: number; failures: string[]; rssGrowth: number }> {
  const snmp = node.snmp!;
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 25);
  let done = false;
  let slowestMs = 0;
  let probes = 0;
  const failures: string[] = [];
  const probing = (async () => {
    while (!done || probes < 3) {
      const started = performance.now();
      const r = await runClient('snmpget', ['-v2c', '-c', snmp.community, '-t', '5', '-r', '0', '-On', `${snmp.host}:${snmp.port}`, '1.3.6.1.2.1.1.3.0'], '', netSnmpEnv());
      slowestMs = Math.max(slowestMs, performance.now() - started);
      probes += 1;
      if (r.code !== 0 || !r.stdout.toString().includes('.1.3.6.1.2.1.1.3.0 = Timeticks')) failures.push(r.stderr || r.stdout.toString());
    }
  })();
  try {
    const result = await work();
    done = true;
    await probing;
    return { result, slowestMs, probes, failures, rssGrowth: rssPeak - rssStart };
  } finally {
    done = true;
    clearInterval(sampler);
  }
}

describe('one client cannot stall the simulated cluster', () => {
  let cluster: SimCluster;
  let work: string;
  let nodes: Map<string, NodeEndpoints>;
  const node = (name: string): NodeEndpoints => nodes.get(name)!;
  const curlFor = (name: string) => {
    const soap = node(name).soap!;
    return createCurlSoapClient({ host: soap.host, port: () => soap.port, caFile: soap.caFile, workDir: work, user: soap.username, password: soap.password });
  };
  const faultString = (r: CurlResult): string => /<faultstring>([^<]*)<\/faultstring>/.exec(r.body.toString('utf8'))?.[1] ?? '';

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sim-hostile-'));
    cluster = await startSimCluster({ profile: loadProfile(), seed: 3, speed: 0, basePort: 0, startMs: Date.UTC(2026, 10, 25, 9, 0, 0) });
    nodes = new Map(cluster.endpoints().nodes.map((n) => [n.name, n]));
  }, 120_000);
  afterAll(async () => {
    await cluster?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('an interactive shell line of 4 MB without a line end: bounded memory, other nodes answer, clear error', async () => {
    const ssh = node('imp-sub1').ssh;
    const hostile = Buffer.concat([Buffer.alloc(4 * 1024 * 1024, 'x'), Buffer.from('\nshow myself\nquit\n')]);
    const args = ['-p', ssh.password, 'ssh', '-tt', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
      '-o', 'PreferredAuthentications=keyboard-interactive', '-p', String(ssh.port), `${ssh.username}@${ssh.host}`];
    const probe = await whileProbing(node('imp-sub3'), () => runClient('sshpass', args, hostile));
    const text = probe.result.stdout.toString('utf8');
    expect(probe.result.code).toBe(0);
    expect(text).toContain(`Command line too long: ${4 * 1024 * 1024} characters (the limit is ${MAX_LINE_CHARS}); the line was discarded`);
    // Only the first MAX_LINE_CHARS characters were echoed (then one BEL), and the shell went on to the next line.
    expect(text.split('x').length - 1).toBe(MAX_LINE_CHARS);
    expect(text).toMatch(/admin:show myself\r\n/);
    expect(probe.failures).toEqual([]);
    expect(probe.slowestMs).toBeLessThan(SNMP_LATENCY_BOUND_MS);
    expect(probe.rssGrowth).toBeLessThan(RSS_GROWTH_BOUND);
  }, 120_000);

  it('an exec command over the line limit gets the same clear error', async () => {
    const ssh = node('imp-sub1').ssh;
    const r = await runClient('sshpass', ['-p', ssh.password, 'ssh', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
      '-p', String(ssh.port), `${ssh.username}@${ssh.host}`, `show ${'y'.repeat(MAX_LINE_CHARS + 10)}`], '');
    expect(r.stdout.toString()).toBe(`Command line too long: ${MAX_LINE_CHARS + 15} characters (the limit is ${MAX_LINE_CHARS}); the line was discarded\n`);
  }, 60_000);

  it('four parallel 0.9 MB ServiceStatus requests of 65,000 items: refused before parsing, other nodes answer', async () => {
    const curl = curlFor('imp-sub1');
    const hostile = CC_ENVELOPE(`<soap:ServiceStatus>${'<item>a</item>'.repeat(65_000)}</soap:ServiceStatus>`);
    expect(hostile.length).toBeGreaterThan(900_000);
    const probe = await whileProbing(node('imp-sub3'), () => Promise.all(Array.from({ length: 4 }, () => curl(CC, { body: hostile }))));
    for (const r of probe.result) {
      expect(r.status).toBe(413);
      expect(r.headers['content-type']).toMatch(/text\/xml/);
      expect(faultString(r)).toBe(`Exceeded allowed request size. Current allowed request size is ${SOAP_LIMITS.maxBodyBytes} bytes.`);
    }
    expect(probe.failures).toEqual([]);
    expect(probe.slowestMs).toBeLessThan(SNMP_LATENCY_BOUND_MS);
    expect(probe.rssGrowth).toBeLessThan(RSS_GROWTH_BOUND);
  }, 120_000);

  it('under the size limit, too many elements or list items get a SOAP fault naming the limit; the limit itself is served', async () => {
    const curl = curlFor('imp-sub2');
    const elements = SOAP_LIMITS.maxElements + 100;
    const dense = await curl(CC, { body: CC_ENVELOPE(`<soap:ServiceStatus>${'<i/>'.repeat(elements)}</soap:ServiceStatus>`) });
    expect(dense.status).toBe(500);
    expect(faultString(dense)).toMatch(new RegExp(`^Exceeded allowed number of elements in a request \\(\\d+\\)\\. Current allowed number of elements is ${SOAP_LIMITS.maxElements} per request\\.$`));
    const items = (n: number): string => CC_ENVELOPE(Array.from({ length: n }, (_, i) => `<soap:ServiceStatus>Cisco Nothing ${i}</soap:ServiceStatus>`).join(''));
    const over = await curl(CC, { body: items(SOAP_LIMITS.maxListItems + 1) });
    expect(over.status).toBe(500);
    expect(faultString(over)).toBe(`Exceeded allowed number of items in ServiceStatus (${SOAP_LIMITS.maxListItems + 1}). Current allowed number of items is ${SOAP_LIMITS.maxListItems} per request.`);
    expect(over.body.toString()).toContain('<faultcode>soapenv:Client</faultcode>');
    const at = await curl(CC, { body: items(SOAP_LIMITS.maxListItems) });
    expect(at.status).toBe(200);
    expect(at.body.toString().split('<ns1:ServiceName>').length - 1).toBe(SOAP_LIMITS.maxListItems);
  }, 120_000);

  it('a burst of parallel legitimate requests to one node: every one answered, other nodes answer meanwhile', async () => {
    const curl = curlFor('imp-sub1');
    const all = CC_ENVELOPE('<soap:ServiceStatus></soap:ServiceStatus>');
    const probe = await whileProbing(node('imp-sub3'), () => Promise.all(Array.from({ length: 16 }, () => curl(CC, { body: all }))));
    expect(probe.result.map((r) => r.status)).toEqual(Array(16).fill(200));
    expect(probe.failures).toEqual([]);
    expect(probe.slowestMs).toBeLessThan(SNMP_LATENCY_BOUND_MS);
  }, 120_000);
});
