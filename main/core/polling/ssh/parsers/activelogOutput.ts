import type { RemoteLogEntry } from '../../../../../shared/model/traces.js';
import { outputLines } from './cliText.js';

/** What UC OS prints when a command fails (serviceability-reference.md D; the simulator prints the same). */
export const EXECUTED_UNSUCCESSFULLY = 'Executed command unsuccessfully';

/** The active log tree's absolute root on a node; `file search` prints file paths below it. */
const ACTIVE_ROOT = '/var/log/active';

/** The failure reason a command printed (the lines before "Executed command unsuccessfully"), if it failed. */
export function cliFailure(text: string): string | undefined {
  const lines = outputLines(text).map((l) => l.trim());
  const at = lines.findIndex((l) => l === EXECUTED_UNSUCCESSFULLY);
  if (at < 0) return undefined;
  const reason = lines.slice(0, at).filter((l) => l.length > 0).pop();
  return reason ?? EXECUTED_UNSUCCESSFULLY;
}

/** A path relative to the active log root, absolute in form: "epas/trace/x" and "/var/log/active/epas/trace/x" → "/epas/trace/x". */
export function activelogPath(path: string): string {
  let p = path.trim();
  if (p === ACTIVE_ROOT || p.startsWith(`${ACTIVE_ROOT}/`)) p = p.slice(ACTIVE_ROOT.length);
  p = `/${p.split('/').filter((s) => s.length > 0 && s !== '.').join('/')}`;
  return p;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "25 Nov,2026 10:00:00  <size|<dir>>  name" (the node's clock, read as UTC: the CLI prints no zone). */
const DETAIL_ROW = /^(\d{1,2}) ([A-Z][a-z]{2}),\s?(\d{4}) (\d{2}):(\d{2}):(\d{2})\s+(<dir>|[\d,]+)\s+(.+?)\s*$/;

/**
 * Parses `file list activelog <dir> detail` (reference D.6; layout of the simulator's fixture
 * adminCli/fixtures/file-list-detail.txt: date, size with thousands separators or `<dir>`, name, then
 * "dir count = N, file count = M"). Entries get paths below `dir`. Undefined when the text has neither rows nor
 * the count line (not a listing). Rows whose count disagrees with the count line make it undefined too.
 */
export function parseFileListDetail(text: string, dir: string): RemoteLogEntry[] | undefined {
  const base = activelogPath(dir);
  const entries: RemoteLogEntry[] = [];
  let counts: { dirs: number; files: number } | undefined;
  for (const raw of outputLines(text)) {
    const line = raw.trimEnd();
    const c = /^dir count = (\d+), file count = (\d+)$/.exec(line.trim());
    if (c) {
      counts = { dirs: Number(c[1]), files: Number(c[2]) };
      continue;
    }
    const m = DETAIL_ROW.exec(line.trim());
    if (!m) continue;
    const month = MONTHS.indexOf(m[2]!);
    if (month < 0) continue;
    const modifiedMs = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
    const name = m[8]!;
    const isDir = m[7] === '<dir>';
    entries.push({ path: base === '/' ? `/${name}` : `${base}/${name}`, name, kind: isDir ? 'directory' : 'file', size: isDir ? 0 : Number(m[7]!.replace(/,/g, '')), modifiedMs });
  }
  if (!counts) return entries.length > 0 ? entries : undefined;
  const dirs = entries.filter((e) => e.kind === 'directory').length;
  if (dirs !== counts.dirs || entries.length - dirs !== counts.files) return undefined;
  return entries;
}

/** One matching line of `file search activelog`, with the file it is in. */
export interface ActivelogSearchHit {
  /** Path relative to the active log root ("/epas/trace/xcp/log/rtr-jsm-1.log"). */
  readonly path: string;
  readonly text: string;
}

/**
 * Parses `file search activelog <spec> <regex> [ignorecase] [recurs]`: "Searching path: …", then per file
 * "Searching file: /var/log/active/…" followed by its matching lines, then "Search completed". Undefined when no
 * "Search completed" closes it (cut off or not a search).
 */
export function parseFileSearch(text: string): ActivelogSearchHit[] | undefined {
  const hits: ActivelogSearchHit[] = [];
  let file: string | undefined;
  let completed = false;
  for (const line of outputLines(text)) {
    if (line.startsWith('Searching path:')) continue;
    const f = /^Searching file:\s*(.+?)\s*$/.exec(line);
    if (f) {
      file = activelogPath(f[1]!);
      continue;
    }
    if (line.trim() === 'Search completed') {
      completed = true;
      file = undefined;
      continue;
    }
    if (file !== undefined && line.length > 0) hits.push({ path: file, text: line });
  }
  return completed ? hits : undefined;
}

/** The archive `file build log` created ("Log file created: epas/trace/log_….tar.gz"), relative to the root. */
export function parseBuildLog(text: string): string | undefined {
  for (const line of outputLines(text)) {
    const m = /^Log file created:\s*(\S+)\s*$/.exec(line.trim());
    if (m) return activelogPath(m[1]!);
  }
  return undefined;
}

/** What `file get activelog` reported: files it matched and whether the transfer completed. */
export interface FileGetReport {
  readonly files: number;
  readonly completed: boolean;
}

/** Parses `file get activelog` ("Number of files affected: N" … "Transfer completed: …"). */
export function parseFileGet(text: string): FileGetReport | undefined {
  let files: number | undefined;
  let completed = false;
  for (const line of outputLines(text)) {
    const n = /^Number of files affected:\s*(\d+)/.exec(line.trim());
    if (n) files = Number(n[1]);
    if (/^Transfer completed\b/i.test(line.trim())) completed = true;
  }
  return files === undefined ? undefined : { files, completed };
}

/** One core file of `utils core active list`. */
export interface CoreFileRow {
  readonly name: string;
  /** Path relative to the active log root (cores live in activelog core/). */
  readonly path: string;
  readonly size: number;
  readonly modifiedMs: number;
}

/**
 * Parses `utils core active list` (listed in reference D.4's health-check set; no sample there, so the row shape
 * is designed after UC OS [I]: "<size> KB|MB <yyyy-mm-dd hh:mm:ss> <core file name or path>"; "No core files
 * found" for none). The size is the printed one (KB rounded). The time comes from the name's trailing epoch
 * seconds (core.<pid>.<signal>.<process>.<epoch>) when it has one, else from the printed date (read as UTC).
 * An empty list for "No core files found"; undefined for text that is neither.
 */
export function parseCoreActiveList(text: string): CoreFileRow[] | undefined {
  const units: Readonly<Record<string, number>> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
  const rows: CoreFileRow[] = [];
  let none = false;
  let header = false;
  for (const raw of outputLines(text)) {
    const line = raw.trim();
    if (/^no core files? (were )?found/i.test(line)) none = true;
    if (/Core File Name/i.test(line)) header = true;
    const m = /^([\d,.]+)\s*(B|KB|MB|GB)?\s+(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})\s+(\S+)$/i.exec(line);
    if (!m) continue;
    const word = m[9]!;
    const path = word.includes('/') ? activelogPath(word) : `/core/${word}`;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const epoch = /\.(\d{9,11})$/.exec(name);
    const printed = Date.UTC(Number(m[3]), Number(m[4]) - 1, Number(m[5]), Number(m[6]), Number(m[7]), Number(m[8]));
    const size = Math.round(Number(m[1]!.replace(/,/g, '')) * (units[(m[2] ?? 'B').toUpperCase()] ?? 1));
    rows.push({ name, path, size, modifiedMs: epoch ? Number(epoch[1]) * 1000 : printed });
  }
  if (rows.length > 0) return rows;
  return none || header ? [] : undefined;
}
