/**
 * The read-only view of a node's log tree that SFTP, `file list|get|view activelog` and DIME GetOneFile serve.
 * Paths are POSIX, absolute inside the tree ("/epas/trace/xcp/log/rtr-jsm-1.log"); the tree root is "/".
 * Implementations must reject nothing silently: unknown paths return undefined.
 */
export interface VirtualFileTree {
  /** Metadata of a file or directory, or undefined when it does not exist. */
  stat(path: string): VfsEntry | undefined;
  /** Entries of a directory (not recursive), sorted by name; undefined when `path` is not a directory. */
  list(path: string): VfsEntry[] | undefined;
  /** The whole content of a file; undefined when `path` is not a file. */
  read(path: string): Buffer | undefined;
}

/** One file or directory of a {@link VirtualFileTree}. */
export interface VfsEntry {
  /** Absolute path inside the tree. */
  readonly path: string;
  /** Last path component. */
  readonly name: string;
  readonly kind: 'file' | 'directory';
  /** Size in bytes (0 for directories). */
  readonly size: number;
  /** Last modification, ms since the epoch (virtual time). */
  readonly mtimeMs: number;
}

/** Normalizes a client-supplied path to an absolute tree path, or undefined when it escapes the root. */
export function normalizeTreePath(input: string): string | undefined {
  if (input.includes('\0')) return undefined;
  const parts: string[] = [];
  for (const part of input.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return '/' + parts.join('/');
}
