import { seriesKey } from '../../../shared/model/sample.js';
import { AppError } from '../base/errors.js';
import type { SampleStore, SeriesRef } from '../storage/storage.js';

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
}

/** One column: a series and its values by timestamp. */
export interface PerfmonCsvColumn {
  readonly ref: SeriesRef;
  readonly values: ReadonlyMap<number, number>;
}

/** The PDH counter path of a series: `\\node\Object(instance)\Counter`. */
export function perfmonCounterPath(ref: SeriesRef): string {
  const object = ref.instance === '' ? ref.object : `${ref.object}(${ref.instance})`;
  return `\\\\${ref.node}\\${object}\\${ref.counter}`;
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

/** Most rows one export may hold (a day of 5 s samples is 17,280). */
export const MAX_CSV_ROWS = 1_000_000;

/**
 * Exports the series' samples in [fromMs, toMs] as a PerfMonLog CSV, at the finest stored resolution (rollup
 * buckets give their average). Unknown keys throw AppError('NOT_FOUND'); an empty key list AppError('VALIDATION').
 */
export function exportPerfmonCsv(
  store: SampleStore,
  keys: readonly string[],
  fromMs: number,
  toMs: number,
  options: PerfmonCsvOptions = {},
): string {
  if (keys.length === 0) throw new AppError('VALIDATION', 'export needs at least one counter');
  const refs = new Map(store.listSeries().map((r) => [seriesKey(r), r]));
  const columns: PerfmonCsvColumn[] = [];
  const results = store.query(keys, fromMs, toMs, MAX_CSV_ROWS);
  for (const r of results) {
    const ref = refs.get(r.key);
    if (!ref) throw new AppError('NOT_FOUND', `no stored counter ${r.key}`);
    columns.push({ ref, values: new Map(r.points.map((p) => [p.ts, p.avg])) });
  }
  const eol = options.eol ?? '\r\n';
  return [...perfmonCsvLines(columns)].join(eol) + eol;
}
