import { formatCounterPath } from '../../../shared/model/counterPath.js';
import { seriesKey } from '../../../shared/model/sample.js';
import { AppError } from '../base/errors.js';
import { DEFAULT_RETENTION, type SampleStore, type SeriesRef } from '../storage/storage.js';

/**
 * CSV export in the layout of RTMT / RIS PerfMonLog files.
 *
 * serviceability-reference.md A.1 (MSG-010): "RIS Data Collector (RisDC) keeps a PerfMonLog … You download it with
 * Trace and Log Central and open it in the RTMT Perfmon viewer or the Windows Perfmon viewer" (the files are
 * `activelog /cm/log/ris/csv/`, D.6). A file both viewers open is Windows PDH CSV: a header row whose first cell is
 * `(PDH-CSV 4.0) (<time zone name>)(<bias minutes>)` and whose other cells are counter paths
 * `\\host\Object(instance)\Counter` (`\\host\Object\Counter` without an instance), then one row per timestamp
 * `MM/dd/yyyy HH:mm:ss.SSS` with one quoted value per counter; a counter without a value at that time is `" "`.
 * Every cell is double-quoted, a `"` inside a cell doubled. The reference gives no further detail (time zone
 * name, precision), so we write UTC with bias 0 and values with up to 6 decimals.
 */

/** Options of the CSV export. */
export interface PerfmonCsvOptions {
  /** Line separator (default CRLF, as Windows Perfmon writes). */
  readonly eol?: string;
  /** The store's clock (default Date.now): nothing older than its longest retention is read. */
  readonly nowMs?: number;
}

/** One column: a series and its values by timestamp. */
export interface PerfmonCsvColumn {
  readonly ref: SeriesRef;
  readonly values: ReadonlyMap<number, number>;
}

/** The PDH counter path of a series: `\\node\Object(instance)\Counter`. */
export function perfmonCounterPath(ref: SeriesRef): string {
  return formatCounterPath({ host: ref.node, object: ref.object, instance: ref.instance, counter: ref.counter });
}

/** Formats ms since the epoch as PDH's `MM/dd/yyyy HH:mm:ss.SSS` (UTC). */
export function formatPdhTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${p(d.getUTCFullYear(), 4)} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`
  );
}

/** Formats a value: integers as is, others with at most 6 decimals, no exponent for ordinary magnitudes. */
export function formatPdhValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toFixed(6)));
}

function quote(cell: string): string {
  return `"${cell.replace(/"/g, '""')}"`;
}

/** Yields the CSV lines (without separators): the header, then one row per distinct timestamp, oldest first. */
export function* perfmonCsvLines(columns: readonly PerfmonCsvColumn[]): Generator<string> {
  yield [quote('(PDH-CSV 4.0) (Coordinated Universal Time)(0)'), ...columns.map((c) => quote(perfmonCounterPath(c.ref)))].join(',');
  const times = new Set<number>();
  for (const c of columns) for (const t of c.values.keys()) times.add(t);
  for (const t of [...times].sort((a, b) => a - b)) {
    const cells = columns.map((c) => {
      const v = c.values.get(t);
      return quote(v === undefined ? ' ' : formatPdhValue(v));
    });
    yield [quote(formatPdhTimestamp(t)), ...cells].join(',');
  }
}

/** Width of one page read from storage where raw samples are kept: one hour, read point by point (1 ms buckets). */
export const RAW_PAGE_MS = 3_600_000;
/** Width of one page read where only rollups are left: one day, in 1 s buckets (rollup rows are ≥ 60 s apart). */
export const ROLLUP_PAGE_MS = 86_400_000;
const ROLLUP_BUCKET_MS = 1000;

/** The earliest time in [fromMs, toMs] the store answers from raw samples (pickResolution is monotone in time). */
function rawFromMs(store: SampleStore, probeKey: string, fromMs: number, toMs: number): number {
  const isRaw = (t: number): boolean => store.query([probeKey], t, t, 1)[0]?.resolution === 'raw';
  if (isRaw(fromMs)) return fromMs;
  if (!isRaw(toMs)) return toMs + 1;
  let lo = fromMs; // not raw
  let hi = toMs; // raw
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (isRaw(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The pages of [fromMs, toMs]: day pages of rollups before `rawFrom`, hour pages of raw samples from it. */
function* pages(fromMs: number, toMs: number, rawFrom: number): Generator<{ from: number; to: number; maxPoints: number }> {
  for (let a = fromMs; a <= Math.min(toMs, rawFrom - 1); a += ROLLUP_PAGE_MS) {
    const b = Math.min(a + ROLLUP_PAGE_MS - 1, toMs, rawFrom - 1);
    yield { from: a, to: b, maxPoints: Math.ceil((b - a + 1) / ROLLUP_BUCKET_MS) };
  }
  for (let a = Math.max(fromMs, rawFrom); a <= toMs; a += RAW_PAGE_MS) {
    const b = Math.min(a + RAW_PAGE_MS - 1, toMs);
    // maxPoints > span gives 1 ms buckets: every stored sample is its own point, at its own time.
    yield { from: a, to: b, maxPoints: b - a + 1 };
  }
}

/**
 * Exports the series' samples in [fromMs, toMs] as a PerfMonLog CSV at full resolution, however long the range:
 * raw samples where storage still keeps them, rollup buckets (their average) where raw samples have expired. The
 * range is read page by page (an hour of raw samples, a day of rollups), so no page holds more than that and no
 * point cap applies. Unknown keys throw AppError('NOT_FOUND'); an empty key list AppError('VALIDATION').
 */
export function exportPerfmonCsv(
  store: SampleStore,
  keys: readonly string[],
  fromMs: number,
  toMs: number,
  options: PerfmonCsvOptions = {},
): string {
  if (keys.length === 0) throw new AppError('VALIDATION', 'export needs at least one counter');
  if (!(Number.isFinite(fromMs) && Number.isFinite(toMs)) || toMs < fromMs) throw new AppError('VALIDATION', `export range ends before it starts (${fromMs} > ${toMs})`);
  const refs = new Map(store.listSeries().map((r) => [seriesKey(r), r]));
  const columns = keys.map((key) => {
    const ref = refs.get(key);
    if (!ref) throw new AppError('NOT_FOUND', `no stored counter ${key}`);
    return ref;
  });
  // Nothing is kept longer than the hourly rollups' retention: a range from 1970 reads a year of day pages, not
  // 20,000 of them (each a synchronous query on the event loop).
  const oldest = (options.nowMs ?? Date.now()) - DEFAULT_RETENTION.hourMs - ROLLUP_PAGE_MS;
  const to = Math.floor(toMs);
  const from = Math.min(to, Math.max(Math.floor(fromMs), oldest));
  const eol = options.eol ?? '\r\n';
  const out: string[] = [];
  const header = perfmonCsvLines(columns.map((ref) => ({ ref, values: new Map() }))).next().value as string;
  out.push(header);
  for (const page of pages(from, to, rawFromMs(store, keys[0]!, from, to))) {
    const results = store.query(keys, page.from, page.to, page.maxPoints);
    const pageColumns: PerfmonCsvColumn[] = columns.map((ref, i) => ({ ref, values: new Map((results[i]?.points ?? []).map((p) => [p.ts, p.avg])) }));
    const lines = perfmonCsvLines(pageColumns);
    lines.next(); // the header, written once above
    for (const line of lines) out.push(line);
  }
  return out.join(eol) + eol;
}
