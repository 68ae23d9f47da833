/**
 * RTMT's Schedule Collection (serviceability-reference.md A.6: "Schedule a recurring trace collection and
 * download the trace files to an SFTP server"; peers-and-limits.md 1.7): every N hours, collect the files of the
 * last N hours from the chosen nodes and services, into a local folder or onto an SFTP server, keeping the newest
 * `keep` bundles of the schedule there (older ones of this schedule are deleted; nothing else is touched).
 *
 * Each run is an ordinary collection of the engine (trigger `schedule`), so it shows in Job Status and resumes
 * like any other. For an SFTP destination the bundle is built in a staging folder of the state folder, uploaded
 * (sftpDestination.ts: host key pinned, `.part` then rename) and the local copy removed once the server holds it;
 * a failed upload keeps it and says so in the schedule's last run. A schedule never runs twice at once; a run
 * missed while the app was closed runs once at start.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorPayload } from '../../../shared/errors.js';
import type { TraceCollectionStatus, TraceCollectRequest, TraceSchedule, TraceScheduleInput, TraceTimeRange, TraceTrigger } from '../../../shared/model/traces.js';
import { traceScheduleInputSchema } from '../../../shared/validation/traces.js';
import type { Disposable } from '../base/disposable.js';
import { Emitter, type Event } from '../base/emitter.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import { fetchSshHostKeyFingerprint } from '../polling/ssh/sshCliSession.js';
import { deliverToSftp, newestFirst } from './sftpDestination.js';
import { schedulePasswordId, type TraceScheduleStore } from './traceScheduleStore.js';

/** What a schedule needs of the collection engine (TraceCollections). */
export interface TraceCollectionStarter {
  start(request: TraceCollectRequest, trigger?: TraceTrigger): TraceCollectionStatus;
  whenDone(id: string): Promise<TraceCollectionStatus>;
}

export interface TraceSchedulesDeps {
  readonly store: TraceScheduleStore;
  readonly credentials: CredentialStore;
  readonly collections: TraceCollectionStarter;
  /** Where bundles for SFTP destinations are built before the upload (`<state>/traces/schedule-staging`). */
  readonly stagingDir: string;
  readonly now?: () => number;
  /** Reads an SFTP server's host key to pin it when a schedule is saved without one (default: over ssh2). */
  readonly fetchHostKey?: (host: string, port: number) => Promise<{ ok: true; fingerprint: string } | { ok: false; error: ErrorPayload }>;
  /** Runs the timetable (default true; tests drive {@link TraceSchedules.runDue} themselves). */
  readonly timer?: boolean;
}

const HOUR_MS = 3_600_000;
/** setTimeout's longest delay (about 24.8 days); a later run re-arms on the way. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** LogCollection's RelTime is a byte (reference B.4): beyond 127 hours the range is given as absolute. */
const MAX_RELATIVE_HOURS = 127;

/**
 * The file-name stem of a schedule's bundles: its name in the characters a bundle label allows, then the first 8
 * letters/digits of its id, so two schedules whose names read the same there (every Chinese name reads
 * `schedule`) never take each other's bundles for their own (the retention deletes what matches).
 */
export function scheduleStem(s: Pick<TraceSchedule, 'name' | 'id'>): string {
  const name =
    s.name
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 48) || 'schedule';
  return `${name}-${s.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)}`;
}

/** The label of one run's bundle: `<stem>-YYYYMMDD-HHMMSS` (UTC). */
export function runLabel(s: Pick<TraceSchedule, 'name' | 'id'>, atMs: number): string {
  const iso = new Date(atMs).toISOString();
  return `${scheduleStem(s)}-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/** Whether a file name is one of this schedule's bundles (what the retention may delete). */
export function isScheduleBundle(s: Pick<TraceSchedule, 'name' | 'id'>, fileName: string): boolean {
  const stem = scheduleStem(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${stem}-\\d{8}-\\d{6}(?:-\\d+)?\\.(?:zip|tar\\.gz)$`).test(fileName);
}

/** The range of "the last N hours" at `nowMs`. */
export function lastHoursRange(hours: number, nowMs: number): TraceTimeRange {
  return hours <= MAX_RELATIVE_HOURS ? { kind: 'relative', amount: hours, unit: 'hours' } : { kind: 'absolute', fromMs: nowMs - hours * HOUR_MS, toMs: nowMs, timeZone: 'node' };
}

/** Keeps the newest `keep` bundles of a schedule in a local folder; returns the names deleted. */
export async function retainLocal(dir: string, keep: number, isBundle: (name: string) => boolean): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter(isBundle);
  const files = await Promise.all(names.map(async (name) => ({ name, modifiedMs: (await stat(join(dir, name))).mtimeMs })));
  const doomed = newestFirst(files).slice(Math.max(0, keep));
  for (const f of doomed) await rm(join(dir, f.name), { force: true });
  return doomed.map((f) => f.name);
}

/** The schedules, their timetable and their runs. */
export class TraceSchedules implements Disposable {
  readonly #onDidChange = new Emitter<readonly TraceSchedule[]>();
  /** Fires when a schedule is saved, deleted, or a run starts or ends. */
  readonly onDidChange: Event<readonly TraceSchedule[]> = this.#onDidChange.event;
  #schedules: TraceSchedule[] = [];
  readonly #running = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #disposed = false;
  readonly #now: () => number;

  constructor(private readonly deps: TraceSchedulesDeps) {
    this.#now = deps.now ?? Date.now;
  }

  /** Reads the saved schedules, runs those whose time passed while the app was closed, and arms the timer. */
  async load(): Promise<void> {
    this.#schedules = await this.deps.store.read();
    this.#arm();
    if (this.deps.timer !== false) this.runDue(this.#now());
  }

  list(): TraceSchedule[] {
    return [...this.#schedules];
  }

  get(id: string): TraceSchedule | undefined {
    return this.#schedules.find((s) => s.id === id);
  }

  /** Validates and saves a schedule (new or replacing one); the SFTP password goes to the credential store. */
  async save(raw: TraceScheduleInput): Promise<TraceSchedule> {
    const parsed = traceScheduleInputSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('VALIDATION', parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
    const { password, id: givenId, ...input } = parsed.data as TraceScheduleInput;
    const previous = givenId ? this.get(givenId) : undefined;
    if (givenId && !previous) throw new AppError('NOT_FOUND', `no trace schedule ${givenId}`);
    const id = givenId ?? randomUUID();
    let destination = input.destination;
    if (destination.kind === 'sftp') {
      const stored = password ?? (await this.deps.credentials.get(schedulePasswordId(id)));
      if (!stored) throw new AppError('VALIDATION', 'password: the SFTP server needs a password');
      if (!destination.hostKeyFingerprint) {
        const fetched = await (this.deps.fetchHostKey ?? defaultFetchHostKey)(destination.host, destination.port);
        if (!fetched.ok) throw new AppError('PRECONDITION', `cannot read the host key of ${destination.host}:${destination.port}: ${fetched.error.message}`);
        destination = { ...destination, hostKeyFingerprint: fetched.fingerprint };
      }
      if (password) await this.deps.credentials.put(schedulePasswordId(id), password);
    } else if (previous?.destination.kind === 'sftp') {
      await this.deps.credentials.delete(schedulePasswordId(id));
    }
    const sameTimetable = previous && previous.everyHours === input.everyHours && previous.enabled === input.enabled;
    const schedule: TraceSchedule = {
      ...input,
      destination,
      id,
      nextRunMs: input.enabled ? (sameTimetable && previous.nextRunMs !== undefined ? previous.nextRunMs : this.#now() + input.everyHours * HOUR_MS) : undefined,
      ...(previous?.lastRun ? { lastRun: previous.lastRun } : {}),
    };
    this.#schedules = previous ? this.#schedules.map((s) => (s.id === id ? schedule : s)) : [...this.#schedules, schedule];
    await this.#changed();
    return schedule;
  }

  /** Deletes a schedule and its stored password (its bundles stay). */
  async delete(id: string): Promise<void> {
    if (!this.get(id)) throw new AppError('NOT_FOUND', `no trace schedule ${id}`);
    this.#schedules = this.#schedules.filter((s) => s.id !== id);
    await this.deps.credentials.delete(schedulePasswordId(id));
    await this.#changed();
  }

  /** Starts every enabled schedule whose next run is due at `nowMs` (the timer calls this). */
  runDue(nowMs: number): void {
    for (const s of this.#schedules) {
      // A run that cannot start is recorded in the schedule's lastRun by #start.
      if (s.enabled && s.nextRunMs !== undefined && s.nextRunMs <= nowMs && !this.#running.has(s.id)) this.#start(s, nowMs).catch(() => undefined);
    }
  }

  /** Runs a schedule now, outside its timetable; returns the collection's first status. */
  async runNow(id: string): Promise<TraceCollectionStatus> {
    const s = this.get(id);
    if (!s) throw new AppError('NOT_FOUND', `no trace schedule ${id}`);
    if (this.#running.has(id)) throw new AppError('CONFLICT', `schedule ${s.name} is already running`);
    return this.#start(s, this.#now(), false);
  }

  /** Resolves once the schedule's current run (collection, upload, retention) has ended. */
  async whenIdle(id: string): Promise<void> {
    await this.#running.get(id);
  }

  #start(s: TraceSchedule, atMs: number, advance = true): Promise<TraceCollectionStatus> {
    // Marked running at once (before any await), so a second runDue or whenIdle sees this run.
    let idle!: () => void;
    this.#running.set(s.id, new Promise<void>((resolve) => (idle = resolve)));
    if (advance) this.#update(s.id, { nextRunMs: nextAfter(s, atMs) });
    const started = (async () => {
      const outDir = s.destination.kind === 'local' ? s.destination.dir : join(this.deps.stagingDir, s.id);
      await mkdir(outDir, { recursive: true });
      const request: TraceCollectRequest = { nodes: s.nodes, range: lastHoursRange(s.lastHours, atMs), archive: s.archive, outDir, pseudonymize: s.pseudonymize, label: runLabel(s, atMs) };
      const first = this.deps.collections.start(request, { kind: 'schedule', scheduleId: s.id });
      this.#update(s.id, { lastRun: { atMs, state: first.state } });
      void this.#changed().catch((err: unknown) => console.error('[trace schedules] cannot save:', err));
      return first;
    })();
    void started
      .then(
        (first) => this.#finish(s, first, atMs),
        (err: unknown) => this.#record(s.id, { atMs, state: 'failed', error: toErrorPayload(err) }),
      )
      .finally(() => {
        this.#running.delete(s.id);
        idle();
      });
    return started;
  }

  async #finish(s: TraceSchedule, first: TraceCollectionStatus, atMs: number): Promise<void> {
    let lastRun: NonNullable<TraceSchedule['lastRun']>;
    try {
      const done = await this.deps.collections.whenDone(first.id);
      lastRun = { atMs, state: done.state, ...(done.bundlePath ? { bundlePath: done.bundlePath } : {}), ...(done.error ? { error: done.error } : {}) };
      if (done.bundlePath) lastRun = await this.#deliver(s, done.bundlePath, lastRun);
    } catch (err) {
      lastRun = { atMs, state: 'failed', error: toErrorPayload(err) };
    }
    await this.#record(s.id, lastRun);
  }

  async #record(id: string, lastRun: NonNullable<TraceSchedule['lastRun']>): Promise<void> {
    if (this.#disposed) return;
    this.#update(id, { lastRun });
    await this.#changed().catch((err: unknown) => console.error('[trace schedules] cannot save:', err));
  }

  async #deliver(s: TraceSchedule, bundlePath: string, lastRun: NonNullable<TraceSchedule['lastRun']>): Promise<NonNullable<TraceSchedule['lastRun']>> {
    const isBundle = (name: string): boolean => isScheduleBundle(s, name);
    const d = s.destination;
    if (d.kind === 'local') {
      await retainLocal(d.dir, s.keep, isBundle);
      return lastRun;
    }
    const password = await this.deps.credentials.get(schedulePasswordId(s.id));
    if (!password) return { ...lastRun, state: 'failed', error: { code: 'PRECONDITION', message: `no SFTP password stored for schedule ${s.name}; save it again`, retryable: false } };
    const sent = await deliverToSftp({ host: d.host, port: d.port, username: d.username, password, directory: d.directory, hostKeyFingerprint: d.hostKeyFingerprint }, bundlePath, { keep: s.keep, isBundle });
    if (!sent.ok) return { ...lastRun, state: 'failed', error: toErrorPayload(sent.error) };
    await rm(bundlePath, { force: true });
    return { ...lastRun, bundlePath: `sftp://${d.username}@${d.host}:${d.port}${sent.value.remotePath.startsWith('/') ? '' : '/'}${sent.value.remotePath}` };
  }

  #update(id: string, change: Partial<TraceSchedule>): void {
    this.#schedules = this.#schedules.map((s) => (s.id === id ? { ...s, ...change } : s));
  }

  async #changed(): Promise<void> {
    this.#arm();
    this.#onDidChange.fire(this.list());
    await this.deps.store.write(() => this.#schedules);
  }

  #arm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#disposed || this.deps.timer === false) return;
    const next = Math.min(...this.#schedules.filter((s) => s.enabled && s.nextRunMs !== undefined).map((s) => s.nextRunMs!));
    if (!Number.isFinite(next)) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.runDue(this.#now());
      this.#arm();
    }, Math.min(MAX_DELAY_MS, Math.max(0, next - this.#now())));
    this.#timer.unref();
  }

  /** Stops the timer (runs in flight end on their own; the engine leaves its collections resumable). */
  dispose(): void {
    this.#disposed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#onDidChange.dispose();
  }
}

/** The next run after one at `atMs`: every N hours on the schedule's grid, never in the past. */
function nextAfter(s: TraceSchedule, atMs: number): number {
  const step = s.everyHours * HOUR_MS;
  let next = (s.nextRunMs ?? atMs) + step;
  if (next <= atMs) next = atMs + step;
  return next;
}

async function defaultFetchHostKey(host: string, port: number): Promise<{ ok: true; fingerprint: string } | { ok: false; error: ErrorPayload }> {
  const r = await fetchSshHostKeyFingerprint(host, port);
  return r.ok ? r : { ok: false, error: toErrorPayload(r.error) };
}
