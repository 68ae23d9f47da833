import { hostname } from 'node:os';
import { join } from 'node:path';
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { AppError } from '../base/errors.js';

/** The lock file in a collection's work folder while a process collects into it. */
export const WORK_FOLDER_LOCK = 'collection.lock';

/** A held work-folder lock. */
export interface WorkFolderLock {
  release(): void;
}

/** Whether process `pid` is alive on this machine (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock of a collection's work folder, so that the app and `imp traces resume` (or two of either) never
 * collect into one folder at once: `collection.lock` holds the owner's pid and host, created exclusively. A lock
 * whose process is gone (the app was killed) is stale and taken over; one held by a live process on this host is
 * CONFLICT, naming it. Synchronous: a start names its work folder in its first status.
 */
export function lockWorkFolder(dir: string): WorkFolderLock {
  const path = join(dir, WORK_FOLDER_LOCK);
  const me = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, me);
      } finally {
        closeSync(fd);
      }
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          // The folder may be gone already (a completed collection removes it).
          rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new AppError('PRECONDITION', `cannot lock the work folder ${dir}: ${(err as Error).message}`, { cause: err });
    }
    let owner = '';
    try {
      owner = readFileSync(path, 'utf8').trim();
    } catch {
      // Released between our attempt and this read: try again.
      continue;
    }
    const [pidText, host] = owner.split(' ');
    const pid = Number(pidText);
    if (host === hostname() && Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new AppError('CONFLICT', `the collection in ${dir} is being collected by process ${pid}${pid === process.pid ? ' (this one)' : ''}; wait for it or stop it first`);
    }
    if (host !== hostname() && host !== undefined) {
      throw new AppError('CONFLICT', `the collection in ${dir} is locked by process ${pidText} on ${host}; remove ${path} if that process is gone`);
    }
    // Stale (its process is gone): take it over.
    rmSync(path, { force: true });
  }
  throw new AppError('CONFLICT', `the work folder ${dir} is being locked by another process; try again`);
}
