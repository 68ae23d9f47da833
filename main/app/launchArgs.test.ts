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
});
