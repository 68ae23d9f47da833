import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import { seriesKey } from '../../../shared/model/sample.js';
import type { SampleStore } from '../storage/storage.js';

/** How far back the service history is searched (the raw retention). */
const LOOK_BACK_MS = 24 * 3600_000;

/**
 * When a service that is not Started stopped, from the collector's service history (the `Service\<name>\Started`
 * series it stores at every services poll, 1 = Started): the first 0 after the last 1 ('history'). With no 1 in
 * the last 24 h, the service has been stopped at least since the first 0 ('atLeast'); with nothing stored yet,
 * at least since the status time of this poll. ControlCenter's own answer gives no stop time (UpTime -1).
 */
export function withStoppedSince(store: SampleStore, rows: readonly ServiceStatusRow[], statusAtMs: number, nowMs: number): ServiceStatusRow[] {
  return rows.map((row) => {
    if (row.status === 'Started') return row.sinceMs !== undefined ? { ...row, sinceSource: 'uptime' } : row;
    if (!row.activated) return row;
    const key = seriesKey({ cluster: row.cluster, node: row.node, object: 'Service', instance: row.name, counter: 'Started' });
    const from = nowMs - LOOK_BACK_MS;
    const coarse = store.query([key], from, nowMs, 500)[0];
    const points = coarse?.points ?? [];
    let lastUp = -1;
    for (let i = points.length - 1; i >= 0; i--) if (points[i]!.max >= 1) { lastUp = i; break; }
    if (lastUp < 0) {
      const firstDown = points.find((p) => p.min < 1);
      return { ...row, sinceMs: Math.min(firstDown?.ts ?? statusAtMs, statusAtMs), sinceSource: 'atLeast' };
    }
    // Raw samples from the bucket of the last 1 onwards: the first 0 after the last 1.
    const fine = store.query([key], points[lastUp]!.ts, nowMs, 100_000)[0]?.points ?? [];
    let since: number | undefined;
    for (const p of fine) {
      if (p.max >= 1) since = undefined;
      else if (since === undefined) since = p.ts;
    }
    return since === undefined ? { ...row, sinceMs: statusAtMs, sinceSource: 'atLeast' } : { ...row, sinceMs: since, sinceSource: 'history' };
  });
}
