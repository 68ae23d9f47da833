/**
 * Push events main → renderer, batched (house-style.md 5.4: samples are coalesced every ~500 ms rather than sent
 * one message per sample) and fanned out to every transport subscriber (Electron windows, web-mode sockets).
 */
import type { DesktopEvents } from '../../../shared/ipc/contract.js';
import type { AlarmRecord } from '../../../shared/model/alert.js';
import type { JobStatus } from '../../../shared/model/views.js';
import type { Sample } from '../../../shared/model/sample.js';
import { toDisposable, type Disposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';

/** One delivered push event: its name and payload. */
export type PushEvent = { [E in keyof DesktopEvents]: { readonly event: E; readonly payload: DesktopEvents[E] } }[keyof DesktopEvents];

/** Options of the hub. */
export interface EventHubOptions {
  /** How long events are gathered before one delivery; default 500 ms. */
  readonly flushIntervalMs?: number;
  /** Told when a subscriber throws; default console.error. */
  readonly onListenerError?: (err: unknown) => void;
}

/** Pending payloads between two flushes, merged per event kind. */
interface Pending {
  samples: Sample[];
  clusters?: DesktopEvents['onDidChangeClusters'];
  transitions: DesktopEvents['onDidTransitionAlerts'];
  alarms: Map<string, AlarmRecord>;
  jobs: Map<string, JobStatus>;
  syslog: DesktopEvents['onDidReceiveSyslog'];
  traceCollections: Map<string, DesktopEvents['onDidChangeTraceCollection']>;
  tails: Map<string, DesktopEvents['onDidTailLines']>;
  drsJobs: Map<string, DesktopEvents['onDidChangeDrsJob']>;
  reports: Map<string, DesktopEvents['onDidChangeReport']>;
}

function emptyPending(): Pending {
  return { samples: [], transitions: [], alarms: new Map(), jobs: new Map(), syslog: [], traceCollections: new Map(), tails: new Map(), drsJobs: new Map(), reports: new Map() };
}

/** Two batches of one tail as one: lines in order, the end (closed, error) of the later. */
function mergeTail(a: DesktopEvents['onDidTailLines'] | undefined, b: DesktopEvents['onDidTailLines']): DesktopEvents['onDidTailLines'] {
  if (!a) return b;
  return { ...b, lines: [...a.lines, ...b.lines], ...(a.closed && !b.closed ? { closed: a.closed } : {}), ...(a.error && !b.error ? { error: a.error } : {}) };
}

/**
 * Gathers push events and delivers them in batches. Merging rules: samples, alert transitions and syslog entries
 * are concatenated in order; the cluster list is a snapshot (the last one wins); alarms, jobs and trace collections
 * are changed records, merged by id (the last version of each wins; jobs, collections, DRS job views and report runs are then
 * delivered one event per record); a real-time trace's batches are joined per tail (lines in order, one event per tail).
 */
export class EventHub implements Disposable {
  readonly #emitter: Emitter<PushEvent>;
  readonly #intervalMs: number;
  #pending = emptyPending();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(options: EventHubOptions = {}) {
    this.#intervalMs = Math.max(0, options.flushIntervalMs ?? 500);
    this.#emitter = new Emitter<PushEvent>(options.onListenerError ?? ((err) => console.error('[EventHub] subscriber failed:', err)));
  }

  /** Number of current subscribers. */
  get subscriberCount(): number {
    return this.#emitter.listenerCount;
  }

  /** Queues an event for the next batch. Ignored after dispose. */
  emit<E extends keyof DesktopEvents>(event: E, payload: DesktopEvents[E]): void {
    if (this.#disposed) return;
    const p = this.#pending;
    const e = { event, payload } as PushEvent;
    switch (e.event) {
      case 'onDidAppendSamples':
        for (const s of e.payload.samples) p.samples.push(s);
        break;
      case 'onDidChangeClusters':
        p.clusters = e.payload;
        break;
      case 'onDidTransitionAlerts':
        p.transitions.push(...e.payload);
        break;
      case 'onDidChangeAlarms':
        for (const a of e.payload) {
          p.alarms.delete(a.id);
          p.alarms.set(a.id, a);
        }
        break;
      case 'onDidChangeJob':
        p.jobs.delete(e.payload.id);
        p.jobs.set(e.payload.id, e.payload);
        break;
      case 'onDidReceiveSyslog':
        p.syslog.push(...e.payload);
        break;
      case 'onDidChangeTraceCollection':
        p.traceCollections.delete(e.payload.id);
        p.traceCollections.set(e.payload.id, e.payload);
        break;
      case 'onDidTailLines':
        p.tails.set(e.payload.tailId, mergeTail(p.tails.get(e.payload.tailId), e.payload));
        break;
      case 'onDidChangeDrsJob':
        p.drsJobs.delete(e.payload.jobId);
        p.drsJobs.set(e.payload.jobId, e.payload);
        break;
      case 'onDidChangeReport':
        p.reports.delete(e.payload.id);
        p.reports.set(e.payload.id, e.payload);
        break;
      default: {
        // Every event needs a case: one without is dropped silently (onDidChangeDrsJob and onDidChangeReport were).
        const unhandled: never = e;
        void unhandled;
      }
    }
    this.#timer ??= setTimeout(() => this.flush(), this.#intervalMs);
  }

  /** Subscribes to delivered batches; dispose to unsubscribe. */
  subscribe(listener: (e: PushEvent) => void): Disposable {
    const d = this.#emitter.event(listener);
    return toDisposable(() => d.dispose());
  }

  /** Delivers what is pending now (also called by the timer). */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const p = this.#pending;
    this.#pending = emptyPending();
    if (this.#disposed) return;
    if (p.clusters !== undefined) this.#emitter.fire({ event: 'onDidChangeClusters', payload: p.clusters });
    if (p.samples.length > 0) this.#emitter.fire({ event: 'onDidAppendSamples', payload: { samples: p.samples } });
    if (p.transitions.length > 0) this.#emitter.fire({ event: 'onDidTransitionAlerts', payload: p.transitions });
    if (p.alarms.size > 0) this.#emitter.fire({ event: 'onDidChangeAlarms', payload: [...p.alarms.values()] });
    for (const job of p.jobs.values()) this.#emitter.fire({ event: 'onDidChangeJob', payload: job });
    if (p.syslog.length > 0) this.#emitter.fire({ event: 'onDidReceiveSyslog', payload: p.syslog });
    for (const status of p.traceCollections.values()) this.#emitter.fire({ event: 'onDidChangeTraceCollection', payload: status });
    for (const batch of p.tails.values()) this.#emitter.fire({ event: 'onDidTailLines', payload: batch });
    for (const view of p.drsJobs.values()) this.#emitter.fire({ event: 'onDidChangeDrsJob', payload: view });
    for (const info of p.reports.values()) this.#emitter.fire({ event: 'onDidChangeReport', payload: info });
  }

  /** Whether a flush is scheduled (for tests of disposal). */
  get hasPendingTimer(): boolean {
    return this.#timer !== undefined;
  }

  /** Drops pending events, cancels the timer and removes every subscriber. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = emptyPending();
    this.#emitter.dispose();
  }
}
