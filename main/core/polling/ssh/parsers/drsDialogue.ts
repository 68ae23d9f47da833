/**
 * Parsers of the answers of the DRS commands that change something or ask questions (guide Table 41,
 * L10664-10700): the success lines ([V] D.7 "Schedule enabled successfully." and their siblings), the size
 * estimate (L10103-10107), the restore dialogue with its checks and One-Step Restore's preparation (L10484-10494).
 * The restore dialogue, `prepare status` and `Device updated successfully.` are DESIGNED (drs-design.md "CLI
 * dialogue" 1, 6, 7: no real sample exists).
 */
import type { DrsEstimate, DrsOneStepState, DrsRestoreCheckItem } from '../../../../../shared/model/drs.js';
import { drsLines, drsMessageText, drsRefusal, meaningfulLines, ok, overlongLine, parseError, parseUnixDate, type DrsCliResult } from './drsText.js';

/** Text with an absurdly long line: unreadable at once, before any regular expression runs. */
function overlong(text: string): DrsCliResult<never> | undefined {
  const long = overlongLine(text);
  return long === undefined ? undefined : parseError('the answer (a line is far longer than the CLI prints)', long);
}

/** The line that says the command succeeded, else DRS's refusal, else POLL_PARSE. */
export function parseDrsAck(text: string, success: RegExp, what: string): DrsCliResult<string> {
  const long = overlong(text);
  if (long) return long;
  // The line, or what follows a question on it ("Enter (yes/no)? Appliance is being Restarted ..." when the answer
  // was not echoed).
  const candidates = meaningfulLines(text).flatMap((l) => [l, ...[...l.matchAll(/[?:]\s+(?=\S)/g)].map((m) => l.slice(m.index + m[0].length))]);
  const line = candidates.map(drsMessageText).find((l) => success.test(l));
  if (line !== undefined) return ok(line);
  const error = drsRefusal(text);
  return error ? { ok: false, error } : parseError(`the answer of ${what}`, meaningfulLines(text).pop());
}

const SIZE_UNITS: Readonly<Record<string, number>> = { B: 1, BYTES: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/**
 * `estimate_tar_size <features>`: "Estimated size of backup tar for the selected feature(s) PLM is 4.07 KB", or the
 * guide's refusal when no backup history exists (L10103-10107: data, `ok: false`).
 */
export function parseEstimate(text: string): DrsCliResult<DrsEstimate> {
  const long = overlong(text);
  if (long) return long;
  for (const line of meaningfulLines(text).map(drsMessageText)) {
    const m = /^Estimated size of backup tar .*?\bis\s+([\d.]+)\s*(B|bytes|KB|MB|GB|TB)\.?$/i.exec(line);
    if (m && Number.isFinite(Number(m[1]))) return ok({ ok: true, bytes: Math.round(Number(m[1]) * SIZE_UNITS[m[2]!.toUpperCase()]!), text: line });
    if (/Backup history does not exist|cannot be estimated/i.test(line)) return ok({ ok: false, message: line });
  }
  const error = drsRefusal(text);
  return error ? { ok: false, error } : parseError('the size estimate', meaningfulLines(text).pop());
}

const CHECKS: ReadonlySet<string> = new Set(['servers', 'features', 'version', 'hostname', 'ip', 'dns', 'deploymentType', 'securityPassword']);
/** "drfCliMsg: Restore check <name>: PASSED" / "… FAILED: <the guide's message>" (designed dialogue 6.6). */
const CHECK_LINE = /^Restore check\s+(\S+?)\s*:\s*(PASSED|FAILED)\b\s*:?\s*(.*)$/i;

/** What the restore dialogue ended with. */
export interface RestoreDialogue {
  readonly checks: DrsRestoreCheckItem[];
  readonly started: boolean;
}

/**
 * The restore dialogue (designed, drs-design.md 6): the check lines in order up to the first FAILED, then
 * "Restore initiated successfully. …" or "Restore not started.". A FAILED check is data (ok, started false). A
 * refusal before any check (unknown node, bad file name, unreadable device) is that refusal; a dialogue that
 * neither fails a check nor says whether the restore started is POLL_PARSE (cut short).
 */
export function parseRestoreDialogue(text: string): DrsCliResult<RestoreDialogue> {
  const long = overlong(text);
  if (long) return long;
  const lines = meaningfulLines(text).map(drsMessageText);
  const checks: DrsRestoreCheckItem[] = [];
  for (const line of lines) {
    const m = CHECK_LINE.exec(line);
    if (!m) continue;
    const name = m[1]!;
    const passed = m[2]!.toUpperCase() === 'PASSED';
    const check = (CHECKS.has(name) ? name : 'other') as DrsRestoreCheckItem['check'];
    checks.push({ check, ok: passed, message: passed ? line : m[3]!.trim() || line });
  }
  const failed = checks.some((c) => !c.ok);
  const started = lines.some((l) => /^Restore initiated successfully/i.test(l));
  const notStarted = lines.some((l) => /^Restore not started/i.test(l));
  if (failed || started || notStarted) return ok({ checks, started: started && !failed });
  // A refusal after the checks passed (e.g. another restore started meanwhile); a check line cut short is no refusal.
  const error = drsRefusal(drsLines(text).filter((l) => !/^\s*(drfCliMsg:\s*)?Restore check\b/i.test(l)).join('\n'));
  return error ? { ok: false, error } : parseError('the restore dialogue (it ended before DRS said whether the restore started)', lines.pop());
}

/** The guide's three One-Step Restore messages (L10490, L10492, L10494) → the state they state. */
function oneStepStateOf(line: string): DrsOneStepState['state'] | undefined {
  if (/Please wait for 5 minutes until Publisher becomes cluster aware/i.test(line)) return 'preparing';
  if (/Publisher has become cluster aware/i.test(line)) return 'ready';
  if (/Publisher has failed to become cluster aware/i.test(line)) return 'failed';
  return undefined;
}

/** `prepare restore pub_from_sub [device file]`: the guide's message (L10490 while it prepares). */
export function parsePrepareRestore(text: string): DrsCliResult<DrsOneStepState> {
  const long = overlong(text);
  if (long) return long;
  for (const line of meaningfulLines(text).map(drsMessageText)) {
    const state = oneStepStateOf(line);
    if (state) return ok({ state, message: line });
  }
  const error = drsRefusal(text);
  return error ? { ok: false, error } : parseError('the answer of prepare restore', meaningfulLines(text).pop());
}

/**
 * `prepare status` [designed: no real sample]: "One-step restore: <idle|preparing|ready|failed>", the message line,
 * then "Ready At: <date>" while preparing.
 */
export function parsePrepareStatus(text: string): DrsCliResult<DrsOneStepState> {
  const long = overlong(text);
  if (long) return long;
  // A stated state is an answer: idle comes with "drfCliMsg: One-step restore has not been prepared." (not a refusal).
  const stated = /^\s*One-step restore\s*:\s*(idle|preparing|ready|failed)\s*$/im.test(text);
  const error = drsRefusal(text);
  if (error && !(stated && !/Executed command unsuccessfully/i.test(text))) return { ok: false, error };
  const lines = meaningfulLines(text).map(drsMessageText);
  const head = lines.findIndex((l) => /^One-step restore\s*:/i.test(l));
  const state = /^One-step restore\s*:\s*(idle|preparing|ready|failed)$/i.exec(lines[head] ?? '')?.[1]?.toLowerCase() as DrsOneStepState['state'] | undefined;
  if (!state) return parseError('the one-step restore state', lines[head] ?? lines[0]);
  const rest = lines.slice(head + 1);
  const readyLine = rest.find((l) => /^Ready At\s*:/i.test(l));
  const readyAtMs = readyLine === undefined ? undefined : parseUnixDate(readyLine.replace(/^Ready At\s*:\s*/i, ''));
  if (readyLine !== undefined && readyAtMs === undefined) return parseError('the one-step restore time', readyLine);
  if (state === 'preparing' && readyAtMs === undefined) return parseError('the one-step restore state (preparing without Ready At)');
  const message = rest.filter((l) => l !== readyLine).join(' ');
  return ok({ state, message, ...(readyAtMs === undefined ? {} : { readyAtMs }) });
}
