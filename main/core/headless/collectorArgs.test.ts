import { describe, expect, it } from 'vitest';
import { collectorUsage, parseCollectorArgs } from './collectorArgs.js';

describe('parseCollectorArgs (commander)', () => {
  it('reads --config and --metrics-port in both spellings', () => {
    expect(parseCollectorArgs(['--config', '/etc/c.yaml', '--metrics-port', '0'])).toEqual({ help: false, configPath: '/etc/c.yaml', metricsPort: 0 });
    expect(parseCollectorArgs(['--config=/etc/c.yaml', '--metrics-port=9464'])).toEqual({ help: false, configPath: '/etc/c.yaml', metricsPort: 9464 });
  });

  it('reads a relative --config from the folder the command was typed in (INIT_CWD, set by npm run)', () => {
    const before = process.env.INIT_CWD;
    process.env.INIT_CWD = '/home/op/site';
    try {
      expect(parseCollectorArgs(['--config', 'c.yaml']).configPath).toBe('/home/op/site/c.yaml');
    } finally {
      if (before === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = before;
    }
    expect(parseCollectorArgs([])).toEqual({ help: false });
    expect(parseCollectorArgs(['--help']).help).toBe(true);
    expect(parseCollectorArgs(['-h']).help).toBe(true);
    expect(collectorUsage()).toMatch(/--config <FILE>[\s\S]*--metrics-port <N>/);
  });

  it('rejects bad input with a clear VALIDATION error and the usage', () => {
    expect(() => parseCollectorArgs(['--metrics-port', '70000'])).toThrow(/0\.\.65535, got 70000/);
    expect(() => parseCollectorArgs(['--metrics-port', 'abc'])).toThrow(/0\.\.65535, got abc/);
    expect(() => parseCollectorArgs(['--metrics-port', '-1'])).toThrow(/0\.\.65535, got -1/);
    expect(() => parseCollectorArgs(['--config'])).toThrow(/--config <FILE>' argument missing/);
    expect(() => parseCollectorArgs(['--bogus'])).toThrow(/unknown option '--bogus'[\s\S]*Usage: npm run collector/);
    expect(() => parseCollectorArgs(['extra'])).toThrow(/too many arguments/);
    try {
      parseCollectorArgs(['--bogus']);
      expect.unreachable();
    } catch (err) {
      expect((err as { code?: string }).code).toBe('VALIDATION');
    }
  });
});
