/**
 * The notification settings form (notifications.save / notifications.test), validated once. Pure: no Node, no DOM.
 * Messages name the field and what is expected, never the value (the form carries passwords and tokens).
 * The limits are those of notifications.json (main/core/notify/notificationSettings.ts), so what the form saves the
 * headless collector reads.
 */
import { z } from 'zod';
import type { NotificationSettingsInput, NotificationTestRequest } from '../model/notifications.js';

/** Most alert actions, and most recipients of one. */
export const MAX_ALERT_ACTIONS = 100;
export const MAX_RECIPIENTS = 200;
/** Longest secret accepted from the form. */
export const MAX_SECRET = 4096;
/** Timing ranges, seconds (Alertmanager group_wait, group_interval, repeat_interval). */
export const GROUP_WAIT_RANGE = [0, 3600] as const;
export const GROUP_INTERVAL_RANGE = [0, 86_400] as const;
export const REPEAT_INTERVAL_RANGE = [60, 7 * 86_400] as const;

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;
const text = (max = 1000) => z.string({ error: 'must be a non-empty string' }).trim().min(1, 'must be a non-empty string').max(max, `must be at most ${max} characters`);
const email = text(320).regex(EMAIL, 'must be an e-mail address');
const flag = z.boolean({ error: 'must be true or false' });
const numberIn = (min: number, max: number) => {
  const expected = `must be a number from ${min} to ${max}`;
  return z.number({ error: expected }).min(min, expected).max(max, expected);
};
/** absent = keep the stored secret, null = remove it, a string = store it. */
const secretInput = z.union([z.string().min(1, 'must not be empty').max(MAX_SECRET, `must be at most ${MAX_SECRET} characters`), z.null()], { error: 'must be a string, or null to remove it' }).optional();
/** An http(s) URL (zod's URL check: no global URL type in shared/). */
const isHttpUrl = (u: string): boolean => z.url({ protocol: /^https?$/ }).safeParse(u).success;
/** Whether the URL's authority holds a user name or password (`scheme://user[:pass]@host`). */
const hasUserInfo = (u: string): boolean => /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(u);
const httpUrl = text(2000)
  .refine(isHttpUrl, 'must be an http(s) URL')
  // Credentials in the URL would be kept in notifications.json and shown in the form: they go in the bearer token.
  .refine((u) => !hasUserInfo(u), 'must not hold a user name or password (give a bearer token instead: it is kept in the credential store)');

const alertActionSchema = z.strictObject({
  id: text(100),
  description: text(1000).optional(),
  recipients: z.array(z.strictObject({ address: email, enabled: flag }, { error: 'must be an object' }), { error: 'must be a list' }).max(MAX_RECIPIENTS, `must be a list of at most ${MAX_RECIPIENTS}`),
}, { error: 'must be an object' });

const httpTargetSchema = z.strictObject({ url: httpUrl, bearerToken: secretInput }, { error: 'must be an object' });

/** The form's settings. */
export const notificationSettingsInputSchema: z.ZodType<NotificationSettingsInput> = z
  .object({
    smtp: z.strictObject({
      host: text(255),
      port: numberIn(1, 65_535).int('must be a whole number'),
      secure: flag,
      requireTLS: flag,
      allowSelfSigned: flag,
      from: email,
      user: text(255).optional(),
      password: secretInput,
    }, { error: 'must be an object' }).optional(),
    alertActions: z.array(alertActionSchema, { error: 'must be a list' }).max(MAX_ALERT_ACTIONS, `must be a list of at most ${MAX_ALERT_ACTIONS}`),
    alertmanager: httpTargetSchema.optional(),
    webhook: httpTargetSchema.optional(),
    groupWaitSeconds: numberIn(...GROUP_WAIT_RANGE),
    groupIntervalSeconds: numberIn(...GROUP_INTERVAL_RANGE),
    repeatIntervalSeconds: numberIn(...REPEAT_INTERVAL_RANGE),
  }, { error: 'must be an object' })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.alertActions.forEach((a, i) => {
      if (seen.has(a.id)) ctx.addIssue({ code: 'custom', message: 'is used by another alert action', path: ['alertActions', i, 'id'] });
      seen.add(a.id);
    });
    if (s.smtp && s.alertActions.length === 0) ctx.addIssue({ code: 'custom', message: 'needs at least one alert action with recipients (alertActions)', path: ['smtp'] });
    if (s.smtp && typeof s.smtp.password === 'string' && s.smtp.user === undefined) ctx.addIssue({ code: 'custom', message: 'needs smtp.user', path: ['smtp', 'password'] });
  }) as z.ZodType<NotificationSettingsInput>;

/** "Send a test" for one notifier, with the form's settings or the saved ones. */
export const notificationTestRequestSchema: z.ZodType<NotificationTestRequest> = z.strictObject({
  target: z.enum(['email', 'alertmanager', 'webhook'], { error: 'must be email, alertmanager or webhook' }),
  alertAction: text(100).optional(),
  settings: notificationSettingsInputSchema.optional(),
}, { error: 'must be an object' }) as z.ZodType<NotificationTestRequest>;
