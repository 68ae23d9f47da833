import { BackupStoreError, type BackupStore, type BackupTarget, type BackupTransport, type StoreEntry } from './drsSftpClient.js';

/** A fault the in-memory server shows. */
export type MemoryFault = 'unreachable' | 'auth' | 'hang' | undefined;

/**
 * An in-memory backup server for unit tests and demos without sockets: a flat map of path → bytes with a
 * quota, and faults (unreachable, bad credentials, writes that never answer).
 */
export class MemoryBackupTransport implements BackupTransport {
  readonly files = new Map<string, Buffer>();
  readonly dirs = new Set<string>(['/']);
  quotaBytes = Infinity;
  fault: MemoryFault;
  /** Accepted credentials; any when empty. */
  readonly users = new Map<string, string>();
  /** Open stores (tests check they were all closed). */
  open_ = 0;

  used(): number {
    let n = 0;
    for (const b of this.files.values()) n += b.length;
    return n;
  }

  open(target: BackupTarget): Promise<BackupStore> {
    if (this.fault === 'unreachable') return Promise.reject(new BackupStoreError('unreachable', `cannot connect to ${target.host}: connect ECONNREFUSED`));
    if (this.fault === 'auth' || (this.users.size > 0 && this.users.get(target.username) !== target.password)) {
      return Promise.reject(new BackupStoreError('auth', `authentication failed for user ${target.username} on ${target.host}`));
    }
    this.open_++;
    let closed = false;
    const parent = (p: string): string => p.replace(/\/[^/]+$/, '') || '/';
    const live = <T>(fn: () => T): Promise<T> => {
      if (closed) return Promise.reject(new BackupStoreError('unreachable', 'connection closed'));
      try {
        return Promise.resolve(fn());
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    const store: BackupStore = {
      mkdir: (p) =>
        live(() => {
          if (!this.dirs.has(parent(p))) throw new BackupStoreError('notFound', `mkdir ${p}: No such file`);
          this.dirs.add(p);
        }),
      writeFile: (p, data) => {
        if (this.fault === 'hang') return new Promise<void>(() => undefined);
        return live(() => {
          if (!this.dirs.has(parent(p))) throw new BackupStoreError('notFound', `write ${p}: No such file`);
          if (this.used() - (this.files.get(p)?.length ?? 0) + data.length > this.quotaBytes) throw new BackupStoreError('noSpace', `write ${p}: No space left on device`);
          this.files.set(p, Buffer.from(data));
        });
      },
      readFile: (p) =>
        live(() => {
          const b = this.files.get(p);
          if (!b) throw new BackupStoreError('notFound', `read ${p}: No such file`);
          return Buffer.from(b);
        }),
      list: (dir) =>
        live(() => {
          if (!this.dirs.has(dir)) throw new BackupStoreError('notFound', `list ${dir}: No such file`);
          const out: StoreEntry[] = [];
          for (const d of this.dirs) if (d !== dir && parent(d) === dir) out.push({ name: d.slice(dir.length).replace(/^\//, ''), isDirectory: true, size: 0 });
          for (const [f, b] of this.files) if (parent(f) === dir) out.push({ name: f.slice(dir.length).replace(/^\//, ''), isDirectory: false, size: b.length });
          return out;
        }),
      remove: (p) => live(() => void this.files.delete(p)),
      rmdir: (p) => live(() => void this.dirs.delete(p)),
      close: () => {
        if (closed) return;
        closed = true;
        this.open_--;
      },
    };
    return Promise.resolve(store);
  }
}
