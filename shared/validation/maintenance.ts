/**
 * The maintenance window shape, validated once (NetXMS maintenance mode and Zabbix maintenance, peers-and-limits.md
 * 1.1 L97, 1.2 L172). Pure: no Node,
 * no DOM. Two readers build on these pieces: the contract's `alerts.saveMaintenance` argument (ipcArguments.ts) and
 * the windows made in the app as the MaintenanceBook keeps them (<state>/maintenance.json). Messages say what is
 * expected and never repeat the value.
 */
import { z } from 'zod';
import { isKnownTimeZone } from '../model/maintenanceSchedule.js';
import { silenceTimeMsSchema } from './silence.js';

/** Longest cluster or node name. */
export const MAX_MAINTENANCE_NAME = 255;
/** Longest comment. */
export const MAX_MAINTENANCE_COMMENT = 4096;
/** Longest weekly window: a week (longer would overlap itself). */
export const MAX_WEEKLY_DURATION_MINUTES = 7 * 24 * 60;
/** Longest one-off window: a year (a longer one is a decommissioned node, not maintenance). */
export const MAX_ONCE_DURATION_MS = 366 * 24 * 3_600_000;

const nameSchema = z
  .string({ error: 'must be a non-empty string' })
  .trim()
  .min(1, 'must be a non-empty string')
  .max(MAX_MAINTENANCE_NAME, `must be at most ${MAX_MAINTENANCE_NAME} characters`);

/** A weekday: 0 Sunday … 6 Saturday. */
const weekdaySchema = z.number({ error: 'must be a weekday number 0 (Sunday) to 6 (Saturday)' }).int('must be a weekday number 0 (Sunday) to 6 (Saturday)').min(0, 'must be a weekday number 0 (Sunday) to 6 (Saturday)').max(6, 'must be a weekday number 0 (Sunday) to 6 (Saturday)');

/** An IANA time zone name this runtime knows. */
export const timeZoneSchema = z
  .string({ error: 'must be an IANA time zone name such as Europe/Paris' })
  .max(64, 'must be an IANA time zone name such as Europe/Paris')
  .refine((tz) => isKnownTimeZone(tz), 'must be an IANA time zone name such as Europe/Paris');

const onceSchema = z
  .strictObject({ kind: z.literal('once'), startsAt: silenceTimeMsSchema, endsAt: silenceTimeMsSchema })
  .superRefine((s, ctx) => {
    if (!(s.endsAt > s.startsAt)) ctx.addIssue({ code: 'custom', message: 'must be after startsAt', path: ['endsAt'] });
    else if (s.endsAt - s.startsAt > MAX_ONCE_DURATION_MS) ctx.addIssue({ code: 'custom', message: 'must be at most a year after startsAt', path: ['endsAt'] });
  });

const weeklySchema = z
  .strictObject({
    kind: z.literal('weekly'),
    days: z
      .array(weekdaySchema, { error: 'must be a list of weekdays' })
      .min(1, 'must hold at least one weekday')
      .max(7, 'must hold at most 7 weekdays')
      .refine((d) => new Set(d).size === d.length, 'must not repeat a weekday'),
    startMinute: z.number({ error: 'must be minutes after midnight (0-1439)' }).int('must be minutes after midnight (0-1439)').min(0, 'must be minutes after midnight (0-1439)').max(1439, 'must be minutes after midnight (0-1439)'),
    durationMinutes: z
      .number({ error: `must be minutes from 1 to ${MAX_WEEKLY_DURATION_MINUTES}` })
      .int(`must be minutes from 1 to ${MAX_WEEKLY_DURATION_MINUTES}`)
      .min(1, `must be minutes from 1 to ${MAX_WEEKLY_DURATION_MINUTES}`)
      .max(MAX_WEEKLY_DURATION_MINUTES, `must be minutes from 1 to ${MAX_WEEKLY_DURATION_MINUTES}`),
    timeZone: timeZoneSchema,
    validFrom: silenceTimeMsSchema.optional(),
    validUntil: silenceTimeMsSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.validFrom !== undefined && s.validUntil !== undefined && !(s.validUntil > s.validFrom)) ctx.addIssue({ code: 'custom', message: 'must be after validFrom', path: ['validUntil'] });
  });

/** When a window holds: once (start, end) or weekly (days, start minute, duration, IANA time zone, validity). */
export const maintenanceScheduleSchema = z.discriminatedUnion('kind', [onceSchema, weeklySchema], { error: 'must be { kind: "once", … } or { kind: "weekly", … }' });

/** Why. */
export const maintenanceCommentSchema = z.string({ error: 'must be a string' }).max(MAX_MAINTENANCE_COMMENT, `must be at most ${MAX_MAINTENANCE_COMMENT} characters`);

/**
 * The contract's `alerts.saveMaintenance` argument: a node or a whole cluster (no node), a schedule, a comment; an
 * id to edit an existing window. Who made or changed it is the operator the backend knows, never a field here.
 */
export const maintenanceWindowInputSchema = z.strictObject({
  id: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
  cluster: nameSchema,
  node: nameSchema.optional(),
  schedule: maintenanceScheduleSchema,
  comment: maintenanceCommentSchema,
});

/** A window made in the app, as the MaintenanceBook keeps it in maintenance.json. */
export const storedMaintenanceWindowSchema = z.strictObject({
  id: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  cluster: nameSchema,
  node: nameSchema.optional(),
  schedule: maintenanceScheduleSchema,
  comment: maintenanceCommentSchema,
  createdBy: z.string({ error: 'must be a string' }).max(255, 'must be at most 255 characters'),
  createdAtMs: silenceTimeMsSchema,
  updatedBy: z.string({ error: 'must be a string' }).max(255, 'must be at most 255 characters').optional(),
  updatedAtMs: silenceTimeMsSchema.optional(),
  source: z.literal('app', { error: 'must be "app"' }),
});
