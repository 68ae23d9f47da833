import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NotificationSettingsInput, NotificationSettingsView, SecretInput } from '../../../shared/model/notifications.js';
import { AppError } from '../base/errors.js';
import { writeFileAtomic } from '../base/jsonStateFile.js';
import { DEFAULT_PIPELINE_CONFIG } from './notificationPipeline.js';
import { NOTIFICATION_SETTINGS_FILE, parseNotificationSettings, type NotificationSettings, type SecretRef } from './notificationSettings.js';

/** The secrets the form sets, and the credential store id each one is kept under. */
export const NOTIFICATION_SECRETS = {
  smtp: 'notifications/smtp/password',
  alertmanager: 'notifications/alertmanager/bearerToken',
  webhook: 'notifications/webhook/bearerToken',
} as const;

export type NotificationSecretSlot = keyof typeof NOTIFICATION_SECRETS;

/** The form's secret per slot (absent = keep, null = remove, a string = this one). */
export function secretInputs(input: NotificationSettingsInput): Record<NotificationSecretSlot, SecretInput> {
  return { smtp: input.smtp?.password, alertmanager: input.alertmanager?.bearerToken, webhook: input.webhook?.bearerToken };
}

/** The references the saved settings hold per slot. */
export function secretRefs(s: NotificationSettings | undefined): Partial<Record<NotificationSecretSlot, SecretRef>> {
  return {
    ...(s?.smtp?.password ? { smtp: s.smtp.password } : {}),
    ...(s?.alertmanager?.bearerToken ? { alertmanager: s.alertmanager.bearerToken } : {}),
    ...(s?.webhook?.bearerToken ? { webhook: s.webhook.bearerToken } : {}),
  };
}

/**
 * Why the form may not keep a stored secret (undefined: it may): a secret left out of the form (absent = keep) is
 * only sent where it was saved for — when the form's SMTP host, Alertmanager URL or webhook URL differs from the
 * file's, the stored password or token would go to the new place, so it must be typed again (or removed with null).
 * `raw` is the file's JSON (readRawNotificationSettings); `current` the references it holds; `only` limits the check to
 * one slot (a test sends through one notifier).
 */
export function movedSecretsProblem(raw: Record<string, unknown>, input: NotificationSettingsInput, current: Partial<Record<NotificationSecretSlot, SecretRef>>, only?: NotificationSecretSlot): string | undefined {
  const section = (k: string): Record<string, unknown> => {
    const v = raw[k];
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  };
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const url = (u: string): string => {
    try {
      return new URL(u).href;
    } catch {
      return u.trim();
    }
  };
  const inputs = secretInputs(input);
  const problems: string[] = [];
  const check = (slot: NotificationSecretSlot, what: string, before: string, after: string | undefined, secret: string): void => {
    if ((only !== undefined && slot !== only) || after === undefined || inputs[slot] !== undefined || !current[slot] || before === after) return;
    problems.push(`the ${what} changed from ${before || '(none)'} to ${after}: type the ${secret} again (a stored one is only sent where it was saved for)`);
  };
  check('smtp', 'SMTP server', text(section('smtp').host).trim().toLowerCase(), input.smtp?.host.trim().toLowerCase(), 'SMTP password');
  check('alertmanager', 'Alertmanager URL', url(text(section('alertmanager').url)), input.alertmanager ? url(input.alertmanager.url) : undefined, 'Alertmanager bearer token');
  check('webhook', 'webhook URL', url(text(section('webhook').url)), input.webhook ? url(input.webhook.url) : undefined, 'webhook bearer token');
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** The settings file's path. */
export function notificationSettingsPath(stateDir: string): string {
  return join(stateDir, NOTIFICATION_SETTINGS_FILE);
}

/**
 * The file as JSON (an empty object when there is none), so that what the form does not edit — silences and
 * maintenance windows of the file, fields a newer version wrote — is kept when the form's part is written back.
 */
export async function readRawNotificationSettings(stateDir: string): Promise<Record<string, unknown>> {
  const path = notificationSettingsPath(stateDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new AppError('INTERNAL', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', `${path} is not valid JSON: fix or remove it before saving from the app`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new AppError('VALIDATION', `${path} must hold a JSON object: fix or remove it before saving from the app`);
  return json as Record<string, unknown>;
}

/**
 * The file's JSON with the form's part replaced: SMTP, alert actions, Alertmanager, webhook and timing; each
 * secret written as the reference `refs` gives for its slot (never a value).
 */
export function fileWithInput(raw: Record<string, unknown>, input: NotificationSettingsInput, refs: Partial<Record<NotificationSecretSlot, SecretRef>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  delete out.smtp;
  delete out.alertmanager;
  delete out.webhook;
  if (input.smtp) {
    const s = input.smtp;
    out.smtp = { host: s.host, port: s.port, secure: s.secure, requireTLS: s.requireTLS, allowSelfSigned: s.allowSelfSigned, from: s.from, ...(s.user !== undefined ? { user: s.user } : {}), ...(refs.smtp ? { password: refs.smtp } : {}) };
  }
  out.alertActions = input.alertActions.map((a) => ({ id: a.id, ...(a.description ? { description: a.description } : {}), recipients: a.recipients.map((r) => ({ address: r.address, enabled: r.enabled })) }));
  if (input.alertmanager) out.alertmanager = { url: input.alertmanager.url, ...(refs.alertmanager ? { bearerToken: refs.alertmanager } : {}) };
  if (input.webhook) out.webhook = { url: input.webhook.url, ...(refs.webhook ? { bearerToken: refs.webhook } : {}) };
  out.groupWaitSeconds = input.groupWaitSeconds;
  out.groupIntervalSeconds = input.groupIntervalSeconds;
  out.repeatIntervalSeconds = input.repeatIntervalSeconds;
  return out;
}

/** Validates the file's JSON as settings (the headless collector's reader): AppError('VALIDATION') naming the fields. */
export function settingsOfFile(json: Record<string, unknown>, path: string): NotificationSettings {
  const r = parseNotificationSettings(json);
  if (!r.ok) throw new AppError('VALIDATION', `${path}: ${r.issues.join('; ')}`);
  return r.value;
}

/** Writes the file (0600, atomic: a reader or a crash never sees half of it). */
export async function writeNotificationSettings(stateDir: string, json: Record<string, unknown>): Promise<void> {
  await writeFileAtomic(notificationSettingsPath(stateDir), `${JSON.stringify(json, null, 2)}\n`);
}

/** The settings as the form shows them: secrets only as "one is stored". */
export function notificationSettingsView(s: NotificationSettings | undefined, file: string, active: NotificationSettingsView['active']): NotificationSettingsView {
  return {
    ...(s?.smtp
      ? { smtp: { host: s.smtp.host, port: s.smtp.port, secure: s.smtp.secure, requireTLS: s.smtp.requireTLS, allowSelfSigned: s.smtp.allowSelfSigned, from: s.smtp.from, ...(s.smtp.user !== undefined ? { user: s.smtp.user } : {}), hasPassword: s.smtp.password !== undefined } }
      : {}),
    alertActions: (s?.alertActions ?? []).map((a) => ({ id: a.id, ...(a.description ? { description: a.description } : {}), recipients: a.recipients.map((r) => ({ address: r.address, enabled: r.enabled })) })),
    ...(s?.alertmanager ? { alertmanager: { url: s.alertmanager.url, hasBearerToken: s.alertmanager.bearerToken !== undefined } } : {}),
    ...(s?.webhook ? { webhook: { url: s.webhook.url, hasBearerToken: s.webhook.bearerToken !== undefined } } : {}),
    groupWaitSeconds: s?.groupWaitSeconds ?? DEFAULT_PIPELINE_CONFIG.groupWaitMs / 1000,
    groupIntervalSeconds: s?.groupIntervalSeconds ?? DEFAULT_PIPELINE_CONFIG.groupIntervalMs / 1000,
    repeatIntervalSeconds: s?.repeatIntervalSeconds ?? DEFAULT_PIPELINE_CONFIG.repeatIntervalMs / 1000,
    file,
    active: { notifiers: [...active.notifiers], ...(active.error !== undefined ? { error: active.error } : {}) },
  };
}
