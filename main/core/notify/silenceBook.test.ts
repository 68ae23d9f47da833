import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Silence } from '../../../shared/model/alert.js';
import { silenceOf } from '../../../shared/model/silenceMatch.js';
import { SILENCE_RETENTION_MS, SilenceBook } from './silenceBook.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'silences-'));
  dirs.push(dir);
  return join(dir, 'silences.json');
}
const T0 = Date.UTC(2026, 10, 25, 12);
const HOUR = 3_600_000;
const onNode = (node: string) => ({ matchers: [{ field: 'node' as const, op: '=' as const, value: node }], startsAt: T0, endsAt: T0 + HOUR, createdBy: 'ann', comment: 'patching' });
const alarm = (node: string) => ({ ruleId: 'CpuPegging', ruleName: 'CpuPegging', cluster: 'c1', node, instance: '', severity: 'Critical' as const, group: 'System' as const });

describe('SilenceBook', () => {
  it('keeps silences made in the app across a restart, in a file only the owner can read', async () => {
    const path = tempFile();
    let now = T0;
    const a = await SilenceBook.open(path, { now: () => now });
    const s = await a.add(onNode('imp-sub1'));
    expect(s.source).toBe('app');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const b = await SilenceBook.open(path, { now: () => now });
    expect(b.list()).toEqual([s]);
    expect(silenceOf(alarm('imp-sub1'), b.active(), now)).toEqual(s);
    expect(silenceOf(alarm('imp-sub2'), b.active(), now)).toBeUndefined();
    now = T0 + HOUR;
    expect(b.active()).toEqual([]);
  });

  it('ending a silence stops it now and is kept; a pending one ends before it starts; ended ones go after the retention', async () => {
    const path = tempFile();
    let now = T0 + 10;
    const book = await SilenceBook.open(path, { now: () => now });
    const running = await book.add(onNode('imp-sub1'));
    const later = await book.add({ ...onNode('imp-sub2'), startsAt: T0 + HOUR, endsAt: T0 + 2 * HOUR });
    const ended = await book.expire(running.id);
    expect(ended.endsAt).toBe(now);
    expect(book.active()).toEqual([]);
    const cancelled = await book.expire(later.id);
    expect([cancelled.startsAt, cancelled.endsAt]).toEqual([now, now]);
    now = T0 + 2 * HOUR;
    expect(book.active()).toEqual([]);
    expect((await SilenceBook.open(path, { now: () => now })).list().map((s) => s.id).sort()).toEqual([running.id, later.id].sort());
    now = T0 + 10 + SILENCE_RETENTION_MS + 1;
    expect(book.list()).toEqual([]);
  });

  it('silences of notifications.json are listed and obeyed but cannot be ended here; unknown ids and bad input are refused', async () => {
    const fromFile: Silence = { id: 'file-1', matchers: [{ field: 'node', op: '=~', value: 'imp-.*' }], startsAt: T0, endsAt: T0 + HOUR, createdBy: 'settings file', comment: '' };
    const book = await SilenceBook.open(tempFile(), { settings: [fromFile], now: () => T0 + 1 });
    expect(book.list()).toEqual([{ ...fromFile, source: 'settings' }]);
    expect(silenceOf(alarm('imp-pub'), book.active(), T0 + 1)?.id).toBe('file-1');
    await expect(book.expire('file-1')).rejects.toMatchObject({ code: 'PRECONDITION' });
    await expect(book.expire('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(book.add({ ...onNode('x'), matchers: [] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(book.add({ ...onNode('x'), endsAt: T0 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a silence made in the app is changed in place (matchers, window, comment; who changed it); others are refused', async () => {
    const path = tempFile();
    let now = T0 + 10;
    const book = await SilenceBook.open(path, { settings: [{ id: 'file-1', matchers: [{ field: 'node', op: '=', value: 'imp-pub' }], startsAt: T0, endsAt: T0 + HOUR, createdBy: 'settings file', comment: '' }], now: () => now });
    const s = await book.add(onNode('imp-sub1'));
    const changed = await book.update(s.id, { ...onNode('imp-sub2'), endsAt: T0 + 4 * HOUR, createdBy: 'bob', comment: 'longer' });
    expect(changed).toEqual({ id: s.id, matchers: [{ field: 'node', op: '=', value: 'imp-sub2' }], startsAt: T0, endsAt: T0 + 4 * HOUR, createdBy: 'bob', comment: 'longer', source: 'app' });
    expect((await SilenceBook.open(path, { now: () => now })).list()).toEqual([changed]);
    expect(silenceOf(alarm('imp-sub1'), book.active(), now)).toBeUndefined();
    expect(silenceOf(alarm('imp-sub2'), book.active(), now)?.id).toBe(s.id);
    await expect(book.update('file-1', onNode('x'))).rejects.toMatchObject({ code: 'PRECONDITION' });
    await expect(book.update('nope', onNode('x'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(book.update(s.id, { ...onNode('x'), matchers: [] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(book.update(s.id, { ...onNode('x'), endsAt: T0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    now = T0 + 5 * HOUR;
    await expect(book.update(s.id, { ...onNode('x'), endsAt: T0 + 6 * HOUR })).rejects.toMatchObject({ code: 'PRECONDITION' });
  });

  it('a file that is not a silence list is kept aside and the book starts empty, saying why', async () => {
    const path = tempFile();
    writeFileSync(path, JSON.stringify({ silences: [{ id: 'x', matchers: [{ field: 'colour', op: '=', value: 'red' }] }] }));
    const problems: string[] = [];
    const book = await SilenceBook.open(path, { onProblem: (m) => problems.push(m) });
    expect(book.list()).toEqual([]);
    expect(problems[0]).toContain('silences[0].matchers[0].field must be one of ruleId');
    expect(readdirSync(join(path, '..')).some((f) => f.startsWith('silences.json.unreadable-'))).toBe(true);
  });
});
