import { describe, expect, it } from 'vitest';
import { formatProcessCpu, formatProcessMemoryKb } from './processFormat.js';

describe('process table cells', () => {
  it('writes memory in one unit, KB in full, whatever its size (no "1.2M" beside "900,000")', () => {
    expect(formatProcessMemoryKb(1_200_000, 'en')).toBe('1,200,000');
    expect(formatProcessMemoryKb(900_000, 'en')).toBe('900,000');
    expect(formatProcessMemoryKb(4_000, 'en')).toBe('4,000');
    expect(formatProcessMemoryKb(12_345_678, 'zh')).toBe('12,345,678');
    expect(formatProcessMemoryKb(undefined, 'en')).toBe('—');
  });

  it('writes CPU as a percentage of one core', () => {
    expect(formatProcessCpu(3.14)).toBe('3.1%');
    expect(formatProcessCpu(150)).toBe('150%');
    expect(formatProcessCpu(undefined)).toBe('—');
  });
});
