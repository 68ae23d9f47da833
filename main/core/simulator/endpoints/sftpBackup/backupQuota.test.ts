import { describe, expect, it } from 'vitest';
import { BackupQuota } from './backupQuota.js';

describe('BackupQuota', () => {
  it('reserves growth under the quota and refuses what does not fit', () => {
    const q = new BackupQuota(100, 30);
    expect(q.reserve(70)).toBe(true);
    expect(q.reserve(1)).toBe(false);
    expect(q.used).toBe(100);
    q.release(50);
    expect(q.used).toBe(50);
  });

  it('fills to the quota without an argument, adds filler with one, and unfill removes it', () => {
    const q = new BackupQuota(100, 10);
    q.fill();
    expect(q.used).toBe(100);
    expect(q.reserve(1)).toBe(false);
    q.unfill();
    q.fill(20);
    expect(q.used).toBe(30);
    q.setQuota(25);
    expect(q.reserve(1)).toBe(false);
    expect(() => q.setQuota(-1)).toThrow(RangeError);
  });
});
