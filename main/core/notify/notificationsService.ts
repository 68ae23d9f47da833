import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { NotificationSettingsInput, NotificationSettingsView, NotificationTestRequest, SecretInput } from '../../../shared/model/notifications.js';
import { AppError } from '../base/errors.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import type { NotificationLog } from './notificationLog.js';
import { readNotificationSettings, type NotificationSettings, type SecretRef } from './notificationSettings.js';
import {
  fileWithInput,
  movedSecretsProblem,
  notificationSettingsPath,
  notificationSettingsView,
  NOTIFICATION_SECRETS,
  readRawNotificationSettings,
  secretInputs,
  secretRefs,
  settingsOfFile,
  writeNotificationSettings,
  type NotificationSecretSlot,
} from './notificationSettingsFile.js';
import type { SecretSources } from './notificationSettingsPipeline.js';
import { sendNotificationTest } from './notificationTest.js';

/** What the service drives: the running notifications (rebuilt on save) and where settings and secrets live. */
export interface NotificationsServiceDeps {
  readonly stateDir: string;
  readonly credentials: CredentialStore;
  readonly log: NotificationLog;
  /** Environment for `{ env }` references (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Rebuilds the notifiers from these settings (undefined: none), keeping the log; says what runs or why nothing does. */
  apply(settings: NotificationSettings | undefined): Promise<NotificationSettingsView['active']>;
  /** What runs now. */
  active(): NotificationSettingsView['active'];
  readonly now?: () => number;
}

const SLOTS = Object.keys(NOTIFICATION_SECRETS) as NotificationSecretSlot[];

/** Reference per slot after a save: a new secret goes to the store under the slot's id; absent keeps, null drops. */
function refsAfter(inputs: Record<NotificationSecretSlot, SecretInput>, present: Record<NotificationSecretSlot, boolean>, current: Partial<Record<NotificationSecretSlot, SecretRef>>): Partial<Record<NotificationSecretSlot, SecretRef>> {
  const out: Partial<Record<NotificationSecretSlot, SecretRef>> = {};
  for (const slot of SLOTS) {
    if (!present[slot]) continue;
    const v = inputs[slot];
    if (typeof v === 'string') out[slot] = { credentialId: NOTIFICATION_SECRETS[slot] };
    else if (v === undefined && current[slot]) out[slot] = current[slot];
  }
  return out;
}

function presentOf(input: NotificationSettingsInput): Record<NotificationSecretSlot, boolean> {
  return { smtp: input.smtp !== undefined, alertmanager: input.alertmanager !== undefined, webhook: input.webhook !== undefined };
}

/**
 * `notifications.*` (issue 15): the settings of notifications.json edited in the app. The file format stays the
 * headless collector's; secrets go to the credential store and the file names them ({ credentialId }); the view
 * never carries a secret, only whether one is stored. Save writes the file (0600, atomic), then applies it at once
 * (the notifiers are rebuilt; the notification log and so what was sent are kept). Saves run one at a time.
 */
export function createNotificationsService(deps: NotificationsServiceDeps): DesktopApi['notifications'] {
  const file = notificationSettingsPath(deps.stateDir);
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn, fn);
    chain = p.catch(() => undefined);
    return p;
  };
  const saved = async (): Promise<NotificationSettings | undefined> => readNotificationSettings(deps.stateDir);

  /** The form's settings as the file would hold them, with their secrets resolvable (form secrets only in memory). */
  const formSettings = async (input: NotificationSettingsInput): Promise<{ settings: NotificationSettings; sources: SecretSources }> => {
    const current = secretRefs(await saved().catch(() => undefined));
    const inputs = secretInputs(input);
    const inMemory = new Map<string, string>();
    const refs: Partial<Record<NotificationSecretSlot, SecretRef>> = {};
    for (const slot of SLOTS) {
      const v = inputs[slot];
      if (!presentOf(input)[slot]) continue;
      if (typeof v === 'string') {
        const id = `form:${NOTIFICATION_SECRETS[slot]}`;
        inMemory.set(id, v);
        refs[slot] = { credentialId: id };
      } else if (v === undefined && current[slot]) refs[slot] = current[slot];
    }
    const settings = settingsOfFile(fileWithInput({}, input, refs), 'the form');
    return { settings, sources: { credentials: { get: async (id) => inMemory.get(id) ?? deps.credentials.get(id) }, ...(deps.env ? { env: deps.env } : {}) } };
  };

  return {
    async settings() {
      try {
        return notificationSettingsView(await saved(), file, deps.active());
      } catch (err) {
        return notificationSettingsView(undefined, file, { notifiers: deps.active().notifiers, error: (err as Error).message });
      }
    },

    save: (input) =>
      serial(async () => {
        const raw = await readRawNotificationSettings(deps.stateDir);
        let current: Partial<Record<NotificationSecretSlot, SecretRef>> = {};
        try {
          current = secretRefs(settingsOfFile(raw, file));
        } catch {
          // A file the headless reader refuses: its references are read as they are written.
          current = secretRefs(rawRefs(raw));
        }
        const moved = movedSecretsProblem(raw, input, current);
        if (moved) throw new AppError('VALIDATION', moved);
        const inputs = secretInputs(input);
        const refs = refsAfter(inputs, presentOf(input), current);
        const json = fileWithInput(raw, input, refs);
        const next = settingsOfFile(json, file);
        // New secrets first (the previous value kept to put back if the file cannot be written), then the file,
        // then the secrets no reference names any more.
        const undo: Array<() => Promise<unknown>> = [];
        try {
          for (const slot of SLOTS) {
            const v = inputs[slot];
            if (typeof v !== 'string' || !presentOf(input)[slot]) continue;
            const id = NOTIFICATION_SECRETS[slot];
            const before = await deps.credentials.get(id);
            await deps.credentials.put(id, v);
            undo.push(() => (before === undefined ? deps.credentials.delete(id) : deps.credentials.put(id, before)));
          }
          await writeNotificationSettings(deps.stateDir, json);
        } catch (err) {
          for (const u of undo.reverse()) await u().catch(() => undefined);
          throw err instanceof AppError ? err : new AppError('INTERNAL', `cannot save ${file}: ${(err as Error).message}`, { cause: err });
        }
        const named = new Set(Object.values(refs).flatMap((r) => ('credentialId' in r ? [r.credentialId] : [])));
        for (const slot of SLOTS) {
          const id = NOTIFICATION_SECRETS[slot];
          if (!named.has(id)) await deps.credentials.delete(id);
        }
        const active = await deps.apply(next);
        return notificationSettingsView(next, file, active);
      }),

    async test(request: NotificationTestRequest) {
      let settings: NotificationSettings | undefined;
      let sources: SecretSources = { credentials: deps.credentials, ...(deps.env ? { env: deps.env } : {}) };
      if (request.settings) {
        // A stored secret is only sent where it was saved for: a test towards another host needs it typed again.
        const moved = movedSecretsProblem(await readRawNotificationSettings(deps.stateDir).catch(() => ({})), request.settings, secretRefs(await saved().catch(() => undefined)), request.target === 'email' ? 'smtp' : request.target);
        if (moved) return { target: request.target, ok: false, sentTo: [], durationMs: 0, error: { code: 'VALIDATION', message: moved, retryable: false } };
        ({ settings, sources } = await formSettings(request.settings));
      }
      else settings = await saved();
      const r = await sendNotificationTest(request, settings, sources, deps.now);
      if (r.error?.code !== 'VALIDATION') {
        deps.log.append({
          atMs: (deps.now ?? Date.now)(), groupKey: 'test', groupLabels: {}, notifier: request.target, reason: 'test', firing: [], resolved: [],
          ok: r.ok, attempts: 1, ...(r.error ? { error: r.error.message } : {}),
        });
      }
      return r;
    },

    async log(limit = 200) {
      return deps.log.list(limit);
    },
  };
}

/** The secret references of a file the full reader refuses (so a save that fixes it still finds them). */
function rawRefs(raw: Record<string, unknown>): NotificationSettings {
  const ref = (v: unknown): SecretRef | undefined => {
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    return typeof o.credentialId === 'string' ? { credentialId: o.credentialId } : typeof o.env === 'string' ? { env: o.env } : undefined;
  };
  const field = (k: string, f: string) => ref((raw[k] as Record<string, unknown> | undefined)?.[f]);
  const smtp = field('smtp', 'password');
  const am = field('alertmanager', 'bearerToken');
  const wh = field('webhook', 'bearerToken');
  return {
    alertActions: [], silences: [], maintenanceWindows: [],
    ...(smtp ? { smtp: { host: '', port: 25, secure: false, requireTLS: false, allowSelfSigned: false, from: '', password: smtp } } : {}),
    ...(am ? { alertmanager: { url: '', bearerToken: am } } : {}),
    ...(wh ? { webhook: { url: '', bearerToken: wh } } : {}),
  };
}
