import { describe, expect, it } from 'vitest';
import { minutesBefore, alarmLabel } from './alertTraceDownloads.js';
import { LatestSamples, samplesCsv } from './collectionExtras.js';
import { newestFirst } from './sftpDestination.js';
import { isScheduleBundle, lastHoursRange, runLabel, scheduleStem } from './traceSchedules.js';

const T = Date.UTC(2026, 11, 6, 9, 5, 7);

describe('schedule bundle names', () => {
  it('builds labels from the name, the id and the run time, and recognises only its own bundles', () => {
    const id = '3f2a9c1e-77aa-4b2b-9d1e-0c5f00000000';
    expect(scheduleStem({ name: 'Nightly XCP / router', id })).toBe('Nightly-XCP-router-3f2a9c1e');
    expect(scheduleStem({ name: '跟踪', id })).toBe('schedule-3f2a9c1e');
    const s = { name: 'Nightly XCP', id };
    expect(runLabel(s, T)).toBe('Nightly-XCP-3f2a9c1e-20261206-090507');
    expect(isScheduleBundle(s, 'Nightly-XCP-3f2a9c1e-20261206-090507.zip')).toBe(true);
    expect(isScheduleBundle(s, 'Nightly-XCP-3f2a9c1e-20261206-090507.tar.gz')).toBe(true);
    expect(isScheduleBundle(s, 'Nightly-XCP-3f2a9c1e-20261206-090507.zip.part')).toBe(false);
    expect(isScheduleBundle(s, 'Nightly-XCP-3f2a9c1e-extra-20261206-090507.zip')).toBe(false);
    expect(isScheduleBundle({ name: 'a.b', id }, 'aXb-3f2a9c1e-20261206-090507.zip')).toBe(false);
    // Two schedules with Chinese names (both stems start `schedule`) never take each other's bundles.
    const other = { name: '夜间', id: '9b00aa11-0000-4000-8000-000000000000' };
    expect(isScheduleBundle(other, `${runLabel({ name: '跟踪', id }, T)}.zip`)).toBe(false);
    // The longest name still makes a label the collection accepts (80 characters at most).
    expect(runLabel({ name: 'x'.repeat(128), id }, T).length).toBeLessThanOrEqual(80);
  });

  it('gives the last N hours as LogCollection can ask them (relative up to 127, absolute beyond)', () => {
    expect(lastHoursRange(24, T)).toEqual({ kind: 'relative', amount: 24, unit: 'hours' });
    expect(lastHoursRange(200, T)).toEqual({ kind: 'absolute', fromMs: T - 200 * 3_600_000, toMs: T, timeZone: 'node' });
    expect(minutesBefore(15, T)).toEqual({ kind: 'relative', amount: 15, unit: 'minutes' });
    expect(minutesBefore(1440, T)).toEqual({ kind: 'absolute', fromMs: T - 86_400_000, toMs: T, timeZone: 'node' });
    expect(alarmLabel('custom:High CPU', 'imp-pub', T)).toBe('alarm-custom-High-CPU-imp-pub-20261206-090507');
  });

  it('orders files newest first, by time then name', () => {
    const files = [
      { name: 'a-1', modifiedMs: 1 },
      { name: 'a-3', modifiedMs: 2 },
      { name: 'a-2', modifiedMs: 2 },
    ];
    expect(newestFirst(files).map((f) => f.name)).toEqual(['a-3', 'a-2', 'a-1']);
  });
});

describe('collection extras: the collector\'s newest samples', () => {
  it('keeps the newest sample of each series per node and writes CSV', () => {
    const l = new LatestSamples();
    const s = (node: string, counter: string, value: number, ts: number) => ({ cluster: 'c', node, object: 'Processor', instance: '_Total', counter, value, ts, source: 'perfmon' as const });
    l.add([s('n1', '% CPU Time', 10, 1), s('n1', '% CPU Time', 30, 3), s('n1', '% CPU Time', 20, 2), s('n2', 'Idle', 5, 1)]);
    expect(l.of('c', 'n1').map((x) => x.value)).toEqual([30]);
    expect(samplesCsv([{ ...s('n1', 'a,"b"', 1, 0) }])).toBe('object,instance,counter,value,time,timeMs,source\nProcessor,_Total,"a,""b""",1,1970-01-01T00:00:00.000Z,0,perfmon\n');
    l.dispose();
    expect(l.of('c', 'n1')).toEqual([]);
  });
});
