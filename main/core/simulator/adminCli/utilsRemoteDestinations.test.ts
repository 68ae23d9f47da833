import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import type { RemoteDestinationsControl, RemoteSyslogServer, TrapDestinationEntry } from './commands/utilsRemoteDestinations.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

let model: ClusterModel;
afterEach(() => model?.dispose());

/** The node's settings as the runtime keeps them (here in memory: the commands are what is tested). */
function destinations(): RemoteDestinationsControl & { syslog: RemoteSyslogServer[]; traps: TrapDestinationEntry[] } {
  const d = {
    syslog: [] as RemoteSyslogServer[],
    traps: [] as TrapDestinationEntry[],
    syslogServers: () => d.syslog,
    setSyslogServers: (l: readonly RemoteSyslogServer[]) => void (d.syslog = [...l]),
    trapDestinations: () => d.traps,
    setTrapDestinations: (l: readonly TrapDestinationEntry[]) => void (d.traps = [...l]),
  };
  return d;
}

describe('utils remotesyslog / utils snmp config 2c trap (designed)', () => {
  it('sets, shows and deletes the remote syslog server', async () => {
    model = testModel();
    const d = destinations();
    const c = openCli(model, 'imp-sub1', { hooks: { remoteDestinations: d } });
    expect((await c.run('utils remotesyslog show config')).text).toBe('Remote syslog server : not configured\n');
    expect((await c.run('utils remotesyslog set server 127.0.0.1 5514 TCP')).text).toContain('Successfully set remote syslog server');
    expect(d.syslog).toEqual([{ host: '127.0.0.1', port: 5514, protocol: 'tcp' }]);
    expect((await c.run('utils remotesyslog show config')).text).toBe('Remote syslog server : 127.0.0.1\nPort                 : 5514\nProtocol             : TCP\n');
    await c.run('utils remotesyslog delete server');
    expect(d.syslog).toEqual([]);
  });

  it('adds, lists and deletes notification destinations (an address and port replace their own entry)', async () => {
    model = testModel();
    const d = destinations();
    const c = openCli(model, 'imp-pub', { hooks: { remoteDestinations: d } });
    await c.run('utils snmp config 2c trap add 127.0.0.1 10162 public');
    await c.run('utils snmp config 2c trap add 127.0.0.1 10162 lab');
    await c.run('utils snmp config 2c trap add 127.0.0.2 162 public');
    expect(d.traps).toEqual([{ host: '127.0.0.1', port: 10162, community: 'lab' }, { host: '127.0.0.2', port: 162, community: 'public' }]);
    expect((await c.run('utils snmp config 2c trap list')).text).toMatch(/^Destination\s+Port\s+Version\s+Community\n127\.0\.0\.1\s+10162\s+V2c\s+lab\n127\.0\.0\.2\s+162\s+V2c\s+public\n$/);
    expect((await c.run('utils snmp config 2c trap delete 127.0.0.1')).text).toBe('1 notification destination(s) deleted.\n');
    expect(d.traps).toEqual([{ host: '127.0.0.2', port: 162, community: 'public' }]);
  });

  it('refuses what a node cannot use, changing nothing', async () => {
    model = testModel();
    const d = destinations();
    const c = openCli(model, 'imp-pub', { hooks: { remoteDestinations: d } });
    const cases: Array<[string, RegExp]> = [
      ['utils remotesyslog set server 192.0.2.7 514 udp', /loopback addresses \(127\.0\.0\.0\/8\) only/],
      ['utils remotesyslog set server 127.0.0.1 70000 udp', /Invalid port 70000/],
      ['utils remotesyslog set server 127.0.0.1 514 tls', /Invalid protocol tls/],
      ['utils remotesyslog set server 127.0.0.1', /utils remotesyslog set server <address> <port> udp\|tcp/],
      ['utils snmp config 2c trap add 10.0.0.1 162 public', /loopback addresses/],
      ['utils snmp config 2c trap add 127.0.0.1 0 public', /Invalid port 0/],
    ];
    for (const [line, message] of cases) {
      const out = (await c.run(line)).text;
      expect(out, line).toMatch(message);
      if (!/usage|Usage/.test(out)) expect(out, line).toContain('Executed command unsuccessfully');
    }
    expect([d.syslog, d.traps]).toEqual([[], []]);
    // A node whose runtime gives no destinations (a CLI outside a running cluster) says so.
    expect((await openCli(model, 'imp-pub').run('utils remotesyslog show config')).text).toMatch(/cannot be configured on this node\nExecuted command unsuccessfully/);
  });
});
