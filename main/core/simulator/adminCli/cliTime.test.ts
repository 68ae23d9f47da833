import { describe, expect, it } from 'vitest';
import { buildLogStamp, clockTime, ctimeDate, dashMinuteStamp, dashSecondStamp, fileListDate, shortDate, statusDate, underscoreStamp, unixDate } from './cliTime.js';

// Times in UTC, the zone of the simulated nodes.
const JUL_21_2016 = Date.UTC(2016, 6, 21, 16, 7, 16);
const JAN_2_2026 = Date.UTC(2026, 0, 2, 16, 18, 22);
const MAR_28_2025 = Date.UTC(2025, 2, 28, 6, 7, 53);
const OCT_13_2014 = Date.UTC(2014, 9, 13, 18, 24, 2);
const NOV_25_2026 = Date.UTC(2026, 10, 25, 10, 0, 0);

describe('dates of the simulated admin CLI, in Cisco\'s formats', () => {
  it('show status (serviceability-reference.md D.1): "Thu Jul 21, 2016 16:07:16", uptime clock "16:07:17"', () => {
    expect(statusDate(JUL_21_2016)).toBe('Thu Jul 21, 2016 16:07:16');
    expect(statusDate(JAN_2_2026)).toBe('Fri Jan 02, 2026 16:18:22');
    expect(clockTime(JUL_21_2016 + 1000)).toBe('16:07:17');
  });

  it('date(1) as runtimestate\'s "Server Time" (D.3) and DRS status/history print it: the day padded with a space', () => {
    expect(unixDate(JAN_2_2026)).toBe('Fri Jan  2 16:18:22 UTC 2026');
    expect(unixDate(NOV_25_2026)).toBe('Wed Nov 25 10:00:00 UTC 2026');
  });

  it('runtimestate "started at" (D.3) and DRS backup names: "2026-01-02-16-18", "2026-11-25-10-00-00"', () => {
    expect(dashMinuteStamp(JAN_2_2026)).toBe('2026-01-02-16-18');
    expect(dashSecondStamp(NOV_25_2026)).toBe('2026-11-25-10-00-00');
    expect(dashSecondStamp(JAN_2_2026)).toBe('2026-01-02-16-18-22');
  });

  it('ctime(3) as show network cluster\'s "authenticated using TCP since" (D.8) and replication status print it', () => {
    expect(ctimeDate(MAR_28_2025)).toBe('Fri Mar 28 06:07:53 2025');
    expect(ctimeDate(Date.UTC(2014, 9, 6, 18, 24, 2))).toBe('Mon Oct  6 18:24:02 2014');
  });

  it('replication status file stamps and lines, build log names (guide L11408), file list detail', () => {
    expect(underscoreStamp(OCT_13_2014)).toBe('2014_10_13_18_24_02');
    expect(shortDate(Date.UTC(2014, 9, 13, 17, 31, 15))).toBe('Oct 13 17:31:15');
    expect(buildLogStamp(Date.UTC(2016, 8, 30, 9, 41, 37))).toBe('2016-09-30-09h41m37s');
    expect(fileListDate(NOV_25_2026)).toBe('25 Nov,2026 10:00:00');
  });
});
