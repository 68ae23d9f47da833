/**
 * `utils ntp status` (serviceability-reference.md D.9 [T]): `ntpd (pid N) is running...`, the `ntpq -p` peer table
 * (`*` marks the peer it is synchronised to), then `ntpstat`: `synchronised to NTP server (<ip>) at stratum <n>` or
 * `unsynchronised`. Community guidance (D.9): publisher at most stratum 3, subscribers at most 4 — the
 * troubleshooter judges; this only reads.
 */
import { parseError, parsed, precheck, type ParseResult } from './reportText.js';

export interface NtpStatus {
  readonly running: boolean;
  readonly synchronised: boolean;
  readonly server?: string;
  readonly stratum?: number;
  /** The answer as printed (trimmed), for the report to show. */
  readonly text: string;
}

const RUNNING = /^ntpd\b.*\bis running\b/i;
const STOPPED = /^ntpd\b.*\b(?:is stopped|is not running|dead)\b/i;
const SYNCED = /^synchroni[sz]ed to (?:NTP server|local net|unspecified)(?:\s*\(([^)]*)\))? at stratum (\d+)/i;
const UNSYNCED = /^unsynchroni[sz]ed\b/i;
/** A peer row of `ntpq -p`: tally code, remote, refid, stratum. */
const PEER = /^([*#o+x.\- ])(\S+)\s+(\S+)\s+(\d+)\s+[a-z-]\s/;

/** Parses `utils ntp status`. */
export function parseNtpStatus(text: string, node = ''): ParseResult<NtpStatus> {
  const pre = precheck(text, node, 'utils ntp status');
  if (!pre.ok) return pre;
  const lines = pre.value;
  let running: boolean | undefined;
  let synchronised: boolean | undefined;
  let server: string | undefined;
  let stratum: number | undefined;
  let peer: string | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (RUNNING.test(line)) running = true;
    else if (STOPPED.test(line)) running = false;
    const s = SYNCED.exec(line);
    if (s) {
      synchronised = true;
      server = s[1]?.trim() || undefined;
      stratum = Number(s[2]);
      continue;
    }
    if (UNSYNCED.test(line)) synchronised = false;
    const p = PEER.exec(raw.replace(/^\s(?=[*#o+x.-])/, ''));
    if (p && p[1] === '*') peer = p[2];
  }
  if (running === undefined && synchronised === undefined) return parseError(node, 'utils ntp status (neither the ntpd line nor the synchronisation state)', lines.find((l) => l.trim() !== ''));
  const isSynced = synchronised ?? false;
  const srv = server ?? (isSynced ? peer : undefined);
  return parsed({
    running: running ?? isSynced,
    synchronised: isSynced,
    ...(srv ? { server: srv } : {}),
    ...(stratum !== undefined && Number.isFinite(stratum) ? { stratum } : {}),
    text: lines.join('\n').trim(),
  });
}
