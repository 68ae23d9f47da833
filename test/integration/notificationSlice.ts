// The backend's notification slice as createBackend builds it, for the notification tests that close and open it
// again on the same files (a backend restart): history.db (alarms and the notification log), the alert engine on it,
// the credential store and createNotificationParts, on a manual alert clock.
import { join } from 'node:path';
import { AlertEngine } from '../../main/core/alerts/alertEngine.js';
import { createNotificationParts, type NotificationParts } from '../../main/core/backend/notificationParts.js';
import { AsyncDisposableStore } from '../../main/core/base/disposable.js';
import { FileCredentialStore } from '../../main/core/credentials/fileCredentialStore.js';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { SqliteAlertStore } from '../../main/core/storage/sqlite/sqliteAlertStore.js';
import type { FakeAlertScheduler } from '../kits/fakeAlertScheduler.js';

/** One backend lifetime on `dir`; `close` disposes it as the backend's store does. */
export async function bootNotificationSlice(dir: string, clock: FakeAlertScheduler): Promise<{ alerts: AlertEngine; parts: NotificationParts; close: () => Promise<void> }> {
  const store = new AsyncDisposableStore();
  const db = store.add(Database.open(join(dir, 'history.db')));
  let seq = 0;
  const alerts = store.add(new AlertEngine({ store: new SqliteAlertStore(db), scheduler: clock, evaluationIntervalMs: 30_000, newAlarmId: () => `a-${clock.now()}-${++seq}` }));
  const credentials = await FileCredentialStore.open({ keyPath: join(dir, 'credentials.key'), storePath: join(dir, 'credentials.json') });
  const parts = await createNotificationParts({ stateDir: dir, db, alerts, credentials, store, scheduler: clock, silences: () => [], maintenance: () => [] });
  return { alerts, parts, close: () => store.dispose() };
}
