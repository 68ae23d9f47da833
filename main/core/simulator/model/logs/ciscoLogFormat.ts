/**
 * CiscoLog message formatting (serviceability-reference.md A.6, MSG-0101):
 * `<SEQNUM>: <HOST>: <TIMESTAMP>: %<APPNAME>-<SEVERITY>-<MSGNAME>: [TAGS: ]<MESSAGE>`, at most 800 octets,
 * carried in RFC 3164 framing as the real servM line shows:
 * `Mar 18 16:40:52 ciscart26 local7 6 : 92: Mar 18 11:10:52.630 UTC : %CCM_SERVICEMANAGER-SERVICEMANAGER-6-ServiceActivated: ...`
 */

/** Syslog severities 0-7 with Cisco's alarm severity names. */
export const SEVERITY_NAMES = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug'] as const;
export type SeverityName = (typeof SEVERITY_NAMES)[number];

/** One CiscoLog message before framing. */
export interface CiscoLogMessage {
  readonly seq: number;
  readonly host: string;
  readonly timeMs: number;
  /** e.g. "IMP_SRM" or "CCM_SERVICEMANAGER-SERVICEMANAGER". */
  readonly appName: string;
  readonly severity: number;
  readonly msgName: string;
  readonly text: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_OCTETS = 800;
/** local7, the facility Cisco UC nodes use for alarms. */
export const LOCAL7 = 23;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** RFC 3164 timestamp "Mmm dd hh:mm:ss" (day space-padded), UTC. */
export function rfc3164Time(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** CiscoLog timestamp "Mmm dd hh:mm:ss.mmm UTC". */
export function ciscoLogTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} UTC`;
}

/** The CiscoLog body: `seq: host: time: %APP-SEV-NAME: text`, truncated to 800 octets. */
export function formatCiscoLogBody(m: CiscoLogMessage): string {
  const body = `${m.seq}: ${m.host}: ${ciscoLogTime(m.timeMs)}: %${m.appName}-${m.severity}-${m.msgName}: ${m.text}`;
  return truncateOctets(body, MAX_OCTETS);
}

/** The full RFC 3164 datagram text `<PRI>Mmm dd hh:mm:ss host body` sent to remote syslog. */
export function formatSyslogDatagram(m: CiscoLogMessage, facility = LOCAL7): string {
  return `<${facility * 8 + m.severity}>${rfc3164Time(m.timeMs)} ${m.host} ${formatCiscoLogBody(m)}`;
}

/** The line as the node's local syslog file stores it (as in the real servM sample). */
export function formatLocalSyslogLine(m: CiscoLogMessage): string {
  return `${rfc3164Time(m.timeMs)} ${m.host} local7 ${m.severity} : ${formatCiscoLogBody(m)}`;
}

function truncateOctets(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  return bytes.subarray(0, max).toString('utf8').replace(/\uFFFD+$/, '');
}
