import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MaintenanceWindowInput } from '../../../shared/model/alert.js';
import { AppError } from '../base/errors.js';
import { MAINTENANCE_RETENTION_MS, MaintenanceBook } from './maintenanceBook.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maintenance-'));
  dirs.push(dir);
  return join(dir, 'maintenance.json');
}
const T0 = Date.UTC(2026, 5, 1, 12); // Monday 1 June 2026, 12:00 UTC
const HOUR = 3_600_000;
const onceOn = (node: string | undefined, startsAt: number, endsAt: number): MaintenanceWindowInput => ({ cluster: 'lab', ...(node ? { node } : {}), schedule: { kind: 'once', startsAt, endsAt }, comment: 'patching' });
// Every Monday 13:00-15:00 in Paris (CEST, UTC+2 in June): 11:00-13:00 UTC.
const mondays: MaintenanceWindowInput = { cluster: 'lab', schedule: { kind: 'weekly', days: [1], startMinute: 13 * 60, durationMinutes: 120, timeZone: 'Europe/Paris' }, comment: 'weekly patch' };

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return err instanceof AppError ? err.code : `not an AppError: ${String(err)}`;
  }
  return 'resolved';
}

describe('MaintenanceBook', () => {
  it('keeps windows made in the app across a restart, in a file only the owner can read, with who made them', async () => {
    const path = tempFile();
    const now = T0;
    const a = await MaintenanceBook.open(path, { now: () => now });
    const w = await a.save(onceOn('imp-sub1', T0, T0 + HOUR), 'ann');
    expect(w).toMatchObject({ cluster: 'lab', node: 'imp-sub1', createdBy: 'ann', createdAtMs: T0, source: 'app' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const b = await MaintenanceBook.open(path, { now: () => now });
    expect(b.list()).toEqual([w]);
    expect(b.covering('lab', 'imp-sub1', T0)).toEqual(w);
    expect(b.covering('lab', 'imp-sub2', T0)).toBeUndefined();
    expect(b.covering('lab', 'imp-sub1', T0 + HOUR)).toBeUndefined();
  });

  it('a cluster window covers every node; a weekly one holds at its local time', async () => {
    const book = await MaintenanceBook.open(tempFile(), { now: () => T0 });
    const w = await book.save(mondays, 'ann');
    expect(book.covering('lab', 'imp-sub2', Date.UTC(2026, 5, 1, 11, 30))).toEqual(w);
    expect(book.covering('lab', 'cucm-pub', Date.UTC(2026, 5, 1, 13))).toBeUndefined();
    expect(book.covering('lab', 'cucm-pub', Date.UTC(2026, 5, 8, 12, 59))).toEqual(w);
    expect(book.covering('other', 'imp-sub2', Date.UTC(2026, 5, 1, 11, 30))).toBeUndefined();
  });

  it('edits keep who made it and record who changed it; delete removes it from the file', async () => {
    const path = tempFile();
    let now = T0;
    const book = await MaintenanceBook.open(path, { now: () => now });
    const w = await book.save(onceOn('imp-sub1', T0, T0 + HOUR), 'ann');
    now = T0 + 60_000;
    const edited = await book.save({ ...onceOn(undefined, T0, T0 + 2 * HOUR), id: w.id, comment: 'whole cluster' }, 'bob');
    expect(edited).toEqual({ id: w.id, cluster: 'lab', schedule: { kind: 'once', startsAt: T0, endsAt: T0 + 2 * HOUR }, comment: 'whole cluster', createdBy: 'ann', createdAtMs: T0, updatedBy: 'bob', updatedAtMs: now, source: 'app' });
    expect((await MaintenanceBook.open(path, { now: () => now })).list()).toEqual([edited]);
    await book.delete(w.id);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ windows: [] });
    expect(await code(book.delete(w.id))).toBe('NOT_FOUND');
    expect(await code(book.save({ ...mondays, id: 'nope' }, 'bob'))).toBe('NOT_FOUND');
  });

  it('lists in force first, then pending by start, then ended; ended one-off windows go after the retention', async () => {
    const path = tempFile();
    let now = T0;
    const book = await MaintenanceBook.open(path, { now: () => now });
    const later = await book.save(onceOn('imp-sub2', T0 + 5 * HOUR, T0 + 6 * HOUR), 'ann');
    const running = await book.save(onceOn('imp-sub1', T0 - HOUR, T0 + HOUR), 'ann');
    const soon = await book.save(onceOn('imp-sub3', T0 + 2 * HOUR, T0 + 3 * HOUR), 'ann');
    expect(book.list().map((w) => w.id)).toEqual([running.id, soon.id, later.id]);
    now = T0 + 4 * HOUR;
    expect(book.list().map((w) => w.id)).toEqual([later.id, soon.id, running.id]);
    now = T0 + HOUR + MAINTENANCE_RETENTION_MS + 1;
    expect(book.list().map((w) => w.id)).toEqual([later.id, soon.id]);
  });

  it('windows of notifications.json are listed and obeyed but read-only; bad input and ended windows are refused', async () => {
    const book = await MaintenanceBook.open(tempFile(), { settings: [{ id: 'maintenance-1', cluster: 'lab', node: 'imp-sub1', startsAt: T0, endsAt: T0 + HOUR }], now: () => T0 + 1 });
    const [fromFile] = book.list();
    expect(fromFile).toEqual({ id: 'maintenance-1', cluster: 'lab', node: 'imp-sub1', schedule: { kind: 'once', startsAt: T0, endsAt: T0 + HOUR }, comment: '', createdBy: 'notifications.json', createdAtMs: T0, source: 'settings' });
    expect(book.covering('lab', 'imp-sub1', T0 + 1)).toEqual(fromFile);
    const mine = await book.save(mondays, 'ann');
    expect(book.all()).toEqual([fromFile, mine]);
    expect(await code(book.delete('maintenance-1'))).toBe('PRECONDITION');
    expect(await code(book.save({ ...onceOn('imp-sub1', T0, T0 + 2 * HOUR), id: 'maintenance-1' }, 'ann'))).toBe('PRECONDITION');
    expect(await code(book.save(onceOn('imp-sub1', T0 - 2 * HOUR, T0 - HOUR), 'ann'))).toBe('VALIDATION');
    expect(await code(book.save({ ...mondays, schedule: { ...mondays.schedule, timeZone: 'Nowhere/Else' } } as MaintenanceWindowInput, 'ann'))).toBe('VALIDATION');
    expect(await code(book.save({ ...mondays, schedule: { kind: 'weekly', days: [1], startMinute: 0, durationMinutes: 60, timeZone: 'UTC', validUntil: T0 } }, 'ann'))).toBe('VALIDATION');
  });

  it('a file that cannot be used is set aside (never deleted) and the book starts empty, saying why', async () => {
    const path = tempFile();
    writeFileSync(path, JSON.stringify({ windows: [{ id: 'x', cluster: 'lab', schedule: { kind: 'weekly', days: [9] } }] }));
    const problems: string[] = [];
    const book = await MaintenanceBook.open(path, { now: () => T0, onProblem: (m) => problems.push(m) });
    expect(book.list()).toEqual([]);
    expect(problems.join('\n')).toMatch(/windows\[0\]\.schedule\.days\[0\] must be a weekday number/);
    expect(readdirSync(join(path, '..')).some((f) => f.startsWith('maintenance.json.unreadable-'))).toBe(true);
  });
});
