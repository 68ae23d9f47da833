import { constants, type Stats } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, rename, rmdir, stat, unlink, utimes, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Attributes, FileEntry, InputAttributes, SFTPWrapper } from 'ssh2';
import type { ResponseGate } from '../ssh/degradation.js';
import { formatLongname } from '../ssh/sftp/sftpAttributes.js';
import { SftpHandleTable } from '../ssh/sftp/sftpHandles.js';
import { resolveInRoot } from './backupPaths.js';
import type { BackupQuota } from './backupQuota.js';

const { STATUS_CODE, OPEN_MODE } = ssh2.utils.sftp;
const MAX_READ = 255 * 1024;
const DIR_BATCH = 100;
const NO_SPACE = 'No space left on device';

type OpenHandle =
  | { readonly kind: 'file'; readonly fh: FileHandle; size: number }
  | { readonly kind: 'dir'; readonly disk: string; pending: string[] | undefined };

/** Options of {@link serveWritableSftp}. */
export interface WritableSftpOptions {
  /** Real path of the directory clients see as "/". */
  readonly root: string;
  readonly quota: BackupQuota;
  readonly gate: ResponseGate;
}

/** A served SFTP channel; closeAll() releases its open files (the server awaits it on dispose). */
export interface WritableSftpSession {
  closeAll(): Promise<void>;
}

function attrsOf(st: Stats): Attributes {
  return { mode: st.mode, uid: st.uid, gid: st.gid, size: st.size, atime: Math.floor(st.atimeMs / 1000), mtime: Math.floor(st.mtimeMs / 1000) };
}

function openFlags(pflags: number): number {
  const rw = pflags & OPEN_MODE.READ && pflags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND) ? constants.O_RDWR : pflags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND) ? constants.O_WRONLY : constants.O_RDONLY;
  let flags = rw;
  if (pflags & OPEN_MODE.CREAT) flags |= constants.O_CREAT;
  if (pflags & OPEN_MODE.TRUNC) flags |= constants.O_TRUNC;
  if (pflags & OPEN_MODE.EXCL) flags |= constants.O_EXCL;
  return flags;
}

/**
 * Serves a writable SFTP channel over `root` on disk: OPEN (read, write, create, truncate, exclusive),
 * READ, WRITE, FSTAT, FSETSTAT/SETSTAT (mode and times), CLOSE, OPENDIR/READDIR, STAT/LSTAT, MKDIR, RMDIR,
 * REMOVE, RENAME (fails when the target exists, as SFTP v3 says), REALPATH. No path leaves the root
 * (".." above it is NO_SUCH_FILE) and symlinks cannot be made. Growth beyond the quota fails with
 * FAILURE "No space left on device", the way OpenSSH's sftp-server reports ENOSPC (as a FAILURE status).
 */
export function serveWritableSftp(sftp: SFTPWrapper, options: WritableSftpOptions): WritableSftpSession {
  const { root, quota, gate } = options;
  const handles = new SftpHandleTable<OpenHandle>();
  let closed = false;
  const reply = (fn: () => void): void =>
    gate.run(() => {
      if (!closed) fn();
    });
  const status = (id: number, code: number, message?: string): void => reply(() => sftp.status(id, code, message));
  const fail = (id: number, err: unknown): void => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    if (code === 'EACCES' || code === 'EPERM') return status(id, STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
    if (code === 'ENOSPC') return status(id, STATUS_CODE.FAILURE, NO_SPACE);
    if (code === 'EEXIST') return status(id, STATUS_CODE.FAILURE, 'File exists');
    if (code === 'ENOTEMPTY') return status(id, STATUS_CODE.FAILURE, 'Directory not empty');
    if (code === 'EISDIR') return status(id, STATUS_CODE.FAILURE, 'Is a directory');
    status(id, STATUS_CODE.FAILURE, (err as Error).message ?? 'Failure');
  };
  /** Resolves a client path, answering NO_SUCH_FILE itself for escapes. */
  const resolve = (id: number, raw: string): string | undefined => {
    const r = resolveInRoot(root, raw);
    if (r === undefined) status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    return r?.disk;
  };
  /** Runs an async request and maps a thrown fs error to a status. */
  const handle = (id: number, work: () => Promise<void>): void => {
    work().catch((err: unknown) => fail(id, err));
  };
  const badHandle = (id: number): void => status(id, STATUS_CODE.FAILURE, 'Bad handle');

  sftp.on('REALPATH', (id: number, raw: string) => {
    const r = resolveInRoot(root, raw);
    if (r === undefined) return status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    reply(() => sftp.name(id, [{ filename: r.client, longname: r.client, attrs: {} as Attributes }]));
  });
  for (const [event, fn] of [['STAT', stat], ['LSTAT', lstat]] as const) {
    sftp.on(event, (id: number, raw: string) => {
      const disk = resolve(id, raw);
      if (disk !== undefined) handle(id, async () => { const st = await fn(disk); reply(() => sftp.attrs(id, attrsOf(st))); });
    });
  }
  sftp.on('OPEN', (id: number, raw: string, pflags: number, attrs: InputAttributes) => {
    const disk = resolve(id, raw);
    if (disk === undefined) return;
    handle(id, async () => {
      const before = await stat(disk).catch(() => undefined);
      if (before?.isDirectory()) return status(id, STATUS_CODE.FAILURE, 'Is a directory');
      const mode = typeof attrs.mode === 'number' ? attrs.mode & 0o777 : 0o644;
      const fh = await open(disk, openFlags(pflags), mode);
      if (closed) return void fh.close();
      let size = before?.size ?? 0;
      if (pflags & OPEN_MODE.TRUNC && before !== undefined) {
        quota.release(before.size);
        size = 0;
      }
      const h = handles.open({ kind: 'file', fh, size });
      reply(() => sftp.handle(id, h));
    });
  });
  sftp.on('READ', (id: number, h: Buffer, offset: number, length: number) => {
    const open = handles.get(h);
    if (open?.kind !== 'file') return badHandle(id);
    handle(id, async () => {
      const buf = Buffer.allocUnsafe(Math.min(length, MAX_READ));
      const { bytesRead } = await open.fh.read(buf, 0, buf.length, offset);
      if (bytesRead === 0) return status(id, STATUS_CODE.EOF);
      reply(() => sftp.data(id, buf.subarray(0, bytesRead)));
    });
  });
  sftp.on('WRITE', (id: number, h: Buffer, offset: number, data: Buffer) => {
    const open = handles.get(h);
    if (open?.kind !== 'file') return badHandle(id);
    // Reserve synchronously: OpenSSH keeps many WRITEs in flight and they finish in any order.
    const growth = Math.max(0, offset + data.length - open.size);
    if (!quota.reserve(growth)) return status(id, STATUS_CODE.FAILURE, NO_SPACE);
    open.size = Math.max(open.size, offset + data.length);
    open.fh.write(data, 0, data.length, offset).then(
      () => status(id, STATUS_CODE.OK),
      (err: unknown) => {
        quota.release(growth);
        fail(id, err);
      },
    );
  });
  sftp.on('FSTAT', (id: number, h: Buffer) => {
    const open = handles.get(h);
    if (open?.kind !== 'file') return badHandle(id);
    handle(id, async () => { const st = await open.fh.stat(); reply(() => sftp.attrs(id, attrsOf(st))); });
  });
  const applyAttrs = async (disk: string, attrs: InputAttributes): Promise<void> => {
    if (typeof attrs.mode === 'number') await chmod(disk, attrs.mode & 0o7777);
    if (attrs.atime !== undefined && attrs.mtime !== undefined) await utimes(disk, attrs.atime, attrs.mtime);
  };
  sftp.on('SETSTAT', (id: number, raw: string, attrs: InputAttributes) => {
    const disk = resolve(id, raw);
    if (disk !== undefined) handle(id, async () => { await applyAttrs(disk, attrs); status(id, STATUS_CODE.OK); });
  });
  sftp.on('FSETSTAT', (id: number, h: Buffer, attrs: InputAttributes) => {
    const open = handles.get(h);
    if (open?.kind !== 'file') return badHandle(id);
    handle(id, async () => {
      if (typeof attrs.mode === 'number') await open.fh.chmod(attrs.mode & 0o7777);
      if (attrs.atime !== undefined && attrs.mtime !== undefined) await open.fh.utimes(attrs.atime, attrs.mtime);
      status(id, STATUS_CODE.OK);
    });
  });
  sftp.on('CLOSE', (id: number, h: Buffer) => {
    const open = handles.close(h);
    if (open === undefined) return badHandle(id);
    if (open.kind === 'dir') return status(id, STATUS_CODE.OK);
    handle(id, async () => { await open.fh.close(); status(id, STATUS_CODE.OK); });
  });
  sftp.on('OPENDIR', (id: number, raw: string) => {
    const disk = resolve(id, raw);
    if (disk === undefined) return;
    handle(id, async () => {
      if (!(await stat(disk)).isDirectory()) return status(id, STATUS_CODE.FAILURE, 'Not a directory');
      const h = handles.open({ kind: 'dir', disk, pending: undefined });
      reply(() => sftp.handle(id, h));
    });
  });
  sftp.on('READDIR', (id: number, h: Buffer) => {
    const open = handles.get(h);
    if (open?.kind !== 'dir') return badHandle(id);
    handle(id, async () => {
      open.pending ??= ['.', '..', ...(await readdir(open.disk)).sort()];
      const batch = open.pending.splice(0, DIR_BATCH);
      if (batch.length === 0) return status(id, STATUS_CODE.EOF);
      const names: FileEntry[] = [];
      for (const name of batch) {
        const st = await lstat(join(open.disk, name)).catch(() => undefined);
        if (st === undefined) continue;
        const attrs = attrsOf(st);
        names.push({ filename: name, longname: formatLongname(name, attrs, 'backup', Date.now()), attrs });
      }
      reply(() => sftp.name(id, names));
    });
  });
  sftp.on('MKDIR', (id: number, raw: string, attrs: InputAttributes) => {
    const disk = resolve(id, raw);
    const mode = typeof attrs.mode === 'number' ? attrs.mode & 0o777 : 0o755;
    if (disk !== undefined) handle(id, async () => { await mkdir(disk, { mode }); status(id, STATUS_CODE.OK); });
  });
  sftp.on('RMDIR', (id: number, raw: string) => {
    const disk = resolve(id, raw);
    if (disk === root) return status(id, STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
    if (disk !== undefined) handle(id, async () => { await rmdir(disk); status(id, STATUS_CODE.OK); });
  });
  sftp.on('REMOVE', (id: number, raw: string) => {
    const disk = resolve(id, raw);
    if (disk === undefined) return;
    handle(id, async () => {
      const st = await lstat(disk);
      if (st.isDirectory()) return status(id, STATUS_CODE.FAILURE, 'Is a directory');
      await unlink(disk);
      if (st.isFile()) quota.release(st.size);
      status(id, STATUS_CODE.OK);
    });
  });
  sftp.on('RENAME', (id: number, rawFrom: string, rawTo: string) => {
    const from = resolve(id, rawFrom);
    if (from === undefined) return;
    const to = resolve(id, rawTo);
    if (to === undefined) return;
    if (from === root || to === root) return status(id, STATUS_CODE.PERMISSION_DENIED, 'Permission denied');
    handle(id, async () => {
      if (await lstat(to).then(() => true, () => false)) return status(id, STATUS_CODE.FAILURE, 'File exists');
      await rename(from, to);
      status(id, STATUS_CODE.OK);
    });
  });
  sftp.on('SYMLINK', (id: number) => status(id, STATUS_CODE.PERMISSION_DENIED, 'Symbolic links are not allowed'));
  sftp.on('READLINK', (id: number) => status(id, STATUS_CODE.OP_UNSUPPORTED));
  sftp.on('EXTENDED', (id: number) => status(id, STATUS_CODE.OP_UNSUPPORTED));

  const closeAll = async (): Promise<void> => {
    const open = [...handles.values()];
    handles.clear();
    await Promise.all(open.map((h) => (h.kind === 'file' ? h.fh.close().catch(() => undefined) : undefined)));
  };
  let closing: Promise<void> | undefined;
  sftp.on('end', () => sftp.end());
  sftp.on('close', () => {
    closed = true;
    closing ??= closeAll();
  });
  sftp.on('error', () => undefined);
  return { closeAll: () => (closing ??= closeAll()) };
}
