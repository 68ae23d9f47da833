import { describe, expect, it } from 'vitest';
import { collectorUsage, parseCollectorArgs } from './collectorArgs.js';

describe('parseCollectorArgs (commander)', () => {
  it('reads --config and --metrics-port in both spellings', () => {
    expect(parseCollectorArgs(['--config', 'c.yaml', '--metrics-port', '0'])).toEqual({ help: false, configPath: 'c.yaml', metricsPort: 0 });
    expect(parseCollectorArgs(['--config=c.yaml', '--metrics-port=9464'])).toEqual({ help: false, configPath: 'c.yaml', metricsPort: 9464 });
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
