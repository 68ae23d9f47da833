import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeAlertStoreContract, makeAlarm } from '../../alerts/alertStoreContract.js';
import { Database } from './database.js';
import { ALERTS_COMPONENT, SqliteAlertStore } from './sqliteAlertStore.js';

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
      expect(db.schemaVersion(ALERTS_COMPONENT)).toBe(1);
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
