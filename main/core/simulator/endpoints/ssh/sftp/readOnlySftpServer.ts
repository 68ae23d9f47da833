import ssh2 from 'ssh2';
import type { Attributes, FileEntry, SFTPWrapper } from 'ssh2';
import type { ServedBytes } from '../../../model/logs/servedBytes.js';
import { normalizeTreePath, type VfsEntry, type VirtualFileTree } from '../../../model/logs/virtualFileTree.js';
import type { ResponseGate } from '../degradation.js';
import { formatLongname, S_IFDIR, S_IFREG, toUnixSeconds } from './sftpAttributes.js';
import { SftpHandleTable } from './sftpHandles.js';

const { STATUS_CODE, OPEN_MODE } = ssh2.utils.sftp;
const WRITE_FLAGS = OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC | OPEN_MODE.EXCL;
/** Largest DATA payload we send: OpenSSH clients accept SFTP messages up to 256 KiB. */
const MAX_READ = 255 * 1024;
/** Entries per READDIR answer (keeps NAME packets small). */
const DIR_BATCH = 100;
const OWNER = 'root';

type OpenHandle =
  | { readonly kind: 'file'; readonly entry: VfsEntry; data: Buffer }
  | { readonly kind: 'dir'; readonly entry: VfsEntry; pending: VfsEntry[] | undefined };

/** Options of {@link serveReadOnlySftp}. */
export interface ReadOnlySftpOptions {
  readonly files: VirtualFileTree;
  readonly gate: ResponseGate;
  /** Reference time for `ls -l` style dates (defaults to the wall clock). */
  readonly nowMs?: () => number;
  /**
   * The node's count of log bytes served (NodeLogTree.served); every READ answer is recorded there. Defaults to
   * the tree's own `served` when it has one (a NodeLogTree does).
   */
  readonly served?: Pick<ServedBytes, 'record'>;
}

/** The served-bytes counter a tree carries, if any (NodeLogTree.served). */
function servedOf(files: VirtualFileTree): Pick<ServedBytes, 'record'> | undefined {
  const served = (files as { served?: unknown }).served;
  return served && typeof (served as { record?: unknown }).record === 'function' ? (served as Pick<ServedBytes, 'record'>) : undefined;
}

/** SFTP ATTRS of a tree entry: files r--r--r--, directories r-xr-xr-x, owned by root. */
export function attrsOfEntry(entry: VfsEntry): Attributes {
  const mtime = toUnixSeconds(entry.mtimeMs);
  return {
    mode: entry.kind === 'directory' ? S_IFDIR | 0o555 : S_IFREG | 0o444,
    uid: 0,
    gid: 0,
    size: entry.kind === 'directory' ? 0 : entry.size,
    atime: mtime,
    mtime,
  };
}

/**
 * Serves a node's {@link VirtualFileTree} read-only on an SFTP channel: REALPATH, STAT/LSTAT/FSTAT,
 * OPENDIR/READDIR, OPEN for reading, READ (slices of the tree's Buffer), CLOSE. Every modifying request is
 * PERMISSION_DENIED; every path goes through normalizeTreePath, so `..` above the root is NO_SUCH_FILE.
 * Answers pass through `gate` (slow or unresponsive endpoint). The channel closes when the client sends EOF.
 */
export function serveReadOnlySftp(sftp: SFTPWrapper, options: ReadOnlySftpOptions): void {
  const { files, gate } = options;
  const now = options.nowMs ?? Date.now;
  const served = options.served ?? servedOf(files);
  const handles = new SftpHandleTable<OpenHandle>();
  let closed = false;
  const reply = (fn: () => void): void =>
    gate.run(() => {
      if (!closed) fn();
    });
  const lookup = (raw: string): VfsEntry | undefined => {
    const path = normalizeTreePath(raw);
    return path === undefined ? undefined : files.stat(path);
  };
  const denied = (id: number): void => reply(() => sftp.status(id, STATUS_CODE.PERMISSION_DENIED, 'Read-only file system'));
  const noSuchFile = (id: number): void => reply(() => sftp.status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file'));

  sftp.on('REALPATH', (id: number, raw: string) => {
    const path = normalizeTreePath(raw);
    if (path === undefined) return noSuchFile(id);
    const names = [{ filename: path, longname: path, attrs: {} as Attributes }];
    reply(() => sftp.name(id, names));
  });
  const onStat = (id: number, raw: string): void => {
    const entry = lookup(raw);
    if (entry === undefined) return noSuchFile(id);
    reply(() => sftp.attrs(id, attrsOfEntry(entry)));
  };
  sftp.on('STAT', onStat);
  sftp.on('LSTAT', onStat);
  sftp.on('FSTAT', (id: number, handle: Buffer) => {
    const open = handles.get(handle);
    if (open === undefined) return reply(() => sftp.status(id, STATUS_CODE.FAILURE, 'Bad handle'));
    reply(() => sftp.attrs(id, attrsOfEntry(open.entry)));
  });
  sftp.on('OPEN', (id: number, raw: string, flags: number) => {
    if ((flags & WRITE_FLAGS) !== 0) return denied(id);
    const entry = lookup(raw);
    if (entry === undefined) return noSuchFile(id);
    if (entry.kind !== 'file') return reply(() => sftp.status(id, STATUS_CODE.FAILURE, 'Is a directory'));
    const data = files.read(entry.path);
    if (data === undefined) return noSuchFile(id);
    const handle = handles.open({ kind: 'file', entry, data });
    reply(() => sftp.handle(id, handle));
  });
  sftp.on('READ', (id: number, handle: Buffer, offset: number, length: number) => {
    const open = handles.get(handle);
    if (open === undefined || open.kind !== 'file') return reply(() => sftp.status(id, STATUS_CODE.FAILURE, 'Bad handle'));
    if (offset >= open.data.length) {
      // A log the node appends to grows while it is open (as on Linux, the open file shows the new end).
      const current = files.read(open.entry.path);
      if (current !== undefined && current.length > open.data.length && current.subarray(0, open.data.length).equals(open.data)) open.data = current;
    }
    const data = open.data;
    if (offset >= data.length) return reply(() => sftp.status(id, STATUS_CODE.EOF));
    const slice = data.subarray(offset, offset + Math.min(length, MAX_READ));
    reply(() => {
      // Counted when the answer goes out (a parked answer of an unresponsive node is not served).
      served?.record(open.entry.path, 'sftp', offset, slice.length, data.length);
      sftp.data(id, slice);
    });
  });
  sftp.on('OPENDIR', (id: number, raw: string) => {
    const entry = lookup(raw);
    if (entry === undefined) return noSuchFile(id);
    if (entry.kind !== 'directory') return reply(() => sftp.status(id, STATUS_CODE.FAILURE, 'Not a directory'));
    const handle = handles.open({ kind: 'dir', entry, pending: undefined });
    reply(() => sftp.handle(id, handle));
  });
  sftp.on('READDIR', (id: number, handle: Buffer) => {
    const open = handles.get(handle);
    if (open === undefined || open.kind !== 'dir') return reply(() => sftp.status(id, STATUS_CODE.FAILURE, 'Bad handle'));
    if (open.pending === undefined) {
      const self = { ...open.entry, name: '.' };
      open.pending = [self, ...(files.list(open.entry.path) ?? [])];
    }
    const batch = open.pending.splice(0, DIR_BATCH);
    if (batch.length === 0) return reply(() => sftp.status(id, STATUS_CODE.EOF));
    const names: FileEntry[] = batch.map((e) => {
      const attrs = attrsOfEntry(e);
      return { filename: e.name, longname: formatLongname(e.name, attrs, OWNER, now()), attrs };
    });
    reply(() => sftp.name(id, names));
  });
  sftp.on('CLOSE', (id: number, handle: Buffer) => {
    if (handles.close(handle) === undefined) return reply(() => sftp.status(id, STATUS_CODE.FAILURE, 'Bad handle'));
    reply(() => sftp.status(id, STATUS_CODE.OK));
  });
  sftp.on('READLINK', (id: number, raw: string) => {
    if (lookup(raw) === undefined) return noSuchFile(id);
    reply(() => sftp.status(id, STATUS_CODE.FAILURE, 'Not a symbolic link'));
  });
  for (const event of ['WRITE', 'FSETSTAT', 'SETSTAT', 'REMOVE', 'RMDIR', 'MKDIR', 'RENAME', 'SYMLINK']) {
    sftp.on(event, (id: number) => denied(id));
  }
  sftp.on('EXTENDED', (id: number) => reply(() => sftp.status(id, STATUS_CODE.OP_UNSUPPORTED)));
  sftp.on('end', () => sftp.end());
  sftp.on('close', () => {
    closed = true;
    handles.clear();
  });
  sftp.on('error', () => undefined);
}
