/**
 * Trace download on alert (RTMT's "Enable Trace Download", serviceability-reference.md A.3; issue 12): when a
 * rule with `traceDownload` raises an alarm, the traces of the chosen services from the alarm's node (the last
 * N minutes) are collected into a bundle, and the alarm links to it ({@link AlarmTraceDownload}). Cisco cautions
 * "Trace Download may affect services on the node" (reference A.3, "Trace collection risks"), so downloads are
 * limited per rule per day (the rule's `maxPerDay`) and for all rules per day (`maxPerDayAll`); a download the
 * limits refuse is recorded as skipped with the reason, on the alarm, never silently dropped.
 *
 * The links are kept in a JSON state file (the alarm store is Alert Central's; this keeps the traces side),
 * newest 1,000, so the alarm's bundle is still known after a restart. The alerts layer is not imported: the app
 * hands the engine's `onDidChangeAlarm` in.
 */
import { z } from 'zod';
import type { AlarmRecord, AlarmTraceDownload, AlertRule } from '../../../shared/model/alert.js';
import type { TraceCollectRequest, TraceTimeRange } from '../../../shared/model/traces.js';
import type { Disposable } from '../base/disposable.js';
import { Emitter, type Event } from '../base/emitter.js';
import { toErrorPayload } from '../base/errors.js';
import { JsonStateFile } from '../base/jsonStateFile.js';
import type { TraceCollectionStarter } from './traceSchedules.js';

/** An alarm change as Alert Central fires it (AlertEngine.onDidChangeAlarm). */
export interface AlarmChangeEvent {
  readonly kind: string;
  readonly alarm: AlarmRecord;
  readonly rule?: AlertRule;
}

export interface AlertTraceDownloadsDeps {
  readonly onDidChangeAlarm: Event<AlarmChangeEvent>;
  readonly collections: TraceCollectionStarter;
  /** Where the bundles go (`<state>/traces/alarms`). */
  readonly outDir: string;
  /** The links file (`<state>/traces/alarm-traces.json`). */
  readonly linksPath: string;
  /** Most downloads per day for all rules together (default {@link DEFAULT_MAX_PER_DAY_ALL}). */
  readonly maxPerDayAll?: number;
  readonly now?: () => number;
}

/** Downloads per day for all rules together (designed: a bad day's alarm storm must not hammer the nodes). */
export const DEFAULT_MAX_PER_DAY_ALL = 10;
/** Links kept (newest first). */
const MAX_LINKS = 1000;
const DAY_MS = 86_400_000;
/** LogCollection's RelTime is a byte (reference B.4): longer ranges are given as absolute. */
const MAX_RELATIVE = 127;

const linkSchema = z.strictObject({
  alarmId: z.string(),
  ruleId: z.string(),
  cluster: z.string(),
  node: z.string(),
  atMs: z.number(),
  collectionId: z.string().optional(),
  state: z.enum(['running', 'completed', 'partial', 'failed', 'cancelled', 'interrupted', 'skipped']),
  bundlePath: z.string().optional(),
  reason: z.string().optional(),
});
const fileSchema = z.strictObject({ version: z.literal(1), links: z.array(linkSchema) });

/** The range of "the last N minutes before the alarm". */
export function minutesBefore(minutes: number, atMs: number): TraceTimeRange {
  return minutes <= MAX_RELATIVE ? { kind: 'relative', amount: minutes, unit: 'minutes' } : { kind: 'absolute', fromMs: atMs - minutes * 60_000, toMs: atMs, timeZone: 'node' };
}

/** Starts the downloads alarms ask for, within the limits, and keeps the alarm → bundle links. */
export class AlertTraceDownloads implements Disposable {
  readonly #onDidChange = new Emitter<AlarmTraceDownload>();
  /** Fires when a link is made or its collection ends. */
  readonly onDidChange: Event<AlarmTraceDownload> = this.#onDidChange.event;
  readonly #file: JsonStateFile<AlarmTraceDownload[]>;
  #links: AlarmTraceDownload[] = [];
  readonly #pending = new Set<Promise<void>>();
  readonly #subscription: Disposable;
  readonly #now: () => number;
  #disposed = false;

  constructor(private readonly deps: AlertTraceDownloadsDeps) {
    this.#now = deps.now ?? Date.now;
    this.#file = new JsonStateFile(deps.linksPath, (raw) => {
      const r = fileSchema.safeParse(raw);
      return r.success ? { ok: true, value: r.data.links as AlarmTraceDownload[] } : { ok: false, problem: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    });
    this.#subscription = deps.onDidChangeAlarm((e) => this.#onAlarm(e));
  }

  /** Reads the saved links (call once at start). */
  async load(): Promise<void> {
    const saved = (await this.#file.read((m) => console.error(`[alarm traces] ${m}`))) ?? [];
    // Links made before load (an alarm raised at start) win over saved ones of the same alarm.
    const fresh = new Set(this.#links.map((l) => l.alarmId));
    this.#links = [...this.#links, ...saved.filter((l) => !fresh.has(l.alarmId))].slice(0, MAX_LINKS);
  }

  /** Every link, newest first. */
  list(): AlarmTraceDownload[] {
    return [...this.#links];
  }

  /** The download of an alarm, if it had one. */
  linkFor(alarmId: string): AlarmTraceDownload | undefined {
    return this.#links.find((l) => l.alarmId === alarmId);
  }

  /** Resolves once every download started so far has ended and its link is saved. */
  async settled(): Promise<void> {
    while (this.#pending.size) await Promise.all([...this.#pending]);
    await this.#file.settled();
  }

  #onAlarm(e: AlarmChangeEvent): void {
    const td = e.rule?.traceDownload;
    if (this.#disposed || e.kind !== 'raised' || !td || !e.rule || this.linkFor(e.alarm.id)) return;
    const atMs = this.#now();
    const base = { alarmId: e.alarm.id, ruleId: e.rule.id, cluster: e.alarm.cluster, node: e.alarm.node, atMs };
    const dayStart = atMs - (atMs % DAY_MS);
    const today = this.#links.filter((l) => l.state !== 'skipped' && l.atMs >= dayStart);
    const ofRule = today.filter((l) => l.ruleId === e.rule!.id).length;
    const allMax = this.deps.maxPerDayAll ?? DEFAULT_MAX_PER_DAY_ALL;
    const refusal =
      ofRule >= td.maxPerDay
        ? `this rule already downloaded traces ${ofRule} time(s) today (limit ${td.maxPerDay} per day)`
        : today.length >= allMax
          ? `trace downloads on alert reached the limit of ${allMax} per day for all rules`
          : undefined;
    if (refusal) return this.#put({ ...base, state: 'skipped', reason: refusal });
    const request: TraceCollectRequest = {
      nodes: [{ cluster: e.alarm.cluster, node: e.alarm.node, serviceLogs: td.serviceLogs, systemLogs: td.systemLogs }],
      range: minutesBefore(td.lastMinutes, atMs),
      archive: 'zip',
      outDir: this.deps.outDir,
      label: alarmLabel(e.rule.id, e.alarm.node, atMs),
    };
    let started;
    try {
      started = this.deps.collections.start(request, { kind: 'alert', ruleId: e.rule.id, alarmId: e.alarm.id });
    } catch (err) {
      return this.#put({ ...base, state: 'failed', reason: toErrorPayload(err).message });
    }
    this.#put({ ...base, state: 'running', collectionId: started.id });
    const done = this.deps.collections
      .whenDone(started.id)
      .then(
        (s) => {
          const state = s.state === 'completed' || s.state === 'partial' || s.state === 'failed' || s.state === 'cancelled' || s.state === 'interrupted' ? s.state : 'failed';
          this.#put({ ...base, collectionId: started.id, state, ...(s.bundlePath ? { bundlePath: s.bundlePath } : {}), ...(s.error ? { reason: s.error.message } : {}) });
        },
        (err: unknown) => this.#put({ ...base, collectionId: started.id, state: 'failed', reason: toErrorPayload(err).message }),
      )
      .finally(() => this.#pending.delete(done));
    this.#pending.add(done);
  }

  #put(link: AlarmTraceDownload): void {
    if (this.#disposed) return;
    this.#links = [link, ...this.#links.filter((l) => l.alarmId !== link.alarmId)].slice(0, MAX_LINKS);
    this.#onDidChange.fire(link);
    void this.#file.write(() => ({ version: 1, links: this.#links })).catch((err: unknown) => console.error('[alarm traces] cannot save links:', err));
  }

  dispose(): void {
    this.#disposed = true;
    this.#subscription.dispose();
    this.#onDidChange.dispose();
  }
}

/** The bundle label of an alarm's download: `alarm-<rule>-<node>-YYYYMMDD-HHMMSS`. */
export function alarmLabel(ruleId: string, node: string, atMs: number): string {
  const iso = new Date(atMs).toISOString();
  const clean = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 30);
  return `alarm-${clean(ruleId)}-${clean(node)}-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}
