import { backoffMs, withJitter } from '../../../shared/backoff.js';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import { isAlarmActive } from '../../../shared/model/alert.js';
import type { AlarmEvent } from '../alerts/alertEngine.js';
import type { AlertScheduler } from '../alerts/alertScheduler.js';
import type { Muter } from './muting.js';
import type { Notification, NotifiedAlarm, Notifier } from './notifier.js';

/** Grouping and timing (Alertmanager route defaults: group_wait 30 s, group_interval 5 m, repeat_interval 4 h; peers-and-limits.md 2.2). */
export interface PipelineConfig {
  readonly groupBy: ReadonlyArray<'cluster' | 'node' | 'ruleId' | 'severity'>;
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
  readonly sendResolved: boolean;
  /** Retries of a retryable failure, 10 s, 20 s, 40 s … apart (at most 5 min), each shortened by up to `retryJitter`. */
  readonly maxRetries: number;
  /** Share of a retry delay taken off at random (0-1), so the retries of one outage do not return in one wave. */
  readonly retryJitter: number;
}

/** The first retry delay and the cap of the doubling (Alertmanager retries with a randomized exponential backoff). */
const RETRY_FIRST_MS = 10_000;
const RETRY_MAX_MS = 300_000;

/** Alertmanager's defaults, grouped per cluster and rule. */
export const DEFAULT_PIPELINE_CONFIG: PipelineConfig = { groupBy: ['cluster', 'ruleId'], groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 4 * 3_600_000, sendResolved: true, maxRetries: 3, retryJitter: 0.5 };

/** Counters of what the pipeline did. */
export interface PipelineStats {
  sent: number;
  failed: number;
  retried: number;
  muted: number;
  deduplicated: number;
}

interface Group {
  readonly key: string;
  readonly labels: Record<string, string>;
  readonly alarms: Map<string, NotifiedAlarm>;
  /** Alarm ids firing in the last notification. */
  sentFiring: Set<string>;
  lastSentAt?: number;
  timer?: Disposable;
  repeat?: Disposable;
}

/**
 * The notification pipeline (house-style.md 5.6, Alertmanager notify/): alarms are grouped (a storm becomes one
 * digest per group), deduplicated (occurrences of an alarm already notified send nothing), muted (silences,
 * maintenance, inhibition; acknowledged alarms are not repeated) and handed to every notifier with retries.
 */
export class NotificationPipeline implements Disposable {
  readonly #groups = new Map<string, Group>();
  readonly #disposables = new DisposableStore();
  /** Retry timers not yet fired: one is released as soon as it fires, never kept until the pipeline's disposal. */
  readonly #retries = new DisposableStore();
  readonly stats: PipelineStats = { sent: 0, failed: 0, retried: 0, muted: 0, deduplicated: 0 };
  readonly #config: PipelineConfig;
  #disposed = false;

  constructor(
    private readonly scheduler: AlertScheduler,
    private readonly notifiers: readonly Notifier[],
    private readonly muters: readonly Muter[],
    config: Partial<PipelineConfig> = {},
    private readonly onError: (notifier: string, error: string) => void = (n, e) => console.warn(`[NotificationPipeline] ${n}: ${e}`),
  ) {
    this.#config = { ...DEFAULT_PIPELINE_CONFIG, ...config };
  }

  /** Subscribes to an engine's alarm events. */
  attach(onDidChangeAlarm: (listener: (e: AlarmEvent) => void) => Disposable): Disposable {
    return this.#disposables.add(onDidChangeAlarm((e) => this.push(e)));
  }

  /** Takes one alarm event. */
  push(e: AlarmEvent): void {
    if (this.#disposed) return;
    const a: NotifiedAlarm = { ...e.alarm, emailEnabled: e.rule?.emailEnabled ?? true, alertAction: e.rule?.alertAction ?? 'Default' };
    const labels: Record<string, string> = { alertAction: a.alertAction };
    for (const f of this.#config.groupBy) labels[f] = a[f];
    const key = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
    let g = this.#groups.get(key);
    if (!g) {
      if (!isAlarmActive(a)) return; // nothing to say about an alarm never notified
      this.#groups.set(key, (g = { key, labels, alarms: new Map(), sentFiring: new Set() }));
    }
    const known = g.alarms.has(a.id);
    g.alarms.set(a.id, a);
    if (e.kind === 'occurred' || e.kind === 'acknowledged' || (known && e.kind === 'unacknowledged')) {
      this.stats.deduplicated++;
      return;
    }
    this.#schedule(g);
  }

  /** Groups currently tracked. */
  get groupCount(): number {
    return this.#groups.size;
  }

  /** Retry timers waiting to fire. */
  get pendingRetries(): number {
    return this.#retries.size;
  }

  dispose(): void {
    this.#disposed = true;
    for (const g of this.#groups.values()) {
      g.timer?.dispose();
      g.repeat?.dispose();
    }
    this.#groups.clear();
    this.#retries.dispose();
    this.#disposables.dispose();
  }

  #schedule(g: Group): void {
    if (g.timer) return;
    const now = this.scheduler.now();
    const due = g.lastSentAt === undefined ? now + this.#config.groupWaitMs : Math.max(now, g.lastSentAt + this.#config.groupIntervalMs);
    g.timer = this.scheduler.setTimeout(due - now, () => {
      g.timer = undefined;
      this.#flush(g, false);
    });
  }

  #flush(g: Group, repeat: boolean): void {
    const now = this.scheduler.now();
    const all = this.#allActive();
    const firing: NotifiedAlarm[] = [];
    const resolved: NotifiedAlarm[] = [];
    for (const a of g.alarms.values()) {
      if (isAlarmActive(a)) {
        if (this.muters.some((m) => m.mutes(a, all, now))) this.stats.muted++;
        else if (!(repeat && a.status === 'acknowledged')) firing.push(a);
      } else if (g.sentFiring.has(a.id)) resolved.push(a);
      if (!isAlarmActive(a)) g.alarms.delete(a.id);
    }
    const changed = firing.some((a) => !g.sentFiring.has(a.id)) || resolved.length > 0;
    if ((repeat && firing.length > 0) || changed) {
      const n: Notification = {
        groupKey: g.key,
        groupLabels: g.labels,
        firing,
        resolved: this.#config.sendResolved ? resolved : [],
        reason: repeat ? 'repeat' : g.lastSentAt === undefined ? 'new' : 'update',
        atMs: now,
      };
      if (n.firing.length > 0 || n.resolved.length > 0) {
        for (const notifier of this.notifiers) void this.#send(notifier, n, 0);
        g.lastSentAt = now;
        g.sentFiring = new Set(firing.map((a) => a.id));
      }
    }
    g.repeat?.dispose();
    g.repeat = undefined;
    if (g.alarms.size === 0) {
      g.timer?.dispose();
      this.#groups.delete(g.key);
      return;
    }
    g.repeat = this.scheduler.setTimeout(this.#config.repeatIntervalMs, () => {
      g.repeat = undefined;
      this.#flush(g, true);
    });
  }

  async #send(notifier: Notifier, n: Notification, attempt: number): Promise<void> {
    let r;
    try {
      r = await notifier.notify(n);
    } catch (err) {
      r = { ok: false as const, retryable: false, error: err instanceof Error ? err.message : String(err) };
    }
    if (r.ok) {
      this.stats.sent++;
      return;
    }
    if (r.retryable && attempt < this.#config.maxRetries && !this.#disposed) {
      this.stats.retried++;
      const delayMs = withJitter(backoffMs(attempt + 1, RETRY_FIRST_MS, RETRY_MAX_MS), this.#config.retryJitter);
      const t = this.#retries.add(
        this.scheduler.setTimeout(delayMs, () => {
          this.#retries.delete(t);
          void this.#send(notifier, n, attempt + 1);
        }),
      );
      return;
    }
    this.stats.failed++;
    this.onError(notifier.name, r.error);
  }

  #allActive(): NotifiedAlarm[] {
    const out: NotifiedAlarm[] = [];
    for (const g of this.#groups.values()) for (const a of g.alarms.values()) if (isAlarmActive(a)) out.push(a);
    return out;
  }
}
