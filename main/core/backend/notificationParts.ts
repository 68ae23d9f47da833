/**
 * Notifications' parts for the app (issue 15), built once per backend: the persisted notification log (a table in
 * history.db, notify/notificationLog.ts), the pipeline built from <state>/notifications.json and seeded at start with
 * the engine's active alarms and the log (an alarm open across a restart gets its reminder at lastSent + repeat
 * interval and its resolved notification once, nothing twice), the silence and maintenance muters over the app's
 * books, and the `notifications.*` service (settings edited in the app, secrets in the credential store, applied at
 * once on save, "send a test", the log). A bad file or a missing secret leaves notifications off with a warning and
 * the reason in the settings view; it never stops the app. Disposing the backend's store stops the pipeline first,
 * then writes what the log still holds.
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { MaintenanceWindow, Silence } from '../../../shared/model/alert.js';
import type { NotificationSettingsView } from '../../../shared/model/notifications.js';
import type { AlertEngine } from '../alerts/alertEngine.js';
import type { AlertScheduler } from '../alerts/alertScheduler.js';
import type { AsyncDisposableStore, Disposable } from '../base/disposable.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import { NotificationLog } from '../notify/notificationLog.js';
import type { PipelineConfig } from '../notify/notificationPipeline.js';
import { readNotificationSettings, type NotificationSettings } from '../notify/notificationSettings.js';
import { attachNotifications, type AttachedNotifications } from '../notify/notificationSettingsPipeline.js';
import { createNotificationsService } from '../notify/notificationsService.js';
import type { Database } from '../storage/sqlite/database.js';

/** How long a shutdown waits for the sends in flight to be answered (then their transports are closed). */
const SHUTDOWN_SETTLE_MS = 5_000;

export interface NotificationPartsOptions {
  readonly stateDir: string;
  /** history.db: the log's table lives beside the alarms. */
  readonly db: Database;
  readonly alerts: AlertEngine;
  readonly credentials: CredentialStore;
  /** Silences in force (the SilenceBook's: the app's and the settings file's). */
  readonly silences: () => readonly Silence[];
  /** Maintenance windows (the MaintenanceBook's: the app's and the settings file's). */
  readonly maintenance: () => readonly MaintenanceWindow[];
  readonly store: AsyncDisposableStore;
  /** The settings read at start (createBackend reads them first for the books); absent: read here. */
  readonly settings?: NotificationSettings;
  readonly scheduler?: AlertScheduler;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Timing on top of the settings' (tests: a repeat interval shorter than the settings allow). */
  readonly pipelineConfig?: Partial<PipelineConfig>;
}

export interface NotificationParts {
  readonly service: DesktopApi['notifications'];
  readonly log: NotificationLog;
  /** The pipeline running now (undefined: no notifier configured, or a setting is missing). */
  readonly current: () => AttachedNotifications | undefined;
}

/** Reads notifications.json for the start: undefined (with a warning) when it is unusable. */
export async function readStartupNotificationSettings(stateDir: string): Promise<NotificationSettings | undefined> {
  try {
    return await readNotificationSettings(stateDir);
  } catch (err) {
    console.warn(`[backend] notifications are off: ${(err as Error).message}`);
    return undefined;
  }
}

export async function createNotificationParts(o: NotificationPartsOptions): Promise<NotificationParts> {
  const log = NotificationLog.open(o.db);
  let attached: AttachedNotifications | undefined;
  let active: NotificationSettingsView['active'] = { notifiers: [] };
  // Disposed before the log's last write (the store disposes in reverse order). A send in flight at shutdown gets
  // its answer first (at most SHUTDOWN_SETTLE_MS) and is logged while history.db is open: a mail that went out as
  // the app closed is not sent again by the next start.
  o.store.add({ dispose: () => log.dispose() } satisfies Disposable);
  let stopped = false;
  o.store.add({
    dispose: async () => {
      stopped = true;
      const running = attached;
      attached = undefined;
      if (!running) return;
      running.pipeline.dispose();
      await running.pipeline.settled(SHUTDOWN_SETTLE_MS);
      running.dispose();
    },
  });

  const apply = async (settings: NotificationSettings | undefined): Promise<NotificationSettingsView['active']> => {
    // The old pipeline stops first and its sends in flight get their answer (logged): the new one is seeded from
    // the log, which then holds all the old one sent.
    // A save that ends as the app stops builds nothing: it would outlive the store that disposes it.
    if (stopped) return { notifiers: [], error: 'the app is stopping' };
    const old = attached;
    attached = undefined;
    if (old) {
      old.pipeline.dispose();
      await old.pipeline.settled();
      old.dispose();
    }
    try {
      attached = settings
        ? await attachNotifications(o.alerts, settings, {
            credentials: o.credentials,
            ...(o.env ? { env: o.env } : {}),
            ...(o.scheduler ? { scheduler: o.scheduler } : {}),
            ...(o.pipelineConfig ? { config: o.pipelineConfig } : {}),
            silences: o.silences,
            maintenance: o.maintenance,
            journal: log,
          })
        : undefined;
      if (stopped) {
        attached?.dispose();
        attached = undefined;
        return { notifiers: [], error: 'the app is stopping' };
      }
      active = { notifiers: attached?.notifiers ?? [] };
    } catch (err) {
      const message = (err as Error).message;
      console.warn(`[backend] notifications are off: ${message}`);
      active = { notifiers: [], error: message };
    }
    return active;
  };

  let startSettings = o.settings;
  if (startSettings === undefined) startSettings = await readStartupNotificationSettings(o.stateDir);
  await apply(startSettings);

  const service = createNotificationsService({
    stateDir: o.stateDir,
    credentials: o.credentials,
    log,
    ...(o.env ? { env: o.env } : {}),
    ...(o.scheduler ? { now: () => o.scheduler!.now() } : {}),
    apply,
    active: () => active,
  });
  return { service, log, current: () => attached };
}
