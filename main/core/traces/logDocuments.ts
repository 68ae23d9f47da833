/**
 * The log viewer's back end (issue 12: "a log viewer that opens large files without loading them whole"): opens a
 * local file, a bundle entry or a node's file, keeps a sparse line index (logLineIndex.ts), and answers windows of
 * lines, searches (plain and regex) and "jump to time". What is not a plain local file is first streamed into a
 * cache file: a `.gz` is decompressed on the way (node:zlib), a bundle entry is extracted (bundleReader.ts), a
 * remote file is fetched through the per-node clients (SFTP, else DIME GetOneFile; design of issue 12 "Paths": a
 * node's file is named relative to its active log root, DIME takes /var/log/active + that path). The cache file is
 * deleted when the document closes. Nothing holds a whole file in memory.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { LogDocument, LogFindQuery, LogLine, LogSource } from '../../../shared/model/traces.js';
import { AppError } from '../base/errors.js';
import { withBundleEntry } from './bundleReader.js';
import { buildLineIndex, iterateLines, lineAtTime, readLines, BLOCK_LINES, type LogLineIndex } from './logLineIndex.js';
import { ACTIVE_LOG_ROOT, type TraceToolClients } from './traceToolPorts.js';

/** Most lines one readLines call returns (the viewer asks for windows). */
export const MAX_READ_LINES = 5000;
/** Open documents kept; opening one more closes the least recently used. */
export const MAX_OPEN_DOCUMENTS = 16;
const CACHE_PREFIX = 'logdoc-';

export interface LogDocumentsOptions {
  /** A folder for the decompressed / fetched copies (created; leftovers of an earlier run are removed). */
  readonly cacheDir: string;
  /** The per-node clients; without them a remote source is refused. */
  readonly clients?: TraceToolClients;
  readonly maxOpen?: number;
}

interface OpenDocument {
  readonly doc: LogDocument;
  readonly index: LogLineIndex;
  /** The cache file to delete on close (undefined for a plain local file read in place). */
  readonly cacheFile?: string;
  lastUsed: number;
}

function isGz(path: string): boolean {
  return path.toLowerCase().endsWith('.gz');
}

/** Compiles a find pattern; a bad regular expression is a VALIDATION error naming it. */
export function compileFind(query: Pick<LogFindQuery, 'pattern' | 'regex' | 'ignoreCase'>): (text: string) => boolean {
  if (query.pattern.length === 0) throw new AppError('VALIDATION', 'The search text is empty');
  if (query.regex) {
    let re: RegExp;
    try {
      re = new RegExp(query.pattern, query.ignoreCase ? 'i' : '');
    } catch (err) {
      throw new AppError('VALIDATION', `Invalid regular expression ${query.pattern}: ${(err as Error).message}`, { cause: err });
    }
    return (text) => re.test(text);
  }
  if (query.ignoreCase) {
    const needle = query.pattern.toLowerCase();
    return (text) => text.toLowerCase().includes(needle);
  }
  return (text) => text.includes(query.pattern);
}

/** Open log documents and their line indexes (one instance per backend). */
export class LogDocuments {
  readonly #opts: LogDocumentsOptions;
  readonly #docs = new Map<string, OpenDocument>();
  readonly #aborts = new Set<AbortController>();
  #ready: Promise<void> | undefined;
  #clock = 0;
  #disposed = false;

  constructor(opts: LogDocumentsOptions) {
    this.#opts = opts;
  }

  /** Creates the cache folder once and removes cache files an earlier run left (only ours, by their prefix). */
  #prepare(): Promise<void> {
    this.#ready ??= (async () => {
      await mkdir(this.#opts.cacheDir, { recursive: true });
      for (const name of await readdir(this.#opts.cacheDir)) if (name.startsWith(CACHE_PREFIX)) await rm(join(this.#opts.cacheDir, name), { force: true });
    })();
    return this.#ready;
  }

  /** Opens a source: materialises it in the cache when needed, then indexes it in one streaming pass. */
  async open(source: LogSource): Promise<LogDocument> {
    if (this.#disposed) throw new AppError('PRECONDITION', 'The log viewer is closed');
    await this.#prepare();
    const id = randomUUID();
    const abort = new AbortController();
    this.#aborts.add(abort);
    let cacheFile: string | undefined;
    try {
      let file: string;
      let refMs: number | undefined;
      if (source.kind === 'file' && !isGz(source.path)) {
        file = source.path;
        await this.#statLocal(file);
      } else {
        cacheFile = join(this.#opts.cacheDir, `${CACHE_PREFIX}${id}.log`);
        refMs = await this.#materialise(source, cacheFile, abort.signal);
        file = cacheFile;
      }
      const index = await buildLineIndex(file, { signal: abort.signal, refMs });
      const doc: LogDocument = {
        id,
        title: titleOf(source),
        source,
        sizeBytes: index.sizeBytes,
        lineCount: index.lineCount,
        ...(index.firstTimeMs === undefined ? {} : { firstTimeMs: index.firstTimeMs }),
        ...(index.lastTimeMs === undefined ? {} : { lastTimeMs: index.lastTimeMs }),
      };
      if (this.#disposed) throw new AppError('PRECONDITION', 'The log viewer is closed');
      this.#docs.set(id, { doc, index, cacheFile, lastUsed: ++this.#clock });
      await this.#evict();
      return doc;
    } catch (err) {
      if (cacheFile) await rm(cacheFile, { force: true });
      if (err instanceof AppError) throw err;
      if ((err as Error).name === 'AbortError') throw new AppError('PRECONDITION', 'The log viewer closed while the file was opening', { cause: err });
      throw new AppError('INTERNAL', `Cannot open ${titleOf(source)}: ${(err as Error).message}`, { cause: err });
    } finally {
      this.#aborts.delete(abort);
    }
  }

  async #statLocal(path: string): Promise<number> {
    try {
      const st = await stat(path);
      if (!st.isFile()) throw new AppError('VALIDATION', `Not a file: ${path}`);
      return st.mtimeMs;
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('NOT_FOUND', `Cannot read ${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Writes the source's text into `dest` (gunzipping a .gz); returns the year reference for its stamps. */
  async #materialise(source: LogSource, dest: string, signal: AbortSignal): Promise<number | undefined> {
    if (source.kind === 'file') {
      const mtime = await this.#statLocal(source.path);
      await writeText(createReadStream(source.path), true, dest, signal, source.path);
      return mtime;
    }
    if (source.kind === 'bundle') {
      await withBundleEntry(source.bundlePath, source.entry, (stream) => writeText(stream, isGz(source.entry), dest, signal, source.entry));
      return (await stat(source.bundlePath)).mtimeMs;
    }
    return this.#fetchRemote(source.cluster, source.node, source.path, dest, signal);
  }

  /** Fetches a node's file over SFTP (else DIME) into `dest`, decompressing a .gz on the way. */
  async #fetchRemote(cluster: string, node: string, path: string, dest: string, signal: AbortSignal): Promise<number | undefined> {
    const clients = this.#opts.clients;
    if (!clients) throw new AppError('PRECONDITION', 'Remote files cannot be opened here (no node clients)');
    if (!path.startsWith('/') || path.split('/').includes('..')) throw new AppError('VALIDATION', `A node file path is absolute under the active log root, without "..": ${path}`);
    // One of the node's fetch slots, shared with collections, so a viewer never breaks the node's limits.
    const release = clients.fetchSlot ? await clients.fetchSlot(cluster, node, signal) : () => undefined;
    if (!release) throw new AppError('PRECONDITION', 'The log viewer closed while the file was opening');
    try {
      return await this.#download(clients, cluster, node, path, dest, signal);
    } finally {
      release();
    }
  }

  async #download(clients: TraceToolClients, cluster: string, node: string, path: string, dest: string, signal: AbortSignal): Promise<number | undefined> {
    const gz = isGz(path);
    const sftp = await clients.sftp(cluster, node);
    if (sftp.ok) {
      const st = await sftp.value.stat(path);
      if (!st.ok) throw st.error;
      if (st.value.kind !== 'file') throw new AppError('VALIDATION', `Not a file on ${node}: ${path}`);
      const pass = new PassThrough();
      const writing = writeText(pass, gz, dest, signal, path);
      const got = await sftp.value.download(path, pass, { signal });
      if (!got.ok) {
        pass.destroy(got.error);
        await writing.catch(() => undefined);
        throw got.error;
      }
      pass.end();
      await writing;
      return st.value.modifiedMs;
    }
    const sftpError = sftp.error;
    // DIME GetOneFile: the whole file (no offset), through its own SOAP transport and budget.
    const pass = new PassThrough();
    const writing = writeText(pass, gz, dest, signal, path);
    const got = await clients.dime(cluster, node).getOneFile(`${ACTIVE_LOG_ROOT}${path}`, pass, { signal });
    if (!got.ok) {
      pass.destroy(got.error);
      await writing.catch(() => undefined);
      throw new AppError(got.error.code, `${node}:${path}: SFTP failed (${sftpError.message}) and DIME failed (${got.error.message})`, { cause: got.error });
    }
    pass.end();
    await writing;
    return undefined;
  }

  #get(id: string): OpenDocument {
    const open = this.#docs.get(id);
    if (!open) throw new AppError('NOT_FOUND', `No open log ${id} (closed, or evicted after ${this.#opts.maxOpen ?? MAX_OPEN_DOCUMENTS} others were opened)`);
    open.lastUsed = ++this.#clock;
    return open;
  }

  async #evict(): Promise<void> {
    const max = this.#opts.maxOpen ?? MAX_OPEN_DOCUMENTS;
    while (this.#docs.size > max) {
      const oldest = [...this.#docs.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0]!;
      await this.close(oldest.doc.id);
    }
  }

  /** The documents open now. */
  list(): LogDocument[] {
    return [...this.#docs.values()].map((d) => d.doc);
  }

  /** Lines [from, from+count) (count capped at MAX_READ_LINES). */
  async readLines(id: string, fromLine: number, count: number): Promise<LogLine[]> {
    const { index } = this.#get(id);
    return readLines(index, Math.max(0, Math.floor(fromLine)), Math.min(MAX_READ_LINES, Math.max(0, Math.floor(count))));
  }

  /** The next matching line at or after `fromLine` (or the previous one at or before it when backwards), or -1. */
  async find(id: string, query: LogFindQuery): Promise<number> {
    const { index } = this.#get(id);
    const matches = compileFind(query);
    const from = Math.min(Math.max(0, Math.floor(query.fromLine)), Math.max(0, index.lineCount - 1));
    if (!query.backwards) {
      for await (const line of iterateLines(index, from)) if (matches(line.text)) return line.n;
      return -1;
    }
    // Backwards: block by block towards the start, the last match of each block at or before `from`.
    for (let block = Math.floor(from / BLOCK_LINES); block >= 0; block--) {
      let found = -1;
      for await (const line of iterateLines(index, block * BLOCK_LINES, Math.min(from + 1, (block + 1) * BLOCK_LINES))) if (matches(line.text)) found = line.n;
      if (found >= 0) return found;
    }
    return -1;
  }

  /** The first line stamped at or after `timeMs` (or the last line). */
  async lineAtTime(id: string, timeMs: number): Promise<number> {
    return lineAtTime(this.#get(id).index, timeMs);
  }

  /** Forgets a document and deletes its cache file; closing an unknown id is not an error. */
  async close(id: string): Promise<void> {
    const open = this.#docs.get(id);
    if (!open) return;
    this.#docs.delete(id);
    if (open.cacheFile) await rm(open.cacheFile, { force: true });
  }

  /** Aborts openings in progress and closes every document (cache files deleted). */
  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const a of this.#aborts) a.abort();
    await Promise.all([...this.#docs.keys()].map((id) => this.close(id)));
  }
}

/** The viewer's title of a source. */
export function titleOf(source: LogSource): string {
  if (source.kind === 'remote') return `${source.node}:${source.path}`;
  if (source.kind === 'bundle') return `${basename(source.bundlePath)}:${source.entry}`;
  return source.path;
}

/** Streams `input` (gunzipped when `gz`) into the file `dest`; a corrupt .gz is a VALIDATION error. */
async function writeText(input: Readable, gz: boolean, dest: string, signal: AbortSignal, name: string): Promise<void> {
  const out: Writable = createWriteStream(dest);
  try {
    if (gz) await pipeline(input, createGunzip(), out, { signal });
    else await pipeline(input, out, { signal });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw new AppError('VALIDATION', `${name} is not a readable gzip file: ${(err as Error).message}`, { cause: err });
    throw err;
  }
}
