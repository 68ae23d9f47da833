import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../base/errors.js';
import type { AlertAction } from '../notify/alertActions.js';
import { SILENCE_MATCH_FIELDS, type MatchField, type Matcher, type Silence } from '../../../shared/model/alert.js';
import type { MaintenanceWindow } from '../notify/muting.js';

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
  readonly maintenanceWindows: readonly MaintenanceWindow[];
  /** Alertmanager-style timing overrides, seconds. */
  readonly groupWaitSeconds?: number;
  /** Alertmanager group_interval: how long a group that was notified waits before notifying what changed in it. */
  readonly groupIntervalSeconds?: number;
  readonly repeatIntervalSeconds?: number;
}

type Obj = Record<string, unknown>;
const MATCH_FIELDS: readonly MatchField[] = SILENCE_MATCH_FIELDS;
const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

/** Collects issues by field path; never copies a value into a message (values may be secrets). */
class Reader {
  readonly issues: string[] = [];
  obj(v: unknown, path: string): Obj | undefined {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Obj;
    this.issues.push(`${path} must be an object`);
    return undefined;
  }
  str(o: Obj, k: string, path: string, optional = false): string | undefined {
    const v = o[k];
    if (v === undefined && optional) return undefined;
    if (typeof v === 'string' && v.trim() !== '' && v.length <= 1000) return v.trim();
    this.issues.push(`${path}.${k} must be a non-empty string`);
    return undefined;
  }
  num(o: Obj, k: string, path: string, min: number, max: number, optional = false): number | undefined {
    const v = o[k];
    if (v === undefined && optional) return undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
    this.issues.push(`${path}.${k} must be a number from ${min} to ${max}`);
    return undefined;
  }
  bool(o: Obj, k: string, path: string, dflt: boolean): boolean {
    const v = o[k];
    if (v === undefined) return dflt;
    if (typeof v === 'boolean') return v;
    this.issues.push(`${path}.${k} must be true or false`);
    return dflt;
  }
  arr(o: Obj, k: string, path: string): unknown[] {
    const v = o[k];
    if (v === undefined) return [];
    if (Array.isArray(v) && v.length <= 1000) return v;
    this.issues.push(`${path}.${k} must be a list (at most 1000 items)`);
    return [];
  }
  time(o: Obj, k: string, path: string): number | undefined {
    const v = o[k];
    const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : Number.NaN;
    if (Number.isFinite(t)) return t;
    this.issues.push(`${path}.${k} must be an ISO date-time or epoch milliseconds`);
    return undefined;
  }
  secret(o: Obj, k: string, path: string): SecretRef | undefined {
    const v = o[k];
    if (v === undefined) return undefined;
    if (typeof v === 'string') {
      this.issues.push(`${path}.${k} must name a secret ({ "credentialId": … } or { "env": … }), not hold it`);
      return undefined;
    }
    const s = this.obj(v, `${path}.${k}`);
    if (!s) return undefined;
    if (typeof s.credentialId === 'string' && s.credentialId !== '') return { credentialId: s.credentialId };
    if (typeof s.env === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(s.env)) return { env: s.env };
    this.issues.push(`${path}.${k} needs credentialId or env (a variable name)`);
    return undefined;
  }
  url(o: Obj, k: string, path: string): string | undefined {
    const s = this.str(o, k, path);
    if (s === undefined) return undefined;
    try {
      const u = new URL(s);
      if (u.protocol === 'http:' || u.protocol === 'https:') return s;
    } catch {
      // reported below
    }
    this.issues.push(`${path}.${k} must be an http(s) URL`);
    return undefined;
  }
}

function readTarget(r: Reader, o: Obj, k: string): HttpTarget | undefined {
  if (o[k] === undefined) return undefined;
  const t = r.obj(o[k], k);
  if (!t) return undefined;
  const url = r.url(t, 'url', k);
  const token = r.secret(t, 'bearerToken', k);
  return url === undefined ? undefined : { url, ...(token ? { bearerToken: token } : {}) };
}

/** Validates parsed JSON as {@link NotificationSettings}; issues name field paths, never values. */
export function parseNotificationSettings(input: unknown): { ok: true; value: NotificationSettings } | { ok: false; issues: string[] } {
  const r = new Reader();
  const root = r.obj(input, 'settings');
  if (!root) return { ok: false, issues: r.issues };
  let smtp: SmtpSettings | undefined;
  if (root.smtp !== undefined) {
    const s = r.obj(root.smtp, 'smtp');
    if (s) {
      const host = r.str(s, 'host', 'smtp');
      const port = r.num(s, 'port', 'smtp', 1, 65535);
      const from = r.str(s, 'from', 'smtp');
      if (from !== undefined && !EMAIL.test(from)) r.issues.push('smtp.from must be an e-mail address');
      const user = r.str(s, 'user', 'smtp', true);
      const password = r.secret(s, 'password', 'smtp');
      if (password && user === undefined) r.issues.push('smtp.password needs smtp.user');
      const base = { secure: r.bool(s, 'secure', 'smtp', port === 465), requireTLS: r.bool(s, 'requireTLS', 'smtp', false), allowSelfSigned: r.bool(s, 'allowSelfSigned', 'smtp', false) };
      if (host !== undefined && port !== undefined && from !== undefined) smtp = { host, port, from, ...base, ...(user ? { user } : {}), ...(password ? { password } : {}) };
    }
  }
  const alertActions: AlertAction[] = [];
  r.arr(root, 'alertActions', 'settings').forEach((v, i) => {
    const p = `alertActions[${i}]`;
    const a = r.obj(v, p);
    if (!a) return;
    const id = r.str(a, 'id', p);
    const description = r.str(a, 'description', p, true);
    const recipients = r.arr(a, 'recipients', p).flatMap((rv, j) => {
      const rp = `${p}.recipients[${j}]`;
      const rec = r.obj(rv, rp);
      const address = rec && r.str(rec, 'address', rp);
      if (!rec || address === undefined) return [];
      if (!EMAIL.test(address)) return (r.issues.push(`${rp}.address must be an e-mail address`), []);
      return [{ address, enabled: r.bool(rec, 'enabled', rp, true) }];
    });
    if (id !== undefined) alertActions.push({ id, recipients, ...(description ? { description } : {}) });
  });
  const silences: Silence[] = [];
  r.arr(root, 'silences', 'settings').forEach((v, i) => {
    const p = `silences[${i}]`;
    const s = r.obj(v, p);
    if (!s) return;
    const matchers: Matcher[] = r.arr(s, 'matchers', p).flatMap((mv, j) => {
      const mp = `${p}.matchers[${j}]`;
      const m = r.obj(mv, mp);
      if (!m) return [];
      const field = m.field as MatchField;
      const op = m.op === undefined ? '=' : (m.op as Matcher['op']);
      const value = r.str(m, 'value', mp);
      if (!MATCH_FIELDS.includes(field)) return (r.issues.push(`${mp}.field must be one of ${MATCH_FIELDS.join(', ')}`), []);
      if (!['=', '!=', '=~', '!~'].includes(op)) return (r.issues.push(`${mp}.op must be =, !=, =~ or !~`), []);
      return value === undefined ? [] : [{ field, op, value }];
    });
    if (matchers.length === 0) r.issues.push(`${p}.matchers must hold at least one matcher`);
    const startsAt = r.time(s, 'startsAt', p);
    const endsAt = r.time(s, 'endsAt', p);
    if (startsAt !== undefined && endsAt !== undefined && endsAt > startsAt && matchers.length > 0) {
      silences.push({ id: r.str(s, 'id', p, true) ?? `silence-${i + 1}`, matchers, startsAt, endsAt, createdBy: r.str(s, 'createdBy', p, true) ?? 'settings file', comment: r.str(s, 'comment', p, true) ?? '', source: 'settings' });
    } else if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt) r.issues.push(`${p}.endsAt must be after startsAt`);
  });
  const maintenanceWindows: MaintenanceWindow[] = [];
  r.arr(root, 'maintenanceWindows', 'settings').forEach((v, i) => {
    const p = `maintenanceWindows[${i}]`;
    const w = r.obj(v, p);
    if (!w) return;
    const cluster = r.str(w, 'cluster', p);
    const node = r.str(w, 'node', p);
    const startsAt = r.time(w, 'startsAt', p);
    const endsAt = r.time(w, 'endsAt', p);
    if (cluster === undefined || node === undefined || startsAt === undefined || endsAt === undefined) return;
    if (endsAt <= startsAt) return void r.issues.push(`${p}.endsAt must be after startsAt`);
    const comment = r.str(w, 'comment', p, true);
    maintenanceWindows.push({ id: r.str(w, 'id', p, true) ?? `maintenance-${i + 1}`, cluster, node, startsAt, endsAt, ...(comment ? { comment } : {}) });
  });
  const alertmanager = readTarget(r, root, 'alertmanager');
  const webhook = readTarget(r, root, 'webhook');
  const groupWaitSeconds = r.num(root, 'groupWaitSeconds', 'settings', 0, 3600, true);
  const groupIntervalSeconds = r.num(root, 'groupIntervalSeconds', 'settings', 0, 86_400, true);
  const repeatIntervalSeconds = r.num(root, 'repeatIntervalSeconds', 'settings', 60, 7 * 86_400, true);
  if (smtp && alertActions.length === 0) r.issues.push('smtp needs at least one alert action with recipients (alertActions)');
  if (r.issues.length > 0) return { ok: false, issues: r.issues };
  return {
    ok: true,
    value: {
      alertActions, silences, maintenanceWindows,
      ...(smtp ? { smtp } : {}), ...(alertmanager ? { alertmanager } : {}), ...(webhook ? { webhook } : {}),
      ...(groupWaitSeconds !== undefined ? { groupWaitSeconds } : {}), ...(groupIntervalSeconds !== undefined ? { groupIntervalSeconds } : {}), ...(repeatIntervalSeconds !== undefined ? { repeatIntervalSeconds } : {}),
    },
  };
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
