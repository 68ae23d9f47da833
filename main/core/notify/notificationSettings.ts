import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../base/errors.js';
import { z } from 'zod';
import type { Silence } from '../../../shared/model/alert.js';
import { describeIssues } from '../../../shared/validation/issues.js';
import { settingsSilenceSchema, silenceTimeInputSchema, silenceWindowCheck } from '../../../shared/validation/silence.js';
import type { AlertAction } from './alertActions.js';
import type { SettingsMaintenanceWindow } from './maintenanceBook.js';

/** Name of the settings file in the state directory. */
export const NOTIFICATION_SETTINGS_FILE = 'notifications.json';

/** A secret named, never written in the file: a credential store id, or an environment variable. */
export type SecretRef = { readonly credentialId: string } | { readonly env: string };

/** RTMT "Config Email Server" with TLS and authentication; the password is a {@link SecretRef}. */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly requireTLS: boolean;
  readonly allowSelfSigned: boolean;
  readonly from: string;
  readonly user?: string;
  readonly password?: SecretRef;
}

/** An HTTP destination (Alertmanager base URL or webhook) with an optional bearer token. */
export interface HttpTarget {
  readonly url: string;
  readonly bearerToken?: SecretRef;
}

/** The notification settings file, validated. Times are epoch milliseconds. */
export interface NotificationSettings {
  readonly smtp?: SmtpSettings;
  /** RTMT alert actions: named recipient lists, each recipient enabled one by one. */
  readonly alertActions: readonly AlertAction[];
  readonly alertmanager?: HttpTarget;
  readonly webhook?: HttpTarget;
  readonly silences: readonly Silence[];
  /** The file's one-off, per-node windows (read-only in the app; the MaintenanceBook lists them with source 'settings'). */
  readonly maintenanceWindows: readonly SettingsMaintenanceWindow[];
  /** Alertmanager-style timing overrides, seconds. */
  readonly groupWaitSeconds?: number;
  /** Alertmanager group_interval: how long a group that was notified waits before notifying what changed in it. */
  readonly groupIntervalSeconds?: number;
  readonly repeatIntervalSeconds?: number;
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;
const MAX_LIST = 1000;

/** A non-empty string (trimmed), at most 1000 characters. */
const text = z.string({ error: 'must be a non-empty string' }).trim().min(1, 'must be a non-empty string').max(1000, 'must be a non-empty string of at most 1000 characters');
const email = text.regex(EMAIL, 'must be an e-mail address');
const flag = z.boolean({ error: 'must be true or false' });
const numberIn = (min: number, max: number) => {
  const expected = `must be a number from ${min} to ${max}`;
  return z.number({ error: expected }).min(min, expected).max(max, expected);
};
/** A list of at most 1000 items; absent = empty. */
const list = <T extends z.ZodType>(item: T) => z.array(item, { error: `must be a list (at most ${MAX_LIST} items)` }).max(MAX_LIST, `must be a list (at most ${MAX_LIST} items)`).default([]);
const object = <S extends z.ZodRawShape>(shape: S) => z.object(shape, { error: 'must be an object' });

/** A secret is named ({ credentialId } or { env }), never written in the file. */
const secretRef = z.union([z.object({ credentialId: z.string().min(1, 'must not be empty') }), z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name (letters, digits, _; not starting with a digit)') })], {
  error: (iss) =>
    typeof iss.input === 'string'
      ? 'must name a secret ({ "credentialId": … } or { "env": … }), not hold it'
      : typeof iss.input !== 'object' || iss.input === null || Array.isArray(iss.input)
        ? 'must be an object'
        : 'needs credentialId or env (a variable name)',
}).transform((s): SecretRef => ('credentialId' in s ? { credentialId: s.credentialId } : { env: s.env }));

const httpTarget = object({
  url: text.refine((u) => {
    try {
      const { protocol } = new URL(u);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
  bearerToken: secretRef.optional(),
}).transform((t): HttpTarget => ({ url: t.url, ...(t.bearerToken ? { bearerToken: t.bearerToken } : {}) }));

const smtp = object({
  host: text,
  port: numberIn(1, 65535),
  from: email,
  user: text.optional(),
  password: secretRef.optional(),
  secure: flag.optional(),
  requireTLS: flag.optional(),
  allowSelfSigned: flag.optional(),
})
  .superRefine((s, ctx) => {
    if (s.password && s.user === undefined) ctx.addIssue({ code: 'custom', message: 'needs smtp.user', path: ['password'] });
  })
  .transform((s): SmtpSettings => ({
    host: s.host, port: s.port, from: s.from,
    // Implicit TLS on 465 unless said (RTMT "Config Email Server"; nodemailer's `secure`).
    secure: s.secure ?? s.port === 465, requireTLS: s.requireTLS ?? false, allowSelfSigned: s.allowSelfSigned ?? false,
    ...(s.user !== undefined ? { user: s.user } : {}), ...(s.password ? { password: s.password } : {}),
  }));

const alertAction = object({
  id: text,
  description: text.optional(),
  recipients: list(object({ address: email, enabled: flag.default(true) })),
}).transform((a): AlertAction => ({ id: a.id, recipients: a.recipients, ...(a.description ? { description: a.description } : {}) }));

const maintenanceWindow = object({
  id: text.optional(),
  cluster: text,
  node: text,
  startsAt: silenceTimeInputSchema,
  endsAt: silenceTimeInputSchema,
  comment: text.optional(),
}).superRefine(silenceWindowCheck('startsAt', 'endsAt'));

/** notifications.json (RTMT email server and alert actions, Alertmanager and webhook targets, silences, maintenance). */
const notificationSettingsSchema = object({
  smtp: smtp.optional(),
  alertActions: list(alertAction),
  alertmanager: httpTarget.optional(),
  webhook: httpTarget.optional(),
  silences: list(settingsSilenceSchema),
  maintenanceWindows: list(maintenanceWindow),
  groupWaitSeconds: numberIn(0, 3600).optional(),
  groupIntervalSeconds: numberIn(0, 86_400).optional(),
  repeatIntervalSeconds: numberIn(60, 7 * 86_400).optional(),
})
  .superRefine((s, ctx) => {
    if (s.smtp && s.alertActions.length === 0) ctx.addIssue({ code: 'custom', message: 'needs at least one alert action with recipients (alertActions)', path: ['smtp'] });
  })
  .transform((s): NotificationSettings => ({
    alertActions: s.alertActions,
    silences: s.silences.map((v, i): Silence => ({
      id: v.id ?? `silence-${i + 1}`, matchers: v.matchers, startsAt: v.startsAt, endsAt: v.endsAt,
      createdBy: v.createdBy ?? 'settings file', comment: v.comment ?? '', source: 'settings',
    })),
    maintenanceWindows: s.maintenanceWindows.map((w, i): SettingsMaintenanceWindow => ({
      id: w.id ?? `maintenance-${i + 1}`, cluster: w.cluster, node: w.node, startsAt: w.startsAt, endsAt: w.endsAt, ...(w.comment ? { comment: w.comment } : {}),
    })),
    ...(s.smtp ? { smtp: s.smtp } : {}), ...(s.alertmanager ? { alertmanager: s.alertmanager } : {}), ...(s.webhook ? { webhook: s.webhook } : {}),
    ...(s.groupWaitSeconds !== undefined ? { groupWaitSeconds: s.groupWaitSeconds } : {}),
    ...(s.groupIntervalSeconds !== undefined ? { groupIntervalSeconds: s.groupIntervalSeconds } : {}),
    ...(s.repeatIntervalSeconds !== undefined ? { repeatIntervalSeconds: s.repeatIntervalSeconds } : {}),
  }));

/**
 * Validates parsed JSON as {@link NotificationSettings}. Each issue names the field's path and what is expected
 * ("smtp.port must be a number from 1 to 65535", "silences[0].matchers[0].field must be one of …"), never its value.
 */
export function parseNotificationSettings(input: unknown): { ok: true; value: NotificationSettings } | { ok: false; issues: string[] } {
  const r = notificationSettingsSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: describeIssues(r.error, 'settings') };
}

/**
 * Reads `<stateDir>/notifications.json`: undefined when there is none; AppError('VALIDATION') naming the file
 * and the fields at fault (never their values) when it is not valid JSON or not valid settings.
 */
export async function readNotificationSettings(stateDir: string): Promise<NotificationSettings | undefined> {
  const path = join(stateDir, NOTIFICATION_SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('INTERNAL', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', `${path} is not valid JSON`);
  }
  const r = parseNotificationSettings(json);
  if (!r.ok) throw new AppError('VALIDATION', `${path}: ${r.issues.join('; ')}`);
  return r.value;
}
