import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLaunchArgs, receiverOverrides, receiverOverridesFromEnv } from './launchArgs.js';

describe('parseLaunchArgs (commander)', () => {
  it('reads every option in both spellings', () => {
    expect(parseLaunchArgs([])).toEqual({ ok: true, value: { web: false } });
    expect(parseLaunchArgs(['--web', '--port', '8080', '--renderer', 'out/r', '--sim-base-port', '0', '--scenario', 'ha-row-03'])).toEqual({
      ok: true,
      value: { web: true, port: 8080, rendererDir: 'out/r', simBasePort: 0, scenario: 'ha-row-03' },
    });
    expect(parseLaunchArgs(['--port=0', '--sim-base-port=43000', '--scenario=./my/faults.yaml'])).toEqual({ ok: true, value: { web: false, port: 0, simBasePort: 43000, scenario: './my/faults.yaml' } });
  });

  it('reads the receivers of this run (issue 15) and turns them into settings overrides', () => {
    const r = parseLaunchArgs(['--receiver-address', '0.0.0.0', '--syslog-port', '514', '--trap-port=162']);
    expect(r).toEqual({ ok: true, value: { web: false, receiverAddress: '0.0.0.0', syslogPort: 514, trapPort: 162 } });
    expect(r.ok && receiverOverrides(r.value)).toEqual({ address: '0.0.0.0', syslogUdpPort: 514, syslogTcpPort: 514, trapPort: 162 });
    const only = parseLaunchArgs(['--receiver-address', '::1']);
    expect(only.ok && receiverOverrides(only.value)).toEqual({ address: '::1' });
    expect(receiverOverrides({ web: false })).toEqual({});
    // The Electron main process gets them through its environment.
    expect(receiverOverridesFromEnv(JSON.stringify({ address: '0.0.0.0', syslogUdpPort: 514, syslogTcpPort: 514 }))).toEqual({ address: '0.0.0.0', syslogUdpPort: 514, syslogTcpPort: 514 });
    expect([receiverOverridesFromEnv(undefined), receiverOverridesFromEnv('{'), receiverOverridesFromEnv('{"address":"x"}')]).toEqual([undefined, undefined, undefined]);
  });

  it('gives the help on --help', () => {
    const r = parseLaunchArgs(['--help']);
    expect(r.ok && r.help).toMatch(/--scenario <NAME\|FILE>/);
  });

  it('refuses bad usage with a message that says what is expected, and the usage', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--port'], /--port <N>' argument missing/],
      [['--port', 'x'], /--port needs a number 0-65535, got x/],
      [['--port', '70000'], /--port needs a number 0-65535, got 70000/],
      [['--port', '-1'], /got -1/],
      [['--sim-base-port', 'x'], /--sim-base-port needs a number 0-65000 \(0 = free ports\), got x/],
      [['--sim-base-port', '65001'], /got 65001/],
      [['--renderer'], /--renderer <DIR>' argument missing/],
      [['--scenario'], /--scenario <NAME\|FILE>' argument missing/],
      [['--verbose'], /unknown option '--verbose'/],
      [['--receiver-address', 'monitor.example.com'], /--receiver-address needs an IPv4 or IPv6 address .*got monitor\.example\.com/],
      [['--syslog-port', '65536'], /--syslog-port needs a number 0-65535 \(0 = off\), got 65536/],
      [['--trap-port', 'x'], /--trap-port needs a number 0-65535 \(0 = off\), got x/],
      [['web'], /too many arguments/],
    ];
    for (const [argv, message] of cases) {
      const r = parseLaunchArgs(argv);
      expect(r.ok, argv.join(' ')).toBe(false);
      if (!r.ok) {
        expect(r.message).toMatch(message);
        expect(r.usage).toContain('[--sim-base-port N] [--scenario NAME|FILE] [--receiver-address ADDR] [--syslog-port N] [--trap-port N]');
      }
    }
  });

  it('reads client mode (issue 16): --connect with the server origin, --server-ca as an absolute path', () => {
    expect(parseLaunchArgs(['--connect', 'https://imp.example.com:8443/'])).toEqual({ ok: true, value: { web: false, connect: 'https://imp.example.com:8443' } });
    expect(parseLaunchArgs(['--web', '--port', '0', '--connect=http://127.0.0.1:8443'])).toEqual({ ok: true, value: { web: true, port: 0, connect: 'http://127.0.0.1:8443' } });
    expect(parseLaunchArgs(['--connect', 'http://[::1]:9000'])).toEqual({ ok: true, value: { web: false, connect: 'http://[::1]:9000' } });
    const ca = parseLaunchArgs(['--connect', 'https://imp.example.com', '--server-ca', 'certs/ca.pem']);
    expect(ca.ok && ca.value.serverCa).toBe(path.resolve(process.env.INIT_CWD ?? process.cwd(), 'certs/ca.pem'));
    expect(ca.ok && ca.value.connect).toBe('https://imp.example.com');
  });

  it('refuses a client option that cannot work, saying why', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--connect', 'imp.example.com:8443'], /--connect: the server address must be a URL such as https:\/\/imp-monitor\.example\.com:8443, got imp\.example\.com:8443|must start with https:\/\//],
      [['--connect', 'ftp://imp.example.com'], /must start with https:\/\//],
      [['--connect', 'http://imp.example.com:8443'], /plain http:\/\/ is for a server on this machine only: use https:\/\/imp\.example\.com:8443/],
      [['--connect', 'http://10.0.0.5:8443'], /plain http:\/\/ is for a server on this machine only/],
      [['--connect', 'https://admin:pw@imp.example.com'], /must not carry a name or password/],
      [['--connect', 'https://imp.example.com/app?x=1'], /without a path or query: https:\/\/imp\.example\.com/],
      [['--server-ca', 'ca.pem'], /--server-ca goes with --connect https:/],
      [['--connect', 'http://127.0.0.1:8443', '--server-ca', 'ca.pem'], /--server-ca is for a server on https:\/\/; http:\/\/127\.0\.0\.1:8443 is plain http/],
      [['--connect', 'https://imp.example.com', '--sim-base-port', '0'], /--sim-base-port sets up a backend of this app's own; with --connect the server has/],
      [['--connect', 'https://imp.example.com', '--scenario', 'demo', '--trap-port', '0'], /--scenario, --trap-port set up a backend/],
    ];
    for (const [argv, message] of cases) {
      const r = parseLaunchArgs(argv);
      expect(r.ok, argv.join(' ')).toBe(false);
      if (!r.ok) {
        expect(r.message).toMatch(message);
        expect(r.usage).toContain('[--connect URL [--server-ca FILE]]');
      }
    }
  });
});
