import type { SyslogMessage } from '../../../shared/model/alert.js';

/** CISCO-SYSLOG-MIB clogMessageGenerated (serviceability-reference.md C; 1.3.6.1.4.1.9.9.41.2.0.1). */
export const CLOG_MESSAGE_GENERATED = '1.3.6.1.4.1.9.9.41.2.0.1';
const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
// clogHistoryEntry columns: 2 facility, 3 severity, 4 msgName, 5 msgText, 6 timestamp.
const CLOG_HIST_ENTRY = '1.3.6.1.4.1.9.9.41.1.2.3.1.';

/** A varbind as net-snmp delivers it. */
export interface TrapVarbind {
  readonly oid: string;
  readonly type?: number;
  readonly value: unknown;
}

function str(v: unknown): string | undefined {
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (typeof v === 'string') return v;
  return undefined;
}

/**
 * Turns a clogMessageGenerated notification into a syslog message (SyslogSeverity emergency(1)…debug(8) becomes
 * 0…7). Returns a reason string for anything else (another trap, missing or mistyped varbinds).
 */
export function decodeClogTrap(varbinds: readonly TrapVarbind[], peer: string, receivedAt: number): SyslogMessage | string {
  const trapOid = varbinds.find((v) => v.oid === SNMP_TRAP_OID)?.value;
  if (trapOid !== CLOG_MESSAGE_GENERATED) return `not clogMessageGenerated (${typeof trapOid === 'string' ? trapOid.slice(0, 64) : 'no snmpTrapOID'})`;
  const col = (n: number): unknown => varbinds.find((v) => v.oid.startsWith(`${CLOG_HIST_ENTRY}${n}.`))?.value;
  const facility = str(col(2));
  const sev = col(3);
  const msgName = str(col(4));
  const text = str(col(5)) ?? '';
  if (typeof sev !== 'number' || !Number.isInteger(sev) || sev < 1 || sev > 8) return 'clogHistSeverity missing or out of range';
  if (!msgName || !/^[A-Za-z0-9_]{1,100}$/.test(msgName)) return 'clogHistMsgName missing or malformed';
  const facilityOk = facility && /^[A-Za-z0-9_-]{1,100}$/.test(facility) ? facility : undefined;
  const severity = sev - 1;
  return {
    receivedAt,
    transport: 'trap',
    peer,
    severity,
    host: peer,
    ...(facilityOk ? { appName: facilityOk } : {}),
    msgName,
    text: text.slice(0, 2048),
    raw: `%${facilityOk ?? 'UNKNOWN'}-${severity}-${msgName}: ${text}`.slice(0, 2048),
  };
}
