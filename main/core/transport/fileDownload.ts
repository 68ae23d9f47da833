/**
 * `GET /download?path=<absolute path>` of the web layer (issue 16): a trace bundle the backend wrote on the server's
 * disk, handed to the browser as an attachment so a support engineer can add it to a case (the bundle path alone is
 * of no use to someone who only has a browser). What may be downloaded is decided here, before a byte is read:
 * the real path (symbolic links followed) must lie inside one of the allowed roots (a server's bundle folders,
 * traces/localRoots.ts: its data folder holds credentials.key, credentials.json and history.db) and be a regular file.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { insideRoots } from '../base/pathRoots.js';

/** A file that may be sent, or why not (the HTTP status and a message). */
export type DownloadTarget =
  | { readonly ok: true; readonly path: string; readonly size: number; readonly contentType: string; readonly disposition: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly message: string };

/** Resolves `requested` against `roots` (undefined: any absolute path, the local user's own files in token mode). */
export async function resolveDownload(requested: string | null, roots: readonly string[] | undefined): Promise<DownloadTarget> {
  if (requested === null || requested === '') return { ok: false, status: 400, message: 'Give the file as ?path=<absolute path>' };
  if (requested.includes('\0') || !isAbsolute(requested)) return { ok: false, status: 400, message: 'The path must be absolute' };
  let real: string;
  try {
    real = await realpath(requested);
  } catch {
    // Whether a path outside the roots exists is not told: outside is refused first, by the path as given.
    if (roots !== undefined && !insideRoots(requested, roots)) return outside(roots);
    return { ok: false, status: 404, message: `No such file: ${requested}` };
  }
  if (roots !== undefined && !insideRoots(real, roots)) return outside(roots);
  const st = await stat(real);
  if (!st.isFile()) return { ok: false, status: 403, message: 'Only a regular file can be downloaded' };
  const name = basename(real);
  return { ok: true, path: real, size: st.size, contentType: contentTypeOf(name), disposition: attachment(name) };
}

/** Opens the file that resolveDownload allowed. */
export function openDownload(path: string): ReadStream {
  return createReadStream(path);
}

function outside(roots: readonly string[]): DownloadTarget {
  return { ok: false, status: 403, message: `Only files inside ${roots.join(' or ')} can be downloaded` };
}

/** application/zip, application/gzip, else application/octet-stream (never a type a browser would render). */
export function contentTypeOf(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.zip')) return 'application/zip';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz') || lower.endsWith('.gz')) return 'application/gzip';
  return 'application/octet-stream';
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>` (RFC 6266, RFC 8187). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
