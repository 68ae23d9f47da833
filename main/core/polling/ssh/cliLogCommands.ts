/**
 * Admin CLI log commands over an SshCliSession (reference D.6, guide L9627-9634): `file list activelog <dir>
 * detail`, `file search activelog <file-spec> <reg-exp> [ignorecase] [recurs]`, `utils core active list`.
 * Written by H4b to the interface of the design of issue 12 (section H2) when H2's had not landed; H2 owns it.
 * Paths are relative to the active log root, absolute in form ('/epas/trace'); the CLI takes them without the
 * leading slash and prints `/var/log/active/...` in `file search`.
 */
import type { RemoteLogEntry } from '../../../../shared/model/traces.js';
import { PollError } from '../pollError.js';
import type { SoapResult } from '../soap/perfmonClient.js';
import type { SshCliSession } from './sshCliSession.js';
import { stripAnsi } from './parsers/cliText.js';

const FAILED = /Executed command unsuccessfully/i;
const ACTIVE_ROOT = '/var/log/active';
const MONTHS: Readonly<Record<string, number>> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** A word for the CLI: double-quoted, an inner quote escaped (the UC OS CLI's tokenizer). */
export function quoteCliArg(word: string): string {
  return `"${word.replace(/"/g, '\\"')}"`;
}

/** The CLI's file-spec of a node path ('/' is the root, '.'). */
function spec(path: string): string {
  const rel = path.replace(/^\/+/, '');
  return rel === '' ? '.' : rel;
}

/** The reason line before "Executed command unsuccessfully", or undefined when the command did not fail. */
function failure(text: string): string | undefined {
  if (!FAILED.test(text)) return undefined;
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const i = lines.findIndex((l) => FAILED.test(l));
  return i > 0 ? lines[i - 1] : lines[i];
}

/** Lines of `file list activelog <dir> detail`: "dd Mon,yyyy hh:mm:ss   <size|<dir>>  name" (UTC stamps). */
export function parseFileListDetail(text: string, dir: string): RemoteLogEntry[] {
  const base = dir === '/' ? '' : dir.replace(/\/+$/, '');
  const out: RemoteLogEntry[] = [];
  for (const raw of stripAnsi(text).split('\n')) {
    const m = /^\s*(\d{2}) ([A-Z][a-z]{2}),(\d{4}) (\d{2}):(\d{2}):(\d{2})\s+(<dir>|[\d,]+)\s+(.+?)\s*$/.exec(raw);
    if (!m || MONTHS[m[2]!] === undefined) continue;
    const modifiedMs = Date.UTC(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
    const name = m[8]!;
    const kind = m[7] === '<dir>' ? 'directory' : 'file';
    out.push({ path: `${base}/${name}`, name, kind, size: kind === 'file' ? Number(m[7]!.replace(/,/g, '')) : 0, modifiedMs });
  }
  return out;
}

/** One directory of the node's log tree through `file list activelog <dir> detail`. */
export async function listActivelog(session: SshCliSession, dir: string): Promise<SoapResult<RemoteLogEntry[]>> {
  const node = session.target.node;
  const r = await session.run(`file list activelog ${quoteCliArg(spec(dir))} detail`);
  if (!r.ok) return r;
  const why = failure(r.output);
  if (why) return { ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', node, `file list activelog ${dir} on ${node}: ${why}`) };
  if (!/dir count = \d+, file count = \d+/.test(r.output)) return { ok: false, error: new PollError('POLL_PARSE', 'ssh', node, `file list activelog ${dir} on ${node}: no listing in the answer`) };
  return { ok: true, value: parseFileListDetail(r.output, dir) };
}

/** Matches of `file search activelog`: the lines under each "Searching file: /var/log/active/…" header. */
export function parseFileSearch(text: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  let file: string | undefined;
  for (const raw of stripAnsi(text).split('\n')) {
    const header = /^Searching file: (.+?)\s*$/.exec(raw);
    if (header) {
      const p = header[1]!;
      file = p.startsWith(`${ACTIVE_ROOT}/`) ? p.slice(ACTIVE_ROOT.length) : p;
      continue;
    }
    if (/^Searching path: /.test(raw) || /^Search completed\s*$/.test(raw) || raw.length === 0 || !file) continue;
    out.push({ path: file, text: raw });
  }
  return out;
}

/** Lines matching `regex` in a file (or the files of a spec) of the node, found by the node. */
export async function searchActivelog(session: SshCliSession, path: string, regex: string, opts: { ignoreCase?: boolean; recurse?: boolean } = {}): Promise<SoapResult<{ path: string; text: string }[]>> {
  const node = session.target.node;
  const flags = `${opts.ignoreCase ? ' ignorecase' : ''}${opts.recurse ? ' recurs' : ''}`;
  const r = await session.run(`file search activelog ${quoteCliArg(spec(path))} ${quoteCliArg(regex)}${flags}`);
  if (!r.ok) return r;
  const why = failure(r.output);
  if (why) return { ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', node, `file search activelog ${path} on ${node}: ${why}`) };
  return { ok: true, value: parseFileSearch(r.output) };
}

/**
 * `utils core active list` (in the "common prefix" command list TAC runs on every VOS node, serviceability-reference.md D.4; the reference has no
 * sample of its output, so the row shape is designed after UC OS: "Size Date Core File Name" then rows
 * "<n> KB|MB  yyyy-mm-dd hh:mm:ss  core.<pid>.<signal>.<process>.<epoch>"). A row may carry a path
 * (`/var/log/active/core/…` or `core/…`); else the core is taken to be in the active log's core folder.
 */
export function parseCoreActiveList(text: string): { name: string; path?: string; size: number; modifiedMs: number }[] {
  const out: { name: string; path?: string; size: number; modifiedMs: number }[] = [];
  const units: Readonly<Record<string, number>> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
  for (const raw of stripAnsi(text).split('\n')) {
    const m = /^\s*([\d,.]+)\s*(B|KB|MB|GB)?\s+(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})\s+(\S+)\s*$/.exec(raw);
    if (!m) continue;
    const size = Math.round(Number(m[1]!.replace(/,/g, '')) * (units[m[2] ?? 'B'] ?? 1));
    const modifiedMs = Date.UTC(Number(m[3]), Number(m[4]) - 1, Number(m[5]), Number(m[6]), Number(m[7]), Number(m[8]));
    const word = m[9]!;
    const abs = word.startsWith(`${ACTIVE_ROOT}/`) ? word.slice(ACTIVE_ROOT.length) : word.includes('/') ? `/${word.replace(/^\/+/, '')}` : undefined;
    const name = abs ? abs.slice(abs.lastIndexOf('/') + 1) : word;
    out.push({ name, ...(abs ? { path: abs } : { path: `/core/${name}` }), size, modifiedMs });
  }
  return out;
}

/** The node's core files (`utils core active list`); "No core files found" is an empty list. */
export async function coreActiveList(session: SshCliSession): Promise<SoapResult<{ name: string; path?: string; size: number; modifiedMs: number }[]>> {
  const node = session.target.node;
  const r = await session.run('utils core active list');
  if (!r.ok) return r;
  const why = failure(r.output);
  if (why) return { ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', node, `utils core active list on ${node}: ${why}`) };
  return { ok: true, value: parseCoreActiveList(r.output) };
}
