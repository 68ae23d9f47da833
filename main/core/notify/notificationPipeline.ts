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

/** What one notifier was last told about one group (an Alertmanager nflog entry: notify/notify.go DedupStage). */
export interface SentState {
  readonly atMs: number;
  readonly firing: ReadonlySet<string>;
  readonly resolved: ReadonlySet<string>;
}

/** The outcome of one notification to one notifier, after its retries: what the notification log keeps. */
export interface DeliveryRecord {
  readonly notification: Notification;
  readonly notifier: string;
  readonly ok: boolean;
  readonly attempts: number;
  readonly error?: string;
}

/**
 * Where the pipeline's memory of what was sent lives between runs (the persisted notification log): what each
 * notifier last successfully got per group, and every delivery's outcome.
 */
export interface PipelineJournal {
  /** Per group key, per notifier: the last successful notification. */
  lastSent(): ReadonlyMap<string, ReadonlyMap<string, SentState>>;
  record(r: DeliveryRecord): void;
}

interface Group {
  readonly key: string;
  readonly labels: Record<string, string>;
  readonly alarms: Map<string, NotifiedAlarm>;
  /** Per notifier: the last successful send (from the log at start). */
  readonly confirmed: Map<string, SentState>;
  /** Per notifier: a send in flight (counted as sent until it fails for good). */
  readonly pending: Map<string, SentState>;
  lastFlushAt?: number;
  timer?: Disposable;
  repeat?: Disposable;
}

/**
 * The notification pipeline (house-style.md 5.6, Alertmanager notify/): alarms are grouped (a storm becomes one
 * digest per group), deduplicated per notifier against what it was last told (Alertmanager's DedupStage over the
 * notification log: a notifier gets a group again only when a new alarm fires, one it was told of resolved, or
 * the repeat interval passed), muted (silences, maintenance, inhibition; acknowledged alarms are not repeated)
 * and handed to every notifier with retries. With a {@link PipelineJournal} the memory of what was sent survives
 * a restart: {@link seed} rebuilds the groups from the engine's active alarms and the log.
 */
export class NotificationPipeline implements Disposable {
  readonly #groups = new Map<string, Group>();
  readonly #disposables = new DisposableStore();
  /** Retry timers not yet fired: one is released as soon as it fires, never kept until the pipeline's disposal. */
  readonly #retries = new DisposableStore();
  readonly stats: PipelineStats = { sent: 0, failed: 0, retried: 0, muted: 0, deduplicated: 0 };
  readonly #config: PipelineConfig;
  /** Sends awaiting their notifier's answer. */
  readonly #inFlight = new Set<Promise<void>>();
  #disposed = false;

  constructor(
    private readonly scheduler: AlertScheduler,
    private readonly notifiers: readonly Notifier[],
    private readonly muters: readonly Muter[],
    config: Partial<PipelineConfig> = {},
    private readonly onError: (notifier: string, error: string) => void = (n, e) => console.warn(`[NotificationPipeline] ${n}: ${e}`),
    private readonly journal?: PipelineJournal,
  ) {
    this.#config = { ...DEFAULT_PIPELINE_CONFIG, ...config };
  }

  /** Subscribes to an engine's alarm events. */
  attach(onDidChangeAlarm: (listener: (e: AlarmEvent) => void) => Disposable): Disposable {
    return this.#disposables.add(onDidChangeAlarm((e) => this.push(e)));
  }

  /**
   * Rebuilds the groups after a start (or a settings change) from the alarms active now and the journal's last
   * sends, so nothing is sent twice (Alertmanager restores its nflog from disk the same way): a group every notifier
   * was told of gets its repeat at lastSent + repeat interval, not a second "new"; alarms a notifier was told were
   * firing and that closed meanwhile (`closed(id)` gives their record) get their resolved notification once; alarms
   * nobody was told of yet are sent after the group wait.
   */
  seed(active: readonly NotifiedAlarm[], closed: (id: string) => NotifiedAlarm | undefined): void {
    if (this.#disposed) return;
    const names = new Set(this.notifiers.map((n) => n.name));
    for (const a of active) if (isAlarmActive(a)) this.#groupOf(a, true)!.alarms.set(a.id, a);
    const log = this.journal?.lastSent() ?? new Map<string, ReadonlyMap<string, SentState>>();
    for (const [key, perNotifier] of log) {
      for (const [name, s] of perNotifier) {
        if (!names.has(name) || s.firing.size === 0) continue;
        let g = this.#groups.get(key);
        for (const id of s.firing) {
          if (g?.alarms.has(id)) continue;
          const a = closed(id);
          if (!a || isAlarmActive(a)) continue;
          g ??= this.#groupOf(a, true);
          if (g?.key === key) g.alarms.set(a.id, a);
        }
        if (g) g.confirmed.set(name, s);
      }
    }
    const now = this.scheduler.now();
    for (const g of this.#groups.values()) {
      const times = [...g.confirmed.values()].map((s) => s.atMs);
      if (times.length > 0) g.lastFlushAt = Math.max(...times);
      if (this.#needsAnyUpdate(g, now, false)) this.#schedule(g);
      else this.#scheduleRepeat(g);
    }
  }

  /** Takes one alarm event. */
  push(e: AlarmEvent): void {
    if (this.#disposed) return;
    const a: NotifiedAlarm = { ...e.alarm, emailEnabled: e.rule?.emailEnabled ?? true, alertAction: e.rule?.alertAction ?? 'Default' };
    const g = this.#groupOf(a, isAlarmActive(a));
    if (!g) return; // nothing to say about an alarm never notified
    const known = g.alarms.has(a.id);
    g.alarms.set(a.id, a);
    if (e.kind === 'occurred' || e.kind === 'acknowledged' || e.kind === 'note' || (known && e.kind === 'unacknowledged')) {
      this.stats.deduplicated++;
      return;
    }
    this.#schedule(g);
  }

  /**
   * Resolves when the sends awaiting an answer have their outcome (logged even after {@link dispose}), so a
   * pipeline rebuilt from the log after a settings change knows of them; at most `timeoutMs`.
   */
  async settled(timeoutMs = 30_000): Promise<void> {
    if (this.#inFlight.size === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.allSettled([...this.#inFlight]), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
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

  #groupOf(a: NotifiedAlarm, create: boolean): Group | undefined {
    const labels: Record<string, string> = { alertAction: a.alertAction };
    for (const f of this.#config.groupBy) labels[f] = a[f];
    const key = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
    let g = this.#groups.get(key);
    if (!g && create) this.#groups.set(key, (g = { key, labels, alarms: new Map(), confirmed: new Map(), pending: new Map() }));
    return g;
  }

  #schedule(g: Group): void {
    if (g.timer) return;
    const now = this.scheduler.now();
    const due = g.lastFlushAt === undefined ? now + this.#config.groupWaitMs : Math.max(now, g.lastFlushAt + this.#config.groupIntervalMs);
    g.timer = this.scheduler.setTimeout(due - now, () => {
      g.timer = undefined;
      this.#flush(g);
    });
  }

  /** Firing alarms that are not muted now. */
  #firing(g: Group, now: number, count: boolean): NotifiedAlarm[] {
    const all = this.#allActive();
    const out: NotifiedAlarm[] = [];
    for (const a of g.alarms.values()) {
      if (!isAlarmActive(a)) continue;
      if (this.muters.some((m) => m.mutes(a, all, now))) {
        if (count) this.stats.muted++;
      } else out.push(a);
    }
    return out;
  }

  /** What the notifier is to get now, or undefined (Alertmanager DedupStage.needsUpdate). */
  #plan(g: Group, name: string, firing: readonly NotifiedAlarm[], now: number): Notification | undefined {
    const last = g.pending.get(name) ?? g.confirmed.get(name);
    const resolved = [...g.alarms.values()].filter((a) => !isAlarmActive(a) && last?.firing.has(a.id) === true);
    const sentResolved = this.#config.sendResolved ? resolved : [];
    const base = { groupKey: g.key, groupLabels: g.labels, atMs: now };
    if (!last || last.firing.size === 0) return firing.length > 0 ? { ...base, firing, resolved: [], reason: 'new' } : undefined;
    if (firing.some((a) => !last.firing.has(a.id)) || resolved.length > 0) {
      // A notifier told only of resolutions it does not want still gets its state moved on, with nothing to send.
      return { ...base, firing, resolved: sentResolved, reason: 'update' };
    }
    const outstanding = firing.filter((a) => a.status !== 'acknowledged');
    if (outstanding.length > 0 && now >= last.atMs + this.#config.repeatIntervalMs) return { ...base, firing: outstanding, resolved: [], reason: 'repeat' };
    return undefined;
  }

  #needsAnyUpdate(g: Group, now: number, count: boolean): boolean {
    const firing = this.#firing(g, now, count);
    return this.notifiers.some((n) => this.#plan(g, n.name, firing, now) !== undefined);
  }

  #flush(g: Group): void {
    if (this.#disposed) return;
    const now = this.scheduler.now();
    const firing = this.#firing(g, now, true);
    let sent = false;
    for (const notifier of this.notifiers) {
      const n = this.#plan(g, notifier.name, firing, now);
      if (!n) continue;
      // Everything active is "told" (acknowledged ones left out of a reminder are not new the next time).
      const state: SentState = { atMs: now, firing: new Set(firing.map((a) => a.id)), resolved: new Set(n.resolved.map((a) => a.id)) };
      if (n.firing.length === 0 && n.resolved.length === 0) {
        g.confirmed.set(notifier.name, state);
        this.journal?.record({ notification: n, notifier: notifier.name, ok: true, attempts: 0 });
        continue;
      }
      g.pending.set(notifier.name, state);
      sent = true;
      this.#track(this.#send(g, notifier, n, state, 0));
    }
    if (sent) g.lastFlushAt = now;
    this.#settle(g);
  }

  /** Drops closed alarms nobody needs to be told of any more; removes an idle group; sets the next repeat. */
  #settle(g: Group): void {
    for (const a of g.alarms.values()) {
      if (isAlarmActive(a)) continue;
      const told = [...g.confirmed.values(), ...g.pending.values()].some((s) => s.firing.has(a.id));
      if (!told) g.alarms.delete(a.id);
    }
    if (g.alarms.size === 0 && g.pending.size === 0) {
      g.timer?.dispose();
      g.repeat?.dispose();
      if (this.#groups.get(g.key) === g) this.#groups.delete(g.key);
      return;
    }
    this.#scheduleRepeat(g);
  }

  #scheduleRepeat(g: Group): void {
    g.repeat?.dispose();
    g.repeat = undefined;
    if (g.alarms.size === 0) return;
    const times = this.notifiers.map((n) => (g.pending.get(n.name) ?? g.confirmed.get(n.name))?.atMs).filter((t): t is number => t !== undefined);
    const now = this.scheduler.now();
    const due = times.length > 0 ? Math.min(...times) + this.#config.repeatIntervalMs : now + this.#config.repeatIntervalMs;
    g.repeat = this.scheduler.setTimeout(Math.max(0, due - now), () => {
      g.repeat = undefined;
      if (g.timer) return; // a flush is coming anyway
      this.#flush(g);
    });
  }

  async #send(g: Group, notifier: Notifier, n: Notification, state: SentState, attempt: number): Promise<void> {
    let r;
    try {
      r = await notifier.notify(n);
    } catch (err) {
      r = { ok: false as const, retryable: false, error: err instanceof Error ? err.message : String(err) };
    }
    if (this.#disposed) {
      // Stopped meanwhile (shutdown, settings saved): a delivery that went out is still logged while the log is open,
      // so the next pipeline does not send it again.
      if (r.ok) this.journal?.record({ notification: n, notifier: notifier.name, ok: true, attempts: attempt + 1 });
      return;
    }
    if (r.ok) {
      this.stats.sent++;
      this.#done(g, notifier.name, state, true);
      this.journal?.record({ notification: n, notifier: notifier.name, ok: true, attempts: attempt + 1 });
      return;
    }
    if (r.retryable && attempt < this.#config.maxRetries) {
      this.stats.retried++;
      const delayMs = withJitter(backoffMs(attempt + 1, RETRY_FIRST_MS, RETRY_MAX_MS), this.#config.retryJitter);
      const t = this.#retries.add(
        this.scheduler.setTimeout(delayMs, () => {
          this.#retries.delete(t);
          this.#track(this.#send(g, notifier, n, state, attempt + 1));
        }),
      );
      return;
    }
    this.stats.failed++;
    this.#done(g, notifier.name, state, false);
    this.journal?.record({ notification: n, notifier: notifier.name, ok: false, attempts: attempt + 1, error: r.error });
    this.onError(notifier.name, r.error);
  }

  /** A send ended: on success it is what the notifier knows; on failure the group is tried again after the group interval. */
  #done(g: Group, name: string, state: SentState, ok: boolean): void {
    if (g.pending.get(name) === state) g.pending.delete(name);
    if (ok) {
      const known = g.confirmed.get(name);
      if (!known || known.atMs <= state.atMs) g.confirmed.set(name, state);
    }
    if (this.#groups.get(g.key) !== g) {
      if (g.alarms.size === 0) return;
      // The group was dropped while the send was in flight and has work again: take it back.
      const other = this.#groups.get(g.key);
      if (other) return;
      this.#groups.set(g.key, g);
    }
    if (!ok) this.#schedule(g);
    else this.#settle(g);
  }

  #track(p: Promise<void>): void {
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p));
  }

  #allActive(): NotifiedAlarm[] {
    const out: NotifiedAlarm[] = [];
    for (const g of this.#groups.values()) for (const a of g.alarms.values()) if (isAlarmActive(a)) out.push(a);
    return out;
  }
}
