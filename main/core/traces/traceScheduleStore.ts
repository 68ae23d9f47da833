/**
 * Schedule Collection's saved schedules: one JSON file in the app's state folder (`<state>/traces/schedules.json`),
 * checked with zod on read (a file that cannot be used is set aside and the app starts with none, told why) and
 * written atomically (main/core/base/jsonStateFile.ts). SFTP passwords are never in it: they live in the
 * credential store under {@link schedulePasswordId}.
 */
import { z } from 'zod';
import type { TraceSchedule } from '../../../shared/model/traces.js';
import { traceScheduleInputSchema } from '../../../shared/validation/traces.js';
import { JsonStateFile } from '../base/jsonStateFile.js';

const errorPayload = z.strictObject({ code: z.string(), message: z.string(), retryable: z.boolean() });
const storedSchedule = traceScheduleInputSchema.omit({ id: true, password: true }).extend({
  id: z.string().min(1).max(100),
  nextRunMs: z.number().optional(),
  lastRun: z
    .strictObject({
      atMs: z.number(),
      state: z.enum(['planning', 'running', 'packing', 'completed', 'partial', 'failed', 'cancelled', 'interrupted']),
      bundlePath: z.string().optional(),
      error: errorPayload.optional(),
    })
    .optional(),
});
const fileSchema = z.strictObject({ version: z.literal(1), schedules: z.array(storedSchedule) });

/** The credential id of a schedule's SFTP password. */
export function schedulePasswordId(scheduleId: string): string {
  return `traces/schedule/${scheduleId}/sftp`;
}

/** The schedules file. */
export class TraceScheduleStore {
  readonly #file: JsonStateFile<TraceSchedule[]>;

  constructor(
    readonly path: string,
    private readonly onProblem: (message: string) => void = (m) => console.error(`[trace schedules] ${m}`),
  ) {
    this.#file = new JsonStateFile(path, (raw) => {
      const r = fileSchema.safeParse(raw);
      return r.success ? { ok: true, value: r.data.schedules as TraceSchedule[] } : { ok: false, problem: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    });
  }

  /** The saved schedules (none when the file is missing or unusable). */
  async read(): Promise<TraceSchedule[]> {
    return (await this.#file.read(this.onProblem)) ?? [];
  }

  /** Saves the schedules as they are when the write's turn comes. */
  write(schedules: () => readonly TraceSchedule[]): Promise<void> {
    return this.#file.write(() => ({ version: 1, schedules: schedules() }));
  }
}
