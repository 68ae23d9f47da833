import { describe, expect, it } from 'vitest';
import type { SeriesData } from '../../../shared/model/views.js';
import { vitalsByNode, vitalsKey, vitalsSeries } from './overviewVitals.js';

const nodes = [
  { name: 'cucm-pub', role: 'cucm-publisher' as const },
  { name: 'imp-pub', role: 'imp-publisher' as const },
  { name: 'imp-sub1', role: 'imp-subscriber' as const },
];

describe('overview vitals', () => {
  it('asks for CPU of every node and JSM sessions of the IM&P nodes only', () => {
    const refs = vitalsSeries('c1', nodes);
    expect(refs.filter((r) => r.object === 'Processor').map((r) => r.node)).toEqual(['cucm-pub', 'imp-pub', 'imp-sub1']);
    expect(refs.filter((r) => r.counter === 'ActiveJsmSessions').map((r) => r.node)).toEqual(['imp-pub', 'imp-sub1']);
  });

  it('takes CPU and memory from the summary, the trend and the latest JSM sessions from the series', () => {
    const [cpuCucm, , , jsmPub, jsmSub] = vitalsSeries('c1', nodes);
    const data: SeriesData[] = [
      { series: cpuCucm!, points: [[1, 10], [2, 12]], resolution: 'raw' },
      { series: jsmPub!, points: [[1, 1490], [2, 1500]], resolution: 'raw' },
      { series: jsmSub!, points: [], resolution: 'raw' },
    ];
    const v = vitalsByNode([{ cluster: 'c1', node: 'cucm-pub', role: 'cucm-publisher', cpuPercent: 5.5, memoryUsedPercent: 57 }], data);
    expect(v.get(vitalsKey('c1', 'cucm-pub'))).toEqual({ cpuPercent: 5.5, memoryUsedPercent: 57, cpuTrend: [[1, 10], [2, 12]] });
    expect(v.get(vitalsKey('c1', 'imp-pub'))).toEqual({ jsmSessions: 1500, cpuTrend: [] });
    // No JSM point yet: unknown, not zero.
    expect(v.get(vitalsKey('c1', 'imp-sub1'))).toEqual({ cpuTrend: [] });
  });

  it('falls back to the last stored CPU point when the summary has none yet', () => {
    const [cpuCucm] = vitalsSeries('c1', nodes);
    const v = vitalsByNode([{ cluster: 'c1', node: 'cucm-pub', role: 'cucm-publisher' }], [{ series: cpuCucm!, points: [[1, 10], [2, 12]], resolution: 'raw' }]);
    expect(v.get(vitalsKey('c1', 'cucm-pub'))?.cpuPercent).toBe(12);
  });
});
