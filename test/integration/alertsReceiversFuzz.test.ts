import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { netSnmpEnv } from '../helpers/netSnmpEnv.js';
import { parseSyslogLine } from '../../main/core/receivers/syslogParser.js';
import { SyslogTcpFramer } from '../../main/core/receivers/syslogFraming.js';
import { SyslogReceiver } from '../../main/core/receivers/syslogReceiver.js';
import { TrapReceiver } from '../../main/core/receivers/trapReceiver.js';
import { mulberry32 as rng } from '../helpers/mulberry32.js';


const SEEDS = [
  '<187>Jan  6 08:00:10 imp-pub 12: imp-pub: Jan 06 2025 08:00:10.000 UTC: %CCM_SERVICEMANAGER-SERVICEMANAGER-2-CriticalServiceDown: Service Name:Cisco XCP Router',
  '<165>11: host.cisco.com: Jun 13 2003 12:11:52.454 UTC: %BACC-5-CONFIG: Configured from console by vty0 [10.0.0.0]',
  '<14>1 2025-01-06T08:00:00Z imp-sub1 servM - - - hello',
  'Mar 18 16:40:52 ciscart26 local7 6 : 92: Mar 18 11:10:52.630 UTC : %CCM_SERVICEMANAGER-SERVICEMANAGER-6-ServiceActivated: Service Activated.',
];

/** A random or mutated syslog line: bit flips, truncation, splices, random bytes, huge lengths. */
function fuzzLine(r: () => number): string {
  const pick = r();
  if (pick < 0.2) return Buffer.from(Array.from({ length: Math.floor(r() * 300) }, () => Math.floor(r() * 256))).toString('latin1');
  let s = SEEDS[Math.floor(r() * SEEDS.length)]!;
  const ops = 1 + Math.floor(r() * 4);
  for (let i = 0; i < ops; i++) {
    const at = Math.floor(r() * s.length);
    const op = r();
    if (op < 0.3) s = s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x2000)) + s.slice(at + 1);
    else if (op < 0.5) s = s.slice(0, at);
    else if (op < 0.7) s = s.slice(0, at) + s.slice(Math.floor(r() * s.length));
    else if (op < 0.8) s = s.slice(0, at) + '%'.repeat(Math.floor(r() * 50)) + '-9-' + s.slice(at);
    else if (op < 0.9) s = `<${Math.floor(r() * 100000)}>` + s;
    else s = s + 'x'.repeat(Math.floor(r() * 10000));
  }
  return s;
}

const CLOG = '1.3.6.1.4.1.9.9.41.1.2.3.1';
const TRAP_ARGS = ['', '1.3.6.1.4.1.9.9.41.2.0.1', `${CLOG}.2.7`, 's', 'IMP_SRM-SRM', `${CLOG}.3.7`, 'i', '2', `${CLOG}.4.7`, 's', 'SRMFailed', `${CLOG}.5.7`, 's', 'Failed', `${CLOG}.6.7`, 't', '4200'];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('receiver fuzz (bounded: 100,000 inputs each, seeded)', () => {
  it('100,000 random and mutated syslog lines: no throw; every input is accepted or dropped', async () => {
    const rx = await SyslogReceiver.start({ udpPort: 0, tcpPort: 0 });
    cleanups.push(() => rx.dispose());
    const r = rng(20250106);
    const framer = new SyslogTcpFramer();
    let accepted = 0;
    rx.onDidReceive(() => accepted++);
    for (let i = 0; i < 100_000; i++) {
      const line = fuzzLine(r);
      rx.handleLine(line, 'udp', '127.0.0.1');
      framer.push(r() < 0.5 ? `${Buffer.byteLength(line)} ${line}` : `${line}\n`);
      parseSyslogLine(line, { receivedAt: 0, transport: 'tcp', peer: 'p' }); // a throw fails the test
    }
    expect(rx.stats.received).toBe(100_000);
    expect(rx.stats.accepted + rx.stats.dropped).toBe(100_000);
    expect(rx.stats.accepted).toBe(accepted);
    expect(rx.stats.dropped).toBeGreaterThan(1000);

    // Through the sockets too: hostile datagrams and a TCP stream of garbage, then a good line still parses.
    const u = createSocket('udp4');
    for (let i = 0; i < 2000; i++) u.send(fuzzLine(r), rx.udpPort!, '127.0.0.1');
    const t = connect(rx.tcpPort!, '127.0.0.1');
    await new Promise((res) => t.once('connect', res));
    for (let i = 0; i < 2000; i++) t.write(r() < 0.5 ? fuzzLine(r) : `999999999 ${fuzzLine(r)}\n`);
    t.end();
    // Loopback UDP may drop under this load (the kernel's buffer, not us): resend the good line until it is seen.
    const good = new Promise<void>((res) => rx.onDidReceive((m) => m.msgName === 'FuzzDone' && res()));
    const resend = setInterval(() => u.send('<187>Jan  6 08:00:10 imp-pub 1: imp-pub: Jan 06 2025 08:00:10.000 UTC: %TEST-2-FuzzDone: ok', rx.udpPort!, '127.0.0.1'), 100);
    await good;
    clearInterval(resend);
    u.close();
  });

  it('100,000 random and mutated trap PDUs: the receiver keeps running and still decodes a good trap', async () => {
    const rx = await TrapReceiver.start({ port: 0, communities: ['public'], users: [{ name: 'trapuser', authProtocol: 'sha', authKey: 'authpass123', privProtocol: 'aes', privKey: 'privpass123' }] });
    cleanups.push(() => rx.dispose());
    // A valid v2c clogMessageGenerated as Debian's snmptrap encodes it, captured to mutate.
    const cap = createSocket('udp4');
    cap.bind(0, '127.0.0.1');
    await once(cap, 'listening');
    const captured = once(cap, 'message');
    await promisify(execFile)('snmptrap', ['-v', '2c', '-c', 'public', '-m', '', `127.0.0.1:${cap.address().port}`, ...TRAP_ARGS], { env: netSnmpEnv() });
    const good = (await captured)[0] as Buffer;
    cap.close();
    const r = rng(7);
    const u = createSocket('udp4');
    let sent = 0;
    for (let i = 0; i < 100_000; i++) {
      let b: Buffer;
      if (r() < 0.3) b = Buffer.from(Array.from({ length: 1 + Math.floor(r() * 200) }, () => Math.floor(r() * 256)));
      else {
        b = Buffer.from(good);
        const flips = 1 + Math.floor(r() * 6);
        for (let f = 0; f < flips; f++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
        if (r() < 0.2) b = b.subarray(0, Math.floor(r() * b.length));
      }
      u.send(b, rx.port, '127.0.0.1');
      sent++;
      if (i % 500 === 0) await new Promise((res) => setImmediate(res)); // let the receiver drain
    }
    expect(sent).toBe(100_000);
    await new Promise((res) => setTimeout(res, 300));
    expect(rx.stats.received).toBeGreaterThan(1000);
    expect(rx.stats.received).toBe(rx.stats.accepted + rx.stats.dropped);
    // Still alive and decoding: the unmodified trap is accepted.
    const seen = new Promise<string>((res) => rx.onDidReceive((m) => res(m.msgName ?? '')));
    const resend = setInterval(() => u.send(good, rx.port, '127.0.0.1'), 100);
    expect(await seen).toBe('SRMFailed');
    clearInterval(resend);
    u.close();
  });
});
