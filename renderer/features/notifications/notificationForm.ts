/**
 * The Notification settings form (RTMT Alert Central "Config Email Server" and "Config Alert Action",
 * serviceability-reference.md A.3; Alertmanager's route timing, peers-and-limits.md 2.2): the view main sends is
 * turned into a draft, and the draft into the input main saves or tests with. Secrets never come from main: a
 * secret field left empty keeps the stored secret, "remove" sends null, text sends the new secret.
 */
import type { AlertActionView, NotificationSettingsInput, NotificationSettingsView, SecretInput } from '../../../shared/model/notifications.js';

/** A secret as the form edits it. */
export interface SecretDraft {
  /** Whether main has one stored. */
  readonly stored: boolean;
  /** Typed text (empty = keep the stored one). */
  readonly text: string;
  readonly remove: boolean;
}

/** An HTTP target as the form edits it (empty URL = not used). */
export interface HttpDraft {
  readonly url: string;
  readonly token: SecretDraft;
}

/** What the form edits. */
export interface NotificationDraft {
  readonly smtpOn: boolean;
  readonly smtp: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly requireTLS: boolean;
    readonly allowSelfSigned: boolean;
    readonly from: string;
    readonly user: string;
    readonly password: SecretDraft;
  };
  readonly alertActions: readonly AlertActionView[];
  readonly alertmanager: HttpDraft;
  readonly webhook: HttpDraft;
  readonly groupWaitSeconds: number;
  readonly groupIntervalSeconds: number;
  readonly repeatIntervalSeconds: number;
}

const secret = (stored: boolean): SecretDraft => ({ stored, text: '', remove: false });

/** The draft of what main keeps now. */
export function draftFromView(v: NotificationSettingsView): NotificationDraft {
  return {
    smtpOn: v.smtp !== undefined,
    smtp: {
      host: v.smtp?.host ?? '',
      port: v.smtp?.port ?? 25,
      secure: v.smtp?.secure ?? false,
      requireTLS: v.smtp?.requireTLS ?? false,
      allowSelfSigned: v.smtp?.allowSelfSigned ?? false,
      from: v.smtp?.from ?? '',
      user: v.smtp?.user ?? '',
      password: secret(v.smtp?.hasPassword ?? false),
    },
    alertActions: v.alertActions.length > 0 ? v.alertActions : [{ id: 'Default', recipients: [] }],
    alertmanager: { url: v.alertmanager?.url ?? '', token: secret(v.alertmanager?.hasBearerToken ?? false) },
    webhook: { url: v.webhook?.url ?? '', token: secret(v.webhook?.hasBearerToken ?? false) },
    groupWaitSeconds: v.groupWaitSeconds,
    groupIntervalSeconds: v.groupIntervalSeconds,
    repeatIntervalSeconds: v.repeatIntervalSeconds,
  };
}

/** The secret to send: absent keeps the stored one, null removes it, a string replaces it. */
export function secretInput(s: SecretDraft): SecretInput {
  if (s.remove) return null;
  return s.text === '' ? undefined : s.text;
}

/** Error message keys of the form (main validates again and says more). */
export type NotificationFormError = 'notify.error.smtpHost' | 'notify.error.smtpPort' | 'notify.error.smtpFrom' | 'notify.error.recipient' | 'notify.error.actionId' | 'notify.error.url' | 'notify.error.timing';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function httpInput(h: HttpDraft): { url: string; bearerToken?: SecretInput } | undefined | 'bad' {
  const url = h.url.trim();
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'bad';
  } catch {
    return 'bad';
  }
  const token = secretInput(h.token);
  return token === undefined ? { url } : { url, bearerToken: token };
}

/** The input main saves (or tests with), or why it cannot be sent. */
export function settingsInputOf(d: NotificationDraft): { input?: NotificationSettingsInput; error?: NotificationFormError } {
  let smtp: NotificationSettingsInput['smtp'];
  if (d.smtpOn) {
    const s = d.smtp;
    if (!s.host.trim()) return { error: 'notify.error.smtpHost' };
    if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535) return { error: 'notify.error.smtpPort' };
    if (!EMAIL.test(s.from.trim())) return { error: 'notify.error.smtpFrom' };
    const password = secretInput(s.password);
    smtp = {
      host: s.host.trim(),
      port: s.port,
      secure: s.secure,
      requireTLS: s.requireTLS,
      allowSelfSigned: s.allowSelfSigned,
      from: s.from.trim(),
      ...(s.user.trim() ? { user: s.user.trim() } : {}),
      ...(password !== undefined ? { password } : {}),
    };
  }
  const ids = new Set<string>();
  const alertActions: AlertActionView[] = [];
  for (const a of d.alertActions) {
    const id = a.id.trim();
    if (!id || ids.has(id)) return { error: 'notify.error.actionId' };
    ids.add(id);
    const recipients = a.recipients.map((r) => ({ address: r.address.trim(), enabled: r.enabled }));
    if (recipients.some((r) => !EMAIL.test(r.address))) return { error: 'notify.error.recipient' };
    alertActions.push({ id, ...(a.description?.trim() ? { description: a.description.trim() } : {}), recipients });
  }
  const alertmanager = httpInput(d.alertmanager);
  const webhook = httpInput(d.webhook);
  if (alertmanager === 'bad' || webhook === 'bad') return { error: 'notify.error.url' };
  const timing = [d.groupWaitSeconds, d.groupIntervalSeconds, d.repeatIntervalSeconds];
  if (timing.some((n) => !Number.isInteger(n) || n < 0) || d.groupIntervalSeconds < 1 || d.repeatIntervalSeconds < 60) return { error: 'notify.error.timing' };
  return {
    input: {
      ...(smtp ? { smtp } : {}),
      alertActions,
      ...(alertmanager ? { alertmanager } : {}),
      ...(webhook ? { webhook } : {}),
      groupWaitSeconds: d.groupWaitSeconds,
      groupIntervalSeconds: d.groupIntervalSeconds,
      repeatIntervalSeconds: d.repeatIntervalSeconds,
    },
  };
}
