import { describe, expect, it } from 'vitest';
import { parseCollectorArgs } from './collectorArgs.js';

describe('parseCollectorArgs', () => {
  it('reads --config and --metrics-port in both spellings', () => {
    expect(parseCollectorArgs(['--config', 'c.yaml', '--metrics-port', '0'])).toEqual({ help: false, configPath: 'c.yaml', metricsPort: 0 });
    expect(parseCollectorArgs(['--config=c.yaml', '--metrics-port=9464'])).toEqual({ help: false, configPath: 'c.yaml', metricsPort: 9464 });
    expect(parseCollectorArgs([])).toEqual({ help: false });
    expect(parseCollectorArgs(['--help']).help).toBe(true);
  });

  it('rejects bad input with a clear VALIDATION error', () => {
    expect(() => parseCollectorArgs(['--metrics-port', '70000'])).toThrow(/0\.\.65535/);
    expect(() => parseCollectorArgs(['--metrics-port', 'abc'])).toThrow(/0\.\.65535/);
    expect(() => parseCollectorArgs(['--metrics-port', '-1'])).toThrow(/needs a value|0\.\.65535/);
    expect(() => parseCollectorArgs(['--config'])).toThrow(/--config needs a value/);
    expect(() => parseCollectorArgs(['--bogus'])).toThrow(/unknown argument "--bogus"/);
    try {
      parseCollectorArgs(['--bogus']);
    } catch (err) {
      expect((err as { code?: string }).code).toBe('VALIDATION');
    }
  });
});
