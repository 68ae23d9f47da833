import type { TraceCollectionStatus, TraceCollectRequest, TraceExtra, TraceNodeRef, TraceTrigger } from '../../../shared/model/traces.js';
import { traceCollectRequestSchema } from '../../../shared/validation/traces.js';
import type { AsyncDisposable } from '../base/disposable.js';
import { Emitter, type Event } from '../base/emitter.js';
import { AppError } from '../base/errors.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import { resolve } from 'node:path';
import { collectionStateFile } from './collectionState.js';
import { CollectionRun, type BundleTransform } from './collectionRun.js';
import type { TraceNodeClients } from './traceNodeClients.js';
import { lockWorkFolder, type WorkFolderLock } from './workFolderLock.js';

export type { BundleTransform } from './collectionRun.js';

/** What TraceCollections needs. */
export interface TraceCollectionsDeps {
  readonly clients: TraceNodeClients;
  readonly jobs?: JobRunner;
  readonly now?: () => number;
  /** Recorded in collection.json (package.json's version). */
  readonly toolVersion: string;
  /** Diagnostics a preset adds beside the traces (H3b's collectionExtras). */
  readonly extras?: (ref: TraceNodeRef, extras: readonly TraceExtra[]) => Promise<{ name: string; content: Buffer; source: string }[]>;
  /** The pseudonymiser (H3b); a request asking for pseudonymisation is refused without it. */
  readonly pseudonymizer?: () => BundleTransform;
}

/** Collections kept in the list after they ended. */
const KEEP_FINISHED = 50;

/**
 * Trace & Log Central's collections (issue 12; RTMT's Collect Files, serviceability-reference.md A.6, where an
 * unavailable node "drops out of the list" — here it stays in the bundle's collection.json as a failure): starts them in the background (each a JobRunner job of kind
 * 'traceCollection'), announces their progress (≤ 4 events/s per collection, the final one always), cancels and
 * resumes them from their work folder. Several run at once: they share the per-node clients, budgets and fetch
 * slots of TraceNodeClients. Disposing stops the running ones as 'interrupted', resumable.
 */
export class TraceCollections implements AsyncDisposable {
  readonly #onDidChange = new Emitter<TraceCollectionStatus>();
  readonly onDidChange: Event<TraceCollectionStatus> = this.#onDidChange.event;
  readonly #runs = new Map<string, CollectionRun>();
  readonly #now: () => number;
  #disposed = false;

  constructor(private readonly deps: TraceCollectionsDeps) {
    this.#now = deps.now ?? Date.now;
  }

  /** Plans and runs `request` in the background; returns its first status. Bad input throws VALIDATION / PRECONDITION. */
  start(request: TraceCollectRequest, trigger: TraceTrigger = { kind: 'manual' }): TraceCollectionStatus {
    this.#alive();
    const parsed = traceCollectRequestSchema.safeParse(request);
    if (!parsed.success) throw new AppError('VALIDATION', `bad trace collection request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const req = { ...parsed.data, outDir: resolve(parsed.data.outDir) } as TraceCollectRequest;
    if (req.pseudonymize && !this.deps.pseudonymizer) throw new AppError('PRECONDITION', 'pseudonymisation is not available in this build');
    for (const n of req.nodes) {
      if (!this.deps.clients.has(n.cluster, n.node)) throw new AppError('NOT_FOUND', `no node ${n.node} in cluster ${n.cluster}`);
    }
    const run = CollectionRun.create(req, trigger, this.#runDeps());
    return this.#launch(run, lockWorkFolder(run.workDir));
  }

  /** Continues the collection whose work folder is `workDir` (complete files are kept, partial ones continue by offset). */
  async resume(workDir: string): Promise<TraceCollectionStatus> {
    this.#alive();
    const dir = resolve(workDir);
    for (const r of this.#runs.values()) if (r.workDir === dir && !r.finished) return r.status();
    const problems: string[] = [];
    const doc = await collectionStateFile(dir).read((m) => problems.push(m));
    if (!doc) throw new AppError('NOT_FOUND', problems[0] ?? `${dir} holds no collection to resume (no collection-state.json)`);
    if (doc.state === 'completed') throw new AppError('PRECONDITION', `the collection in ${dir} is complete: ${doc.bundlePath ?? ''}`);
    if (doc.request.pseudonymize && !this.deps.pseudonymizer) throw new AppError('PRECONDITION', 'pseudonymisation is not available in this build');
    // Another process (the app, `imp traces resume`) collecting into this folder right now: CONFLICT.
    const lock = lockWorkFolder(dir);
    let run: CollectionRun;
    try {
      run = CollectionRun.fromState(doc, dir, this.#runDeps());
    } catch (err) {
      lock.release();
      throw err;
    }
    run.markResumed();
    return this.#launch(run, lock);
  }

  /** Stops a running collection, leaving it resumable ('cancelled'). Unknown ids throw NOT_FOUND. */
  cancel(id: string): void {
    const r = this.#runs.get(id);
    if (!r) throw new AppError('NOT_FOUND', `no trace collection ${id}`);
    r.stop({ kind: 'cancelled' });
  }

  list(): TraceCollectionStatus[] {
    return [...this.#runs.values()].map((r) => r.status()).sort((a, b) => b.startedAtMs - a.startedAtMs);
  }

  get(id: string): TraceCollectionStatus | undefined {
    return this.#runs.get(id)?.status();
  }

  /** Resolves with the final status of `id`. */
  whenDone(id: string): Promise<TraceCollectionStatus> {
    const r = this.#runs.get(id);
    if (!r) return Promise.reject(new AppError('NOT_FOUND', `no trace collection ${id}`));
    return r.done;
  }

  /** Stops every running collection as 'interrupted' (resumable) and waits until each saved its state. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    const running = [...this.#runs.values()].filter((r) => !r.finished);
    for (const r of running) r.stop({ kind: 'interrupted' });
    await Promise.all(running.map((r) => r.done));
    this.#onDidChange.dispose();
  }

  #alive(): void {
    if (this.#disposed) throw new AppError('PRECONDITION', 'trace collections are shut down');
  }

  #runDeps() {
    return { clients: this.deps.clients, now: this.#now, toolVersion: this.deps.toolVersion, ...(this.deps.extras ? { extras: this.deps.extras } : {}), ...(this.deps.pseudonymizer ? { pseudonymizer: this.deps.pseudonymizer } : {}) };
  }

  #launch(run: CollectionRun, lock: WorkFolderLock): TraceCollectionStatus {
    // Released once the run ended and saved its state (kept through a crash: the next taker finds its pid gone).
    run.done.then(
      () => lock.release(),
      () => lock.release(),
    );
    this.#runs.set(run.id, run);
    this.#trim();
    run.onChange((s) => this.#onDidChange.fire(s));
    const jobs = this.deps.jobs;
    if (jobs) {
      const job = jobs.start({ kind: 'traceCollection', title: `Collect traces: ${run.doc.label}`, titleText: { key: 'traces.job.collect', params: { label: run.doc.label } } }, async (p) => {
        const onStop = (): void => run.stop({ kind: 'interrupted' });
        p.signal.addEventListener('abort', onStop, { once: true });
        const off = run.onChange((s) => {
          if (s.endedAtMs !== undefined) return;
          const fraction = s.bytesTotal > 0 ? s.bytesDone / s.bytesTotal : undefined;
          p.progress(fraction, `${s.state}: ${s.nodes.reduce((a, n) => a + n.filesDone, 0)} of ${s.fileCount} files`);
        });
        try {
          const s = await run.done;
          if (s.state === 'completed') return { message: `Bundle written: ${s.bundlePath}` };
          if (s.state === 'partial') return { message: `Partial bundle written: ${s.bundlePath}`, problems: s.skipped.slice(0, 20).map((x) => `${x.node} ${x.path}: ${x.reason}`) };
          if (s.state === 'cancelled' || s.state === 'interrupted') return { message: `Collection ${s.state}; resume it from ${s.workDir}`, problems: [s.error?.message ?? s.state] };
          throw new AppError(s.error?.code ?? 'INTERNAL', s.error?.message ?? 'the collection failed');
        } finally {
          off();
          p.signal.removeEventListener('abort', onStop);
        }
      });
      run.jobId = job.id;
    }
    const first = run.status();
    void run.run();
    return first;
  }

  #trim(): void {
    const finished = [...this.#runs.values()].filter((r) => r.finished).sort((a, b) => a.doc.startedAtMs - b.doc.startedAtMs);
    while (finished.length > KEEP_FINISHED) this.#runs.delete(finished.shift()!.id);
  }
}
