import type { TraceCollectionStatus, TraceNodeProgress } from '../../../../shared/model/traces.js';

/** How often a running collection prints its progress on stderr (each node's line), besides every state change. */
export const PROGRESS_EVERY_MS = 2000;

function mib(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}

function rate(bytesPerSec: number): string {
  return `${(bytesPerSec / 1e6).toFixed(1)} MB/s`;
}

function eta(sec: number | undefined): string {
  if (sec === undefined || !Number.isFinite(sec)) return '';
  if (sec < 60) return `, ETA ${Math.ceil(sec)} s`;
  return `, ETA ${Math.floor(sec / 60)} min ${Math.ceil(sec % 60)} s`;
}

/** One node's progress line: `sim/imp-pub fetching: 2/5 files, 128.0/256.0 MiB, 95.3 MB/s, ETA 2 s`. */
export function nodeLine(n: TraceNodeProgress): string {
  const head = `${n.cluster}/${n.node} ${n.state}: ${n.filesDone}/${n.files} files, ${mib(n.bytesDone)}/${mib(n.bytesTotal)} MiB`;
  const moving = n.state === 'fetching' ? `, ${rate(n.bytesPerSec)}${eta(n.etaSec)}` : '';
  const error = n.error ? ` (${n.error.code}: ${n.error.message})` : '';
  return `${head}${moving}${error}`;
}

/** The lines of a collection's final state: what was skipped and why, and the totals (nodes' lines come before). */
export function endLines(s: TraceCollectionStatus): string[] {
  const lines: string[] = [];
  for (const k of s.skipped) lines.push(`skipped ${k.cluster}/${k.node} ${k.path}: ${k.reason}`);
  const took = s.endedAtMs !== undefined ? ` in ${((s.endedAtMs - s.startedAtMs) / 1000).toFixed(1)} s` : '';
  lines.push(`collection ${s.label} ${s.state}${took}: ${s.fileCount} files, ${mib(s.bytesDone)} MiB${s.error ? ` (${s.error.code}: ${s.error.message})` : ''}`);
  return lines;
}

/**
 * Turns a collection's status events into progress lines: a line when the collection's or a node's state
 * changes, and each moving node's line every PROGRESS_EVERY_MS.
 */
export class ProgressLines {
  #lastState: string | undefined;
  readonly #nodeStates = new Map<string, string>();
  #lastTick = 0;

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  update(s: TraceCollectionStatus): void {
    if (s.state !== this.#lastState) {
      this.#lastState = s.state;
      if (s.state === 'planning' || s.state === 'running' || s.state === 'packing') this.log(`collection ${s.label} ${s.state}… (work folder ${s.workDir})`);
    }
    const tick = this.now() - this.#lastTick >= PROGRESS_EVERY_MS;
    for (const n of s.nodes) {
      const key = `${n.cluster}/${n.node}`;
      const changed = this.#nodeStates.get(key) !== n.state;
      this.#nodeStates.set(key, n.state);
      if (changed || (tick && n.state === 'fetching')) this.log(nodeLine(n));
    }
    if (tick) this.#lastTick = this.now();
  }
}
