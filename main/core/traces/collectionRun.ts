import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorPayload } from '../../../shared/errors.js';
import {
  TRACE_STATUS_MAX_FILES,
  type TraceCollectionState,
  type TraceCollectionStatus,
  type TraceCollectRequest,
  type TraceExtra,
  type TraceFileProgress,
  type TraceNodeProgress,
  type TraceNodeRef,
  type TraceTrigger,
} from '../../../shared/model/traces.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import { isNoAnswer, type PollError } from '../polling/pollError.js';
import { archivePathFor, bundleEntryName, defaultLabel, EXTRAS_DIR, localPathFor, nodeFolderName, safeLabel, workDirFor } from './bundleLayout.js';
import { BundleWriter, packBundle, type PackEntry } from './bundlePacker.js';
import { planNode, resolveRange } from './collectionPlan.js';
import { COLLECTION_STATE_VERSION, collectionStateFile, type CollectionStateDoc, type StateFile, type StateNode } from './collectionState.js';
import { fetchFile, localWriteError } from './fileFetch.js';
import { ProgressMeter } from './progressMeter.js';
import type { TraceNodeClients } from './traceNodeClients.js';

/**
 * Makes the work folder of a new collection (synchronously, so the first status names it); a label whose folder or
 * bundle already exists in the destination gets a -2, -3 … suffix. A destination that cannot be written throws.
 */
function claimWorkDir(doc: CollectionStateDoc, request: TraceCollectRequest): string {
  const out = request.outDir;
  try {
    mkdirSync(out, { recursive: true });
  } catch (err) {
    throw localWriteError(err, out);
  }
  const base = doc.label;
  for (let i = 1; ; i++) {
    const label = i === 1 ? base : `${base}-${i}`;
    const dir = workDirFor(out, label);
    if (existsSync(dir) || existsSync(archivePathFor(out, label, request.archive))) continue;
    try {
      mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw localWriteError(err, dir);
    }
    doc.label = label;
    return dir;
  }
}

/** The size of a local file, or undefined when there is none. */
function localSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/** Rewrites text files before they are bundled (H3b's pseudonymiser). */
export interface BundleTransform {
  prepare(files: readonly { localPath: string; gz: boolean }[]): Promise<void>;
  open(localPath: string, gz: boolean): NodeJS.ReadableStream;
  finish(): Promise<void>;
}

/** What a run needs from its owner. */
export interface RunDeps {
  readonly clients: TraceNodeClients;
  readonly now: () => number;
  readonly toolVersion: string;
  readonly extras?: (ref: TraceNodeRef, extras: readonly TraceExtra[]) => Promise<{ name: string; content: Buffer; source: string }[]>;
  readonly pseudonymizer?: () => BundleTransform;
}

/** The state file is saved at most this often while bytes arrive (and at every file's end): a crash loses at most a quarter second of progress. */
const SAVE_EVERY_MS = 250;
/** Status events at most this often per collection (≤ 4/s), the last one always. */
export const STATUS_EVERY_MS = 250;

type StopReason = { kind: 'cancelled' } | { kind: 'interrupted'; error?: ErrorPayload };

/**
 * One collection from plan to bundle (issue 12): plans each node (collectionPlan.ts), fetches its files within the
 * node's fetch slots (fileFetch.ts: SFTP by offset, DIME fallback), keeps `collection-state.json` current in the
 * work folder, and packs the bundle (bundlePacker.ts). Stopped by cancel (state 'cancelled') or by its owner's
 * disposal or a full disk ('interrupted'): in every case the work folder holds what is needed to resume.
 */
export class CollectionRun {
  readonly doc: CollectionStateDoc;
  readonly workDir: string;
  readonly done: Promise<TraceCollectionStatus>;
  jobId: string | undefined;
  #state: TraceCollectionState = 'planning';
  #endedAtMs: number | undefined;
  #error: ErrorPayload | undefined;
  #stop: StopReason | undefined;
  readonly #abort = new AbortController();
  readonly #stateFile;
  readonly #meter: ProgressMeter;
  readonly #nodeMeters = new Map<StateNode, ProgressMeter>();
  readonly #fetching = new Set<StateFile>();
  readonly #listeners = new Set<(s: TraceCollectionStatus) => void>();
  #lastEmit = 0;
  #emitTimer: NodeJS.Timeout | undefined;
  #lastSave = 0;
  #packBytes = 0;
  /** Nodes whose SFTP could not be opened in this run, and why. */
  readonly #sftpDown = new Map<StateNode, PollError>();
  /** The bundle being written while files arrive (not for a pseudonymised bundle). */
  #writer: BundleWriter | undefined;
  /** Nothing could be collected: no bundle. */
  #failed = false;
  /** The archive is written (a stop no longer applies). */
  #packed = false;

  private constructor(
    doc: CollectionStateDoc,
    workDir: string,
    private readonly deps: RunDeps,
  ) {
    this.doc = doc;
    this.workDir = workDir;
    this.#stateFile = collectionStateFile(workDir);
    this.#meter = new ProgressMeter(deps.now);
    for (const n of doc.nodes) this.#nodeMeters.set(n, new ProgressMeter(deps.now));
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));
    // Every waiting file and every download listens to the run's signal: thousands of files are no leak.
    setMaxListeners(0, this.#abort.signal);
  }

  #resolveDone!: (s: TraceCollectionStatus) => void;

  /** A new collection of `request` (its label made unique in the destination folder). */
  static create(request: TraceCollectRequest, trigger: TraceTrigger, deps: RunDeps): CollectionRun {
    const now = deps.now();
    const { fromMs, toMs } = resolveRange(request.range, now);
    const clusters = new Map<string, Set<string>>();
    for (const n of request.nodes) clusters.set(n.node, (clusters.get(n.node) ?? new Set()).add(n.cluster));
    const nodes: StateNode[] = request.nodes.map((n) => ({ cluster: n.cluster, node: n.node, folder: nodeFolderName(n.cluster, n.node, clusters.get(n.node)!.size > 1), planned: false, files: [] }));
    const label = safeLabel(request.label ?? defaultLabel(now));
    const doc: CollectionStateDoc = {
      version: COLLECTION_STATE_VERSION,
      id: `tc-${randomBytes(6).toString('hex')}`,
      label,
      request,
      trigger,
      startedAtMs: now,
      fromMs,
      toMs,
      toolVersion: deps.toolVersion,
      nodes,
    };
    return new CollectionRun(doc, claimWorkDir(doc, request), deps);
  }

  /** A collection read back from its work folder: interrupted files continue, failed ones and failed nodes are tried again. */
  static fromState(doc: CollectionStateDoc, workDir: string, deps: RunDeps): CollectionRun {
    for (const n of doc.nodes) {
      for (const f of n.files) {
        if (f.state === 'fetching' || f.state === 'failed') {
          f.state = 'pending';
          f.reason = undefined;
        } else if (f.state === 'done') {
          // A complete file whose local copy is gone or cut (the work folder was tidied by hand) is fetched again
          // from what is left, instead of failing every pack of this collection.
          const have = localSize(localPathFor(workDir, n.folder, f.path));
          if (have !== f.doneBytes) {
            f.state = 'pending';
            f.doneBytes = Math.min(have ?? 0, f.doneBytes);
            f.reason = undefined;
            f.finalSize = undefined;
          }
        }
      }
    }
    doc.state = undefined;
    return new CollectionRun(doc, workDir, deps);
  }

  get id(): string {
    return this.doc.id;
  }

  get state(): TraceCollectionState {
    return this.#state;
  }

  get finished(): boolean {
    return this.#endedAtMs !== undefined;
  }

  onChange(listener: (s: TraceCollectionStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops the run; the work folder stays resumable. */
  stop(reason: StopReason): void {
    if (this.finished || this.#stop || this.#packed) return;
    this.#stop = reason;
    this.#abort.abort(new Error(reason.kind));
  }

  /** Runs to the end (never throws: the outcome is in the final status). */
  async run(): Promise<TraceCollectionStatus> {
    try {
      await this.#save(true);
      await this.#plan();
      if (!this.#stop) {
        this.#setState('running');
        this.#openWriter();
        await this.#fetchAll();
      }
      if (!this.#stop) await this.#pack();
    } catch (err) {
      const e = toErrorPayload(err);
      if (!this.#stop) this.#stop = { kind: 'interrupted', error: e };
      this.#error ??= e;
    }
    return this.#finish();
  }

  status(): TraceCollectionStatus {
    const nodes: TraceNodeProgress[] = [];
    const files: TraceFileProgress[] = [];
    const skipped: { cluster: string; node: string; path: string; reason: string }[] = [];
    let total = 0;
    let doneBytes = 0;
    for (const n of this.doc.nodes) {
      let nTotal = 0;
      let nDone = 0;
      let nFiles = 0;
      let nFilesDone = 0;
      let problems = 0;
      for (const f of n.files) {
        if (f.state === 'skipped' || f.state === 'failed') {
          problems++;
          skipped.push({ cluster: n.cluster, node: n.node, path: f.path, reason: f.reason ?? f.state });
        }
        if (f.state === 'skipped') continue;
        nFiles++;
        const size = Math.max(f.finalSize ?? f.size, f.doneBytes);
        nTotal += size;
        nDone += f.state === 'done' ? size : f.doneBytes;
        if (f.state === 'done') nFilesDone++;
        files.push({ cluster: n.cluster, node: n.node, path: f.path, size: f.size, doneBytes: f.doneBytes, state: f.state, ...(f.via ? { via: f.via } : {}), ...(f.reason ? { reason: f.reason } : {}) });
      }
      for (const u of n.unknownLogs ?? []) {
        problems++;
        skipped.push({ cluster: n.cluster, node: n.node, path: u, reason: `${n.node} does not list ${u} (listNodeServiceLogs)` });
      }
      const meter = this.#nodeMeters.get(n)!;
      const state: TraceNodeProgress['state'] = n.error ? 'failed' : !n.planned ? 'planning' : nFilesDone + problems < n.files.length + (n.unknownLogs?.length ?? 0) ? 'fetching' : problems > 0 ? 'partial' : 'done';
      const rate = meter.bytesPerSec();
      const eta = state === 'fetching' ? meter.etaSec(nTotal - nDone) : undefined;
      nodes.push({ cluster: n.cluster, node: n.node, state, files: nFiles, filesDone: nFilesDone, bytesTotal: nTotal, bytesDone: nDone, bytesPerSec: rate, ...(eta !== undefined ? { etaSec: eta } : {}), ...(n.error ? { error: n.error } : {}) });
      total += nTotal;
      doneBytes += nDone;
    }
    const rank = (f: TraceFileProgress): number => (f.state === 'fetching' ? 0 : f.state === 'failed' ? 1 : f.state === 'pending' ? 2 : 3);
    const shown = files.length > TRACE_STATUS_MAX_FILES ? [...files].sort((a, b) => rank(a) - rank(b)).slice(0, TRACE_STATUS_MAX_FILES) : files;
    const running = this.#state === 'running';
    const eta = running ? this.#meter.etaSec(total - doneBytes) : undefined;
    return {
      id: this.doc.id,
      ...(this.jobId ? { jobId: this.jobId } : {}),
      label: this.doc.label,
      state: this.#state,
      trigger: this.doc.trigger,
      startedAtMs: this.doc.startedAtMs,
      ...(this.#endedAtMs !== undefined ? { endedAtMs: this.#endedAtMs } : {}),
      request: this.doc.request,
      workDir: this.workDir,
      ...(this.doc.bundlePath ? { bundlePath: this.doc.bundlePath } : {}),
      nodes,
      files: shown,
      fileCount: files.length,
      bytesTotal: total,
      bytesDone: doneBytes,
      bytesPerSec: this.#meter.bytesPerSec(),
      ...(eta !== undefined ? { etaSec: eta } : {}),
      skipped,
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  // ---- phases ----

  async #plan(): Promise<void> {
    const fixed = this.#resumed ? { fixed: { fromMs: this.doc.fromMs, toMs: this.doc.toMs } } : {};
    await Promise.all(
      this.doc.request.nodes.map(async (sel, i) => {
        const node = this.doc.nodes[i]!;
        if (node.planned) return;
        await planNode(sel, node, { clients: this.deps.clients, range: this.doc.request.range, ...fixed, signal: this.#abort.signal });
        if (node.planned) await this.#collectExtras(node);
        this.#changed();
      }),
    );
    await this.#save(true);
  }

  /** Set by TraceCollections for a resumed run: plans made now use the range fixed at the start. */
  #resumed = false;
  markResumed(): void {
    this.#resumed = true;
  }

  async #collectExtras(node: StateNode): Promise<void> {
    const wanted = this.doc.request.extras ?? [];
    if (wanted.length === 0 || !this.deps.extras || node.extras) return;
    try {
      const got = await this.deps.extras({ cluster: node.cluster, node: node.node }, wanted);
      const extras: NonNullable<StateNode['extras']> = [];
      for (const x of got) {
        const name = safeLabel(x.name);
        const entry = `${EXTRAS_DIR}/${name}`;
        const local = localPathFor(this.workDir, node.folder, `/${entry}`);
        await mkdir(join(this.workDir, node.folder, EXTRAS_DIR), { recursive: true });
        await writeFile(local, x.content).catch((err: unknown) => {
          throw localWriteError(err, local);
        });
        extras.push({ name, source: x.source, entry });
      }
      node.extras = extras;
    } catch (err) {
      // The destination cannot be written (full disk, a folder that cannot be written: localWriteError): the
      // collection stops, resumable; any other failure only costs the diagnostics.
      if (err instanceof AppError && (err.code === 'DISK_FULL' || (err.code === 'PRECONDITION' && /disk|write/.test(err.message)))) throw err;
      node.files.push({ path: `/${EXTRAS_DIR}`, absolutePath: `/${EXTRAS_DIR}`, size: 0, modifiedMs: 0, state: 'skipped', doneBytes: 0, reason: `diagnostics not collected: ${toErrorPayload(err).message}` });
    }
  }

  async #fetchAll(): Promise<void> {
    const signal = this.#abort.signal;
    const tasks: Promise<void>[] = [];
    for (const node of this.doc.nodes) {
      if (!node.planned) continue;
      for (const f of node.files) {
        if (f.state !== 'pending') continue;
        tasks.push(this.#fetchOne(node, f, signal));
      }
    }
    await Promise.all(tasks);
    await this.#save(true);
  }

  async #fetchOne(node: StateNode, f: StateFile, signal: AbortSignal): Promise<void> {
    const release = await this.deps.clients.fetchSlot(node.cluster, node.node, signal);
    if (!release) return;
    try {
      if (this.#stop) return;
      f.state = 'fetching';
      this.#fetching.add(f);
      this.#changed();
      const meter = this.#nodeMeters.get(node)!;
      const local = localPathFor(this.workDir, node.folder, f.path);
      const outcome = await fetchFile({ path: f.path, absolutePath: f.absolutePath, size: f.sizeUnknown ? undefined : f.size, doneBytes: f.doneBytes }, local, {
        sftp: () => this.#sftp(node),
        dime: () => this.deps.clients.dime(node.cluster, node.node),
        signal,
        onVia: (via) => {
          f.via = via;
          // DIME GetOneFile has no offset: the local file starts again from its first byte (fileFetch.ts).
          if (via === 'dime') f.doneBytes = 0;
          this.#changed();
        },
        onBytes: (n) => {
          f.doneBytes += n;
          this.#meter.add(n);
          meter.add(n);
          this.#changed();
          void this.#save(false);
        },
      });
      this.#fetching.delete(f);
      if (outcome.ok) {
        f.state = 'done';
        f.doneBytes = outcome.bytes;
        f.via = outcome.via;
        if (outcome.sizeChanged) {
          f.reason = outcome.sizeChanged;
          f.finalSize = outcome.bytes;
        } else f.reason = undefined;
        if (f.sizeUnknown) {
          f.size = outcome.bytes;
          f.sizeUnknown = undefined;
        }
        this.#queueEntry(this.#entryOf(node, f));
      } else if (outcome.kind === 'remote') {
        f.state = 'failed';
        f.doneBytes = outcome.doneBytes;
        f.reason = outcome.error.message;
      } else if (outcome.kind === 'local') {
        f.state = 'pending';
        f.doneBytes = outcome.doneBytes;
        this.#error = toErrorPayload(outcome.error);
        this.stop({ kind: 'interrupted', error: this.#error });
      } else {
        f.state = 'pending';
        f.doneBytes = outcome.doneBytes;
      }
      this.#changed();
      await this.#save(true).catch(() => undefined);
    } finally {
      this.#fetching.delete(f);
      release();
    }
  }

  /** The entry of a fetched file. */
  #entryOf(n: StateNode, f: StateFile): PackEntry {
    return { name: bundleEntryName(n.folder, f.path), localPath: localPathFor(this.workDir, n.folder, f.path), gz: f.path.endsWith('.gz'), mtimeMs: f.modifiedMs || undefined };
  }

  #extraEntries(n: StateNode): PackEntry[] {
    return (n.extras ?? []).map((x) => ({ name: bundleEntryName(n.folder, `/${x.entry}`), localPath: localPathFor(this.workDir, n.folder, `/${x.entry}`), gz: false }));
  }

  /**
   * Opens the bundle as fetching starts, so each file is packed as soon as it is complete (packing overlaps
   * fetching; the archive is `.part` until the end). Not for a pseudonymised bundle: the pseudonymiser reads every
   * file before it rewrites any.
   */
  #openWriter(): void {
    if (this.doc.request.pseudonymize) return;
    const path = archivePathFor(this.doc.request.outDir, this.doc.label, this.doc.request.archive);
    this.#packBytes = 0;
    this.#writer = new BundleWriter(this.doc.request.archive, path, (n) => {
      this.#packBytes += n;
    });
    for (const n of this.doc.nodes) {
      for (const f of n.files) if (f.state === 'done') this.#queueEntry(this.#entryOf(n, f));
      for (const e of this.#extraEntries(n)) this.#queueEntry(e);
    }
  }

  #queueEntry(entry: PackEntry): void {
    this.#writer?.add(entry).catch((err: unknown) => {
      if (this.#stop) return;
      const e = toErrorPayload(err);
      this.#error ??= e;
      this.stop({ kind: 'interrupted', error: e });
    });
  }

  /**
   * The node's SFTP connection; once it could not be opened (no answer, login refused) the rest of this
   * collection's files of that node go by DIME at once instead of each waiting out the SSH login timeout.
   */
  async #sftp(node: StateNode): ReturnType<TraceNodeClients['sftp']> {
    const down = this.#sftpDown.get(node);
    if (down) return { ok: false, error: down };
    const r = await this.deps.clients.sftp(node.cluster, node.node);
    if (!r.ok && (isNoAnswer(r.error.code) || r.error.code === 'POLL_AUTH')) this.#sftpDown.set(node, r.error);
    return r;
  }

  async #pack(): Promise<void> {
    const fetched = this.doc.nodes.flatMap((n) => n.files.filter((f) => f.state === 'done').map((f) => ({ n, f })));
    const problems = this.#problemCount();
    if (fetched.length === 0 && problems > 0) {
      await this.#writer?.abort();
      this.#error = { code: 'PRECONDITION', message: 'no file could be collected: ' + this.status().skipped.concat(this.doc.nodes.filter((n) => n.error).map((n) => ({ cluster: n.cluster, node: n.node, path: '', reason: n.error!.message }))).slice(0, 3).map((s) => `${s.node}${s.path ? ` ${s.path}` : ''}: ${s.reason}`).join('; '), retryable: true };
      this.#failed = true;
      return;
    }
    this.#setState('packing');
    const entries: PackEntry[] = [];
    const meta = new Map<string, { n: StateNode; f?: StateFile; extra?: NonNullable<StateNode['extras']>[number] }>();
    for (const { n, f } of fetched) {
      const e = this.#entryOf(n, f);
      entries.push(e);
      meta.set(e.name, { n, f });
    }
    for (const n of this.doc.nodes) {
      for (const [i, e] of this.#extraEntries(n).entries()) {
        entries.push(e);
        meta.set(e.name, { n, extra: n.extras![i]! });
      }
    }
    const partial = problems > 0;
    if (this.#writer) {
      await this.#writer.finish((hashes) => this.#collectionJson(hashes, meta, partial));
      this.#packed = true;
      this.doc.bundlePath = this.#writer.path;
      return;
    }
    let transform: BundleTransform | undefined;
    if (this.doc.request.pseudonymize) {
      if (!this.deps.pseudonymizer) throw new AppError('PRECONDITION', 'pseudonymisation was asked for and is not available: no bundle is written');
      transform = this.deps.pseudonymizer();
      await transform.prepare(entries.map((e) => ({ localPath: e.localPath, gz: e.gz })));
      for (const e of entries) (e as { open?: () => NodeJS.ReadableStream }).open = () => transform!.open(e.localPath, e.gz);
    }
    const path = archivePathFor(this.doc.request.outDir, this.doc.label, this.doc.request.archive);
    this.#packBytes = 0;
    await packBundle({
      format: this.doc.request.archive,
      path,
      entries,
      signal: this.#abort.signal,
      onBytes: (n) => {
        this.#packBytes += n;
        this.#changed();
      },
      collectionJson: (hashes) => this.#collectionJson(hashes, meta, partial),
    });
    // The bundle is whole: a cancel arriving now is too late to matter.
    this.#packed = true;
    this.doc.bundlePath = path;
    await transform?.finish();
  }

  #collectionJson(hashes: ReadonlyMap<string, { sha256: string; size: number }>, meta: Map<string, { n: StateNode; f?: StateFile; extra?: { name: string; source: string; entry: string } }>, partial: boolean): unknown {
    const files = [];
    const extras = [];
    for (const [name, h] of hashes) {
      const m = meta.get(name);
      if (!m) continue;
      if (m.f) {
        files.push({
          cluster: m.n.cluster,
          node: m.n.node,
          entry: name,
          path: m.f.path,
          absolutePath: m.f.absolutePath,
          ...(m.f.log ? { log: m.f.log } : {}),
          interface: m.f.via,
          size: h.size,
          plannedSize: m.f.size,
          modified: m.f.modifiedMs ? new Date(m.f.modifiedMs).toISOString() : undefined,
          sha256: h.sha256,
          ...(m.f.reason ? { note: m.f.reason } : {}),
        });
      } else if (m.extra) {
        extras.push({ cluster: m.n.cluster, node: m.n.node, entry: name, name: m.extra.name, source: m.extra.source, size: h.size, sha256: h.sha256 });
      }
    }
    const failures = this.doc.nodes.flatMap((n) => [
      ...(n.error ? [{ cluster: n.cluster, node: n.node, reason: n.error.message, code: n.error.code }] : []),
      ...(n.unknownLogs ?? []).map((u) => ({ cluster: n.cluster, node: n.node, log: u, reason: `${n.node} does not list ${u} (listNodeServiceLogs)` })),
      ...n.files.filter((f) => f.state === 'failed' || f.state === 'skipped').map((f) => ({ cluster: n.cluster, node: n.node, path: f.path, reason: f.reason ?? f.state })),
    ]);
    return {
      format: 'imp-monitor trace bundle',
      formatVersion: 1,
      id: this.doc.id,
      label: this.doc.label,
      tool: { name: 'imp-monitor', version: this.doc.toolVersion },
      createdAt: new Date(this.deps.now()).toISOString(),
      startedAt: new Date(this.doc.startedAtMs).toISOString(),
      trigger: this.doc.trigger,
      request: this.doc.request,
      range: { asked: this.doc.request.range, from: new Date(this.doc.fromMs).toISOString(), to: new Date(this.doc.toMs).toISOString() },
      pseudonymized: this.doc.request.pseudonymize === true,
      nodes: this.doc.nodes.map((n) => ({ cluster: n.cluster, node: n.node, folder: n.folder, files: n.files.filter((f) => f.state === 'done').length, ...(n.error ? { error: n.error } : {}) })),
      files,
      extras,
      failures,
      partial,
    };
  }

  #problemCount(): number {
    return this.doc.nodes.reduce((s, n) => s + (n.error ? 1 : 0) + (n.unknownLogs?.length ?? 0) + n.files.filter((f) => f.state === 'failed' || f.state === 'skipped').length, 0);
  }

  async #finish(): Promise<TraceCollectionStatus> {
    let state: TraceCollectionState;
    if (this.#stop?.kind === 'cancelled') state = 'cancelled';
    else if (this.#stop?.kind === 'interrupted') {
      state = 'interrupted';
      if (this.#stop.error) this.#error ??= this.#stop.error;
    } else if (this.#failed) state = 'failed';
    else state = this.#problemCount() > 0 ? 'partial' : 'completed';
    // A bundle left unfinished (cancel, interruption, nothing collected) leaves no .part behind.
    if (!this.#packed) await this.#writer?.abort().catch(() => undefined);
    this.doc.state = state;
    this.#state = state;
    this.#endedAtMs = this.deps.now();
    await this.#save(true).catch((err: unknown) => {
      this.#error ??= toErrorPayload(err);
    });
    if (state === 'completed') {
      // The bundle holds everything: the work folder's copies go (a resume has nothing left to do).
      await rm(this.workDir, { recursive: true, force: true }).catch(() => undefined);
    }
    if (this.#emitTimer) clearTimeout(this.#emitTimer);
    this.#emitTimer = undefined;
    const s = this.status();
    for (const l of this.#listeners) l(s);
    this.#resolveDone(s);
    return s;
  }

  #setState(s: TraceCollectionState): void {
    this.#state = s;
    this.#changed(true);
  }

  /** Announces the status, at most every STATUS_EVERY_MS (a timer sends the latest when changes come faster). */
  #changed(force = false): void {
    if (this.finished) return;
    const now = Date.now();
    if (force || now - this.#lastEmit >= STATUS_EVERY_MS) {
      if (this.#emitTimer) clearTimeout(this.#emitTimer);
      this.#emitTimer = undefined;
      this.#lastEmit = now;
      const s = this.status();
      for (const l of this.#listeners) l(s);
      return;
    }
    this.#emitTimer ??= setTimeout(() => {
      this.#emitTimer = undefined;
      this.#changed(true);
    }, STATUS_EVERY_MS - (now - this.#lastEmit));
  }

  /** Saves the state file (at most every SAVE_EVERY_MS unless `force`). */
  async #save(force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - this.#lastSave < SAVE_EVERY_MS) return;
    this.#lastSave = now;
    try {
      await this.#stateFile.write(() => this.doc);
    } catch (err) {
      const e = localWriteError(err, this.#stateFile.path);
      this.#error ??= toErrorPayload(e);
      this.stop({ kind: 'interrupted', error: toErrorPayload(e) });
    }
  }
}

