import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netSnmpEnv } from '../helpers/netSnmpEnv.js';
import { exampleSnmpSnapshot } from '../../main/core/simulator/endpoints/snmp/exampleSnmpSnapshot.js';
import { startSnmpAgent, type SnmpAgent } from '../../main/core/simulator/endpoints/snmp/snmpAgent.js';
import { engineIdForNode } from '../../main/core/simulator/endpoints/snmp/snmpEngineId.js';
import type { SnmpNodeSnapshot, SnmpSyslogConfigChange } from '../../main/core/simulator/endpoints/snmp/snmpNodeSnapshot.js';

// Real clients nobody here wrote: Debian's snmp tools (snmpbulkwalk, snmpwalk, snmpget, snmpset).
interface Run { code: number; stdout: string; stderr: string }
function run(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: netSnmpEnv(), timeout: 30_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const COMMUNITY = 'imp-ro-rw';
const V3 = { user: 'impmon', auth: 'authPass-1234', priv: 'privPass-5678' };

/** Parses `-On -Oq`-style lines "OID value" into a map. */
function parseWalk(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\.[0-9.]+) (.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!.replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

let snapshot: SnmpNodeSnapshot;
let agent: SnmpAgent;
const applied: SnmpSyslogConfigChange[] = [];
let target: string;

const v2 = (...args: string[]): string[] => ['-v2c', '-c', COMMUNITY, '-On', '-Oq', '-t', '2', '-r', '1', ...args];
const v3 = (...args: string[]): string[] => [
  '-v3', '-l', 'authPriv', '-u', V3.user, '-a', 'SHA', '-A', V3.auth, '-x', 'AES', '-X', V3.priv, '-On', '-Oq', '-t', '2', '-r', '1', ...args,
];

beforeAll(async () => {
  snapshot = exampleSnmpSnapshot({ hostName: 'imp-sub1' });
  agent = await startSnmpAgent({
    port: 0,
    community: COMMUNITY,
    v3Users: [{ user: V3.user, authProtocol: 'sha', authKey: V3.auth, privProtocol: 'aes', privKey: V3.priv, level: 'authPriv' }],
    engineId: engineIdForNode('imp-sub1'),
    source: { snapshot: () => snapshot, applySyslogConfig: (c) => applied.push(c) },
    log: () => undefined,
  });
  target = `127.0.0.1:${agent.port}`;
});

afterAll(async () => {
  await agent?.dispose();
});

describe('simulated node SNMP agent, walked by Debian snmp tools', () => {
  it('snmpbulkwalk -v2c walks HOST-RESOURCES-MIB with Cisco storage rows, CPUs and processes from the snapshot', async () => {
    const r = await run('snmpbulkwalk', v2(target, '1.3.6.1.2.1.25'));
    expect(r.stderr).toBe('');
    const w = parseWalk(r.stdout);
    expect(w.get('.1.3.6.1.2.1.25.2.3.1.3.1')).toBe('Physical RAM');
    expect(w.get('.1.3.6.1.2.1.25.2.3.1.3.2')).toBe('Virtual Memory');
    expect(w.get('.1.3.6.1.2.1.25.2.3.1.3.10')).toBe('/dev/shm');
    expect(w.get('.1.3.6.1.2.1.25.2.3.1.4.1')).toBe('4096');
    expect(w.get('.1.3.6.1.2.1.25.2.3.1.6.1')).toBe(String(snapshot.storage[0]!.usedUnits));
    const loads = [...w.keys()].filter((k) => k.startsWith('.1.3.6.1.2.1.25.3.3.1.2.'));
    expect(loads).toHaveLength(snapshot.processors.length);
    const names = [...w.entries()].filter(([k]) => k.startsWith('.1.3.6.1.2.1.25.4.2.1.2.')).map(([, val]) => val);
    expect(names).toEqual(snapshot.processes.map((p) => p.name));
    const pe = snapshot.processes.find((p) => p.name === 'pe')!;
    expect(w.get(`.1.3.6.1.2.1.25.5.1.1.2.${pe.pid}`)).toBe(String(pe.memoryKb));
  });

  it('snmpwalk -v3 authPriv (SHA/AES) walks SYSAPPL-MIB, and a stopped service disappears after invalidate()', async () => {
    const before = parseWalk((await run('snmpwalk', v3(target, '1.3.6.1.2.1.54'))).stdout);
    const pe = snapshot.services.find((s) => s.name === 'Cisco Presence Engine')!;
    expect(before.get(`.1.3.6.1.2.1.54.1.1.1.1.3.${pe.index}`)).toBe('Cisco Presence Engine');
    expect(before.get(`.1.3.6.1.2.1.54.1.2.1.1.3.${pe.index}.${pe.runIndex}`)).toBe('1');

    snapshot = {
      ...snapshot,
      services: snapshot.services.map((s) => (s === pe ? { ...s, running: false } : s)),
      processes: snapshot.processes.filter((p) => p.pid !== pe.runIndex),
    };
    agent.invalidate();
    const after = parseWalk((await run('snmpwalk', v3(target, '1.3.6.1.2.1.54'))).stdout);
    expect(after.get(`.1.3.6.1.2.1.54.1.1.1.1.3.${pe.index}`)).toBe('Cisco Presence Engine');
    expect(after.has(`.1.3.6.1.2.1.54.1.2.1.1.3.${pe.index}.${pe.runIndex}`)).toBe(false);
    const runRows = [...after.keys()].filter((k) => k.startsWith('.1.3.6.1.2.1.54.1.2.1.1.3.'));
    expect(runRows).toHaveLength(snapshot.services.length - 1);
    const hr = parseWalk((await run('snmpwalk', v3(target, '1.3.6.1.2.1.25.4.2.1.2'))).stdout);
    expect([...hr.values()]).not.toContain('pe');
  });

  it('walks CISCO-SYSLOG-MIB with the defaults (notifications false(2), max severity warning(5)) and the history', async () => {
    const w = parseWalk((await run('snmpwalk', v3(target, '1.3.6.1.4.1.9.9.41'))).stdout);
    expect(w.get('.1.3.6.1.4.1.9.9.41.1.1.2.0')).toBe('2');
    expect(w.get('.1.3.6.1.4.1.9.9.41.1.1.3.0')).toBe('5');
    expect(w.get('.1.3.6.1.4.1.9.9.41.1.2.3.1.4.1')).toBe('AuthenticationFailed');
    expect(w.get('.1.3.6.1.4.1.9.9.41.1.2.3.1.3.1')).toBe('4');
  });

  it('answers noSuchObject, noSuchInstance and endOfMibView like a real agent', async () => {
    const r = await run('snmpget', ['-v2c', '-c', COMMUNITY, '-On', target, '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.99.0', '1.3.6.1.2.1.1.5.7']);
    expect(r.stdout).toContain('.1.3.6.1.2.1.1.5.0 = STRING: "imp-sub1"');
    expect(r.stdout).toContain('.1.3.6.1.2.1.1.99.0 = No Such Object');
    expect(r.stdout).toContain('.1.3.6.1.2.1.1.5.7 = No Such Instance');
    const end = await run('snmpgetnext', ['-v2c', '-c', COMMUNITY, '-On', target, '1.3.6.1.6.3.99']);
    expect(end.stdout).toContain('No more variables left in this MIB View');
  });

  it('drops a wrong community silently (the tool times out) and counts it', async () => {
    const before = agent.stats().inBadCommunityNames;
    const r = await run('snmpget', ['-v2c', '-c', 'not-the-community', '-t', '1', '-r', '0', target, '1.3.6.1.2.1.1.5.0']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('Timeout');
    expect(agent.stats().inBadCommunityNames).toBe(before + 1);
  });

  it('rejects a wrong v3 auth key with usmStatsWrongDigests and an unknown user with usmStatsUnknownUserNames', async () => {
    const wrong = await run('snmpget', ['-v3', '-l', 'authPriv', '-u', V3.user, '-a', 'SHA', '-A', 'not-the-key-1', '-x', 'AES', '-X', V3.priv, '-t', '2', '-r', '0', target, '1.3.6.1.2.1.1.5.0']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('Authentication failure');
    const unknown = await run('snmpget', ['-v3', '-l', 'authNoPriv', '-u', 'intruder', '-a', 'SHA', '-A', 'whatever-123', '-t', '2', '-r', '0', target, '1.3.6.1.2.1.1.5.0']);
    expect(unknown.stderr).toContain('Unknown user name');
    const badPriv = await run('snmpget', ['-v3', '-l', 'authPriv', '-u', V3.user, '-a', 'SHA', '-A', V3.auth, '-x', 'AES', '-X', 'wrong-priv-9', '-t', '2', '-r', '0', target, '1.3.6.1.2.1.1.5.0']);
    expect(badPriv.stderr).toContain('Decryption error');
    const s = agent.stats().usm;
    expect(s.wrongDigests).toBeGreaterThan(0);
    expect(s.unknownUserNames).toBeGreaterThan(0);
    expect(s.decryptionErrors).toBeGreaterThan(0);
  });

  it('snmpset changes clogNotificationsEnabled and clogMaxSeverity, refuses read-only objects and bad values', async () => {
    const ok = await run('snmpset', ['-v2c', '-c', COMMUNITY, '-On', target, '1.3.6.1.4.1.9.9.41.1.1.2.0', 'i', '1', '1.3.6.1.4.1.9.9.41.1.1.3.0', 'i', '4']);
    expect(ok.code).toBe(0);
    expect(applied).toContainEqual({ notificationsEnabled: true });
    expect(applied).toContainEqual({ maxSeverity: 'error' });
    const readBack = parseWalk((await run('snmpget', v2(target, '1.3.6.1.4.1.9.9.41.1.1.2.0', '1.3.6.1.4.1.9.9.41.1.1.3.0'))).stdout);
    expect(readBack.get('.1.3.6.1.4.1.9.9.41.1.1.2.0')).toBe('1');
    expect(readBack.get('.1.3.6.1.4.1.9.9.41.1.1.3.0')).toBe('4');

    const ro = await run('snmpset', ['-v2c', '-c', COMMUNITY, target, '1.3.6.1.2.1.1.5.0', 's', 'renamed']);
    expect(ro.stderr).toContain('notWritable');
    const bad = await run('snmpset', ['-v2c', '-c', COMMUNITY, target, '1.3.6.1.4.1.9.9.41.1.1.2.0', 'i', '3']);
    expect(bad.stderr).toContain('wrongValue');
    const type = await run('snmpset', ['-v2c', '-c', COMMUNITY, target, '1.3.6.1.4.1.9.9.41.1.1.3.0', 's', 'debug']);
    expect(type.stderr).toContain('wrongType');
  });

  it('dispose() closes the UDP socket: the port can be bound again', async () => {
    const other = await startSnmpAgent({ port: 0, community: 'x', engineId: engineIdForNode('tmp'), source: { snapshot: () => snapshot } });
    const port = other.port;
    await other.dispose();
    const sock = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.bind(port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => sock.close(() => resolve()));
  });
});
