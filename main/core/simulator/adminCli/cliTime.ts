/**
 * Date formats of UC OS command outputs, all in UTC (the simulated nodes run in Etc/UTC): every date the
 * simulated admin CLI prints (the commands under ./commands and the `utils disaster_recovery` texts of
 * model/drs) comes from here. Shapes from serviceability-reference.md D.1 (show status), D.3 (runtimestate),
 * D.7 (disaster recovery), D.8 (network cluster) and seed-inventory.md 6.5 (build log file names).
 */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function p2(n: number): string {
  return String(n).padStart(2, '0');
}

function parts(ms: number): { d: Date; hms: string } {
  const d = new Date(ms);
  return { d, hms: `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}` };
}

/** `show status` Date: "Thu Jul 21, 2016 16:07:16". */
export function statusDate(ms: number): string {
  const { d, hms } = parts(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())}, ${d.getUTCFullYear()} ${hms}`;
}

/** date(1) style, day padded with a space: "Fri Jan  2 16:18:22 UTC 2026" (reference D.3 "Server Time"; DRS status and history dates). */
export function unixDate(ms: number): string {
  const { d, hms } = parts(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} UTC ${d.getUTCFullYear()}`;
}

/** ctime(3) style without zone, day padded with a space as ctime pads it: "Fri Mar 28 06:07:53 2025", "Mon Oct  6 18:24:02 2014". */
export function ctimeDate(ms: number): string {
  const { d, hms } = parts(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} ${d.getUTCFullYear()}`;
}

/** `file list ... detail` date: "25 Nov,2026 10:00:00". */
export function fileListDate(ms: number): string {
  const { d, hms } = parts(ms);
  return `${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]},${d.getUTCFullYear()} ${hms}`;
}

/** Build log stamp: "2016-09-30-09h41m37s" (guide L11408). */
export function buildLogStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}-${p2(d.getUTCHours())}h${p2(d.getUTCMinutes())}m${p2(d.getUTCSeconds())}s`;
}

/** Replication status file stamp: "2014_10_13_18_24_02". */
export function underscoreStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}_${p2(d.getUTCMonth() + 1)}_${p2(d.getUTCDate())}_${p2(d.getUTCHours())}_${p2(d.getUTCMinutes())}_${p2(d.getUTCSeconds())}`;
}

/** DRS backup name (the tar file's stem and the log files' prefix): "2026-11-25-10-00-00". */
export function dashSecondStamp(ms: number): string {
  return `${dashMinuteStamp(ms)}-${p2(new Date(ms).getUTCSeconds())}`;
}

/** Runtimestate "started at": "2026-01-02-16-18". */
export function dashMinuteStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}-${p2(d.getUTCHours())}-${p2(d.getUTCMinutes())}`;
}

/** "Oct 13 17:31:15" (replication status CONNECTION CHANGED). */
export function shortDate(ms: number): string {
  const { d, hms } = parts(ms);
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms}`;
}

/** "16:07:17" */
export function clockTime(ms: number): string {
  return parts(ms).hms;
}

/** java.util.Date#toString in UTC, day zero-padded: "Tue Feb 13 13:40:19 UTC 2024" (`show cert` validity lines). */
export function javaDate(ms: number): string {
  const { d, hms } = parts(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms} UTC ${d.getUTCFullYear()}`;
}
