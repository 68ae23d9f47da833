import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { column, parseWalk, run, startSimClusterHarness, type SimClusterHarness } from './simClusterHarness.js';

// Issue 3: every node of the default profile, driven by the cluster model, walked by Debian's snmp tools.
const HR = '.1.3.6.1.2.1.25';
const SYSAPPL = '.1.3.6.1.2.1.54';
const CLOG = '.1.3.6.1.4.1.9.9.41';
const HR_PROCESSOR_LOAD = `${HR}.3.3.1.2`;
const HR_STORAGE_DESCR = `${HR}.2.3.1.3`;
const HR_STORAGE_UNITS = `${HR}.2.3.1.4`;
const HR_STORAGE_SIZE = `${HR}.2.3.1.5`;
const HR_STORAGE_USED = `${HR}.2.3.1.6`;
const HR_SWRUN_NAME = `${HR}.4.2.1.2`;
const HR_SWRUN_PATH = `${HR}.4.2.1.4`;
const HR_SWRUNPERF_MEM = `${HR}.5.1.1.2`;
const SYSAPPL_PKG_NAME = `${SYSAPPL}.1.1.1.1.3`;
const SYSAPPL_RUN_STATUS = `${SYSAPPL}.1.2.1.1.3`;
const CLOG_ENABLED = `${CLOG}.1.1.2.0`;
const CLOG_MAX_SEVERITY = `${CLOG}.1.1.3.0`;
const CLOG_HIST_MSG_NAME = `${CLOG}.1.2.3.1.4`;

let h: SimClusterHarness;

const v2c = (node: string, ...args: string[]): string[] => {
  const e = h.node(node).snmp;
  return ['-v2c', '-c', e.community, '-On', '-Oq', '-t', '3', '-r', '1', ...args.slice(0, -1), `127.0.0.1:${e.port}`, args.at(-1)!];
};
const v3 = (node: string, ...args: string[]): string[] => {
  const e = h.node(node).snmp;
  return [
    '-v3', '-l', 'authPriv', '-u', e.v3.user, '-a', 'SHA', '-A', e.v3.authKey, '-x', 'AES', '-X', e.v3.privKey,
    '-On', '-Oq', '-t', '3', '-r', '1', `127.0.0.1:${e.port}`, args.at(-1)!,
  ];
};

async function bulkwalk(node: string, oid: string): Promise<Map<string, string>> {
  const r = await run('snmpbulkwalk', v2c(node, '-Cr25', oid));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return parseWalk(r.stdout);
}

beforeAll(async () => {
  h = await startSimClusterHarness();
});

afterAll(async () => {
  await h?.dispose();
});

describe('SNMP of every node of the default profile, from the cluster model', () => {
  it('snmpbulkwalk -v2c shows HOST-RESOURCES-MIB as the model has it: CPUs, Cisco storage rows, Started services', async () => {
    for (const [name, node] of h.model.nodes) {
      const walk = await bulkwalk(name, HR);
      // hrProcessorLoad: one row per CPU of the OVA, the model's per-core busy percentage.
      const loads = [...column(walk, HR_PROCESSOR_LOAD).values()].map(Number);
      expect(loads).toEqual(node.metrics.cpuBusy.map((b) => Math.round(b)));
      // hrStorage: Physical RAM .1 (used = Memory\Used KBytes), Virtual Memory .2 (swap), /dev/shm .10, 4096-byte units.
      const descr = column(walk, HR_STORAGE_DESCR);
      expect(descr.get('1')).toBe('Physical RAM');
      expect(descr.get('2')).toBe('Virtual Memory');
      expect(descr.get('10')).toBe('/dev/shm');
      expect([...descr.values()]).toEqual(expect.arrayContaining(['/', '/partB', '/grub', '/common']));
      expect(column(walk, HR_STORAGE_UNITS).get('1')).toBe('4096');
      expect(Number(column(walk, HR_STORAGE_USED).get('1'))).toBe(Math.floor(node.metrics.memoryUsedKb / 4));
      expect(Number(column(walk, HR_STORAGE_SIZE).get('1'))).toBe(Math.floor(node.metrics.memoryTotalKb / 4));
      expect(Number(column(walk, HR_STORAGE_USED).get('2'))).toBe(Math.floor(node.metrics.swapUsedKb / 4));
      // hrSWRunTable: every Started service's process, at /usr/local/cm/bin/<process>, indexed by pid.
      const started = node.services.list().filter((s) => s.status === 'Started');
      const names = column(walk, HR_SWRUN_NAME);
      const paths = column(walk, HR_SWRUN_PATH);
      for (const s of started) {
        expect(names.get(String(s.pid))).toBe(s.definition.process);
        expect(paths.get(String(s.pid))).toBe(`/usr/local/cm/bin/${s.definition.process}`);
        expect(column(walk, HR_SWRUNPERF_MEM).get(String(s.pid))).toBe(String(s.definition.memoryKb));
      }
    }
  });

  it('snmpbulkwalk -v2c shows SYSAPPL-MIB: every installed service, a run row only for the running ones', async () => {
    for (const [name, node] of h.model.nodes) {
      const walk = await bulkwalk(name, SYSAPPL);
      const installed = node.services.list();
      expect([...column(walk, SYSAPPL_PKG_NAME).values()]).toEqual(installed.map((s) => s.definition.name));
      const runs = column(walk, SYSAPPL_RUN_STATUS);
      const expected = installed.flatMap((s, i) => (s.status === 'Started' ? [`${i + 1}.${s.pid}`] : []));
      expect([...runs.keys()]).toEqual(expected);
      // Deactivated services (Message Archiver on IM&P) are installed but have no run row.
      expect(installed.some((s) => s.status !== 'Started')).toBe(!node.isCucm || installed.some((s) => !s.activated));
    }
  });

  it('snmpbulkwalk -v2c shows CISCO-SYSLOG-MIB with Cisco defaults: notifications off, max severity warning', async () => {
    for (const name of h.model.nodes.keys()) {
      const walk = await bulkwalk(name, CLOG);
      expect(walk.get(CLOG_ENABLED)).toBe('2');
      expect(walk.get(CLOG_MAX_SEVERITY)).toBe('5');
    }
  });

  it('snmpwalk -v3 authPriv (SHA/AES) returns exactly what v2c returns on every node', async () => {
    for (const name of h.model.nodes.keys()) {
      for (const oid of [HR, SYSAPPL, CLOG]) {
        const r = await run('snmpwalk', v3(name, oid));
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const viaV3 = parseWalk(r.stdout);
        expect(viaV3.size).toBeGreaterThan(0);
        expect(viaV3).toEqual(await bulkwalk(name, oid));
      }
    }
  });

  it('a service stopped in the model leaves hrSWRunTable and the SYSAPPL run table, and is logged in clogHistoryTable', async () => {
    const node = h.model.node('imp-pub');
    const pe = node.services.get('Cisco Presence Engine')!;
    const pid = pe.pid!;
    const pkgIndex = node.services.list().indexOf(pe) + 1;
    let walk = await bulkwalk('imp-pub', HR);
    expect(column(walk, HR_SWRUN_NAME).get(String(pid))).toBe('pe');

    node.services.stop('Cisco Presence Engine');
    h.model.runUntil(h.model.now() + 10_000);
    expect(pe.status).toBe('Stopped');

    walk = await bulkwalk('imp-pub', HR);
    expect(column(walk, HR_SWRUN_NAME).has(String(pid))).toBe(false);
    expect([...column(walk, HR_SWRUN_NAME).values()]).not.toContain('pe');
    const sysAppl = await bulkwalk('imp-pub', SYSAPPL);
    expect(column(sysAppl, SYSAPPL_PKG_NAME).get(String(pkgIndex))).toBe('Cisco Presence Engine');
    expect([...column(sysAppl, SYSAPPL_RUN_STATUS).keys()].some((k) => k.startsWith(`${pkgIndex}.`))).toBe(false);
    const clog = await bulkwalk('imp-pub', CLOG);
    expect([...column(clog, CLOG_HIST_MSG_NAME).values()]).toContain('ServiceStopped');

    node.services.start('Cisco Presence Engine');
    h.model.runUntil(h.model.now() + 30_000);
    const again = await bulkwalk('imp-pub', HR);
    // The model hands the restarted process a pid another service already has; the agent keeps indexes unique.
    const peRows = [...column(again, HR_SWRUN_NAME)].filter(([, n]) => n === 'pe');
    expect(peRows).toHaveLength(1);
    expect(column(again, HR_SWRUN_NAME).get(String(node.services.get('A Cisco DB')!.pid))).toBe('cmoninit');
  });

  it('stops answering while the node is powered off and answers again once it is up', async () => {
    const probe = (): Promise<{ code: number }> => run('snmpget', v2c('imp-sub3', '-t', '1', '-r', '0', CLOG_ENABLED));
    expect((await probe()).code).toBe(0);
    h.model.powerOff('imp-sub3');
    const down = await run('snmpget', v2c('imp-sub3', CLOG_ENABLED).map((a, i, all) => (all[i - 1] === '-t' ? '1' : all[i - 1] === '-r' ? '0' : a)));
    expect(down.code).not.toBe(0);
    expect(down.stderr).toMatch(/Timeout/);
    h.model.powerOn('imp-sub3');
    h.model.runUntil(h.model.now() + 300_000);
    expect((await probe()).code).toBe(0);
  });
});
