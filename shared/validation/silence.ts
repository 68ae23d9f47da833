/**
 * The silence shape, validated once (Alertmanager silences: matchers and a time window). Pure: no Node, no DOM.
 * Three readers build on these pieces: the contract's `alerts.silence` argument (ipcArguments.ts), the silences
 * made in the app as the SilenceBook keeps them (silences.json), and the silences of notifications.json. Messages
 * say what is expected and never repeat the value (a settings file may hold secrets beside them).
 */
import { z } from 'zod';
import { SILENCE_MATCH_FIELDS, type Matcher } from '../model/alert.js';

/** Matcher operators: equality and anchored regular expression, each possibly negated (Alertmanager). */
export const SILENCE_MATCH_OPS = ['=', '!=', '=~', '!~'] as const satisfies readonly Matcher['op'][];
/** Most matchers in one silence. */
export const MAX_SILENCE_MATCHERS = 20;
/** Longest matcher value (a label value or a regular expression). */
export const MAX_MATCHER_VALUE = 1024;
/** Longest "created by". */
export const MAX_SILENCE_AUTHOR = 255;
/** Longest comment. */
export const MAX_SILENCE_COMMENT = 4096;
/** Latest time a silence may name (the largest Date, ms since the epoch). */
const MAX_TIME_MS = 8.64e15;

/** The field a matcher looks at. */
export const silenceMatchFieldSchema = z.enum(SILENCE_MATCH_FIELDS, { error: `must be one of ${SILENCE_MATCH_FIELDS.join(', ')}` });

/** The operator of a matcher. */
export const silenceMatchOpSchema = z.enum(SILENCE_MATCH_OPS, { error: 'must be =, !=, =~ or !~' });

/** The value a matcher compares with: not blank, at most {@link MAX_MATCHER_VALUE} characters. */
export const silenceMatchValueSchema = z
  .string({ error: 'must be a non-empty string' })
  .max(MAX_MATCHER_VALUE, `must be at most ${MAX_MATCHER_VALUE} characters`)
  .refine((v) => v.trim() !== '', 'must be a non-empty string');

/** One matcher; `op` defaults to `=` (a file written by hand may leave it out). */
export const silenceMatcherSchema = z.object({ field: silenceMatchFieldSchema, op: silenceMatchOpSchema.default('='), value: silenceMatchValueSchema }, { error: 'must be an object' });

/** The matchers of a silence: at least one (a silence of nothing would mute everything), at most 20. */
export const silenceMatchersSchema = z
  .array(silenceMatcherSchema, { error: 'must be a list' })
  .min(1, 'must hold at least one matcher')
  .max(MAX_SILENCE_MATCHERS, `must hold at most ${MAX_SILENCE_MATCHERS} matchers`);

/** A time as the app keeps it: ms since the epoch. */
export const silenceTimeMsSchema = z.number({ error: 'must be epoch milliseconds' }).int('must be epoch milliseconds').min(0, 'must not be before 1970').max(MAX_TIME_MS, 'must be a representable date');

/** A time as a person writes it in a file: an ISO date-time (`2026-01-01T00:00:00Z`) or epoch ms; read as epoch ms. */
export const silenceTimeInputSchema = z.unknown().transform((v, ctx) => {
  const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (Number.isFinite(t)) return t;
  ctx.addIssue({ code: 'custom', message: 'must be an ISO date-time or epoch milliseconds' });
  return z.NEVER;
});

/** Who made a silence. */
export const silenceAuthorSchema = z.string({ error: 'must be a string' }).max(MAX_SILENCE_AUTHOR, `must be at most ${MAX_SILENCE_AUTHOR} characters`);
/** Why. */
export const silenceCommentSchema = z.string({ error: 'must be a string' }).max(MAX_SILENCE_COMMENT, `must be at most ${MAX_SILENCE_COMMENT} characters`);

/** Refinement: the issue "`<endsKey>` must be after `<startsKey>`" when a window does not end after it starts. */
export function silenceWindowCheck<K1 extends string, K2 extends string>(startsKey: K1, endsKey: K2) {
  return (value: Record<K1 | K2, number>, ctx: z.RefinementCtx): void => {
    if (!(value[endsKey] > value[startsKey])) ctx.addIssue({ code: 'custom', message: `must be after ${startsKey}`, path: [endsKey] });
  };
}

/**
 * A silence made in the app, as the SilenceBook keeps it in silences.json. An ended silence may end where it
 * starts (ending a pending one sets both to the moment it was ended), so no window check here.
 */
export const storedSilenceSchema = z.strictObject({
  id: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  matchers: silenceMatchersSchema,
  startsAt: silenceTimeMsSchema,
  endsAt: silenceTimeMsSchema,
  createdBy: silenceAuthorSchema,
  comment: silenceCommentSchema,
  source: z.literal('app', { error: 'must be "app"' }),
});

/** Longest silence made in the app: a year (the person picks the duration; a longer one is forgotten, not a silence). */
export const MAX_SILENCE_DURATION_MS = 366 * 24 * 3_600_000;

/**
 * The contract's `alerts.silence` and `alerts.updateSilence` argument: equality matchers as field → value (the
 * UI's "silence this alarm"), a window in epoch ms that ends after it starts and lasts at most a year, and why.
 * Who made it is the operator the backend knows (issue 15): a `createdBy` in the request is refused as an
 * unknown field, never recorded.
 */
export const silenceRequestSchema = z
  .strictObject({
    matchers: z
      .partialRecord(silenceMatchFieldSchema, silenceMatchValueSchema)
      .refine((m) => Object.keys(m).length > 0, 'give at least one matcher')
      .refine((m) => Object.keys(m).length <= MAX_SILENCE_MATCHERS, `at most ${MAX_SILENCE_MATCHERS} matchers`),
    startsAtMs: silenceTimeMsSchema,
    endsAtMs: silenceTimeMsSchema,
    comment: silenceCommentSchema,
  })
  .superRefine(silenceWindowCheck('startsAtMs', 'endsAtMs'))
  .superRefine((s, ctx) => {
    if (s.endsAtMs - s.startsAtMs > MAX_SILENCE_DURATION_MS) ctx.addIssue({ code: 'custom', message: 'must be at most a year after startsAtMs', path: ['endsAtMs'] });
  });

/**
 * A silence written in notifications.json: times as ISO date-times or epoch ms, a window that ends after it
 * starts; id, who and why may be left out (the reader names them).
 */
export const settingsSilenceSchema = z
  .object(
    {
      id: z.string({ error: 'must be a non-empty string' }).trim().min(1, 'must be a non-empty string').max(100, 'must be at most 100 characters').optional(),
      matchers: silenceMatchersSchema,
      startsAt: silenceTimeInputSchema,
      endsAt: silenceTimeInputSchema,
      createdBy: silenceAuthorSchema.optional(),
      comment: silenceCommentSchema.optional(),
    },
    { error: 'must be an object' },
  )
  .superRefine(silenceWindowCheck('startsAt', 'endsAt'));
