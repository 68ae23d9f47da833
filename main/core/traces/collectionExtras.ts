/**
 * Diagnostics a collection adds beside the trace files when its preset asks (guide Table 44, "high CPU and low
 * VM" row, L11308, seed-inventory 6.2): the admin CLI's `show process using-most cpu`, `show process using-most
 * memory` and `utils service list` as the node prints them at collection time, and the Perfmon counters the
 * collector held for the node at that moment ({@link LatestSamples}: the newest sample of every series). Not
 * covered: the row's `utils dbreplication runtimestate` and `file get activelog cm/log/ris/csv`.
 *
 * A command that fails is data: its file says why (code and message) instead of failing the collection.
 */
import type { TraceExtra, TraceNodeRef } from '../../../shared/model/traces.js';
import type { Sample } from '../../../shared/model/sample.js';
import type { Disposable } from '../base/disposable.js';
import type { Event } from '../base/emitter.js';
import type { SoapResult } from '../polling/soap/perfmonClient.js';
import type { CliCommandResult } from '../polling/ssh/sshCliSession.js';

/** One extra file: its name (the engine puts it in the node's `_diagnostics` folder of the bundle), its bytes, where it came from. */
export interface ExtraFile {
  readonly name: string;
  readonly content: Buffer;
  readonly source: string;
}

/** The admin CLI of one node (TraceNodeClients.cli: a dedicated session per node, queued). */
export type NodeCli = <T>(cluster: string, node: string, use: (s: { run(command: string): Promise<CliCommandResult> }) => Promise<T>) => Promise<SoapResult<T>>;

/** The CLI commands of the extras, and the file each lands in. */
export const EXTRA_COMMANDS: Readonly<Record<Exclude<TraceExtra, 'perfmonCounters'>, { readonly command: string; readonly file: string }>> = {
  processCpu: { command: 'show process using-most cpu', file: 'show-process-using-most-cpu.txt' },
  processMemory: { command: 'show process using-most memory', file: 'show-process-using-most-memory.txt' },
  serviceList: { command: 'utils service list', file: 'utils-service-list.txt' },
};
export const PERFMON_FILE = 'perfmon-counters.csv';

/** Most series kept per node (a node's Perfmon objects and instances; designed far above the ~2,000 polled). */
const MAX_SERIES_PER_NODE = 50_000;

/** The newest sample of every series, per node, fed by the collector's onDidCollect. */
export class LatestSamples implements Disposable {
  readonly #byNode = new Map<string, Map<string, Sample>>();
  readonly #subscription: Disposable | undefined;

  constructor(onDidCollect?: Event<Sample[]>) {
    this.#subscription = onDidCollect?.((samples) => this.add(samples));
  }

  add(samples: readonly Sample[]): void {
    for (const s of samples) {
      const nodeKey = `${s.cluster}|${s.node}`;
      let m = this.#byNode.get(nodeKey);
      if (!m) this.#byNode.set(nodeKey, (m = new Map()));
      const k = `${s.object}|${s.instance}|${s.counter}`;
      const prev = m.get(k);
      if (prev && prev.ts > s.ts) continue;
      if (!prev && m.size >= MAX_SERIES_PER_NODE) continue;
      m.set(k, s);
    }
  }

  /** The node's newest samples, sorted by object, instance, counter. */
  of(cluster: string, node: string): Sample[] {
    return [...(this.#byNode.get(`${cluster}|${node}`)?.values() ?? [])].sort((a, b) => cmp(a.object, b.object) || cmp(a.instance, b.instance) || cmp(a.counter, b.counter));
  }

  dispose(): void {
    this.#subscription?.dispose();
    this.#byNode.clear();
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const csvField = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The samples as CSV (object, instance, counter, value, time ISO, time ms, source). */
export function samplesCsv(samples: readonly Sample[]): string {
  const rows = samples.map((s) => [s.object, s.instance, s.counter, String(s.value), new Date(s.ts).toISOString(), String(s.ts), s.source].map(csvField).join(','));
  return `${['object', 'instance', 'counter', 'value', 'time', 'timeMs', 'source'].join(',')}\n${rows.map((r) => `${r}\n`).join('')}`;
}

/** The engine's `extras` hook (TraceCollectionsDeps.extras). */
export function createCollectionExtras(deps: { readonly cli: NodeCli; readonly latest?: LatestSamples; readonly now?: () => number }): (ref: TraceNodeRef, extras: readonly TraceExtra[]) => Promise<ExtraFile[]> {
  const now = deps.now ?? Date.now;
  return async (ref, extras) => {
    const out: ExtraFile[] = [];
    for (const extra of new Set(extras)) {
      if (extra === 'perfmonCounters') {
        const samples = deps.latest?.of(ref.cluster, ref.node) ?? [];
        const head = samples.length ? '' : `# no samples of ${ref.node} held by the collector at ${new Date(now()).toISOString()} (is the cluster monitored?)\n`;
        out.push({ name: PERFMON_FILE, content: Buffer.from(head + samplesCsv(samples)), source: `collector: newest sample of each series at ${new Date(now()).toISOString()}` });
        continue;
      }
      const { command, file } = EXTRA_COMMANDS[extra];
      const r = await deps.cli(ref.cluster, ref.node, (s) => s.run(command));
      const answer = r.ok ? r.value : r;
      if (answer.ok) out.push({ name: file, content: Buffer.from(answer.output), source: `cli: ${command}` });
      else out.push({ name: file, content: Buffer.from(`# ${command} failed on ${ref.node}: ${answer.error.code} ${answer.error.message}\n`), source: `cli: ${command} (failed: ${answer.error.code})` });
    }
    return out;
  };
}
