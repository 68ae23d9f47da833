import { gzipSync } from 'node:zlib';
import { normalizeTreePath, type VfsEntry, type VirtualFileTree } from './virtualFileTree.js';
import { generateTraceBytes, traceLine } from './traceLineGenerator.js';
import { SeededRandom } from '../../random/seededRandom.js';
import { TRACE_SETS, type TraceSetDefinition } from './traceCatalog.js';
import { ServedBytes } from './servedBytes.js';

interface FileNode {
  mtimeMs: number;
  /** Materialized content; rotated files are generated on first access. */
  content?: Buffer;
  generate?: () => Buffer;
}

interface ActiveTrace {
  readonly def: TraceSetDefinition;
  seq: number;
  lines: string[];
  bytes: number;
}

/** Options of a node's log tree. */
export interface NodeLogTreeOptions {
  readonly node: string;
  readonly role: 'imp' | 'cucm';
  readonly domain: string;
  readonly seed: string;
  readonly startMs: number;
  readonly traceFileBytes: number;
  /** Size of each rotated file of these trace sets (by id) instead of traceFileBytes. */
  readonly traceFileBytesBySet?: Readonly<Record<string, number>>;
  readonly rotatedFiles: number;
  readonly rotateAtBytes: number;
}

/**
 * A node's virtual log tree at the guide's paths (Table 47): per trace set, rotated (and, for .gz sets, gzipped)
 * files pre-filled with deterministic lines, plus an active file the model appends to; the syslog files
 * (`/syslog/messages`, `/syslog/CiscoSyslog`); and files that `file build log` writes under /epas/trace.
 */
export class NodeLogTree implements VirtualFileTree {
  readonly #files = new Map<string, FileNode>();
  readonly #dirs = new Set<string>(['/']);
  readonly #active = new Map<string, ActiveTrace>();
  readonly #syslog: string[] = [];
  readonly #ciscoSyslog: string[] = [];
  /** The node's own count of log bytes served, per file and interface (see ServedBytes). */
  readonly served = new ServedBytes();
  /** The random series of the live activity lines (appendActivity). */
  readonly #activity: SeededRandom;

  constructor(private readonly options: NodeLogTreeOptions) {
    const { startMs, rotatedFiles, traceFileBytes, seed, domain } = options;
    this.#activity = new SeededRandom(`${seed}:activity`);
    for (const def of TRACE_SETS) {
      if (!def.roles.includes(options.role)) continue;
      this.#mkdirs(def.dir);
      const fileBytes = options.traceFileBytesBySet?.[def.id] ?? traceFileBytes;
      for (let i = 1; i <= rotatedFiles; i++) {
        const path = rotatedPath(def, i);
        const from = startMs - (rotatedFiles - i + 1) * 3_600_000;
        const to = from + 3_600_000;
        const gz = def.ext.endsWith('.gz');
        this.#files.set(path, {
          mtimeMs: to,
          generate: () => {
            const text = generateTraceBytes(`${seed}:${path}`, from, to, fileBytes, domain);
            return gz ? gzipSync(text, { level: 1 }) : text;
          },
        });
      }
      this.#active.set(def.id, { def, seq: rotatedFiles + 1, lines: [], bytes: 0 });
      this.#files.set(activePath(def, rotatedFiles + 1), { mtimeMs: startMs, content: Buffer.alloc(0) });
    }
    this.#mkdirs('/syslog');
    this.#files.set('/syslog/messages', { mtimeMs: startMs, content: Buffer.alloc(0) });
    this.#files.set('/syslog/CiscoSyslog', { mtimeMs: startMs, content: Buffer.alloc(0) });
  }

  stat(path: string): VfsEntry | undefined {
    const p = normalizeTreePath(path);
    if (p === undefined) return undefined;
    if (this.#dirs.has(p)) return { path: p, name: baseName(p), kind: 'directory', size: 0, mtimeMs: this.options.startMs };
    const f = this.#files.get(p);
    if (!f) return undefined;
    return { path: p, name: baseName(p), kind: 'file', size: this.#content(p, f).length, mtimeMs: f.mtimeMs };
  }

  list(path: string): VfsEntry[] | undefined {
    const p = normalizeTreePath(path);
    if (p === undefined || !this.#dirs.has(p)) return undefined;
    const prefix = p === '/' ? '/' : `${p}/`;
    const names = new Set<string>();
    for (const d of this.#dirs) if (d !== p && d.startsWith(prefix) && !d.slice(prefix.length).includes('/')) names.add(d);
    for (const f of this.#files.keys()) if (f.startsWith(prefix) && !f.slice(prefix.length).includes('/')) names.add(f);
    return [...names].sort().map((n) => this.stat(n)!);
  }

  read(path: string): Buffer | undefined {
    const p = normalizeTreePath(path);
    if (p === undefined) return undefined;
    const f = this.#files.get(p);
    return f ? this.#content(p, f) : undefined;
  }

  /** Every file path under `dir` (recursive), sorted. */
  walk(dir = '/'): string[] {
    const p = normalizeTreePath(dir) ?? '/';
    const prefix = p === '/' ? '/' : `${p}/`;
    return [...this.#files.keys()].filter((f) => f.startsWith(prefix)).sort();
  }

  /** Appends a line to a trace set's active file, rotating it when it grows past the limit. */
  appendTrace(setId: string, timeMs: number, level: string, text: string): void {
    const a = this.#active.get(setId);
    if (!a) return;
    this.#appendLine(a, `${new Date(timeMs).toISOString()} ${level} ${text}\n`, timeMs);
  }

  /**
   * The traces a running service writes while nothing special happens: one line in each active file of every
   * service `isRunning` says runs (the model calls this every tick), so a real-time trace of a healthy node moves.
   * Drawn from the tree's own random series: the model's series stay as they were.
   */
  appendActivity(timeMs: number, isRunning: (service: string) => boolean): void {
    for (const a of this.#active.values()) {
      if (a.def.service !== '' && isRunning(a.def.service)) this.#appendLine(a, traceLine(this.#activity, timeMs, this.options.domain), timeMs);
    }
  }

  #appendLine(a: ActiveTrace, line: string, timeMs: number): void {
    a.lines.push(line);
    a.bytes += line.length;
    const path = activePath(a.def, a.seq);
    const lines = a.lines;
    this.#files.set(path, { mtimeMs: timeMs, generate: () => Buffer.from(lines.join('')) });
    if (a.bytes >= this.options.rotateAtBytes) this.#rotate(a, timeMs);
  }

  /** Appends a trace line to every trace set of `service`. */
  appendServiceTrace(service: string, timeMs: number, level: string, text: string): void {
    for (const a of this.#active.values()) if (a.def.service === service) this.appendTrace(a.def.id, timeMs, level, text);
  }

  /** Appends a line to the local syslog files (`messages` always; `CiscoSyslog` for CiscoLog alarms). */
  appendSyslog(timeMs: number, line: string, ciscoLog: boolean): void {
    pushBounded(this.#syslog, `${line}\n`);
    const syslog = this.#syslog;
    this.#files.set('/syslog/messages', { mtimeMs: timeMs, generate: () => Buffer.from(syslog.join('')) });
    if (ciscoLog) {
      pushBounded(this.#ciscoSyslog, `${line}\n`);
      const cisco = this.#ciscoSyslog;
      this.#files.set('/syslog/CiscoSyslog', { mtimeMs: timeMs, generate: () => Buffer.from(cisco.join('')) });
    }
  }

  /** The lines of the local syslog (most recent last). */
  syslogLines(): readonly string[] {
    return this.#syslog;
  }

  /** Writes a file (used by `file build log`). */
  writeFile(path: string, content: Buffer, timeMs: number): void {
    const p = normalizeTreePath(path);
    if (p === undefined) throw new RangeError(`invalid path ${path}`);
    this.#mkdirs(p.slice(0, p.lastIndexOf('/')) || '/');
    this.#files.set(p, { mtimeMs: timeMs, content });
  }

  /** Deletes a file; returns false when it does not exist or is an active log. */
  deleteFile(path: string): boolean {
    const p = normalizeTreePath(path);
    if (p === undefined || !this.#files.has(p)) return false;
    for (const a of this.#active.values()) if (activePath(a.def, a.seq) === p) return false;
    if (p.startsWith('/syslog/')) return false;
    return this.#files.delete(p);
  }

  /** Trace files of the given sets modified since `sinceMs`. */
  traceFiles(setIds: readonly string[], sinceMs: number): string[] {
    const out: string[] = [];
    for (const id of setIds) {
      const def = TRACE_SETS.find((d) => d.id === id);
      if (!def || !def.roles.includes(this.options.role)) continue;
      for (const path of this.walk(def.dir)) {
        if (!baseName(path).startsWith(def.prefix)) continue;
        const f = this.#files.get(path)!;
        if (f.mtimeMs >= sinceMs) out.push(path);
      }
    }
    return [...new Set(out)].sort();
  }

  #rotate(a: ActiveTrace, timeMs: number): void {
    const oldPath = activePath(a.def, a.seq);
    const text = Buffer.from(a.lines.join(''));
    this.#files.delete(oldPath);
    this.#files.set(rotatedPath(a.def, a.seq), { mtimeMs: timeMs, content: a.def.ext.endsWith('.gz') ? gzipSync(text, { level: 1 }) : text });
    a.seq++;
    a.lines = [];
    a.bytes = 0;
    this.#files.set(activePath(a.def, a.seq), { mtimeMs: timeMs, content: Buffer.alloc(0) });
    // Keep the configured number of rotated files: drop the oldest.
    const rotated = this.walk(a.def.dir).filter((p) => baseName(p).startsWith(a.def.prefix) && p !== activePath(a.def, a.seq));
    while (rotated.length > this.options.rotatedFiles) this.#files.delete(rotated.shift()!);
  }

  #content(path: string, f: FileNode): Buffer {
    if (!f.content) {
      f.content = f.generate ? f.generate() : Buffer.alloc(0);
      f.generate = undefined;
    }
    return f.content;
  }

  #mkdirs(dir: string): void {
    const parts = dir.split('/').filter(Boolean);
    let cur = '';
    for (const part of parts) {
      cur += `/${part}`;
      this.#dirs.add(cur);
    }
  }
}

/** Lines kept in each local syslog file (the oldest are dropped, as logrotate would). */
const SYSLOG_MAX_LINES = 20_000;

function pushBounded(lines: string[], line: string): void {
  lines.push(line);
  if (lines.length > SYSLOG_MAX_LINES) lines.splice(0, lines.length - SYSLOG_MAX_LINES);
}

function rotatedPath(def: TraceSetDefinition, seq: number): string {
  return `${def.dir}/${def.prefix}${String(seq).padStart(6, '0')}${def.ext}`;
}

function activePath(def: TraceSetDefinition, seq: number): string {
  return `${def.dir}/${def.prefix}${String(seq).padStart(6, '0')}${def.ext.replace(/\.gz$/, '')}`;
}

function baseName(path: string): string {
  return path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1);
}
