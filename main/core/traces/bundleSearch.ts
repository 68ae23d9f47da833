/**
 * Query Wizard in a collected bundle (see traceSearch.ts): every text entry streamed (a .gz gunzipped on the way)
 * and matched line by line, with line numbers. MANIFEST.sha256, collection.json and binary entries (core files)
 * are not searched. Hits name the node (the entry's first folder) and the entry path, for the viewer.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { ErrorPayload } from '../../../shared/errors.js';
import type { TraceSearchHit, TraceSearchRequest, TraceSearchResult } from '../../../shared/model/traces.js';
import { COLLECTION_JSON_NAME, MANIFEST_NAME, walkBundle } from './bundleReader.js';
import { compileFind } from './logDocuments.js';

/** Whether the first bytes of an entry look binary (a NUL byte): core files and archives are not searched. */
function looksBinary(head: Buffer): boolean {
  return head.subarray(0, 4096).includes(0);
}

/**
 * Feeds `onLine` every line of `stream` (UTF-8, CR dropped); `onLine` returning false stops (the caller then ends
 * the walk). A binary stream is read through without matching. Never holds more than one line and one chunk.
 */
async function eachLine(stream: Readable, onLine: (text: string, n: number) => boolean): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let n = 0;
  let first = true;
  let binary = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      binary = looksBinary(chunk);
    }
    if (binary) continue;
    const text = carry + decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl);
      if (!onLine(line, n++)) return;
      start = nl + 1;
    }
    carry = text.slice(start);
    // A line without end past 1 MB is cut there rather than held whole.
    if (carry.length > 1 << 20) {
      if (!onLine(carry, n++)) return;
      carry = '';
    }
  }
  if (!binary && (carry + decoder.end()).length > 0 && !onLine(carry, n)) return;
}

export async function searchBundle(bundlePath: string, request: Extract<TraceSearchRequest, { where: 'bundle' }>, max: number, signal?: AbortSignal): Promise<TraceSearchResult> {
  const matches = compileFind(request);
  const hits: TraceSearchHit[] = [];
  const errors: { node: string; error: ErrorPayload }[] = [];
  let truncated = false;
  await walkBundle(bundlePath, async (entry) => {
    if (signal?.aborted) return 'stop';
    if (entry.path === MANIFEST_NAME || entry.path === COLLECTION_JSON_NAME || entry.size === 0) return;
    const slash = entry.path.indexOf('/');
    const node = slash > 0 ? entry.path.slice(0, slash) : '';
    const raw = await entry.open();
    try {
      // A .gz entry is gunzipped on the way; a stop inside an entry ends the whole walk (nothing left to drain).
      const source = entry.path.toLowerCase().endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
      await eachLine(source, (text, n) => {
        if (!matches(text)) return true;
        if (hits.length >= max) {
          truncated = true;
          return false;
        }
        hits.push({ node, path: entry.path, line: n, text: text.length > 4096 ? `${text.slice(0, 4096)}…` : text });
        return true;
      });
    } catch (err) {
      errors.push({ node, error: { code: 'VALIDATION', message: `${entry.path}: ${(err as Error).message}`, retryable: false } });
      // A corrupt .gz: let the archive walk go on past the entry's remaining bytes.
      raw.resume();
    }
    return truncated || signal?.aborted ? 'stop' : undefined;
  });
  return { hits, truncated, errors };
}
