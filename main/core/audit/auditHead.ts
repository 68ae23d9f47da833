/**
 * The chain's head (issue 16 "with the chain's head also written to the server's log, so that an edited, removed
 * or truncated entry is detected"): after each append the last entry's seq and MAC are written to a head file
 * (`<data-dir>/audit/head.json`, 0600, atomic) and to the server's log. Rows deleted from the end of the table leave a
 * chain that is valid in itself; the recorded head shows it is shorter than it was.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../base/errors.js';

/** The last entry of the chain as recorded. */
export interface AuditHead {
  readonly seq: number;
  readonly mac: string;
  readonly atMs?: number;
}

/** Where the head is written in a data folder. */
export function auditHeadPath(stateDir: string): string {
  return join(stateDir, 'audit', 'head.json');
}

const MAC = /^[0-9a-f]{64}$/;

/** The head of a parsed head file, or why not. */
export function parseHead(data: unknown): AuditHead | string {
  const h = data as Partial<AuditHead> | null;
  if (!h || typeof h !== 'object') return 'is not an object';
  if (typeof h.seq !== 'number' || !Number.isSafeInteger(h.seq) || h.seq < 0) return 'has no seq (a whole number from 0)';
  if (typeof h.mac !== 'string' || !MAC.test(h.mac)) return 'has no mac (64 hex digits)';
  return { seq: h.seq, mac: h.mac, ...(typeof h.atMs === 'number' ? { atMs: h.atMs } : {}) };
}

/** The head recorded in `path`; undefined when there is none yet; PRECONDITION when it cannot be read. */
export async function readHeadFile(path: string): Promise<AuditHead | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('PRECONDITION', `cannot read the audit head ${path}: ${(err as Error).message}`, { cause: err, retryable: false });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('PRECONDITION', `the audit head ${path} is not JSON (it was edited or damaged)`, { retryable: false });
  }
  const head = parseHead(data);
  if (typeof head === 'string') throw new AppError('PRECONDITION', `the audit head ${path} ${head} (it was edited or damaged)`, { retryable: false });
  return head;
}

/**
 * `SEQ`, or `SEQ:MAC` as typed on the command line (`imp audit verify --head 42:9f86d081884c7d65`): the MAC whole
 * (64 hex digits) or its start as the server's log prints it (at least 8 hex digits); an empty mac = seq only.
 */
export function parseHeadArg(text: string): AuditHead | string {
  const m = /^\s*(\d{1,15})(?::([0-9a-fA-F]{8,64})…?)?\s*$/.exec(text);
  if (!m) return `needs SEQ or SEQ:MAC (the seq and the MAC, whole or its first 16 hex digits, as the server's log prints "[audit] head seq=N mac=…"), got ${text === '' ? 'nothing' : text}`;
  return { seq: Number(m[1]), mac: (m[2] ?? '').toLowerCase() };
}

/** The line the server prints after each append. */
export function headLogLine(head: AuditHead): string {
  return `[audit] head seq=${head.seq} mac=${head.mac.slice(0, 16)}…`;
}
