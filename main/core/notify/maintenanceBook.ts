import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { MaintenanceWindow, MaintenanceWindowInput } from '../../../shared/model/alert.js';
import { maintenanceCovers, maintenanceState, scheduleHasFuture } from '../../../shared/model/maintenanceSchedule.js';
import { describeIssues } from '../../../shared/validation/issues.js';
import { maintenanceWindowInputSchema, storedMaintenanceWindowSchema } from '../../../shared/validation/maintenance.js';
import { AppError } from '../base/errors.js';
import { JsonStateFile } from '../base/jsonStateFile.js';

/** The app's file of maintenance windows, in the state folder. */
export const MAINTENANCE_FILE = 'maintenance.json';
/** How long a window that can no longer hold is still listed (as silences: Alertmanager's 120 h retention). */
export const MAINTENANCE_RETENTION_MS = 120 * 3_600_000;
/** Most windows kept (a bound on a hand-edited file, and on a client that creates in a loop). */
export const MAX_MAINTENANCE_WINDOWS = 1_000;
/** Who made the windows of notifications.json. */
export const SETTINGS_AUTHOR = 'notifications.json';

/** maintenance.json: `{ "windows": [...] }`, each in the shape of shared/validation/maintenance.ts. */
const fileSchema = z.strictObject(
  { windows: z.array(storedMaintenanceWindowSchema).max(MAX_MAINTENANCE_WINDOWS, `must hold at most ${MAX_MAINTENANCE_WINDOWS} windows`) },
  { error: 'must be an object { "windows": [...] }' },
);

function parseFile(data: unknown): { ok: true; value: MaintenanceWindow[] } | { ok: false; problem: string } {
  const r = fileSchema.safeParse(data);
  if (r.success) return { ok: true, value: r.data.windows };
  return { ok: false, problem: describeIssues(r.error, '(file)').join('; ') };
}

/** A one-off per-node window of notifications.json (the settings file's format, read by notify/notificationSettings.ts). */
export interface SettingsMaintenanceWindow {
  readonly id: string;
  readonly cluster: string;
  readonly node?: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly comment?: string;
}

/** A settings-file window in the app's shape: read-only (source 'settings'), made by the file. */
export function fromSettingsWindow(w: SettingsMaintenanceWindow): MaintenanceWindow {
  return {
    id: w.id,
    cluster: w.cluster,
    ...(w.node !== undefined ? { node: w.node } : {}),
    schedule: { kind: 'once', startsAt: w.startsAt, endsAt: w.endsAt },
    comment: w.comment ?? '',
    createdBy: SETTINGS_AUTHOR,
    createdAtMs: w.startsAt,
    source: 'settings',
  };
}

/**
 * Maintenance windows (NetXMS maintenance mode and Zabbix maintenance, peers-and-limits.md 1.1 L97, 1.2 L172): per
 * node or whole cluster, once or
 * weekly in an IANA time zone (shared/model/maintenanceSchedule.ts). Collection and evaluation go on; alarms are
 * raised and shown; the notification muter holds back their notifications ({@link covering}). Windows made in the
 * app are kept in <state>/maintenance.json (0600, atomic writes), edited and deleted here; those of
 * notifications.json are listed and obeyed but read-only (edit that file). A window that can no longer hold is
 * listed for {@link MAINTENANCE_RETENTION_MS}, then dropped from the file.
 */
export class MaintenanceBook {
  #made: MaintenanceWindow[] = [];

  private constructor(
    private readonly file: JsonStateFile<MaintenanceWindow[]>,
    private readonly fromSettings: readonly MaintenanceWindow[],
    private readonly now: () => number,
  ) {}

  /** Opens the book at `path` (a missing file: no windows made in the app yet; an unusable one is set aside). */
  static async open(
    path: string,
    options: { readonly settings?: readonly SettingsMaintenanceWindow[]; readonly now?: () => number; readonly onProblem?: (message: string) => void } = {},
  ): Promise<MaintenanceBook> {
    const book = new MaintenanceBook(new JsonStateFile(path, parseFile), (options.settings ?? []).map(fromSettingsWindow), options.now ?? Date.now);
    book.#made = (await book.file.read(options.onProblem ?? ((m) => console.warn(`[maintenance] ${m}; starting with none made in the app`)))) ?? [];
    return book;
  }

  /**
   * Every window still listed: in force first (soonest end first), then pending (soonest start first), then those
   * that can no longer hold (latest first).
   */
  list(): MaintenanceWindow[] {
    const now = this.now();
    const rank = (w: MaintenanceWindow): [number, number] => {
      const s = maintenanceState(w, now);
      if (s.active) return [0, s.endsAtMs ?? now];
      if (s.nextStartMs !== undefined) return [1, s.nextStartMs];
      return [2, -lastEnd(w)];
    };
    return [...this.fromSettings, ...this.#made]
      .filter((w) => this.#listed(w, now))
      .map((w) => ({ w, r: rank(w) }))
      .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1])
      .map((x) => x.w);
  }

  /**
   * Every window the muter must look at, unsorted and without computing any state (cheap: the notification muter
   * asks on every decision and tests each with maintenanceCovers, which compares cluster and node first).
   */
  all(): readonly MaintenanceWindow[] {
    return this.#made.length === 0 ? this.fromSettings : [...this.fromSettings, ...this.#made];
  }

  /** The window in force for a node at `nowMs` (the first one found), if any. */
  covering(cluster: string, node: string, nowMs: number): MaintenanceWindow | undefined {
    for (const w of this.fromSettings) if (maintenanceCovers(w, cluster, node, nowMs)) return w;
    for (const w of this.#made) if (maintenanceCovers(w, cluster, node, nowMs)) return w;
    return undefined;
  }

  /**
   * Creates (no id) or edits (id) a window made in the app; resolves once it is on disk. Who made or changed it is
   * `operator`, the backend's. A window of notifications.json is PRECONDITION, an unknown id NOT_FOUND, a window
   * that could never hold again (ended) VALIDATION.
   */
  async save(input: MaintenanceWindowInput, operator: string): Promise<MaintenanceWindow> {
    const parsed = maintenanceWindowInputSchema.safeParse(input);
    if (!parsed.success) throw new AppError('VALIDATION', `maintenance window: ${describeIssues(parsed.error).join('; ')}`);
    const v = parsed.data;
    const now = this.now();
    if (!scheduleHasFuture(v.schedule, now)) throw new AppError('VALIDATION', 'a maintenance window must end in the future');
    const fields = { cluster: v.cluster, ...(v.node !== undefined ? { node: v.node } : {}), schedule: v.schedule, comment: v.comment };
    let saved: MaintenanceWindow;
    if (v.id === undefined) {
      this.#prune(now);
      if (this.#made.length >= MAX_MAINTENANCE_WINDOWS) throw new AppError('PRECONDITION', `at most ${MAX_MAINTENANCE_WINDOWS} maintenance windows are kept; delete some first`);
      saved = { id: randomUUID(), ...fields, createdBy: operator, createdAtMs: now, source: 'app' };
      this.#made = [...this.#made, saved];
    } else {
      const old = this.#ownWindow(v.id);
      saved = { id: old.id, ...fields, createdBy: old.createdBy, createdAtMs: old.createdAtMs, updatedBy: operator, updatedAtMs: now, source: 'app' };
      this.#made = this.#made.map((w) => (w.id === v.id ? saved : w));
    }
    await this.#save(now);
    return saved;
  }

  /** Deletes a window made in the app; resolves once the file no longer holds it. */
  async delete(id: string): Promise<void> {
    this.#ownWindow(id);
    this.#made = this.#made.filter((w) => w.id !== id);
    await this.#save(this.now());
  }

  #ownWindow(id: string): MaintenanceWindow {
    if (this.fromSettings.some((w) => w.id === id)) throw new AppError('PRECONDITION', `maintenance window ${id} comes from notifications.json: edit that file to change it`);
    const w = this.#made.find((x) => x.id === id);
    if (w === undefined) throw new AppError('NOT_FOUND', `no maintenance window ${id}`);
    return w;
  }

  #listed(w: MaintenanceWindow, now: number): boolean {
    return scheduleHasFuture(w.schedule, now) || lastEnd(w) > now - MAINTENANCE_RETENTION_MS;
  }

  #prune(now: number): void {
    this.#made = this.#made.filter((w) => this.#listed(w, now));
  }

  #save(now: number): Promise<void> {
    this.#prune(now);
    return this.file.write(() => ({ windows: this.#made }));
  }
}

/**
 * When a window that can no longer hold last held: its end (one-off) or validUntil (weekly); a weekly window
 * without validUntil always has a future, so this is only read for windows over.
 */
function lastEnd(w: MaintenanceWindow): number {
  return w.schedule.kind === 'once' ? w.schedule.endsAt : (w.schedule.validUntil ?? Number.POSITIVE_INFINITY);
}
