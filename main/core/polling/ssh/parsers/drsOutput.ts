/**
 * Parsers of the listings `utils disaster_recovery …` prints (guide Table 41, L10664-10700): registration, devices,
 * schedules, status, history, backup files and a backup's descriptor. Sources: the [V] `schedule list` sample and
 * the [T] strings of serviceability-reference.md D.7 (ANSIBLE's `Status:`, `Tar Filename:`, `Storage Location:`,
 * `Operation:`, `Percentage Complete:` + component rows; "No backup status available", "No history data is
 * available"); everything else is the DESIGNED dialogue of drs-design.md (no real sample exists), as the simulated
 * cluster prints it. Each parser states a DRS refusal as that refusal and unreadable text as POLL_PARSE.
 */
import type {
  DrsBackupFile,
  DrsBackupServer,
  DrsComponentRow,
  DrsComponentState,
  DrsDevice,
  DrsFeatureRegistration,
  DrsFrequency,
  DrsHistoryEntry,
  DrsJobState,
  DrsOperation,
  DrsSchedule,
  DrsStatus,
} from '../../../../../shared/model/drs.js';
import {
  backupNameTime,
  cells,
  commaList,
  drsLines,
  drsMessageText,
  drsRefusal,
  meaningfulLines,
  ok,
  overlongLine,
  parseDrsDateTime,
  parseError,
  parseUnixDate,
  UNIX_DATE_SOURCE,
  type DrsCliResult,
} from './drsText.js';

/** The refusal the text states, else the parse (text with an absurdly long line is unreadable at once). */
function refusedOr<T>(text: string, parse: () => DrsCliResult<T>): DrsCliResult<T> {
  const long = overlongLine(text);
  if (long !== undefined) return parseError('the answer (a line is far longer than the CLI prints)', long);
  const error = drsRefusal(text);
  return error ? { ok: false, error } : parse();
}

/** Whether a line is one of DRS's "nothing here" messages. */
const says = (text: string, re: RegExp): boolean => meaningfulLines(text).some((l) => re.test(drsMessageText(l)));

/** `show_registration <hostname>`: "FEATURE :" lines, each followed by its indented components. */
export function parseRegistration(text: string): DrsCliResult<DrsFeatureRegistration[]> {
  return refusedOr(text, () => {
    const out: { feature: string; components: string[] }[] = [];
    for (const line of meaningfulLines(text)) {
      const f = /^(\S(?:.*\S)?)\s*:$/.exec(line);
      if (f) out.push({ feature: f[1]!, components: [] });
      else if (out.length > 0 && /^\S+$/.test(line)) out[out.length - 1]!.components.push(line);
      else return parseError('the registration list', line);
    }
    return ok(out);
  });
}

/** "host:/path", "host:2222:/path" (our port extension) → host, port, path. */
function devicePath(text: string): { host: string; port: number; path: string } | undefined {
  const m = /^([^:\s]+):(?:(\d{1,5}):)?(.*)$/.exec(text.trim());
  if (!m) return undefined;
  const port = m[2] === undefined ? 22 : Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1]!, port, path: m[3]! || '/' } : undefined;
}

/** `device list`: Device Name, Device Type, Device Path (host:path). Names may hold single spaces. */
export function parseDeviceList(text: string): DrsCliResult<DrsDevice[]> {
  if (says(text, /^No backup devices? (is |are )?configured/i)) return ok([]);
  return refusedOr(text, () => {
    const lines = meaningfulLines(text);
    if (!/^Device Name\s+Device Type\s+Device Path$/i.test(lines[0] ?? '')) return parseError('the device list (no header)', lines[0]);
    const out: DrsDevice[] = [];
    for (const line of lines.slice(1)) {
      let c = cells(line);
      if (c.length !== 3) c = /^(.+?)\s+(\S+)\s+(\S+)$/.exec(line)?.slice(1) ?? [];
      const where = c.length === 3 ? devicePath(c[2]!) : undefined;
      if (!where) return parseError('a device row', line);
      out.push({ name: c[0]!, type: c[1]!, ...where, usedBySchedules: [] });
    }
    return ok(out);
  });
}

/**
 * `device list detail` [designed: no real sample]: Device Name, Device Type, Server, Port, Path, User Name,
 * Number of Backups, Used By Schedules (a comma list or "-"), columns apart by 3+ spaces.
 */
export function parseDeviceListDetail(text: string): DrsCliResult<DrsDevice[]> {
  if (says(text, /^No backup devices? (is |are )?configured/i)) return ok([]);
  return refusedOr(text, () => {
    const lines = meaningfulLines(text);
    if (!/^Device Name\s+Device Type\s+Server\s+Port\s+Path\s+User Name\s+Number of Backups\s+Used By Schedules$/i.test(lines[0] ?? '')) return parseError('the device list (no detail header)', lines[0]);
    const out: DrsDevice[] = [];
    for (const line of lines.slice(1)) {
      let c = cells(line);
      if (c.length !== 8) c = /^(.+?)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\d+|-)\s+(\S.*)$/.exec(line)?.slice(1) ?? [];
      const port = Number(c[3]);
      if (c.length !== 8 || !Number.isInteger(port) || port < 1 || port > 65535 || !/^(\d+|-)$/.test(c[6]!)) return parseError('a device row', line);
      out.push({
        name: c[0]!, type: c[1]!, host: c[2]!, port, path: c[4]!,
        ...(c[5] === '-' ? {} : { username: c[5]! }),
        ...(c[6] === '-' ? {} : { backupsToKeep: Number(c[6]) }),
        usedBySchedules: commaList(c[7]),
      });
    }
    return ok(out);
  });
}

/** `schedule list`, the [V] sample of reference D.7: "schedule name\tdevice name\tSchedule Status", dashes, rows. */
export function parseScheduleList(text: string): DrsCliResult<DrsSchedule[]> {
  if (says(text, /^No (backup )?schedules? (is |are )?configured/i)) return ok([]);
  return refusedOr(text, () => {
    const lines = meaningfulLines(text);
    if (!/^schedule name\s+device name\s+Schedule Status$/i.test(lines[0] ?? '')) return parseError('the schedule list (no header)', lines[0]);
    const out: DrsSchedule[] = [];
    for (const line of lines.slice(1)) {
      if (/^-+$/.test(line)) continue;
      const c = cells(line);
      if (c.length !== 3 || !/^(enabled|disabled)$/i.test(c[2]!)) return parseError('a schedule row', line);
      out.push({ name: c[0]!, device: c[1]!, enabled: c[2]!.toLowerCase() === 'enabled' });
    }
    return ok(out);
  });
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * `schedule list detail` [designed: no real sample]: Schedule Name, Device Name, Features, Start Time, Frequency,
 * Days, Status, Next Run (times yyyy/mm/dd-hh:mm UTC; Days and Next Run "-" when none).
 */
export function parseScheduleListDetail(text: string): DrsCliResult<DrsSchedule[]> {
  if (says(text, /^No (backup )?schedules? (is |are )?configured/i)) return ok([]);
  return refusedOr(text, () => {
    const lines = meaningfulLines(text);
    if (!/^Schedule Name\s+Device Name\s+Features\s+Start Time\s+Frequency\s+Days\s+Status\s+Next Run$/i.test(lines[0] ?? '')) return parseError('the schedule list (no detail header)', lines[0]);
    const out: DrsSchedule[] = [];
    for (const line of lines.slice(1)) {
      if (/^-+$/.test(line)) continue;
      let c = cells(line);
      if (c.length !== 8) c = /^(.+?)\s+(.+?)\s+(\S+)\s+(\d{4}\/\d\d\/\d\d-\d\d:\d\d)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$/.exec(line)?.slice(1) ?? [];
      const startMs = parseDrsDateTime(c[3] ?? '');
      const frequency = (c[4] ?? '').toLowerCase() as DrsFrequency;
      const days = commaList(c[5]).map((d) => WEEKDAYS.indexOf(d.toLowerCase().slice(0, 3)));
      const nextRunMs = c[7] === '-' ? undefined : parseDrsDateTime(c[7] ?? '');
      if (c.length !== 8 || startMs === undefined || !['once', 'daily', 'weekly', 'monthly'].includes(frequency) || days.includes(-1) || !/^(enabled|disabled)$/i.test(c[6]!) || (c[7] !== '-' && nextRunMs === undefined)) {
        return parseError('a schedule row', line);
      }
      out.push({
        name: c[0]!, device: c[1]!, enabled: c[6]!.toLowerCase() === 'enabled', features: commaList(c[2]), frequency, startMs,
        ...(days.length > 0 ? { weekdays: days } : {}),
        ...(nextRunMs === undefined ? {} : { nextRunMs }),
      });
    }
    return ok(out);
  });
}

const JOB_STATES: readonly DrsJobState[] = ['RUNNING', 'SUCCESS', 'ERROR', 'CANCELLED', 'TIMEOUT'];
/** A component row: feature, server, component, state or percent, [start date], [log file] (ANSIBLE's table, [I] layout). */
const COMPONENT_ROW = new RegExp(`^(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\d{1,3}|PENDING|ACTIVE|SUCCESS|ERROR|CANCELLED)(?:\\s+(${UNIX_DATE_SOURCE}))?(?:\\s+(\\S+))?$`);

/**
 * `status backup|restore`: undefined for "No backup|restore status available" ([T] D.7). The five header lines
 * ANSIBLE reads must all be there; each further line must be a component row.
 */
export function parseDrsStatus(text: string, op: DrsOperation): DrsCliResult<DrsStatus | undefined> {
  if (says(text, /^No (backup|restore) status available/i)) return ok(undefined);
  return refusedOr(text, () => {
    const lines = meaningfulLines(text);
    const field = (name: string): string | undefined => {
      const line = lines.find((l) => new RegExp(`^${name}\\s*:`, 'i').test(l));
      return line?.replace(new RegExp(`^${name}\\s*:\\s*`, 'i'), '');
    };
    const status = /^(\w+)\s*(?::\s*(.*))?$/.exec(field('Status') ?? '');
    const state = status?.[1]?.toUpperCase() as DrsJobState | undefined;
    const operation = (field('Operation') ?? '').toLowerCase();
    const percentage = Number(field('Percentage Complete'));
    const [tarFilename, storageLocation] = [field('Tar Filename'), field('Storage Location')];
    if (!state || !JOB_STATES.includes(state)) return parseError(`the ${op} status (no known Status line)`, lines[0]);
    if (tarFilename === undefined || storageLocation === undefined || field('Percentage Complete') === undefined || !Number.isFinite(percentage)) return parseError(`the ${op} status (a header line is missing)`);
    if (operation !== '' && operation !== op) return parseError(`the ${op} status (it is the ${operation} status)`);
    const rows: DrsComponentRow[] = [];
    for (const line of lines) {
      if (/^(Status|Tar Filename|Storage Location|Operation|Percentage Complete)\s*:/i.test(line)) continue;
      const m = COMPONENT_ROW.exec(line);
      const startedMs = m?.[5] === undefined ? undefined : parseUnixDate(m[5]);
      if (!m || (m[5] !== undefined && startedMs === undefined)) return parseError(`a ${op} status row`, line);
      const numeric = /^\d+$/.test(m[4]!);
      const rowState: DrsComponentState = numeric ? (startedMs === undefined ? 'PENDING' : 'ACTIVE') : (m[4] as DrsComponentState);
      const percent = numeric ? Math.min(100, Number(m[4])) : rowState === 'SUCCESS' ? 100 : 0;
      rows.push({
        feature: m[1]!, server: m[2]!, component: m[3]!, state: rowState, percent,
        ...(startedMs === undefined ? {} : { startedMs }),
        ...(m[6] === undefined ? {} : { logFile: m[6] }),
      });
    }
    return ok({ operation: op, state, message: (status?.[2] ?? '').trim(), tarFilename, storageLocation, percentage, rows });
  });
}

const HISTORY_ROW = new RegExp(`^(\\S+)\\s+(.+?)\\s+(${UNIX_DATE_SOURCE})\\s+(SUCCESS|ERROR|CANCELLED|TIMEOUT)\\s+(\\S+)\\s+(MANUAL|SCHEDULED)(?:\\s+(.*))?$`);

/**
 * `history backup|restore`: the History window's columns (guide L10241, L10643): Tar Filename, Device, Completed
 * On, Result, Version, Backup Type, Features Backed Up/Restored, Failed Features. [] for "No history data is
 * available" ([T] D.7). A lone feature column is told apart by its position under the header.
 */
export function parseDrsHistory(text: string, op: DrsOperation): DrsCliResult<DrsHistoryEntry[]> {
  if (says(text, /^No history data is available/i)) return ok([]);
  return refusedOr(text, () => {
    const lines = drsLines(text).filter((l) => l.trim().length > 0);
    const header = lines[0] ?? '';
    if (!/^\s*Tar Filename:?\s+\S.*Result:?\s+Version/i.test(header)) return parseError(`the ${op} history (no header)`, header);
    const failedAt = header.search(/Failed Features/i);
    const out: DrsHistoryEntry[] = [];
    for (const raw of lines.slice(1)) {
      const line = raw.trim();
      const m = HISTORY_ROW.exec(line);
      const completedAt = m ? parseUnixDate(m[3]!) : undefined;
      if (!m || completedAt === undefined) return parseError(`a ${op} history row`, line);
      const rest = (m[7] ?? '').trim().split(/\s+/).filter((x) => x.length > 0);
      if (rest.length > 2) return parseError(`a ${op} history row`, line);
      // Padded with spaces, the lone column's position says which it is; with tabs it is the features column.
      const loneIsFailed = rest.length === 1 && failedAt > 0 && !/\t/.test(header + raw) && raw.lastIndexOf(rest[0]!) >= failedAt;
      const [done, failed] = rest.length === 2 ? rest : loneIsFailed ? ['', rest[0]] : [rest[0], ''];
      out.push({
        operation: op, fileName: m[1]!, device: m[2]!, completedAt, result: m[4] as DrsHistoryEntry['result'], version: m[5]!,
        kind: m[6] as DrsHistoryEntry['kind'], features: commaList(done), failedFeatures: commaList(failed),
      });
    }
    return ok(out);
  });
}

/** `show_backupfiles <device>`: one backup per line, "yyyy-mm-dd-hh-mm-ss" with or without ".tar" → names with ".tar". */
export function parseBackupFiles(text: string): DrsCliResult<string[]> {
  if (says(text, /^No backup files? (found|available)/i)) return ok([]);
  return refusedOr(text, () => {
    const out: string[] = [];
    for (const line of meaningfulLines(text)) {
      if (backupNameTime(line) === undefined) return parseError('the backup file list', line);
      out.push(line.endsWith('.tar') ? line : `${line}.tar`);
    }
    return ok(out);
  });
}

/** A server row of `show_backupinfo`: hostname, IP, role, deployment type (may hold spaces), version. */
const SERVER_ROW = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S(?:.*?\S)?)\s+(\d+(?:\.\d+)+-\d+)$/;

/**
 * `show_backupinfo <device> <tarfilename>` [designed: no real sample]: "Tar Filename:", "Backup Type:", "Created
 * On:", "Features:", "CCMDB: yes|no", then a Hostname / IP Address / Role / Deployment Type / Version table.
 * `createdMs` comes from the file name; `version` from a "Version:" line, else the servers' distinct versions.
 */
export function parseBackupInfo(text: string): DrsCliResult<DrsBackupFile> {
  return refusedOr(text, () => {
    const lines = meaningfulLines(text);
    const field = (name: string): string | undefined => lines.find((l) => new RegExp(`^${name}\\s*:`, 'i').test(l))?.replace(new RegExp(`^${name}\\s*:\\s*`, 'i'), '');
    const name = field('Tar Filename');
    const createdMs = name === undefined ? undefined : backupNameTime(name);
    if (name === undefined || createdMs === undefined) return parseError('the backup descriptor (no Tar Filename)', lines[0]);
    const kind = field('Backup Type')?.toUpperCase();
    const ccmdb = field('CCMDB')?.toLowerCase();
    const features = field('Features');
    if ((kind !== 'MANUAL' && kind !== 'SCHEDULED') || (ccmdb !== 'yes' && ccmdb !== 'no') || features === undefined) return parseError('the backup descriptor (Backup Type, Features or CCMDB is missing)');
    const head = lines.findIndex((l) => /^Hostname\s+IP Address\s+Role\s+Deployment Type\s+Version$/i.test(l));
    if (head < 0) return parseError('the backup descriptor (no server table)');
    const servers: DrsBackupServer[] = [];
    for (const line of lines.slice(head + 1)) {
      const m = SERVER_ROW.exec(line);
      if (!m) return parseError('a server row of the backup descriptor', line);
      servers.push({ hostname: m[1]!, ip: m[2]!, role: m[3]!, deploymentType: m[4]!, version: m[5]! });
    }
    // Without a "Version:" line: the servers' versions (CUCM and IM&P differ in a mixed cluster), distinct, in order.
    const version = field('Version') ?? ([...new Set(servers.map((s) => s.version))].join(', ') || undefined);
    return ok({
      fileName: name.endsWith('.tar') ? name : `${name}.tar`, createdMs, kind, features: commaList(features), servers, hasCcmdb: ccmdb === 'yes',
      ...(version === undefined ? {} : { version }),
    });
  });
}
