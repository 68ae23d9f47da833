import { describe, expect, it } from 'vitest';
import { generateTraceBytes, generateTraceText } from './traceLineGenerator.js';

describe('trace line generator', () => {
  it('writes the same bytes as the text form, across chunk boundaries, and the same for the same seed', () => {
    const a = generateTraceBytes('seed:a', 0, 3_600_000, 3 * 1024 * 1024 + 17, 'example.com');
    expect(a.equals(Buffer.from(generateTraceText('seed:a', 0, 3_600_000, 3 * 1024 * 1024 + 17, 'example.com')))).toBe(true);
    expect(a.length).toBeGreaterThanOrEqual(3 * 1024 * 1024 + 17);
    expect(a.equals(generateTraceBytes('seed:a', 0, 3_600_000, 3 * 1024 * 1024 + 17, 'example.com'))).toBe(true);
    expect(a.equals(generateTraceBytes('seed:b', 0, 3_600_000, 3 * 1024 * 1024 + 17, 'example.com'))).toBe(false);
    expect(a.toString('utf8').split('\n')[0]).toMatch(/^1970-01-01T00:00:00\.000Z (INFO|DEBUG|WARN|ERROR) \[thread-\d+\] /);
  });
});
