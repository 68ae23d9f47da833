import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmEvent } from '../../main/core/simulator/model/alarms/alarmCenter.js';
import { formatSyslogDatagram } from '../../main/core/simulator/model/logs/ciscoLogFormat.js';
import { freeUdpPort, run, startSimClusterHarness, waitFor, type SimClusterHarness } from './simClusterHarness.js';

// Issue 3: an alarm raised in the model reaches Debian's snmptrapd as clogMessageGenerated and a UDP
// syslog receiver as a CiscoLog line.
const CLOG_ENABLED = '.1.3.6.1.4.1.9.9.41.1.1.2.0';
const CLOG_MESSAGE_GENERATED = '.1.3.6.1.4.1.9.9.41.2.0.1';
const CLOG_HIST_MSG_NAME = '.1.3.6.1.4.1.9.9.41.1.2.3.1.4';
const NODE = 'imp-sub1';

let h: SimClusterHarness;
let trapd: ChildProcess;
let trapOutput = '';
let trapPort: number;
let receiver: Socket;
const datagrams: string[] = [];
const alarms: AlarmEvent[] = [];

beforeAll(async () => {
  h = await startSimClusterHarness();
  h.model.alarms.onDidAlarm((e) => alarms.push(e));
  const conf = join(h.dir, 'snmptrapd.conf');
  writeFileSync(conf, 'disableAuthorization yes\n');
  trapPort = await freeUdpPort();
  trapd = spawn('snmptrapd', ['-f', '-Lo', '-C', '-c', conf, '-On', `udp:127.0.0.1:${trapPort}`], {
    env: { ...process.env, MIBS: '', SNMP_PERSISTENT_DIR: h.dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trapd.stdout!.on('data', (d: Buffer) => (trapOutput += d.toString()));
  trapd.stderr!.on('data', (d: Buffer) => (trapOutput += d.toString()));
  await waitFor(() => trapOutput.includes('NET-SNMP version'), 'snmptrapd to start');
  receiver = createSocket('udp4');
  receiver.on('message', (m: Buffer) => datagrams.push(m.toString('utf8')));
  await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', () => resolve()));
  const ep = h.node(NODE);
  ep.setTrapDestinations([{ version: '2c', host: '127.0.0.1', port: trapPort, community: ep.snmp.community }]);
  ep.setSyslogDestinations([{ host: '127.0.0.1', port: receiver.address().port }]);
});

afterAll(async () => {
  receiver?.close();
  if (trapd && trapd.exitCode === null) {
    const exited = new Promise((resolve) => trapd.once('exit', resolve));
    trapd.kill('SIGTERM');
    await exited;
  }
  await h?.dispose();
});

describe('alarms of a simulated node as traps and syslog', () => {
  it('sends clogMessageGenerated to snmptrapd once notifications are enabled with snmpset, and the syslog line to the receiver', async () => {
    const snmp = h.node(NODE).snmp;
    const set = await run('snmpset', ['-v2c', '-c', snmp.community, '-On', '-Oq', `127.0.0.1:${snmp.port}`, CLOG_ENABLED, 'i', '1']);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(h.node(NODE).snmpSource.syslogConfig.notificationsEnabled).toBe(true);

    h.model.alarms.raise(NODE, 'XCPConfigMgrHostNameResolutionFailed', 'peer router rtr.imp-sub2 unresolvable');
    const event = alarms.find((a) => a.alarm.node === NODE && a.alarm.name === 'XCPConfigMgrHostNameResolutionFailed')!;
    expect(event).toBeDefined();

    await waitFor(() => trapOutput.includes('rtr.imp-sub2 unresolvable'), 'the trap at snmptrapd');
    const trapBlock = trapOutput.slice(trapOutput.lastIndexOf(CLOG_MESSAGE_GENERATED) - 200);
    expect(trapOutput).toContain(CLOG_MESSAGE_GENERATED);
    expect(trapBlock).toContain('"XCPConfigMgrHostNameResolutionFailed"');
    expect(trapBlock).toContain('"IMP_XCP-CONFIGMGR"');

    const expected = formatSyslogDatagram(event.message);
    await waitFor(() => datagrams.includes(expected), 'the syslog datagram');
    expect(expected).toMatch(/^<187>\w{3} [ \d]\d \d\d:\d\d:\d\d imp-sub1 \d+: imp-sub1: .*%IMP_XCP-CONFIGMGR-3-XCPConfigMgrHostNameResolutionFailed: /);
  });

  it('keeps the alarm in clogHistoryTable, readable with snmpwalk', async () => {
    const snmp = h.node(NODE).snmp;
    const walk = await run('snmpwalk', ['-v2c', '-c', snmp.community, '-On', '-Oq', `127.0.0.1:${snmp.port}`, CLOG_HIST_MSG_NAME]);
    expect(walk.code).toBe(0);
    expect(walk.stdout).toContain('XCPConfigMgrHostNameResolutionFailed');
  });

  it('sends no trap for an alarm above clogMaxSeverity (a notice with the default warning) but still sends its syslog line', async () => {
    const before = trapOutput.length;
    h.model.node(NODE).services.stop('Cisco AXL Web Service');
    h.model.runUntil(h.model.now() + 10_000);
    const stopped = alarms.find((a) => a.alarm.node === NODE && a.alarm.name === 'ServiceStopped' && a.message.text.includes('Cisco AXL Web Service'))!;
    expect(stopped.message.severity).toBe(5);
    await waitFor(() => datagrams.includes(formatSyslogDatagram(stopped.message)), 'the ServiceStopped syslog datagram');
    // Traps leave one socket for one loopback receiver in order: once a later error's trap is in, the notice's would be too.
    h.model.alarms.raise(NODE, 'PEIDSQueryError', 'marker-after-notice');
    await waitFor(() => trapOutput.includes('marker-after-notice'), 'the marker trap');
    expect(trapOutput.slice(before)).not.toContain('ServiceStopped');
    expect(h.node(NODE).snmpSource.syslogConfig.maxSeverity).toBe('warning');
  });

  it('a powered-off node sends neither traps nor syslog', async () => {
    h.model.powerOff(NODE);
    h.model.alarms.raise(NODE, 'PEIDSSubscribeError', 'while-powered-off');
    // An alarm sent after power-on arrives; the one raised while off, earlier on the same path, must not.
    h.model.powerOn(NODE);
    h.model.runUntil(h.model.now() + 300_000);
    h.model.alarms.raise(NODE, 'PEWebDAVInitializationFailure', 'after-power-on');
    await waitFor(() => trapOutput.includes('after-power-on'), 'the trap after power on');
    await waitFor(() => datagrams.some((d) => d.includes('after-power-on')), 'the syslog after power on');
    expect(trapOutput).not.toContain('while-powered-off');
    expect(datagrams.some((d) => d.includes('while-powered-off'))).toBe(false);
  });
});
