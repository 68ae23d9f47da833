import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSnmpSnapshot } from '../../main/core/simulator/endpoints/snmp/exampleSnmpSnapshot.js';
import { startSnmpAgent, type SnmpAgent } from '../../main/core/simulator/endpoints/snmp/snmpAgent.js';
import { engineIdForNode } from '../../main/core/simulator/endpoints/snmp/snmpEngineId.js';
import type { SnmpNodeSnapshot, SnmpSyslogRow } from '../../main/core/simulator/endpoints/snmp/snmpNodeSnapshot.js';

// Debian's snmptrapd receives what the agent sends: v2c with a community, v3 authPriv with a user.
const V3 = { user: 'traps', auth: 'trapAuth-123', priv: 'trapPriv-456' };

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

let dir: string;
let trapd: ChildProcess;
let output = '';
let agent: SnmpAgent;
let trapPort: number;
let snapshot: SnmpNodeSnapshot;

async function waitForOutput(needle: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!output.includes(needle)) {
    if (Date.now() - start > timeoutMs) throw new Error(`snmptrapd never printed '${needle}'; output so far:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const row = (index: number, severity: SnmpSyslogRow['severity'], msgText: string): SnmpSyslogRow => ({
  index, facility: 'CISCO-XCP', severity, msgName: 'XCPConfigMgrHostNameResolutionFailed', msgText, atMs: snapshot.nowMs,
});

beforeAll(async () => {
  snapshot = exampleSnmpSnapshot({ hostName: 'imp-pub' });
  const engineId = engineIdForNode('imp-pub');
  dir = mkdtempSync(join(tmpdir(), 'snmptrapd-'));
  const conf = join(dir, 'snmptrapd.conf');
  writeFileSync(conf, [
    'disableAuthorization yes',
    `createUser -e 0x${engineId.toString('hex')} ${V3.user} SHA ${V3.auth} AES ${V3.priv}`,
    '',
  ].join('\n'));
  trapPort = await freeUdpPort();
  trapd = spawn('snmptrapd', ['-f', '-Lo', '-C', '-c', conf, '-On', `udp:127.0.0.1:${trapPort}`], {
    env: { ...process.env, MIBS: '', SNMP_PERSISTENT_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trapd.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  trapd.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await waitForOutput('NET-SNMP version');
  agent = await startSnmpAgent({
    community: 'public', engineId, source: { snapshot: () => snapshot }, log: () => undefined,
    v3Users: [{ user: V3.user, authProtocol: 'sha', authKey: V3.auth, privProtocol: 'aes', privKey: V3.priv, level: 'authPriv' }],
  });
});

afterAll(async () => {
  await agent?.dispose();
  if (trapd && trapd.exitCode === null) {
    const exited = new Promise((resolve) => trapd.once('exit', resolve));
    trapd.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('clogMessageGenerated traps received by snmptrapd', () => {
  it('sends nothing while clogNotificationsEnabled is false (the default)', async () => {
    agent.trapDestinations = [{ version: '2c', host: '127.0.0.1', port: trapPort, community: 'public' }];
    expect(await agent.sendClogMessageGenerated(row(2, 'error', 'disabled-should-not-arrive'))).toEqual({ outcome: 'disabled' });
    expect(agent.stats().clog.notificationsSent).toBe(0);
  });

  it('delivers a v2c trap with the CISCO-SYSLOG-MIB varbinds once enabled, and ignores severities below clogMaxSeverity', async () => {
    snapshot = { ...snapshot, syslog: { ...snapshot.syslog, notificationsEnabled: true } };
    agent.invalidate();
    expect(await agent.sendClogMessageGenerated(row(3, 'info', 'info-should-be-ignored'))).toEqual({ outcome: 'ignored' });
    expect(agent.stats().clog.msgIgnores).toBe(1);

    const res = await agent.sendClogMessageGenerated(row(4, 'critical', 'Unable to resolve host name v2c-trap'));
    expect(res).toEqual({ outcome: 'sent', destinations: 1, failed: 0 });
    await waitForOutput('v2c-trap');
    expect(output).toContain('.1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.4.1.9.9.41.2.0.1');
    expect(output).toContain('.1.3.6.1.4.1.9.9.41.1.2.3.1.3.4 = INTEGER: 3');
    expect(output).toContain('.1.3.6.1.4.1.9.9.41.1.2.3.1.4.4 = STRING: "XCPConfigMgrHostNameResolutionFailed"');
    expect(output).not.toContain('info-should-be-ignored');
    expect(output).not.toContain('disabled-should-not-arrive');
    expect(agent.stats().clog.notificationsSent).toBe(1);
  });

  it('delivers a v3 authPriv trap (SHA/AES, agent authoritative) to a v3 destination', async () => {
    agent.trapDestinations = [{ version: '3', host: '127.0.0.1', port: trapPort, user: V3.user, level: 'authPriv' }];
    await agent.sendClogMessageGenerated(row(5, 'alert', 'v3-encrypted-trap'));
    await waitForOutput('v3-encrypted-trap');
    expect(output).toContain('.1.3.6.1.4.1.9.9.41.1.2.3.1.5.5 = STRING: "v3-encrypted-trap"');
  });
});
