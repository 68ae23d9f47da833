import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { netSnmpEnv } from '../helpers/netSnmpEnv.js';
import type { SyslogMessage } from '../../shared/model/alert.js';
import { engineKit } from '../kits/engineTestKit.js';
import { SyslogReceiver } from '../../main/core/receivers/syslogReceiver.js';
import { SyslogStore } from '../../main/core/receivers/syslogStore.js';
import { TrapReceiver } from '../../main/core/receivers/trapReceiver.js';

const run = promisify(execFile);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function waitFor<T>(get: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const CISCOLOG = '12: imp-pub: Jan 06 2025 08:00:10.000 UTC: %CCM_SERVICEMANAGER-SERVICEMANAGER-2-CriticalServiceDown: Critical Service Down Service Name:Cisco XCP Router Reason:Service crashed App ID:Cisco Service Manager';
const CLOG = '1.3.6.1.4.1.9.9.41.1.2.3.1';
const TRAP_ARGS = ['', '1.3.6.1.4.1.9.9.41.2.0.1', `${CLOG}.2.7`, 's', 'IMP_SRM-SRM', `${CLOG}.3.7`, 'i', '2', `${CLOG}.4.7`, 's', 'SRMFailed', `${CLOG}.5.7`, 's', 'Node in Running in Failed Mode', `${CLOG}.6.7`, 't', '4200'];

describe("syslog receiver with Debian's logger", () => {
  it.each([
    ['UDP', ['--udp']],
    ['TCP newline framing', ['--tcp']],
    ['TCP octet counting', ['--tcp', '--octet-count']],
  ])('parses a CiscoLog CriticalServiceDown sent over %s and the engine raises the alarm', async (_name, flags) => {
    const rx = await SyslogReceiver.start({ udpPort: 0, tcpPort: 0 });
    cleanups.push(() => rx.dispose());
    const k = engineKit();
    cleanups.push(() => k.engine.dispose());
    const store = new SyslogStore(100);
    const got: SyslogMessage[] = [];
    rx.onDidReceive((m) => {
      got.push(m);
      store.add(m);
      k.engine.ingestSyslog(m);
    });
    const port = flags.includes('--udp') ? rx.udpPort! : rx.tcpPort!;
    await run('logger', ['--server', '127.0.0.1', '--port', String(port), ...flags, '--rfc3164', '-p', 'local7.crit', '-t', 'servM', CISCOLOG]);
    const m = await waitFor(() => got[0], 'a message');
    expect(m).toMatchObject({ severity: 2, host: 'imp-pub', appName: 'CCM_SERVICEMANAGER-SERVICEMANAGER', msgName: 'CriticalServiceDown', facility: 23 });
    expect(m.text).toContain('Service Name:Cisco XCP Router');
    expect(store.query({ host: 'imp-pub', maxSeverity: 3 })).toHaveLength(1);
    expect(k.engine.activeAlarms().find((a) => a.ruleId === 'CriticalServiceDown')).toMatchObject({ node: 'imp-pub', instance: 'Cisco XCP Router', origin: 'syslog' });
    expect(rx.stats).toMatchObject({ received: 1, accepted: 1, dropped: 0 });
  });
});

describe("trap receiver with Debian's snmptrap", () => {
  it.each([
    ['v2c', ['-v', '2c', '-c', 'public']],
    ['v3 authPriv SHA/AES', ['-v', '3', '-e', '0x80001f8880aabbccdd01', '-u', 'trapuser', '-l', 'authPriv', '-a', 'SHA', '-A', 'authpass123', '-x', 'AES', '-X', 'privpass123']],
  ])('decodes clogMessageGenerated sent with %s', async (_name, auth) => {
    const rx = await TrapReceiver.start({ port: 0, communities: ['public'], users: [{ name: 'trapuser', authProtocol: 'sha', authKey: 'authpass123', privProtocol: 'aes', privKey: 'privpass123' }] });
    cleanups.push(() => rx.dispose());
    const got: SyslogMessage[] = [];
    rx.onDidReceive((m) => got.push(m));
    await run('snmptrap', [...auth, '-m', '', `127.0.0.1:${rx.port}`, ...TRAP_ARGS], { env: netSnmpEnv() });
    const m = await waitFor(() => got[0], 'a trap');
    expect(m).toMatchObject({ transport: 'trap', severity: 1, appName: 'IMP_SRM-SRM', msgName: 'SRMFailed', text: 'Node in Running in Failed Mode', peer: '127.0.0.1' });
  });

  it('drops a trap with a wrong community or unknown v3 user and counts it', async () => {
    const rx = await TrapReceiver.start({ port: 0, communities: ['public'], users: [] });
    cleanups.push(() => rx.dispose());
    await run('snmptrap', ['-v', '2c', '-c', 'wrong', '-m', '', `127.0.0.1:${rx.port}`, ...TRAP_ARGS], { env: netSnmpEnv() });
    await run('snmptrap', ['-v', '3', '-e', '0x80001f8880aabbccdd01', '-u', 'nobody', '-l', 'authNoPriv', '-a', 'SHA', '-A', 'authpass123', '-m', '', `127.0.0.1:${rx.port}`, ...TRAP_ARGS], { env: netSnmpEnv() });
    await waitFor(() => (rx.stats.dropped >= 2 ? true : undefined), 'two drops');
    expect(rx.stats.accepted).toBe(0);
  });
});
