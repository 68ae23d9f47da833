/**
 * Benchmark: values per second of Debian's `snmpbulkwalk -v2c` against our simulated node agent, by table
 * size, side by side with net-snmp's stock `snmp.createAgent` serving the same rows (peers-and-limits.md §5.1
 * measured the stock agent at ~700 varbinds/s on a 30,000-value table). Target: ≥ 5,000 values/s at 30k.
 *
 *   npx tsx test/bench/simSnmpBench.ts [--no-stock] [--sizes 1000,10000,30000] [--max-rep 10]
 */
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createRequire } from 'node:module';
import { exampleSnmpSnapshot } from '../../main/core/simulator/endpoints/snmp/exampleSnmpSnapshot.js';
import { startSnmpAgent } from '../../main/core/simulator/endpoints/snmp/snmpAgent.js';
import { engineIdForNode } from '../../main/core/simulator/endpoints/snmp/snmpEngineId.js';
import type { SnmpProcess } from '../../main/core/simulator/endpoints/snmp/snmpNodeSnapshot.js';
import { netSnmpEnv } from '../helpers/netSnmpEnv.js';

/** The slice of net-snmp's (untyped) agent API this bench uses. */
interface StockMib {
  registerProvider(p: object): void;
  addTableRow(name: string, row: unknown[]): void;
}
interface StockAgent {
  getAuthorizer(): { addCommunity(c: string): void };
  getMib(): StockMib;
  close(cb: () => void): void;
}
interface NetSnmp {
  createAgent(options: object, cb: () => void): StockAgent;
  MaxAccess: Record<string, number>;
  MibProviderType: Record<string, string>;
  ObjectType: Record<string, number>;
}
const snmp = createRequire(import.meta.url)('net-snmp') as NetSnmp;

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SIZES = (flag('--sizes') ?? '1000,10000,30000').split(',').map(Number);
const MAX_REP = flag('--max-rep') ?? '10';
const WITH_STOCK = !args.includes('--no-stock');
const STOCK_TIMEOUT_MS = 180_000;
/** hrSWRunTable (7 columns) + hrSWRunPerfTable (2 columns) = 9 values per process. */
const VALUES_PER_PROCESS = 9;

interface Walk { values: number; seconds: number; timedOut: boolean }

const V3_ARGS = ['-v3', '-l', 'authPriv', '-u', 'bench', '-a', 'SHA', '-A', 'bench-auth-1', '-x', 'AES', '-X', 'bench-priv-1'];

function walk(port: number, oid: string, timeoutMs: number, v3 = false): Promise<Walk> {
  const start = performance.now();
  const security = v3 ? V3_ARGS : ['-v2c', '-c', 'public'];
  return new Promise((resolve) => {
    execFile('snmpbulkwalk', [...security, '-On', '-Oq', `-Cr${MAX_REP}`, '-t', '5', '-r', '1', `127.0.0.1:${port}`, oid],
      { env: netSnmpEnv(), maxBuffer: 256 << 20, timeout: timeoutMs }, (err, stdout) => {
        const seconds = (performance.now() - start) / 1000;
        const values = stdout.split('\n').filter((l) => l.startsWith('.')).length;
        resolve({ values, seconds, timedOut: err !== null && (err as { killed?: boolean }).killed === true });
      });
  });
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function processesFor(values: number): SnmpProcess[] {
  return exampleSnmpSnapshot({ extraProcesses: Math.max(0, Math.ceil(values / VALUES_PER_PROCESS) - 15) }).processes.slice();
}

async function benchOurs(values: number): Promise<{ v2c: Walk; v3: Walk }> {
  const snapshot = exampleSnmpSnapshot({ extraProcesses: Math.max(0, Math.ceil(values / VALUES_PER_PROCESS) - 15) });
  const agent = await startSnmpAgent({ community: 'public', engineId: engineIdForNode('bench'), source: { snapshot: () => snapshot }, cacheMs: 60_000,
    v3Users: [{ user: 'bench', authProtocol: 'sha', authKey: 'bench-auth-1', privProtocol: 'aes', privKey: 'bench-priv-1', level: 'authPriv' }] });
  try {
    await walk(agent.port, '1.3.6.1.2.1.25.4', 60_000); // warm-up (builds the view, JIT)
    const a = await walk(agent.port, '1.3.6.1.2.1.25.4', 60_000);
    const b = await walk(agent.port, '1.3.6.1.2.1.25.5', 60_000);
    const c = await walk(agent.port, '1.3.6.1.2.1.25.4', 60_000, true);
    const d = await walk(agent.port, '1.3.6.1.2.1.25.5', 60_000, true);
    return {
      v2c: { values: a.values + b.values, seconds: a.seconds + b.seconds, timedOut: a.timedOut || b.timedOut },
      v3: { values: c.values + d.values, seconds: c.seconds + d.seconds, timedOut: c.timedOut || d.timedOut },
    };
  } finally {
    await agent.dispose();
  }
}

async function benchStock(values: number): Promise<Walk> {
  const port = await freeUdpPort();
  const agent = snmp.createAgent({ port, address: '127.0.0.1', disableAuthorization: true }, () => undefined);
  agent.getAuthorizer().addCommunity('public');
  const mib = agent.getMib();
  const col = (number: number, name: string, type: number, access = 'read-only') => ({ number, name, type, maxAccess: snmp.MaxAccess[access] });
  const T = snmp.ObjectType as { Integer: number; OctetString: number; OID: number };
  mib.registerProvider({
    name: 'hrSWRunTable', type: snmp.MibProviderType['Table'], oid: '1.3.6.1.2.1.25.4.2.1', maxAccess: snmp.MaxAccess['not-accessible'],
    tableColumns: [col(1, 'idx', T.Integer), col(2, 'name', T.OctetString), col(3, 'id', T.OID), col(4, 'path', T.OctetString),
      col(5, 'params', T.OctetString), col(6, 'type', T.Integer), col(7, 'status', T.Integer)],
    tableIndex: [{ columnName: 'idx' }],
  });
  mib.registerProvider({
    name: 'hrSWRunPerfTable', type: snmp.MibProviderType['Table'], oid: '1.3.6.1.2.1.25.5.1.1', maxAccess: snmp.MaxAccess['not-accessible'],
    tableColumns: [col(1, 'cpu', T.Integer), col(2, 'mem', T.Integer), col(3, 'pidx', T.Integer, 'not-accessible')],
    tableIndex: [{ columnName: 'pidx' }],
  });
  for (const p of processesFor(values)) {
    mib.addTableRow('hrSWRunTable', [p.pid, p.name, '0.0', p.path, p.parameters, 4, 1]);
    mib.addTableRow('hrSWRunPerfTable', [p.cpuCentiseconds, p.memoryKb, p.pid]);
  }
  try {
    const a = await walk(port, '1.3.6.1.2.1.25.4', STOCK_TIMEOUT_MS);
    const b = a.timedOut ? { values: 0, seconds: 0, timedOut: true } : await walk(port, '1.3.6.1.2.1.25.5', STOCK_TIMEOUT_MS);
    return { values: a.values + b.values, seconds: a.seconds + b.seconds, timedOut: a.timedOut || b.timedOut };
  } finally {
    await new Promise<void>((resolve) => agent.close(() => resolve()));
  }
}

const rate = (w: Walk): number => w.values / w.seconds;
const rows: string[][] = [['target values', 'ours values', 'ours s', 'ours values/s', 'ours v3 authPriv values/s', 'stock values', 'stock s', 'stock values/s', 'ratio']];
for (const size of SIZES) {
  const { v2c: ours, v3: oursV3 } = await benchOurs(size);
  const stock = WITH_STOCK ? await benchStock(size) : undefined;
  rows.push([
    String(size), String(ours.values), ours.seconds.toFixed(2), rate(ours).toFixed(0), rate(oursV3).toFixed(0),
    stock ? String(stock.values) + (stock.timedOut ? ' (timeout)' : '') : '-', stock ? stock.seconds.toFixed(2) : '-',
    stock && !stock.timedOut ? rate(stock).toFixed(0) : '-', stock && !stock.timedOut ? `${(rate(ours) / rate(stock)).toFixed(1)}x` : '-',
  ]);
  console.error(`done ${size}`);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`snmpbulkwalk -v2c -Cr${MAX_REP} of hrSWRunTable + hrSWRunPerfTable (${VALUES_PER_PROCESS} values per process), 127.0.0.1`);
for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
