import archiver from 'archiver';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type Stats, type WriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

/** sha256 and size of each entry as it is in the archive, by name. */
export type EntryHashes = ReadonlyMap<string, { sha256: string; size: number }>;

/** What was written. */
export interface PackResult {
  readonly path: string;
  readonly bytes: number;
  readonly entries: EntryHashes;
}

/** Text logs deflate well and fast at level 1; level 6 costs about three times the CPU for a few per cent. */
const DEFLATE_LEVEL = 1;

/**
 * Writes one bundle (issue 12 "Bundle") streaming, never a file whole in memory: entries are added one after the
 * other as they become ready (a collection adds each file as soon as it is fetched, so packing overlaps fetching),
 * each hashed as it passes; `finish` appends `collection.json` (built from those hashes) and `MANIFEST.sha256` in
 * `sha256sum -c` format listing every entry including collection.json. The archive is written as `<path>.part`
 * and renamed when complete, so a half-written bundle never has the final name; a failure (ENOSPC) or `abort`
 * removes the .part. After a failure every add and the finish reject with that failure.
 */
export class BundleWriter {
  readonly #part: string;
  readonly #staging: string;
  readonly #archive: archiver.Archiver;
  readonly #out: WriteStream;
  readonly #hashes = new Map<string, { sha256: string; size: number }>();
  readonly #written: Promise<void>;
  readonly #failed: Promise<void>;
  #onFailure: () => void = () => undefined;
  #failure: unknown;
  #queue: Promise<void> = Promise.resolve();
  #finished = false;

  constructor(
    readonly format: TraceArchiveFormat,
    readonly path: string,
    private readonly onBytes?: (n: number) => void,
  ) {
    this.#part = `${path}.part`;
    this.#staging = `${path}.entry.part`;
    this.#archive = format === 'zip' ? archiver('zip', { zlib: { level: DEFLATE_LEVEL }, forceZip64: false }) : archiver('tar', { gzip: true, gzipOptions: { level: DEFLATE_LEVEL } });
    this.#out = createWriteStream(this.#part);
    this.#failed = new Promise<void>((resolve) => (this.#onFailure = resolve));
    this.#written = new Promise<void>((resolve) => {
      this.#out.on('close', resolve);
      this.#out.on('error', (err) => {
        this.#fail(localWriteError(err, this.#part));
        resolve();
      });
    });
    this.#archive.on('error', (err) => this.#fail(err));
    this.#archive.on('warning', (err) => this.#fail(err));
    this.#archive.pipe(this.#out);
  }

  /** Why the writer failed, if it did. */
  get failure(): unknown {
    return this.#failure;
  }

  /** Queues an entry; resolves once it is in the archive, rejects with the writer's failure. */
  add(e: PackEntry): Promise<void> {
    const p = this.#queue.then(() => this.#addNow(e));
    this.#queue = p.catch(() => undefined);
    return p;
  }

  /** Waits for the queued entries, appends collection.json and the manifest, closes and renames the archive. */
  async finish(collectionJson: (hashes: EntryHashes) => unknown): Promise<PackResult> {
    await this.#queue;
    this.#check();
    const json = Buffer.from(`${JSON.stringify(collectionJson(this.#hashes), null, 2)}\n`);
    this.#hashes.set(COLLECTION_JSON_NAME, { sha256: createHash('sha256').update(json).digest('hex'), size: json.length });
    this.#archive.append(json, { name: COLLECTION_JSON_NAME });
    this.#archive.append(Buffer.from(manifestText(this.#hashes)), { name: MANIFEST_NAME });
    await Promise.race([this.#archive.finalize(), this.#failed]);
    await this.#written;
    this.#check();
    await rename(this.#part, this.path).catch((err: unknown) => {
      throw localWriteError(err, this.path);
    });
    this.#finished = true;
    return { path: this.path, bytes: this.#archive.pointer(), entries: this.#hashes };
  }

  /** Stops writing and removes the partial archive (nothing once `finish` succeeded). */
  async abort(reason: unknown = new AppError('PRECONDITION', 'packing was stopped')): Promise<void> {
    if (this.#finished) return;
    this.#fail(reason);
    await this.#written;
    await rm(this.#part, { force: true });
    await rm(this.#staging, { force: true });
  }

  #check(): void {
    if (this.#failure !== undefined) throw this.#failure instanceof AppError ? this.#failure : localWriteError(this.#failure, this.#part);
  }

  #fail(err: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = err;
    this.#archive.abort();
    this.#out.destroy();
    this.#onFailure();
  }

  async #addNow(e: PackEntry): Promise<void> {
    this.#check();
    // A rewritten entry (pseudonymised) is staged beside the archive first: a tar header needs the entry's size
    // before its bytes, and archiver would otherwise hold the whole stream in memory to learn it.
    let from = e.localPath;
    if (e.open) {
      from = this.#staging;
      try {
        await pipeline(e.open(), createWriteStream(this.#staging));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        this.#fail(code === 'ENOSPC' || code === 'EDQUOT' ? localWriteError(err, this.#staging) : new AppError('PRECONDITION', `cannot prepare ${e.localPath} for the bundle: ${(err as Error).message}`, { cause: err }));
        this.#check();
      }
    }
    let stats: Stats;
    try {
      stats = await stat(from);
    } catch (err) {
      this.#fail(new AppError('PRECONDITION', `cannot read ${e.localPath} for the bundle: ${(err as Error).message}`, { cause: err }));
      throw this.#failure;
    }
    const hash = createHash('sha256');
    let size = 0;
    const onBytes = this.onBytes;
    const source = createReadStream(from, { highWaterMark: 1 << 20 });
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        onBytes?.(chunk.length);
        cb(null, chunk);
      },
    });
    source.on('error', (err: unknown) => {
      hashing.destroy();
      this.#fail(new AppError('PRECONDITION', `cannot read ${e.localPath} for the bundle: ${(err as Error).message}`, { cause: err }));
    });
    source.pipe(hashing);
    const done = new Promise<void>((resolve) => {
      const on = (entry: archiver.EntryData): void => {
        if (entry.name !== e.name) return;
        this.#archive.off('entry', on);
        resolve();
      };
      this.#archive.on('entry', on);
    });
    // With `stats` archiver streams the entry (its size known up front) instead of collecting it in memory.
    this.#archive.append(hashing, { name: e.name, stats, ...(e.mtimeMs ? { date: new Date(e.mtimeMs) } : {}), ...(this.format === 'zip' && e.gz ? { store: true } : {}) });
    await Promise.race([done, this.#written, this.#failed]);
    if (from === this.#staging) await rm(this.#staging, { force: true });
    this.#check();
    if (size !== stats.size) {
      this.#fail(new AppError('PRECONDITION', `${e.localPath} changed while it was packed (${stats.size} bytes, then ${size})`));
      this.#check();
    }
    this.#hashes.set(e.name, { sha256: hash.digest('hex'), size });
  }
}

/** Writes a bundle of `entries` in one go (see {@link BundleWriter}). */
export async function packBundle(opts: {
  readonly format: TraceArchiveFormat;
  readonly path: string;
  readonly entries: readonly PackEntry[];
  readonly collectionJson: (hashes: EntryHashes) => unknown;
  readonly signal?: AbortSignal;
  readonly onBytes?: (n: number) => void;
}): Promise<PackResult> {
  const writer = new BundleWriter(opts.format, opts.path, opts.onBytes);
  const onAbort = (): void => void writer.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (const e of opts.entries) await writer.add(e);
    return await writer.finish(opts.collectionJson);
  } catch (err) {
    await writer.abort(err);
    throw err;
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
