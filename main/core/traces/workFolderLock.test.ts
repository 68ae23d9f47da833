import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockWorkFolder, WORK_FOLDER_LOCK } from './workFolderLock.js';

describe('work folder lock', () => {
  const dirs: string[] = [];
  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'imp-lock-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('holds the folder for one taker at a time and frees it on release', () => {
    const d = dir();
    const lock = lockWorkFolder(d);
    expect(readFileSync(join(d, WORK_FOLDER_LOCK), 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
    expect(() => lockWorkFolder(d)).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(new RegExp(`process ${process.pid}`)) }));
    lock.release();
    lock.release();
    expect(existsSync(join(d, WORK_FOLDER_LOCK))).toBe(false);
    lockWorkFolder(d).release();
  });

  it('takes over the lock of a process that is gone (an app killed while collecting)', () => {
    const d = dir();
    // A real process that ran and exited: its pid is free.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(d, WORK_FOLDER_LOCK), `${gone.stdout} ${hostname()}\n`);
    const lock = lockWorkFolder(d);
    expect(readFileSync(join(d, WORK_FOLDER_LOCK), 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
    lock.release();
  });

  it('refuses a lock held on another host, naming the file to remove', () => {
    const d = dir();
    writeFileSync(join(d, WORK_FOLDER_LOCK), '4242 other-host.example\n');
    expect(() => lockWorkFolder(d)).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/other-host\.example.*remove/) }));
  });
});
