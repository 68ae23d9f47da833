import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startSimClusterHarness, waitFor, type SimClusterHarness } from './simClusterHarness.js';

// Issue 3: Debian's prometheus-snmp-exporter scrapes a simulated node's HOST-RESOURCES-MIB through our module.
const MODULE_FILE = fileURLToPath(new URL('../../main/core/simulator/runtime/snmp-exporter/imp-node.yml', import.meta.url));
const MODULE = 'imp_node_host_resources';
const NODE = 'imp-pub';

let h: SimClusterHarness;
let exporter: ChildProcess;
let exporterPort: number;
let exporterLog = '';

async function freeTcpPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const address = s.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Prometheus text lines `name{labels} value` of one metric name. */
function series(text: string, name: string): Array<{ labels: Record<string, string>; value: number }> {
  const out: Array<{ labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`).exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const [, k, v] of m[1]!.matchAll(/(\w+)="([^"]*)"/g)) labels[k!] = v!;
    out.push({ labels, value: Number(m[2]) });
  }
  return out;
}

beforeAll(async () => {
  h = await startSimClusterHarness();
  exporterPort = await freeTcpPort();
  exporter = spawn('prometheus-snmp-exporter', [`--config.file=${MODULE_FILE}`, `--web.listen-address=127.0.0.1:${exporterPort}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  exporter.stdout!.on('data', (d: Buffer) => (exporterLog += d.toString()));
  exporter.stderr!.on('data', (d: Buffer) => (exporterLog += d.toString()));
  await waitFor(() => exporterLog.includes('Listening on'), `prometheus-snmp-exporter to listen (log: ${exporterLog})`);
});

afterAll(async () => {
  if (exporter && exporter.exitCode === null) {
    const exited = new Promise((resolve) => exporter.once('exit', resolve));
    exporter.kill('SIGTERM');
    await exited;
  }
  await h?.dispose();
});

describe('prometheus-snmp-exporter with the imp-node module', () => {
  it('scrapes hrProcessorLoad and hrStorageUsed of a node as the model has them', async () => {
    const snmp = h.node(NODE).snmp;
    const url = `http://127.0.0.1:${exporterPort}/snmp?target=127.0.0.1:${snmp.port}&module=${MODULE}`;
    const r = await run('curl', ['-sS', '--fail', url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const metrics = h.model.node(NODE).metrics;

    const loads = series(r.stdout, 'hrProcessorLoad');
    expect(loads.map((s) => s.value)).toEqual(metrics.cpuBusy.map((b) => Math.round(b)));
    expect(loads.every((s) => /^\d+$/.test(s.labels.hrDeviceIndex ?? ''))).toBe(true);

    const used = series(r.stdout, 'hrStorageUsed');
    const byDescr = new Map(used.map((s) => [s.labels.hrStorageDescr, s.value]));
    expect(byDescr.get('Physical RAM')).toBe(Math.floor(metrics.memoryUsedKb / 4));
    expect(byDescr.get('Virtual Memory')).toBe(Math.floor(metrics.swapUsedKb / 4));
    expect([...byDescr.keys()]).toEqual(expect.arrayContaining(['/', '/partB', '/grub', '/common', '/dev/shm']));

    const mem = series(r.stdout, 'hrSWRunPerfMem');
    const pe = h.model.node(NODE).services.get('Cisco Presence Engine')!;
    expect(mem.find((s) => s.labels.hrSWRunName === 'pe')?.value).toBe(pe.definition.memoryKb);
    expect(r.stdout).toMatch(/^snmp_scrape_pdus_returned \d+/m);
  });
});
