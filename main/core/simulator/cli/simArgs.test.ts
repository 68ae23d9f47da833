import { describe, expect, it } from 'vitest';
import { parseSimArgs, simUsage } from './simArgs.js';

describe('parseSimArgs (commander)', () => {
  it('reads every option, in both spellings, with the defaults', () => {
    expect(parseSimArgs([])).toEqual({ profile: undefined, scenario: undefined, speed: 1, seed: 1, endpointsFile: undefined, basePort: undefined, help: false });
    expect(parseSimArgs(['--profile', '/srv/p.yaml', '--scenario', 'demo', '--speed', '60', '--seed', '7.9', '--endpoints-file', '/tmp/e.json', '--base-port', '0'])).toEqual({
      profile: '/srv/p.yaml', scenario: 'demo', speed: 60, seed: 7, endpointsFile: '/tmp/e.json', basePort: 0, help: false,
    });
    expect(parseSimArgs(['--speed=0.5', '--base-port=43000'])).toMatchObject({ speed: 0.5, basePort: 43000 });
    expect(parseSimArgs(['--help']).help).toBe(true);
    expect(parseSimArgs(['-h']).help).toBe(true);
    expect(simUsage()).toMatch(/--endpoints-file <PATH>[\s\S]*--base-port <N>/);
  });

  it('reads relative paths from the folder the command was typed in (INIT_CWD); a bare scenario is a shipped name', () => {
    const before = process.env.INIT_CWD;
    process.env.INIT_CWD = '/home/op/lab';
    try {
      expect(parseSimArgs(['--profile', 'p.yaml', '--scenario', './storm.yaml', '--endpoints-file', 'out/e.json'])).toMatchObject({
        profile: '/home/op/lab/p.yaml', scenario: '/home/op/lab/storm.yaml', endpointsFile: '/home/op/lab/out/e.json',
      });
      expect(parseSimArgs(['--scenario', 'ha-row-03']).scenario).toBe('ha-row-03');
    } finally {
      if (before === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = before;
    }
  });

  it('refuses bad values and unknown options with a VALIDATION error and the usage', () => {
    expect(() => parseSimArgs(['--speed', '0'])).toThrow(/--speed must be a number from 0\.001 to 100000, got 0/);
    expect(() => parseSimArgs(['--seed', 'x'])).toThrow(/--seed must be a number from 0 to 4294967295, got x/);
    expect(() => parseSimArgs(['--base-port', '70000'])).toThrow(/--base-port must be a number from 0 to 65000, got 70000/);
    expect(() => parseSimArgs(['--profile'])).toThrow(/--profile <FILE>' argument missing/);
    expect(() => parseSimArgs(['--bogus'])).toThrow(/unknown option '--bogus'[\s\S]*Usage: npm run sim/);
    try {
      parseSimArgs(['--bogus']);
      expect.unreachable();
    } catch (err) {
      expect((err as { code?: string }).code).toBe('VALIDATION');
    }
  });
});
