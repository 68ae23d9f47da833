import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { write, writev } from 'node:fs';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { TraceTransport } from '../../../shared/model/traces.js';
import { AppError } from '../base/errors.js';
import type { PollError } from '../polling/pollError.js';
import type { SoapResult } from '../polling/soap/perfmonClient.js';
import type { DimeApi, SftpLogApi } from './traceClientTypes.js';

/** A file to fetch, as planned. */
export interface FetchSpec {
  /** Relative to the node's active log root (SFTP). */
  readonly path: string;
  /** As LogCollection knows it (DIME). */
  readonly absolutePath: string;
  /** Size the node reported at planning; undefined when unknown (then no size is checked). */
  readonly size: number | undefined;
  /** Bytes already in the local file (resume offset). */
  readonly doneBytes: number;
}

/** How a fetch ended. */
export type FetchOutcome =
  | { readonly ok: true; readonly via: TraceTransport; readonly bytes: number; /** size at the end of the read */ readonly size: number; readonly sizeChanged?: string }
  | { readonly ok: false; readonly kind: 'remote'; readonly error: PollError | AppError; readonly doneBytes: number; readonly via?: TraceTransport }
  /** The local side failed (disk full, a folder that cannot be written): the collection stops, resumable. */
  | { readonly ok: false; readonly kind: 'local'; readonly error: AppError; readonly doneBytes: number }
  | { readonly ok: false; readonly kind: 'aborted'; readonly doneBytes: number };

export interface FetchDeps {
  readonly sftp: () => Promise<SoapResult<SftpLogApi>>;
  readonly dime: () => DimeApi;
  readonly signal: AbortSignal;
  /** Bytes written to the local file as they land. */
  readonly onBytes: (n: number) => void;
  /** The interface now in use (to show it while the file is fetched). */
  readonly onVia?: (via: TraceTransport) => void;
}

/** SFTP tries on one file (the second resumes by offset on a new connection) before DIME takes over. */
const SFTP_ATTEMPTS = 2;

/** A local write error as the collection reports it (ENOSPC: the disk at the destination is full). */
export function localWriteError(err: unknown, path: string): AppError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppError('DISK_FULL', `the disk at the destination is full (${code} writing ${path}); free space and resume the collection`, { cause: err });
  return new AppError('PRECONDITION', `cannot write ${path}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

/**
 * The local side of a download: a Writable (what the protocol clients write into, with backpressure) writing at
 * increasing offsets of the local file from `offset` with positioned fs.write/fs.writev on the descriptor (as
 * fs.WriteStream does: callbacks, no promise per chunk, no copy of batched chunks); it never closes the file (the
 * fetch owns it). A write error destroys the stream, so the client's read stops at once, and is kept in `error`.
 */
/** The local sink's buffer for a DIME download (see LocalFileSink). */
const DIME_SINK_HIGH_WATER_MARK = 1 << 20;

class LocalFileSink extends Writable {
  error: unknown;
  position: number;

  constructor(
    private readonly fd: number,
    offset: number,
    private readonly onBytes: (n: number) => void,
    highWaterMark?: number,
  ) {
    // SFTP keeps the default high-water mark (16 KiB): its reader hands 32 KiB chunks and paces its reads by their
    // write callbacks; a larger mark batches them into writev and delays those callbacks (measured: half the
    // throughput at 1 MiB). DIME streams an HTTP body, which a 16 KiB mark pauses and resumes at every TLS record
    // (bench:traces: 148 MB/s at 16 KiB, 175 MB/s at 1 MiB), so it gets DIME_SINK_HIGH_WATER_MARK.
    super(highWaterMark !== undefined ? { highWaterMark } : {});
    this.position = offset;
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, cb: (error?: Error | null) => void): void {
    if (chunks.length === 1) return this.#writeAt(chunks[0]!.chunk, cb);
    const bufs = chunks.map((c) => c.chunk);
    const length = bufs.reduce((n, b) => n + b.length, 0);
    writev(this.fd, bufs, this.position, (err, written) => this.#done(err, written, length, () => Buffer.concat(bufs), cb));
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (error?: Error | null) => void): void {
    this.#writeAt(chunk, cb);
  }

  #writeAt(chunk: Buffer, cb: (error?: Error | null) => void): void {
    write(this.fd, chunk, 0, chunk.length, this.position, (err, written) => this.#done(err, written, chunk.length, () => chunk, cb));
  }

  #done(err: NodeJS.ErrnoException | null, written: number, length: number, all: () => Buffer, cb: (error?: Error | null) => void): void {
    if (err) {
      this.error = err;
      return cb(err);
    }
    this.position += written;
    this.onBytes(written);
    // A short write (rare: a signal, a nearly full disk) writes the rest, which then fails or lands.
    if (written < length) this.#writeAt(all().subarray(written), cb);
    else cb();
  }
}

/** Opens the local file for a fetch from `offset`: made when missing, cut back to `offset` (bytes past it are not trusted). */
async function openLocal(localPath: string, offset: number): Promise<FileHandle> {
  await mkdir(dirname(localPath), { recursive: true });
  await (await open(localPath, 'a')).close(); // made when missing, never cut here
  const fh = await open(localPath, 'r+');
  try {
    if ((await fh.stat()).size > offset) await fh.truncate(offset);
  } catch (err) {
    await fh.close();
    throw err;
  }
  return fh;
}

/**
 * Fetches one node file into `localPath` (issue 12 "Where files come from"). SFTP of the node's active log tree is
 * the fast path that can resume by offset; DimeGetFileService GetOneFile (serviceability-reference.md B.5,
 * wire-notes.md "DIME GetOneFile": multipart answer, read streaming by DimeClient) is the fallback that needs only
 * the SOAP port. `file get activelog` is not used here: it pushes to an SFTP server instead of streaming (reference
 * D.6). SFTP first, from the bytes already there (resume by offset; a file that
 * grew is read to its new end), once more on a new connection when the first try broke off, then DIME GetOneFile
 * (the whole file again; the size the node reported at planning is checked). A size that changed while the file
 * was read is recorded (`sizeChanged`), not an error. Never throws.
 */
export async function fetchFile(spec: FetchSpec, localPath: string, deps: FetchDeps): Promise<FetchOutcome> {
  let have = 0;
  try {
    have = Math.min(spec.doneBytes, (await stat(localPath).catch(() => undefined))?.size ?? 0);
  } catch {
    have = 0;
  }
  let lastError: PollError | AppError | undefined;
  for (let attempt = 0; attempt < SFTP_ATTEMPTS; attempt++) {
    if (deps.signal.aborted) return { ok: false, kind: 'aborted', doneBytes: have };
    const client = await deps.sftp().catch((err: unknown) => ({ ok: false as const, error: err as AppError }));
    if (!client.ok) {
      lastError = client.error;
      break; // no SFTP on this node now: DIME
    }
    deps.onVia?.('sftp');
    const r = await writeInto(localPath, have, deps, (sink, signal) => client.value.download(spec.path, sink, { offset: have, signal }));
    if (r.kind === 'local' || r.kind === 'aborted') return { ok: false, ...r };
    have = r.position;
    if (r.result.ok) {
      const size = r.result.value.size;
      return { ok: true, via: 'sftp', bytes: have, size, ...(spec.size !== undefined && size !== spec.size ? { sizeChanged: sizeChangedText(spec.size, size) } : {}) };
    }
    lastError = r.result.error;
    if (r.result.error.code === 'POLL_AUTH' || r.result.error.code === 'POLL_PARSE') break;
  }
  // DIME: the whole file again from the first byte (GetOneFile has no offset).
  if (deps.signal.aborted) return { ok: false, kind: 'aborted', doneBytes: have };
  deps.onVia?.('dime');
  let dime: DimeApi;
  try {
    dime = deps.dime();
  } catch (err) {
    return { ok: false, kind: 'remote', error: err as AppError, doneBytes: have };
  }
  const r = await writeInto(localPath, 0, deps, (sink, signal) => dime.getOneFile(spec.absolutePath, sink, { signal, ...(spec.size !== undefined ? { expectedSize: spec.size } : {}) }), DIME_SINK_HIGH_WATER_MARK);
  if (r.kind === 'local' || r.kind === 'aborted') return { ok: false, ...r };
  if (!r.result.ok) {
    const why = lastError ? `SFTP: ${lastError.message}; DIME: ${r.result.error.message}` : r.result.error.message;
    return { ok: false, kind: 'remote', error: Object.assign(r.result.error, { message: why }), doneBytes: r.position, via: 'dime' };
  }
  const bytes = r.position;
  return { ok: true, via: 'dime', bytes, size: bytes, ...(spec.size !== undefined && bytes !== spec.size ? { sizeChanged: sizeChangedText(spec.size, bytes) } : {}) };
}

function sizeChangedText(planned: number, got: number): string {
  return `the node reported ${planned} bytes when the collection was planned and ${got} when the file was read (it changed while it was collected)`;
}

type WriteResult<T> =
  | { kind: 'done'; position: number; result: SoapResult<T> }
  | { kind: 'local'; error: AppError; doneBytes: number }
  | { kind: 'aborted'; doneBytes: number };

/** Runs one download into the local file from `offset`, telling a local failure and an abort from a remote one. */
async function writeInto<T>(localPath: string, offset: number, deps: FetchDeps, run: (sink: NodeJS.WritableStream, signal: AbortSignal) => Promise<SoapResult<T>>, highWaterMark?: number): Promise<WriteResult<T>> {
  let fh: FileHandle;
  try {
    fh = await openLocal(localPath, offset);
  } catch (err) {
    return { kind: 'local', error: localWriteError(err, localPath), doneBytes: offset };
  }
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(deps.signal.reason);
  deps.signal.addEventListener('abort', onAbort, { once: true });
  const sink = new LocalFileSink(fh.fd, offset, deps.onBytes, highWaterMark);
  sink.on('error', () => stop.abort(new Error('local write failed')));
  try {
    const result = await run(sink, stop.signal);
    // Whatever the client wrote is on disk before the position counts.
    if (!sink.destroyed && !sink.writableEnded) sink.end();
    await finished(sink).catch(() => undefined);
    if (sink.error !== undefined) return { kind: 'local', error: localWriteError(sink.error, localPath), doneBytes: sink.position };
    if (deps.signal.aborted) return { kind: 'aborted', doneBytes: sink.position };
    return { kind: 'done', position: sink.position, result };
  } catch (err) {
    if (sink.error !== undefined) return { kind: 'local', error: localWriteError(sink.error, localPath), doneBytes: sink.position };
    if (deps.signal.aborted) return { kind: 'aborted', doneBytes: sink.position };
    return { kind: 'done', position: sink.position, result: { ok: false, error: new AppError('INTERNAL', (err as Error).message, { cause: err }) as unknown as PollError } };
  } finally {
    deps.signal.removeEventListener('abort', onAbort);
    if (!sink.destroyed) sink.destroy();
    await fh.close().catch(() => undefined);
  }
}
