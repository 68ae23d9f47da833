import type { Sample } from '../../../shared/model/sample.js';
import type { SeriesRef } from '../storage/storage.js';

/**
 * The Prometheus text exposition format, version 0.0.4 (prometheus.io "Exposition formats"): per family one
 * `# HELP name text` and one `# TYPE name gauge|counter` line, then `name{label="value",…} value` lines.
 * In HELP text `\` and newline are escaped as `\\` and `\n`; in label values also `"` as `\"`.
 */

/** Content-Type of the text format. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** The two metric types we expose. */
export type MetricType = 'gauge' | 'counter';

/** One line of a family: its labels and value. */
export interface MetricPoint {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A metric family: a sanitized name, help text, type and points. Counter names end in `_total`. */
export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly points: readonly MetricPoint[];
}

/** Says whether a series is a cumulative counter (exposed as `<name>_total`, type counter) or a gauge. */
export type CounterKindResolver = (ref: SeriesRef) => MetricType;

/**
 * Cumulative counters we know of (serviceability-reference.md A.8 "JsmTotalMessagePackets", "TCRoomMsgPacketsRecv";
 * C: HOST-RESOURCES `hrSWRunPerfCPU`, centi-seconds of CPU since start). Everything else is a gauge.
 */
export const KNOWN_CUMULATIVE_COUNTERS: ReadonlySet<string> = new Set([
  'JsmTotalMessagePackets',
  'TCRoomMsgPacketsRecv',
  'hrSWRunPerfCPU',
]);

/** The default resolver: KNOWN_CUMULATIVE_COUNTERS are counters, the rest gauges. */
export const defaultCounterKind: CounterKindResolver = (ref) =>
  KNOWN_CUMULATIVE_COUNTERS.has(ref.counter) ? 'counter' : 'gauge';

/** Escapes a label value: backslash, double quote and newline. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Escapes HELP text: backslash and newline. */
export function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Formats a sample value (Go's ParseFloat spellings for the non-finite ones). */
export function formatMetricValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

/**
 * Turns any text into a metric name `[a-zA-Z_:][a-zA-Z0-9_:]*` in snake case: `%` becomes `percent`, camelCase
 * words are split (`ActiveJsmSessions` → `active_jsm_sessions`), other characters become `_`, runs collapse.
 */
export function sanitizeMetricName(text: string): string {
  const snake = text
    .replace(/%/g, ' percent ')
    .replace(/([KMGT])Bytes/g, '$1bytes') // "Used Swap KBytes" → used_swap_kbytes, not k_bytes
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (snake === '') return '_';
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}

/** The metric name of a Perfmon `Object\Counter` (e.g. `cisco_presence_engine_active_jsm_sessions`). */
export function perfmonMetricName(object: string, counter: string, type: MetricType = 'gauge'): string {
  const base = sanitizeMetricName(`${object} ${counter}`);
  return type === 'counter' && !base.endsWith('_total') ? `${base}_total` : base;
}

/** Label name rules of the format: `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__` (reserved). */
export function isValidLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) && !name.startsWith('__');
}

/** Renders families in the text format. Families must have distinct names; invalid label names are dropped. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const out: string[] = [];
  for (const f of families) {
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`);
    out.push(`# TYPE ${f.name} ${f.type}`);
    for (const p of f.points) {
      const labels = Object.entries(p.labels)
        .filter(([k]) => isValidLabelName(k))
        .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
      out.push(`${f.name}${labels.length > 0 ? `{${labels.join(',')}}` : ''} ${formatMetricValue(p.value)}`);
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** Options of `samplesToFamilies`. */
export interface SampleFamiliesOptions {
  readonly kindOf?: CounterKindResolver;
  /** Name of the label holding the Perfmon instance (default `instance`; see the report on Prometheus' own label). */
  readonly instanceLabel?: string;
}

/**
 * Groups the latest sample of each series into families named after `Object\Counter`, with labels cluster, node
 * and (when not empty) instance. When two series map to the same name and labels, the first wins; when two
 * counters map to one name with different types, the later one is exposed with a `_<type>` suffix.
 */
export function samplesToFamilies(samples: readonly Sample[], options: SampleFamiliesOptions = {}): MetricFamily[] {
  const kindOf = options.kindOf ?? defaultCounterKind;
  const instanceLabel = options.instanceLabel ?? 'instance';
  const families = new Map<string, { help: string; type: MetricType; points: MetricPoint[]; seen: Set<string> }>();
  for (const s of samples) {
    const type = kindOf(s);
    let name = perfmonMetricName(s.object, s.counter, type);
    const existing = families.get(name);
    if (existing && existing.type !== type) name = `${name}_${type}`;
    let fam = families.get(name);
    if (!fam) {
      const help = `Perfmon counter ${s.object}\\${s.counter} (${s.source})`;
      fam = { help, type, points: [], seen: new Set() };
      families.set(name, fam);
    }
    const labels: Record<string, string> = { cluster: s.cluster, node: s.node };
    if (s.instance !== '') labels[instanceLabel] = s.instance;
    const id = JSON.stringify(labels);
    if (fam.seen.has(id)) continue;
    fam.seen.add(id);
    fam.points.push({ labels, value: s.value });
  }
  return [...families.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([name, f]) => ({ name, help: f.help, type: f.type, points: f.points }));
}
