/**
 * A sparse line index of a local file, built by streaming it once: the byte offset of every BLOCK_LINES-th line and
 * the first timestamp of each block. Memory is O(lines / BLOCK_LINES) (a 1 GB file of 110-byte lines: ~150 k
 * offsets, ~2.4 MB), never the file. Lines are read back by seeking to the block and scanning forward.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { parseLogTime, TIMESTAMP_SCAN_CHARS } from './logTimestamps.js';

export const BLOCK_LINES = 64;
/** A line longer than this is cut (with an ellipsis) when read back; its bytes still count in the index. */
export const MAX_LINE_CHARS = 16_384;
const READ_CHUNK = 256 * 1024;
const NL = 10;

export interface LogLineIndex {
  readonly path: string;
  readonly sizeBytes: number;
  readonly lineCount: number;
  /** Byte offset of line k * BLOCK_LINES. */
  readonly blockOffsets: readonly number[];
  /** First timestamp in each block (NaN when the block has none). */
  readonly blockTimes: readonly number[];
  readonly firstTimeMs?: number;
  readonly lastTimeMs?: number;
  /** The year reference for stamps without a year (the file's modification time). */
  readonly refMs: number;
}

/** Builds the index of `path` in one streaming pass; `signal` aborts it. */
export async function buildLineIndex(path: string, opts: { signal?: AbortSignal; refMs?: number } = {}): Promise<LogLineIndex> {
  const st = await stat(path);
  const refMs = opts.refMs ?? st.mtimeMs;
  const blockOffsets: number[] = [];
  const blockTimes: number[] = [];
  let lineCount = 0;
  let offset = 0; // byte offset of the chunk's start
  let atLineStart = true;
  let head = ''; // the first characters of the current line, for its stamp
  let wantTime = false;
  let firstTimeMs: number | undefined;
  let lastTimeMs: number | undefined;

  const noteTime = (): void => {
    if (!wantTime) return;
    const t = parseLogTime(head, refMs);
    if (t !== undefined) {
      blockTimes[blockTimes.length - 1] = t;
      firstTimeMs ??= t;
      wantTime = false;
    }
  };

  const stream = createReadStream(path, { highWaterMark: READ_CHUNK, signal: opts.signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let pos = 0;
    while (pos < chunk.length) {
      if (atLineStart) {
        if (lineCount % BLOCK_LINES === 0) {
          blockOffsets.push(offset + pos);
          blockTimes.push(Number.NaN);
          wantTime = true;
        }
        lineCount++;
        atLineStart = false;
        head = '';
      }
      const nl = chunk.indexOf(NL, pos);
      const end = nl === -1 ? chunk.length : nl;
      if (wantTime && head.length < TIMESTAMP_SCAN_CHARS) head += chunk.toString('latin1', pos, Math.min(end, pos + TIMESTAMP_SCAN_CHARS - head.length));
      if (nl === -1) break;
      noteTime();
      atLineStart = true;
      pos = nl + 1;
    }
    offset += chunk.length;
  }
  if (!atLineStart) noteTime();
  const index: LogLineIndex = { path, sizeBytes: offset, lineCount, blockOffsets, blockTimes, firstTimeMs, refMs };
  // The last stamp: scan the last blocks backwards until one has a stamp (cheap: a block is BLOCK_LINES lines).
  for (let b = blockOffsets.length - 1; b >= 0 && lastTimeMs === undefined && b >= blockOffsets.length - 16; b--) {
    const lines = await readLines(index, b * BLOCK_LINES, BLOCK_LINES);
    for (let i = lines.length - 1; i >= 0 && lastTimeMs === undefined; i--) lastTimeMs = parseLogTime(lines[i]!.text, refMs);
  }
  return { ...index, lastTimeMs: lastTimeMs ?? firstTimeMs };
}

/** Lines [from, from+count) of the indexed file (fewer at the end). */
export async function readLines(index: LogLineIndex, from: number, count: number): Promise<{ n: number; text: string }[]> {
  const out: { n: number; text: string }[] = [];
  if (from >= index.lineCount || count <= 0) return out;
  const start = Math.max(0, from);
  const end = Math.min(index.lineCount, start + count);
  for await (const line of iterateLines(index, start)) {
    if (line.n >= end) break;
    out.push(line);
  }
  return out;
}

/** Decodes a line's bytes (UTF-8, a trailing CR dropped, cut at MAX_LINE_CHARS). */
function decodeLine(parts: Buffer[], truncated: boolean): string {
  let buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  if (buf.length > 0 && buf[buf.length - 1] === 13) buf = buf.subarray(0, buf.length - 1);
  const text = buf.toString('utf8');
  return truncated ? `${text}…` : text;
}

/**
 * Lines from `fromLine` to the end (or `toLine` exclusive), read from the block holding `fromLine` with a
 * positional file handle; stops reading as soon as the caller stops iterating.
 */
export async function* iterateLines(index: LogLineIndex, fromLine: number, toLine = index.lineCount): AsyncGenerator<{ n: number; text: string }> {
  if (fromLine >= index.lineCount || fromLine >= toLine) return;
  const first = Math.max(0, fromLine);
  const block = Math.floor(first / BLOCK_LINES);
  let n = block * BLOCK_LINES;
  let position = index.blockOffsets[block]!;
  const handle = await open(index.path, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    let parts: Buffer[] = [];
    let partBytes = 0;
    let truncated = false;
    const limitBytes = MAX_LINE_CHARS * 4;
    while (n < toLine && position < index.sizeBytes) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(READ_CHUNK, index.sizeBytes - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      let pos = 0;
      while (pos < bytesRead && n < toLine) {
        const nl = buf.indexOf(NL, pos);
        const end = nl === -1 || nl >= bytesRead ? bytesRead : nl;
        if (n >= first && partBytes < limitBytes) {
          const take = Math.min(end - pos, limitBytes - partBytes);
          parts.push(Buffer.from(buf.subarray(pos, pos + take)));
          partBytes += take;
          if (take < end - pos) truncated = true;
        } else if (n >= first) truncated = true;
        if (end === bytesRead) break;
        if (n >= first) {
          let text = decodeLine(parts, truncated);
          if (text.length > MAX_LINE_CHARS) text = `${text.slice(0, MAX_LINE_CHARS)}…`;
          yield { n, text };
        }
        n++;
        parts = [];
        partBytes = 0;
        truncated = false;
        pos = end + 1;
      }
    }
    // A last line without a newline.
    if (n < toLine && n < index.lineCount && n >= first && (partBytes > 0 || truncated)) {
      let text = decodeLine(parts, truncated);
      if (text.length > MAX_LINE_CHARS) text = `${text.slice(0, MAX_LINE_CHARS)}…`;
      yield { n, text };
    }
  } finally {
    await handle.close();
  }
}

/** The first line stamped at or after `timeMs` (lines without a stamp are skipped), else the last line. */
export async function lineAtTime(index: LogLineIndex, timeMs: number): Promise<number> {
  if (index.lineCount === 0) return 0;
  // The first block whose first stamp is at or after the time: the line is in it or in the block before.
  let block = index.blockTimes.findIndex((t) => !Number.isNaN(t) && t >= timeMs);
  if (block === -1) block = index.blockTimes.length;
  let startBlock = Math.max(0, block - 1);
  // Blocks without any stamp before it: step back to one that has a stamp (or the start).
  while (startBlock > 0 && Number.isNaN(index.blockTimes[startBlock]!)) startBlock--;
  for await (const line of iterateLines(index, startBlock * BLOCK_LINES)) {
    const t = parseLogTime(line.text, index.refMs);
    if (t !== undefined && t >= timeMs) return line.n;
  }
  return index.lineCount - 1;
}
