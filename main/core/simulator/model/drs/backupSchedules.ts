import type { Disposable } from '../../../base/disposable.js';
import type { SimScheduler } from '../../clock/simScheduler.js';
import { DRS_MESSAGES } from './drsMessages.js';
import { DrsError } from './drsErrors.js';

/** At most 10 backup schedules (guide L10128). */
export const MAX_BACKUP_SCHEDULES = 10;
/** "Set Default": weekly, Tuesday through Saturday (guide L10161); 0 = Sunday. */
export const DEFAULT_WEEKDAYS: readonly number[] = [2, 3, 4, 5, 6];

/** Frequency (guide L10159: once a day, weekly, monthly; the CLI adds "once", reference D.7). */
export type ScheduleFrequency = 'once' | 'daily' | 'weekly' | 'monthly';

/** What a caller supplies to add a schedule. */
export interface BackupScheduleInput {
  readonly name: string;
  readonly device: string;
  readonly features: readonly string[];
  /** First run, virtual ms (UTC wall clock of the simulated cluster). */
  readonly startMs: number;
  readonly frequency: ScheduleFrequency;
  /** Days of week for weekly schedules (0 = Sunday); the start day by default. */
  readonly weekdays?: readonly number[];
}

/** A configured schedule (guide L10142-10173). */
export interface BackupSchedule extends BackupScheduleInput {
  readonly weekdays: readonly number[];
  enabled: boolean;
  /** Next virtual time it fires, while enabled. */
  nextRunMs: number | undefined;
  lastRunMs: number | undefined;
}

const DAY = 86_400_000;

/** The first run of `s` at or after `fromMs`, or undefined when it will not run again. */
export function nextRunAt(s: Pick<BackupSchedule, 'startMs' | 'frequency' | 'weekdays'>, fromMs: number): number | undefined {
  if (fromMs <= s.startMs) {
    if (s.frequency !== 'weekly' || s.weekdays.includes(new Date(s.startMs).getUTCDay())) return s.startMs;
  }
  switch (s.frequency) {
    case 'once':
      return fromMs <= s.startMs ? s.startMs : undefined;
    case 'daily':
      return s.startMs + Math.ceil((fromMs - s.startMs) / DAY) * DAY;
    case 'weekly': {
      const first = s.startMs + Math.max(0, Math.ceil((fromMs - s.startMs) / DAY)) * DAY;
      for (let i = 0; i < 8; i++) {
        const t = first + i * DAY;
        if (s.weekdays.includes(new Date(t).getUTCDay())) return t;
      }
      return undefined;
    }
    case 'monthly': {
      const start = new Date(s.startMs);
      const timeOfDay = s.startMs - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
      for (let k = 0; k < 1200; k++) {
        const y = start.getUTCFullYear();
        const m = start.getUTCMonth() + k;
        const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
        const t = Date.UTC(y, m, Math.min(start.getUTCDate(), last)) + timeOfDay;
        if (t >= fromMs) return t;
      }
      return undefined;
    }
  }
}

/** The Schedule List: schedules armed on the virtual clock; `fire` starts the backup. */
export class BackupSchedules implements Disposable {
  readonly #schedules = new Map<string, BackupSchedule>();
  readonly #timers = new Map<string, Disposable>();

  constructor(
    private readonly scheduler: SimScheduler,
    private readonly fire: (schedule: BackupSchedule) => void,
  ) {}

  list(): BackupSchedule[] {
    return [...this.#schedules.values()];
  }

  /** Throws DrsError NOT_FOUND for an unknown schedule. */
  require(name: string): BackupSchedule {
    const s = this.#schedules.get(name);
    if (!s) throw new DrsError('NOT_FOUND', `drfCliMsg: Schedule ${name} does not exist.`);
    return s;
  }

  /** The first schedule using `device` (a device in a schedule cannot be deleted, L10081). */
  usingDevice(device: string): string | undefined {
    return this.list().find((s) => s.device === device)?.name;
  }

  /** Adds a schedule, disabled until enabled (guide L10165-10171). Validation of device/features is the caller's. */
  add(input: BackupScheduleInput): BackupSchedule {
    if (!/^[A-Za-z0-9 _-]+$/.test(input.name)) throw new DrsError('VALIDATION', 'drfCliMsg: Schedule Name can contain only alphanumeric characters, spaces ( ), dashes (-) and underscores (_).');
    if (this.#schedules.has(input.name)) throw new DrsError('CONFLICT', `drfCliMsg: Schedule ${input.name} already exists.`);
    if (this.#schedules.size >= MAX_BACKUP_SCHEDULES) throw new DrsError('CONFLICT', DRS_MESSAGES.tooManySchedules);
    if (input.features.length === 0) throw new DrsError('VALIDATION', DRS_MESSAGES.noFeature, 'DRFNoRegisteredFeature');
    const weekdays = input.weekdays ?? [new Date(input.startMs).getUTCDay()];
    if (weekdays.length === 0 || weekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) throw new DrsError('VALIDATION', 'drfCliMsg: Select at least one day of the week (0-6).');
    const s: BackupSchedule = { ...input, features: [...input.features], weekdays: [...new Set(weekdays)].sort(), enabled: false, nextRunMs: undefined, lastRunMs: undefined };
    this.#schedules.set(s.name, s);
    return s;
  }

  /** Enables a schedule: the next backup runs automatically at the set time (L10173). */
  enable(name: string): void {
    const s = this.require(name);
    s.enabled = true;
    this.#arm(s, this.scheduler.now());
  }

  disable(name: string): void {
    const s = this.require(name);
    s.enabled = false;
    s.nextRunMs = undefined;
    this.#timers.get(name)?.dispose();
    this.#timers.delete(name);
  }

  delete(name: string): void {
    this.disable(name);
    this.#schedules.delete(name);
  }

  dispose(): void {
    for (const t of this.#timers.values()) t.dispose();
    this.#timers.clear();
  }

  #arm(s: BackupSchedule, fromMs: number): void {
    this.#timers.get(s.name)?.dispose();
    s.nextRunMs = nextRunAt(s, fromMs);
    if (s.nextRunMs === undefined) {
      this.#timers.delete(s.name);
      return;
    }
    this.#timers.set(
      s.name,
      this.scheduler.at(s.nextRunMs, (t) => {
        s.lastRunMs = t;
        this.#arm(s, t + 1);
        this.fire(s);
      }),
    );
  }
}
