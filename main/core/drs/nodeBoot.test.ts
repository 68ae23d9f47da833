import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootedSince, parseNodeBoot } from './nodeBoot.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../polling/ssh/fixtures', name), 'utf8');

describe('parseNodeBoot (show status: Date and Uptime, reference D.1)', () => {
  it('reads the reference sample [V] (days and H:MM) and the simulated one (days and N min)', () => {
    const ref = parseNodeBoot(fixture('ref-show-status.txt'));
    expect(ref?.nowMs).toBe(Date.UTC(2016, 6, 21, 16, 7, 16));
    expect(ref!.nowMs - ref!.bootMs).toBe((72 * 86_400 + 21 * 3600 + 60) * 1000);
    const sim = parseNodeBoot(fixture('sim-show-status.txt'));
    expect(sim?.nowMs).toBe(Date.UTC(2026, 10, 25, 10, 10, 0));
    expect(sim!.nowMs - sim!.bootMs).toBe((31 * 86_400 + 10 * 60) * 1000);
  });

  it('reads the other uptime(1) forms, CRLF and ANSI', () => {
    const status = (up: string) => `\u001b[0mHost Name : n\r\nDate      : Sun Dec  6, 2026 10:00:00\r\nUptime:\r\n 10:00:00 up ${up},  1 user,  load average: 0.1, 0.1, 0.1\r\n`;
    const since = (up: string) => {
      const b = parseNodeBoot(status(up));
      return b ? (b.nowMs - b.bootMs) / 1000 : undefined;
    };
    expect(since('0 min')).toBe(0);
    expect(since('7 min')).toBe(420);
    expect(since(' 2:05')).toBe(7500);
    expect(since('1 day,  3:00')).toBe(86_400 + 10_800);
    expect(since('3 days, 4 min')).toBe(3 * 86_400 + 240);
  });

  it('is undefined without a Date or an Uptime (nothing is proved)', () => {
    expect(parseNodeBoot('Host Name : n\nUptime:\n 10:00:00 up 2 min,  1 user')).toBeUndefined();
    expect(parseNodeBoot('Date : Sun Dec  6, 2026 10:00:00\n')).toBeUndefined();
    expect(parseNodeBoot('Date : Sun Foo  6, 2026 10:00:00\nUptime:\n up 2 min,')).toBeUndefined();
    expect(parseNodeBoot('')).toBeUndefined();
  });

  it('a node booted after the restart was asked came back; one still up since before did not', () => {
    const asked = Date.UTC(2026, 11, 6, 10, 0, 0);
    expect(bootedSince({ nowMs: asked + 5 * 60_000, bootMs: asked + 2 * 60_000 }, asked)).toBe(true);
    expect(bootedSince({ nowMs: asked + 10_000, bootMs: asked - 31 * 86_400_000 }, asked)).toBe(false);
  });
});
