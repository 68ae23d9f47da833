import { describe, expect, it } from 'vitest';
import { baseName, canResume, doneFraction, formatBytes, formatEta, formatRate, isFinal } from './progressText.js';

describe('progress text', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(1536)).toBe('1.50 KB');
    expect(formatBytes(12.34 * 1024 * 1024)).toBe('12.3 MB');
    expect(formatBytes(256 * 1024 * 1024)).toBe('256 MB');
    expect(formatBytes(2.1 * 1024 ** 3)).toBe('2.10 GB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('formats rates and ETA, with a dash when unknown', () => {
    expect(formatRate(5 * 1024 * 1024)).toBe('5.00 MB/s');
    expect(formatRate(0)).toBe('—');
    expect(formatEta(undefined, 'en')).toBe('—');
    expect(formatEta(125.2, 'en')).toMatch(/2m.*6s|2 ?m.*6 ?s/);
    expect(formatEta(0.2, 'en')).toMatch(/1/);
  });

  it('knows when a collection ended and when it can resume', () => {
    expect(doneFraction(5, 0)).toBeUndefined();
    expect(doneFraction(5, 10)).toBe(0.5);
    expect(doneFraction(15, 10)).toBe(1);
    expect(isFinal('running')).toBe(false);
    expect(isFinal('partial')).toBe(true);
    expect(canResume({ state: 'completed' })).toBe(false);
    expect(canResume({ state: 'interrupted' })).toBe(true);
    expect(baseName('/tmp/out/case-1.zip')).toBe('case-1.zip');
    expect(baseName('C:\\out\\b.tar.gz')).toBe('b.tar.gz');
  });
});
