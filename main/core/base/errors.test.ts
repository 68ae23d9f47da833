import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, toErrorPayload } from './errors.js';

describe('toErrorPayload', () => {
  it('keeps an AppError\u2019s code and retryable flag; anything unknown is INTERNAL', () => {
    expect(toErrorPayload(new AppError('NOT_FOUND', 'x'))).toMatchObject({ code: 'NOT_FOUND', retryable: false });
    expect(toErrorPayload(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'boom', retryable: false });
  });

  it('a real SQLite lock held by another connection is STORAGE_BUSY, retryable (a rule save during a lock)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-errors-'));
    const holder = new Database(join(dir, 'db.sqlite'));
    const writer = new Database(join(dir, 'db.sqlite'), { timeout: 0 });
    try {
      holder.exec('CREATE TABLE t (x)');
      holder.exec('BEGIN IMMEDIATE');
      let caught: unknown;
      try {
        writer.exec('INSERT INTO t VALUES (1)');
      } catch (err) {
        caught = err;
      }
      expect(toErrorPayload(caught)).toMatchObject({ code: 'STORAGE_BUSY', retryable: true });
      holder.exec('ROLLBACK');
    } finally {
      writer.close();
      holder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
