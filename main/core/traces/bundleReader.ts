/**
 * Local Browse (issue 12): reads the bundles the collector writes (zip via yauzl, tar.gz via tar-stream + zlib)
 * without unpacking them: lists the bundles of a folder with what their collection.json says, lists the entries
 * of one, streams entries one at a time (never a whole entry in memory), and checks a bundle against its
 * MANIFEST.sha256 (`sha256sum -c` format: "<hex>  <path>", or "<hex> *<path>" in binary mode).
 * Bundle layout (design of issue 12): MANIFEST.sha256 and collection.json at the top, `<node>/<path on the node>`.
 * Entry names are never used as paths on this machine: nothing here writes an entry under its own name.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as tarStream from 'tar-stream';
import * as yauzl from 'yauzl';
import type { TraceArchiveFormat, TraceBundleEntry, TraceBundleInfo, TraceBundleVerification } from '../../../shared/model/traces.js';
import { AppError } from '../base/errors.js';

export const MANIFEST_NAME = 'MANIFEST.sha256';
export const COLLECTION_JSON_NAME = 'collection.json';
/** collection.json is small; a bigger one is not ours. */
const MAX_COLLECTION_JSON_BYTES = 16 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** The archive format a file name says, or undefined when it is not a bundle name. */
export function bundleFormat(path: string): TraceArchiveFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  return undefined;
}

function requireFormat(path: string): TraceArchiveFormat {
  const format = bundleFormat(path);
  if (!format) throw new AppError('VALIDATION', `Not a bundle (a .zip or .tar.gz file): ${path}`);
  return format;
}

/** One entry met while walking a bundle: its path and size, and a stream of its bytes valid during the visit. */
export interface BundleEntryVisit {
  readonly path: string;
  readonly size: number;
  /** Opens the entry's bytes; must be consumed (or destroyed) before the visitor returns. */
  open(): Promise<Readable>;
}

/** What a visitor returns: 'stop' ends the walk early. */
export type VisitOutcome = void | 'stop';

/**
 * Walks the file entries of a bundle in archive order, one at a time. An entry the visitor did not open is skipped
 * without reading it into memory. Throws AppError NOT_FOUND / VALIDATION for a missing file or a broken archive.
 */
export async function walkBundle(bundlePath: string, visit: (entry: BundleEntryVisit) => Promise<VisitOutcome>): Promise<void> {
  const format = requireFormat(bundlePath);
  try {
    await stat(bundlePath);
  } catch (err) {
    throw new AppError('NOT_FOUND', `Bundle not found: ${bundlePath}`, { cause: err });
  }
  if (format === 'zip') await walkZip(bundlePath, visit);
  else await walkTarGz(bundlePath, visit);
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(new AppError('VALIDATION', `Not a readable zip archive: ${path}: ${err?.message ?? 'unknown error'}`, { cause: err }));
      else resolve(zip);
    });
  });
}

async function walkZip(path: string, visit: (entry: BundleEntryVisit) => Promise<VisitOutcome>): Promise<void> {
  const zip = await openZip(path);
  try {
    await new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (err?: unknown): void => {
        if (done) return;
        done = true;
        if (err) reject(err instanceof AppError ? err : new AppError('VALIDATION', `Broken zip archive ${path}: ${(err as Error).message}`, { cause: err }));
        else resolve();
      };
      zip.on('error', finish);
      zip.on('end', () => finish());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) {
          zip.readEntry();
          return;
        }
        const item: BundleEntryVisit = {
          path: entry.fileName,
          size: entry.uncompressedSize,
          open: () => zip.openReadStreamPromise(entry),
        };
        visit(item).then(
          (outcome) => {
            if (outcome === 'stop') finish();
            else zip.readEntry();
          },
          finish,
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

async function walkTarGz(path: string, visit: (entry: BundleEntryVisit) => Promise<VisitOutcome>): Promise<void> {
  const file = createReadStream(path);
  const gunzip = createGunzip();
  const extract = tarStream.extract();
  // The pipeline feeds the extractor; its failure (not gzip, truncated) surfaces through the iterator too.
  const feeding = pipeline(file, gunzip, extract as unknown as NodeJS.WritableStream).catch((err: unknown) => err);
  let stopped = false;
  try {
    for await (const entry of extract) {
      const header = entry.header;
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      let opened = false;
      const outcome = await visit({
        path: header.name.replace(/^\.\//, ''),
        size: header.size,
        open: async () => {
          opened = true;
          return entry as unknown as Readable;
        },
      });
      if (!opened) entry.resume();
      if (outcome === 'stop') {
        stopped = true;
        break;
      }
    }
  } catch (err) {
    throw new AppError('VALIDATION', `Broken tar.gz archive ${path}: ${(err as Error).message}`, { cause: err });
  } finally {
    if (stopped) {
      file.destroy();
      gunzip.destroy();
      extract.destroy();
    }
  }
  const fed = await feeding;
  if (!stopped && fed instanceof Error) throw new AppError('VALIDATION', `Broken tar.gz archive ${path}: ${fed.message}`, { cause: fed });
}

/** Reads a stream into a string, refusing more than `max` bytes. */
async function readSmall(stream: Readable, max: number, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > max) {
      stream.destroy();
      throw new AppError('VALIDATION', `${what} is larger than ${max} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The file entries of a bundle with their sizes, in archive order. */
export async function bundleEntries(bundlePath: string): Promise<TraceBundleEntry[]> {
  const entries: TraceBundleEntry[] = [];
  await walkBundle(bundlePath, async (e) => {
    entries.push({ path: e.path, size: e.size });
  });
  return entries;
}

/** Opens one entry and hands its stream to `use`; NOT_FOUND when the bundle has no such entry. */
export async function withBundleEntry<T>(bundlePath: string, entryPath: string, use: (stream: Readable, size: number) => Promise<T>): Promise<T> {
  const wanted = entryPath.replace(/^\.?\//, '');
  let found = false;
  let result: T | undefined;
  await walkBundle(bundlePath, async (e) => {
    if (e.path !== wanted) return;
    found = true;
    result = await use(await e.open(), e.size);
    return 'stop';
  });
  if (!found) throw new AppError('NOT_FOUND', `No entry ${entryPath} in ${bundlePath}`);
  return result as T;
}

/** What Local Browse shows of a collection.json (the fields H3a's packer writes; others ignored). */
interface CollectionJsonSummary {
  readonly partial: boolean;
  readonly nodes: string[];
  readonly fileCount: number;
  readonly label?: string;
}

/** Reads the fields Local Browse needs from collection.json, tolerating shapes it does not know. */
export function summarizeCollectionJson(text: string): CollectionJsonSummary {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new AppError('VALIDATION', `collection.json is not JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!doc || typeof doc !== 'object') throw new AppError('VALIDATION', 'collection.json is not an object');
  const o = doc as Record<string, unknown>;
  const nodeNames = new Set<string>();
  if (Array.isArray(o.nodes)) {
    for (const n of o.nodes) {
      if (typeof n === 'string') nodeNames.add(n);
      else if (n && typeof n === 'object' && typeof (n as { node?: unknown }).node === 'string') nodeNames.add((n as { node: string }).node);
    }
  }
  const files = Array.isArray(o.files) ? o.files : [];
  for (const f of files) if (f && typeof f === 'object' && typeof (f as { node?: unknown }).node === 'string') nodeNames.add((f as { node: string }).node);
  const request = o.request && typeof o.request === 'object' ? (o.request as Record<string, unknown>) : undefined;
  const label = typeof o.label === 'string' ? o.label : typeof request?.label === 'string' ? request.label : undefined;
  const failures = Array.isArray(o.failures) ? o.failures.length : 0;
  return { partial: o.partial === true || failures > 0, nodes: [...nodeNames].sort(), fileCount: files.length, label };
}

/** One bundle's Local Browse row; a bundle that cannot be read is listed with its problem, never dropped. */
export async function describeBundle(bundlePath: string): Promise<TraceBundleInfo> {
  const format = requireFormat(bundlePath);
  const st = await stat(bundlePath);
  const base = { path: bundlePath, sizeBytes: st.size, createdMs: st.mtimeMs, format };
  try {
    let text: string | undefined;
    let entries = 0;
    const nodes = new Set<string>();
    await walkBundle(bundlePath, async (e) => {
      if (e.path === COLLECTION_JSON_NAME) text = await readSmall(await e.open(), MAX_COLLECTION_JSON_BYTES, COLLECTION_JSON_NAME);
      else if (e.path !== MANIFEST_NAME) {
        entries++;
        const slash = e.path.indexOf('/');
        if (slash > 0) nodes.add(e.path.slice(0, slash));
      }
    });
    if (text === undefined) return { ...base, partial: true, nodes: [...nodes].sort(), fileCount: entries, problem: `no ${COLLECTION_JSON_NAME} in the bundle` };
    const summary = summarizeCollectionJson(text);
    return { ...base, ...summary, nodes: summary.nodes.length > 0 ? summary.nodes : [...nodes].sort(), fileCount: summary.fileCount > 0 ? summary.fileCount : entries };
  } catch (err) {
    return { ...base, partial: true, nodes: [], fileCount: 0, problem: (err as Error).message };
  }
}

/** The bundles in a folder (.zip and .tar.gz; `.part` files being written are not bundles), newest first. */
export async function listBundles(dir: string): Promise<TraceBundleInfo[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new AppError('NOT_FOUND', `Cannot read the folder ${dir}: ${(err as Error).message}`, { cause: err });
  }
  const bundles: TraceBundleInfo[] = [];
  for (const name of names) {
    if (!bundleFormat(name)) continue;
    const path = join(dir, name);
    try {
      if (!(await stat(path)).isFile()) continue;
    } catch {
      continue; // removed while listed
    }
    bundles.push(await describeBundle(path));
  }
  return bundles.sort((a, b) => b.createdMs - a.createdMs || a.path.localeCompare(b.path));
}

/** Parses MANIFEST.sha256 (`sha256sum` output, text or binary mode) into path → hex. */
export function parseManifest(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (!m) throw new AppError('VALIDATION', `${MANIFEST_NAME}: not a sha256sum line: ${line.slice(0, 120)}`);
    map.set(m[2]!.replace(/^\.\//, ''), m[1]!.toLowerCase());
  }
  return map;
}

/**
 * Checks every entry against MANIFEST.sha256 in one pass over the archive (entries hashed as they stream):
 * a different hash is 'mismatch', a listed file absent from the archive 'missing', an entry the manifest does not
 * list 'unlisted'. The manifest may come anywhere in the archive: hashes are kept until it is read.
 */
export async function verifyBundle(bundlePath: string): Promise<TraceBundleVerification> {
  let manifest: Map<string, string> | undefined;
  const hashes = new Map<string, string>();
  await walkBundle(bundlePath, async (e) => {
    const stream = await e.open();
    if (e.path === MANIFEST_NAME) {
      manifest = parseManifest(await readSmall(stream, MAX_MANIFEST_BYTES, MANIFEST_NAME));
      return;
    }
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    hashes.set(e.path, hash.digest('hex'));
  });
  if (!manifest) throw new AppError('VALIDATION', `${bundlePath} has no ${MANIFEST_NAME}`);
  const problems: { path: string; problem: 'mismatch' | 'missing' | 'unlisted' }[] = [];
  let checked = 0;
  for (const [path, expected] of manifest) {
    const actual = hashes.get(path);
    if (actual === undefined) problems.push({ path, problem: 'missing' });
    else {
      checked++;
      if (actual !== expected) problems.push({ path, problem: 'mismatch' });
    }
  }
  for (const path of hashes.keys()) if (!manifest.has(path)) problems.push({ path, problem: 'unlisted' });
  return { ok: problems.length === 0, checked, problems };
}
