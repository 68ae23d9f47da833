import type { SyslogMessage } from '../../../shared/model/alert.js';

/** Longest line we accept; CiscoLog bodies are at most 800 octets (MSG-0101), RFC 3164 packets 1024. */
export const MAX_SYSLOG_LINE = 8192;
const RAW_KEEP = 2048;

/** Where a line came from. */
export interface SyslogOrigin {
  readonly receivedAt: number;
  readonly transport: 'udp' | 'tcp';
  readonly peer: string;
}

const PRI = /^<(\d{1,3})>/;
// RFC 3164 §4.1.2 TIMESTAMP "Mmm dd hh:mm:ss" (day space-padded) then HOSTNAME.
const HEADER = /^([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) (\S{1,255}) ?/;
// RFC 5424 header: VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID (structured data kept in the text).
const HEADER_5424 = /^1 (\S+) (\S{1,255}) \S+ \S+ \S+ ?/;
// CiscoLog (MSG-0101): "<SEQ>: <HOST>: <TIMESTAMP>: %<APP>-<SEV>-<NAME>: <TEXT>"; APP may contain '-'.
const CISCO = /%([A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*?)-([0-7])-([A-Za-z0-9_]{1,100}):\s?([\s\S]*)$/;
const CISCO_HOST = /(?:^|\s)\d+:\s*([^:\s]{1,255}):\s+[A-Z][a-z]{2}\s/;
// The servM local form "local7 6 : 92: ..." (reference A.6, TS-SNMP).
const LOCAL_FORM = /^local\d \d : /;

/**
 * Parses one syslog line: RFC 3164 (or 5424) header and a CiscoLog body when present. Returns undefined for
 * lines that are not syslog (no or bad PRI, control characters, too long) — the receiver drops and counts them.
 */
export function parseSyslogLine(raw: string, origin: SyslogOrigin): SyslogMessage | undefined {
  if (raw.length === 0 || raw.length > MAX_SYSLOG_LINE) return undefined;
  const line = raw.replace(/[\r\n\0]+$/, '');
  const pri = PRI.exec(line);
  if (!pri) return undefined;
  const priValue = Number(pri[1]);
  if (priValue > 191 || (pri[1]!.length > 1 && pri[1]!.startsWith('0'))) return undefined;
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(line)) return undefined;
  let rest = line.slice(pri[0].length);
  let host = origin.peer;
  let timestamp: string | undefined;
  const h5424 = HEADER_5424.exec(rest);
  const h = h5424 ? undefined : HEADER.exec(rest);
  if (h5424) {
    timestamp = h5424[1];
    host = h5424[2]!;
    rest = rest.slice(h5424[0].length);
  } else if (h) {
    timestamp = h[1];
    host = h[2]!;
    rest = rest.slice(h[0].length);
  }
  if (LOCAL_FORM.test(rest)) rest = rest.replace(LOCAL_FORM, '');
  const base = { receivedAt: origin.receivedAt, transport: origin.transport, peer: origin.peer, facility: priValue >> 3, ...(timestamp ? { timestamp } : {}), raw: line.slice(0, RAW_KEEP) };
  const c = CISCO.exec(rest);
  if (c) {
    const ciscoHost = CISCO_HOST.exec(rest)?.[1];
    return { ...base, severity: Number(c[2]), host: ciscoHost ?? host, appName: c[1]!, msgName: c[3]!, text: c[4]!.trim() };
  }
  return { ...base, severity: priValue & 7, host, text: rest.trim() };
}
