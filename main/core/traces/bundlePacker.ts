import archiver from 'archiver';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type Stats } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { TraceArchiveFormat } from '../../../shared/model/traces.js';
import { AppError } from '../base/errors.js';
import { COLLECTION_JSON_NAME, MANIFEST_NAME } from './bundleLayout.js';
import { localWriteError } from './fileFetch.js';

/** A file to put in the bundle. */
export interface PackEntry {
  /** Entry name ('imp-pub/epas/trace/xcp/log/rtr-jsm-1.log.gz'). */
  readonly name: string;
  readonly localPath: string;
  /** Gzip content (stored as it is in a zip: compressing it again gains nothing). */
  readonly gz: boolean;
  readonly mtimeMs?: number;
  /** Where the bytes come from when not straight from localPath (the pseudonymiser's rewrite). */
  readonly open?: () => NodeJS.ReadableStream;
}

/** What was written. */
export interface PackResult {
  readonly path: string;
  readonly bytes: number;
  /** sha256 and size of each entry as it is in the archive, by name. */
  readonly entries: ReadonlyMap<string, { sha256: string; size: number }>;
}

/** Text logs deflate well and fast at level 1; level 6 costs about three times the CPU for a few per cent. */
const DEFLATE_LEVEL = 1;

/**
 * Writes the bundle (issue 12 "Bundle") streaming, never a file whole in memory: the node files one after the other
 * (each hashed as it passes), then `collection.json` (built from those hashes), then `MANIFEST.sha256` in
 * `sha256sum -c` format listing every entry including collection.json. The archive is written as `<path>.part` and
 * renamed when complete, so a half-written bundle never has the final name; a failure (ENOSPC) removes the .part.
 */
export async function packBundle(opts: {
  readonly format: TraceArchiveFormat;
  readonly path: string;
  readonly entries: readonly PackEntry[];
  readonly collectionJson: (hashes: ReadonlyMap<string, { sha256: string; size: number }>) => unknown;
  readonly signal?: AbortSignal;
  readonly onBytes?: (n: number) => void;
}): Promise<PackResult> {
  const part = `${opts.path}.part`;
  const staging = `${opts.path}.entry.part`;
  const archive = opts.format === 'zip' ? archiver('zip', { zlib: { level: DEFLATE_LEVEL }, forceZip64: false }) : archiver('tar', { gzip: true, gzipOptions: { level: DEFLATE_LEVEL } });
  const out = createWriteStream(part);
  const hashes = new Map<string, { sha256: string; size: number }>();
  let failure: unknown;
  let onFailure: () => void = () => undefined;
  const failed = new Promise<void>((resolve) => (onFailure = resolve));
  const fail = (err: unknown): void => {
    if (failure !== undefined) return;
    failure = err;
    archive.abort();
    out.destroy();
    onFailure();
  };
  const written = new Promise<void>((resolve) => {
    out.on('close', resolve);
    out.on('error', (err) => {
      fail(localWriteError(err, part));
      resolve();
    });
  });
  archive.on('error', (err) => fail(err));
  archive.on('warning', (err) => fail(err));
  const onAbort = (): void => fail(new AppError('PRECONDITION', 'packing was stopped'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  archive.pipe(out);
  try {
    const entryDone = (name: string): Promise<void> =>
      new Promise((resolve) => {
        const on = (e: archiver.EntryData): void => {
          if (e.name !== name) return;
          archive.off('entry', on);
          resolve();
        };
        archive.on('entry', on);
      });
    for (const e of opts.entries) {
      if (failure !== undefined) break;
      // A rewritten entry (pseudonymised) is staged beside the archive first: a tar header needs the entry's size
      // before its bytes, and archiver would otherwise hold the whole stream in memory to learn it.
      let from = e.localPath;
      if (e.open) {
        from = staging;
        try {
          await pipeline(e.open(), createWriteStream(staging));
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          fail(code === 'ENOSPC' || code === 'EDQUOT' ? localWriteError(err, staging) : new AppError('PRECONDITION', `cannot prepare ${e.localPath} for the bundle: ${(err as Error).message}`, { cause: err }));
          break;
        }
      }
      let stats: Stats;
      try {
        stats = await stat(from);
      } catch (err) {
        fail(new AppError('PRECONDITION', `cannot read ${e.localPath} for the bundle: ${(err as Error).message}`, { cause: err }));
        break;
      }
      const hash = createHash('sha256');
      let size = 0;
      const source = createReadStream(from, { highWaterMark: 1 << 20 });
      const hashing = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          size += chunk.length;
          opts.onBytes?.(chunk.length);
          cb(null, chunk);
        },
      });
      source.on('error', (err: unknown) => {
        hashing.destroy();
        fail(new AppError('PRECONDITION', `cannot read ${e.localPath} for the bundle: ${(err as Error).message}`, { cause: err }));
      });
      source.pipe(hashing);
      const done = entryDone(e.name);
      // With `stats` archiver streams the entry (its size known up front) instead of collecting it.
      archive.append(hashing, { name: e.name, stats, ...(e.mtimeMs ? { date: new Date(e.mtimeMs) } : {}), ...(opts.format === 'zip' && e.gz ? { store: true } : {}) });
      // One entry at a time: archiver reads it while we wait, so memory holds a window of each file only.
      await Promise.race([done, written, failed]);
      if (from === staging) await rm(staging, { force: true });
      if (failure !== undefined) break;
      if (size !== stats.size) {
        fail(new AppError('PRECONDITION', `${e.localPath} changed while it was packed (${stats.size} bytes, then ${size})`));
        break;
      }
      hashes.set(e.name, { sha256: hash.digest('hex'), size });
    }
    if (failure === undefined) {
      const json = Buffer.from(`${JSON.stringify(opts.collectionJson(hashes), null, 2)}\n`);
      hashes.set(COLLECTION_JSON_NAME, { sha256: createHash('sha256').update(json).digest('hex'), size: json.length });
      archive.append(json, { name: COLLECTION_JSON_NAME });
      archive.append(Buffer.from(manifestText(hashes)), { name: MANIFEST_NAME });
      await Promise.race([archive.finalize(), failed]);
    }
    await written;
    if (failure !== undefined) throw failure;
    await rename(part, opts.path);
    return { path: opts.path, bytes: archive.pointer(), entries: hashes };
  } catch (err) {
    out.destroy();
    await rm(part, { force: true });
    await rm(staging, { force: true });
    throw err instanceof AppError ? err : localWriteError(err, part);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** `sha256sum -c` lines ("<hex>  <name>"), sorted by name. Names never hold a newline or backslash (bundleLayout). */
export function manifestText(hashes: ReadonlyMap<string, { sha256: string }>): string {
  return [...hashes.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name, h]) => `${h.sha256}  ${name}\n`)
    .join('');
}
