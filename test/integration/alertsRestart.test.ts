import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertEngine } from '../../main/core/alerts/alertEngine.js';
import { FakeAlertScheduler } from '../kits/fakeAlertScheduler.js';
import type { ServiceStatusRow } from '../../shared/model/cluster.js';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { SqliteAlertStore } from '../../main/core/storage/sqlite/sqliteAlertStore.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SERVICES = ['Cisco XCP Router', 'Cisco Presence Engine', 'Cisco SIP Proxy'];
const rows = (stopped: ReadonlySet<string>): ServiceStatusRow[] =>
  ['imp-pub', 'imp-sub1'].flatMap((node) => SERVICES.map((name) => ({ cluster: 'c1', node, name, activated: true, status: stopped.has(`${node}/${name}`) ? 'Stopped' as const : 'Started' as const })));

/** One "process lifetime": the database file opened, a SQLite store and an engine on it. */
function boot(path: string, scheduler: FakeAlertScheduler) {
  const db = Database.open(path);
  let seq = 0;
  const engine = new AlertEngine({ store: new SqliteAlertStore(db), scheduler, evaluationIntervalMs: 30_000, newAlarmId: () => `${scheduler.now()}-${++seq}` });
  return { db, engine, close: () => (engine.dispose(), db.dispose()) };
}

describe('alert state survives a restart (SqliteAlertStore)', () => {
  it('restores active alarms without raising duplicates; history and customised rules are still there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alerts-restart-'));
    dirs.push(dir);
    const path = join(dir, 'history.db');
    const scheduler = new FakeAlertScheduler();
    const stopped = new Set(['imp-pub/Cisco XCP Router', 'imp-sub1/Cisco SIP Proxy']);

    const first = boot(path, scheduler);
    first.engine.rules.setEnabled('CpuPegging', false, 'imp-sub1');
    first.engine.updateServiceStatus(rows(stopped));
    first.engine.evaluate();
    const raised = first.engine.activeAlarms();
    expect(raised.map((a) => `${a.node}/${a.instance}`).sort()).toEqual([...stopped].sort());
    first.engine.acknowledge(raised[0]!.id, 'ann', 'looking', scheduler.now() + 3_600_000);
    const before = first.engine.history();
    const activeBefore = first.engine.activeAlarms();
    first.close();
    expect(first.db.isClosed).toBe(true);

    scheduler.advance(30_000);
    const second = boot(path, scheduler);
    try {
      expect(second.engine.activeAlarms()).toEqual(activeBefore);
      expect(second.engine.activeAlarms().map((a) => a.id).sort()).toEqual(raised.map((a) => a.id).sort());
      expect(second.engine.activeAlarms().find((a) => a.id === raised[0]!.id)).toMatchObject({ status: 'acknowledged', ack: { by: 'ann', comment: 'looking' } });
      expect(second.engine.history()).toEqual(before);
      expect(second.engine.rules.get('CpuPegging').disabledNodes).toEqual(['imp-sub1']);

      // Still down after the restart: the restored alarms take occurrences, no second "raised".
      second.engine.updateServiceStatus(rows(stopped));
      second.engine.evaluate();
      const h = second.engine.history();
      expect(h.filter((e) => e.event === 'raised')).toHaveLength(2);
      expect(h.filter((e) => e.event === 'occurred')).toHaveLength(2);
      expect(second.engine.activeAlarms()).toHaveLength(2);

      // One service restarts: its restored alarm resolves and the resolution is stored.
      scheduler.advance(30_000);
      second.engine.updateServiceStatus(rows(new Set(['imp-sub1/Cisco SIP Proxy'])));
      second.engine.evaluate();
      expect(second.engine.activeAlarms().map((a) => a.instance)).toEqual(['Cisco SIP Proxy']);
      expect(second.engine.history().filter((e) => e.event === 'resolved').map((e) => e.key)).toEqual(['CriticalServiceDown|c1|imp-pub|Cisco XCP Router']);
    } finally {
      second.close();
    }

    const third = boot(path, scheduler);
    try {
      expect(third.engine.activeAlarms().map((a) => a.instance)).toEqual(['Cisco SIP Proxy']);
      // 2 occurrences after the restart, then 1 resolved + 1 occurrence of the service still down.
      expect(third.engine.history().length).toBe(before.length + 4);
    } finally {
      third.close();
    }
  });
});
