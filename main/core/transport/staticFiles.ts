/**
 * Serves the built renderer from one directory: content types, no directory traversal (a decoded `..` segment,
 * a NUL or an absolute path is refused; the resolved path must stay inside the root), and the SPA fallback to
 * index.html for extension-less routes.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The content type of a file name, or application/octet-stream. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A file to send: its absolute path, size and type. */
export interface StaticFile {
  readonly file: string;
  readonly size: number;
  readonly contentType: string;
}

/** What a URL path resolves to. */
export type StaticLookup = { readonly kind: 'file'; readonly value: StaticFile } | { readonly kind: 'forbidden' } | { readonly kind: 'notFound' };

/** Resolves a URL path (still percent-encoded) inside `root` (an absolute, real directory path). */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'forbidden' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden' };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'forbidden' };
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const candidate = path.resolve(root, rel);
  if (!isInside(root, candidate)) return { kind: 'forbidden' };
  const found = await fileIn(root, candidate);
  if (found) return { kind: 'file', value: found };
  // Client-side routes (no extension) get the app shell.
  if (path.extname(rel) === '') {
    const index = await fileIn(root, path.join(root, 'index.html'));
    if (index) return { kind: 'file', value: index };
  }
  return { kind: 'notFound' };
}

/** Opens a read stream of a resolved file. */
export function openStatic(file: StaticFile): NodeJS.ReadableStream {
  return createReadStream(file.file);
}

async function fileIn(root: string, candidate: string): Promise<StaticFile | undefined> {
  try {
    // Follow symlinks, then check again that the target is inside the root.
    const real = await realpath(candidate);
    if (!isInside(root, real)) return undefined;
    const st = await stat(real);
    if (!st.isFile()) return undefined;
    return { file: real, size: st.size, contentType: contentTypeOf(real) };
  } catch {
    return undefined;
  }
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
