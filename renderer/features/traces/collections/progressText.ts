/**
 * Words of a collection's progress: sizes, throughput, ETA and the share done (pure). Sizes use binary units as
 * `ls -lh` and RTMT's download dialog do (KB = 1024 B).
 */
import type { TraceCollectionState, TraceCollectionStatus } from '../../../../shared/model/traces.js';
import { formatDuration } from '../../../app/format.js';
import type { Locale } from '../../../i18n/messages.js';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** "0 B", "812 B", "1.4 KB", "12.3 MB", "2.05 GB" (three significant digits above 1 KB). */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${Math.round(v)} B`;
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${UNITS[u]}`;
}

/** "12.3 MB/s"; a dash when nothing moves. */
export function formatRate(bytesPerSec: number | undefined): string {
  if (bytesPerSec === undefined || !Number.isFinite(bytesPerSec) || bytesPerSec <= 0) return '—';
  return `${formatBytes(bytesPerSec)}/s`;
}

/** The time left in words, or a dash when it cannot be estimated. */
export function formatEta(etaSec: number | undefined, locale: Locale): string {
  if (etaSec === undefined || !Number.isFinite(etaSec) || etaSec < 0) return '—';
  return formatDuration(Math.max(1, Math.ceil(etaSec)), locale);
}

/** Share of the bytes done, 0..1, or undefined while the total is not known (planning). */
export function doneFraction(done: number, total: number): number | undefined {
  if (!(total > 0)) return undefined;
  return Math.max(0, Math.min(1, done / total));
}

/** States after which a collection does not change any more (until resumed). */
const FINAL: ReadonlySet<TraceCollectionState> = new Set(['completed', 'partial', 'failed', 'cancelled', 'interrupted']);

/** Whether the collection has ended (a resumed one starts again as a new status). */
export function isFinal(state: TraceCollectionState): boolean {
  return FINAL.has(state);
}

/** Whether `traces.resume` makes sense for it: stopped before the end, or finished with files missing. */
export function canResume(s: Pick<TraceCollectionStatus, 'state'>): boolean {
  return s.state === 'cancelled' || s.state === 'interrupted' || s.state === 'partial' || s.state === 'failed';
}

/** The last path segment of a bundle or folder path (either separator). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts.at(-1) ?? path;
}
