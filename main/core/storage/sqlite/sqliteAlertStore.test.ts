import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeAlertStoreContract, makeAlarm } from '../../alerts/alertStoreContract.js';
import { Database } from './database.js';
import { ALERT_MIGRATIONS, ALERTS_COMPONENT, SqliteAlertStore } from './sqliteAlertStore.js';

const open: Database[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.dispose();
});

describeAlertStoreContract('SqliteAlertStore', () => {
  const db = Database.open(':memory:');
  open.push(db);
  return new SqliteAlertStore(db);
});

describe('SqliteAlertStore on a file', () => {
  it('migration 2 fills the cluster and severity of alarms stored before it, so the history filters find them', () => {
    const db = Database.open(':memory:');
    open.push(db);
    db.migrate(ALERTS_COMPONENT, ALERT_MIGRATIONS.slice(0, 1));
    const insert = db.connection.prepare('INSERT INTO alert_alarms (id, key, rule_id, node, status, active, raised_at, last_occurrence_at, json) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)');
    for (const a of [makeAlarm({ id: 'old1', cluster: 'c2', severity: 'Warning' }), makeAlarm({ id: 'old2', cluster: 'c1', severity: 'Informational', raisedAt: 5 })]) {
      insert.run(a.id, a.key, a.ruleId, a.node, a.status, a.raisedAt, a.lastOccurrenceAt, JSON.stringify(a));
    }
    const s = new SqliteAlertStore(db);
    expect(db.schemaVersion(ALERTS_COMPONENT)).toBe(2);
    expect(s.queryAlarms({ cluster: 'c2' }).map((a) => a.id)).toEqual(['old1']);
    expect(s.queryAlarms({ minSeverity: 'Warning' }).map((a) => a.id)).toEqual(['old1']);
    expect(s.queryAlarms({ minSeverity: 'Informational' }).map((a) => a.id).sort()).toEqual(['old1', 'old2']);
  });

  it('keeps rules, alarms and history across closing and reopening the database, migrating once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alert-store-'));
    try {
      const path = join(dir, 'history.db');
      let db = Database.open(path);
      let s = new SqliteAlertStore(db);
      s.saveAlarm(makeAlarm());
      s.appendHistory({ alarmId: 'a1', key: makeAlarm().key, atMs: 1, event: 'raised', status: 'outstanding' });
      db.dispose();
      db = Database.open(path);
      s = new SqliteAlertStore(db);
      expect(db.schemaVersion(ALERTS_COMPONENT)).toBe(ALERT_MIGRATIONS.length);
      expect(s.loadActiveAlarms()).toEqual([makeAlarm()]);
      expect(s.queryHistory({})).toHaveLength(1);
      db.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a batch whose work throws leaves none of its writes behind (one transaction)', () => {
    const db = Database.open(':memory:');
    open.push(db);
    const s = new SqliteAlertStore(db);
    expect(() =>
      s.batch(() => {
        s.saveAlarm(makeAlarm());
        s.appendHistory({ alarmId: 'a1', key: makeAlarm().key, atMs: 1, event: 'raised', status: 'outstanding' });
        throw new Error('crash between the writes');
      }),
    ).toThrow('crash between the writes');
    expect(s.loadActiveAlarms()).toEqual([]);
    expect(s.queryHistory({})).toEqual([]);
  });

  it('rejects a negative limit with a VALIDATION error', () => {
    const db = Database.open(':memory:');
    open.push(db);
    expect(() => new SqliteAlertStore(db).queryHistory({ limit: -1 })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
