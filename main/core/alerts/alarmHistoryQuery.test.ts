/**
 * alerts.history as the router calls it: the filters of the Alert Central history (cluster, minimum severity) are
 * applied in the SQLite query, before the row limit, so a page is full whenever enough alarms match (issue 10:
 * minSeverity was dropped and the cluster filter ran after LIMIT, so pages came back short).
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALERT_SEVERITIES } from '../../../shared/model/alert.js';
import { IPC_ARGUMENT_PARSERS } from '../../../shared/validation/ipcArguments.js';
import { AlertEngine } from './alertEngine.js';
import { FakeAlertScheduler } from '../../../test/kits/fakeAlertScheduler.js';
import { makeAlarm } from './alertStoreContract.js';
import { Database } from '../storage/sqlite/database.js';
import { SqliteAlertStore } from '../storage/sqlite/sqliteAlertStore.js';
import { createAlertsService } from './alertsService.js';
import { SilenceBook } from '../notify/silenceBook.js';
import { MaintenanceBook } from '../notify/maintenanceBook.js';

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0).reverse()) d.dispose();
});

async function serviceWithAlarms(count: number) {
  const db = Database.open(':memory:');
  disposables.push(db);
  const store = new SqliteAlertStore(db);
  const severities = ['Critical', 'Error', 'Warning', 'Notice', 'Informational'] as const;
  for (let i = 0; i < count; i++) {
    store.saveAlarm(makeAlarm({ id: `al${String(i).padStart(5, '0')}`, cluster: i % 4 === 0 ? 'lab' : 'prod', severity: severities[i % severities.length]!, raisedAt: 1_000_000 + i, lastOccurrenceAt: 1_000_000 + i }));
  }
  const alerts = new AlertEngine({ store, scheduler: new FakeAlertScheduler() });
  disposables.push(alerts);
  // alerts.history reads the alert engine only; the silence and maintenance books (files never written here) are not reached by it.
  const silences = await SilenceBook.open(join(tmpdir(), `alarm-history-silences-${randomUUID()}.json`));
  const maintenance = await MaintenanceBook.open(join(tmpdir(), `alarm-history-maintenance-${randomUUID()}.json`));
  return { service: createAlertsService({ alerts, silences, maintenance, operator: () => 'tester' }) };
}

/** Calls alerts.history with the router's validation first, as a renderer call would go. */
async function history(service: Awaited<ReturnType<typeof serviceWithAlarms>>['service'], filter: unknown) {
  const parsed = IPC_ARGUMENT_PARSERS.alerts.history([filter]);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return service.history(...parsed.value);
}

describe('alerts.history filters before the limit', () => {
  it('returns a full page of one cluster when more alarms than the limit match', async () => {
    const { service } = await serviceWithAlarms(2000);
    const page = await history(service, { cluster: 'lab', limit: 200 });
    expect(page).toHaveLength(200);
    expect(page.every((a) => a.cluster === 'lab')).toBe(true);
    expect(page[0]!.raisedAt).toBeGreaterThan(page[199]!.raisedAt);
  });

  it('keeps only the minimum severity and worse, in the query', async () => {
    const { service } = await serviceWithAlarms(2000);
    const page = await history(service, { minSeverity: 'Error', limit: 300 });
    expect(page).toHaveLength(300);
    expect(new Set(page.map((a) => a.severity))).toEqual(new Set(['Critical', 'Error']));
    const both = await history(service, { cluster: 'prod', minSeverity: 'Warning', limit: 500 });
    expect(both).toHaveLength(500);
    expect(both.every((a) => a.cluster === 'prod' && ALERT_SEVERITIES.indexOf(a.severity) <= ALERT_SEVERITIES.indexOf('Warning'))).toBe(true);
  });

  it('returns every match when fewer than the limit exist', async () => {
    const { service } = await serviceWithAlarms(100);
    // lab = i % 4 === 0 (25 alarms); Critical = i % 5 === 0; both: i % 20 === 0 → 5 alarms.
    expect((await history(service, { cluster: 'lab', minSeverity: 'Critical', limit: 200 })).map((a) => a.id)).toEqual(['al00080', 'al00060', 'al00040', 'al00020', 'al00000']);
  });
});
