import type { AlarmRecord, MaintenanceWindow, Silence } from '../../../shared/model/alert.js';
import { AppError } from '../base/errors.js';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import type { AlertEngine } from '../alerts/alertEngine.js';
import { systemAlertScheduler, type AlertScheduler } from '../alerts/alertScheduler.js';
import { AlertmanagerNotifier, WebhookNotifier } from './alertmanagerNotifier.js';
import { EmailNotifier } from './emailNotifier.js';
import { fromSettingsWindow } from './maintenanceBook.js';
import { InhibitMuter, MaintenanceMuter, SilenceMuter } from './muting.js';
import { NotificationPipeline, type PipelineConfig, type PipelineJournal } from './notificationPipeline.js';
import type { NotifiedAlarm, Notifier } from './notifier.js';
import type { HttpTarget, NotificationSettings, SecretRef } from './notificationSettings.js';

/** Where secrets named by the settings come from. */
export interface SecretSources {
  /** The credential store (FileCredentialStore in the app). */
  readonly credentials: { get(id: string): Promise<string | undefined> };
  /** Environment (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The pipeline built from settings, attached to an engine. */
export interface AttachedNotifications extends Disposable {
  readonly pipeline: NotificationPipeline;
  /** Names of the notifiers in use ('email', 'alertmanager', 'webhook'). */
  readonly notifiers: readonly string[];
}

/** Resolves a secret reference; AppError('VALIDATION') naming the reference (never a value) when it is missing. */
export async function resolveSecret(ref: SecretRef, sources: SecretSources): Promise<string> {
  const value = 'env' in ref ? (sources.env ?? process.env)[ref.env] : await sources.credentials.get(ref.credentialId);
  if (value === undefined || value === '') {
    throw new AppError('VALIDATION', 'env' in ref ? `environment variable ${ref.env} is not set` : `credential ${ref.credentialId} is not in the credential store`);
  }
  return value;
}

async function headersOf(t: HttpTarget, sources: SecretSources): Promise<Record<string, string>> {
  return t.bearerToken ? { authorization: `Bearer ${await resolveSecret(t.bearerToken, sources)}` } : {};
}

/** The notifiers the settings configure; disposing the store closes their transports. */
export async function buildNotifiers(settings: NotificationSettings, sources: SecretSources, store: DisposableStore): Promise<Notifier[]> {
  const notifiers: Notifier[] = [];
  if (settings.smtp) {
    const s = settings.smtp;
    const pass = s.password ? await resolveSecret(s.password, sources) : undefined;
    const actions = settings.alertActions;
    notifiers.push(store.add(new EmailNotifier({ host: s.host, port: s.port, secure: s.secure, requireTLS: s.requireTLS, allowSelfSigned: s.allowSelfSigned, from: s.from, ...(s.user !== undefined ? { auth: { user: s.user, pass: pass ?? '' } } : {}) }, () => actions)));
  }
  if (settings.alertmanager) notifiers.push(new AlertmanagerNotifier({ url: settings.alertmanager.url, headers: await headersOf(settings.alertmanager, sources) }));
  if (settings.webhook) notifiers.push(new WebhookNotifier({ url: settings.webhook.url, headers: await headersOf(settings.webhook, sources) }));
  return notifiers;
}

/** The pipeline timing of the settings (Alertmanager group_wait, group_interval, repeat_interval). */
export function pipelineConfigOf(settings: NotificationSettings): Partial<PipelineConfig> {
  return {
    ...(settings.groupWaitSeconds !== undefined ? { groupWaitMs: settings.groupWaitSeconds * 1000 } : {}),
    ...(settings.groupIntervalSeconds !== undefined ? { groupIntervalMs: settings.groupIntervalSeconds * 1000 } : {}),
    ...(settings.repeatIntervalSeconds !== undefined ? { repeatIntervalMs: settings.repeatIntervalSeconds * 1000 } : {}),
  };
}

/**
 * Builds the notifiers the settings configure (SMTP e-mail with RTMT alert actions, Alertmanager v2, webhook)
 * with silences, maintenance windows and the default inhibition (ServerDown mutes the node's other alerts), and
 * attaches the pipeline to the engine. With a journal (the persisted notification log) the pipeline is first seeded
 * with the engine's active alarms and what the log says was sent, so a restart (or a settings change) sends
 * nothing twice. Returns undefined when the settings configure no notifier. Secrets are resolved here and only
 * handed to the notifiers; errors never carry them.
 */
export async function attachNotifications(engine: AlertEngine, settings: NotificationSettings, options: SecretSources & {
  readonly scheduler?: AlertScheduler;
  readonly onError?: (notifier: string, error: string) => void;
  /** The silences in force (default: those of the settings); the backend passes its SilenceBook's, which adds those made in the app. */
  readonly silences?: () => readonly Silence[];
  /** The maintenance windows (default: those of the settings); the backend passes its MaintenanceBook's, which adds those made in the app. */
  readonly maintenance?: () => readonly MaintenanceWindow[];
  /** The persisted notification log. */
  readonly journal?: PipelineJournal;
  /** Timing overrides on top of the settings' (tests). */
  readonly config?: Partial<PipelineConfig>;
}): Promise<AttachedNotifications | undefined> {
  const store = new DisposableStore();
  try {
    const notifiers = await buildNotifiers(settings, options, store);
    if (notifiers.length === 0) {
      store.dispose();
      return undefined;
    }
    const muters = [new SilenceMuter(options.silences ?? (() => settings.silences)), new MaintenanceMuter(options.maintenance ?? ((w) => () => w)(settings.maintenanceWindows.map(fromSettingsWindow))), new InhibitMuter()];
    const pipeline = new NotificationPipeline(options.scheduler ?? systemAlertScheduler, notifiers, muters, { ...pipelineConfigOf(settings), ...options.config }, options.onError, options.journal);
    // Disposed first (DisposableStore disposes in reverse): no send starts after the transports close.
    store.add(pipeline);
    if (options.journal) {
      const rules = new Map(engine.rules.list().map((r) => [r.id, r]));
      const notified = (a: AlarmRecord): NotifiedAlarm => {
        const rule = rules.get(a.ruleId);
        return { ...a, emailEnabled: rule?.emailEnabled ?? true, alertAction: rule?.alertAction ?? 'Default' };
      };
      pipeline.seed(engine.activeAlarms().map(notified), (id) => {
        const r = engine.queryAlarms({ alarmId: id, limit: 1 })[0];
        return r ? notified(r) : undefined;
      });
    }
    pipeline.attach(engine.onDidChangeAlarm);
    return { pipeline, notifiers: notifiers.map((n) => n.name), dispose: () => store.dispose() };
  } catch (err) {
    store.dispose();
    throw err;
  }
}
