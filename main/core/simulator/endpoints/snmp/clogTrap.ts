import { clogHistoryColumns } from './ciscoSyslogMib.js';
import { centisecondsBetween } from './mibBuildContext.js';
import { Oids } from './snmpOids.js';
import type { SnmpSyslogRow } from './snmpNodeSnapshot.js';
import { encodeValue, encodeVarbind, v } from './snmpValue.js';

/**
 * The VarBinds of a clogMessageGenerated notification (CISCO-SYSLOG-MIB; reference section C):
 * sysUpTime.0 and snmpTrapOID.0 (RFC 3416 §4.2.6), then OBJECTS { clogHistFacility, clogHistSeverity,
 * clogHistMsgName, clogHistMsgText, clogHistTimestamp } instantiated with the row's clogHistIndex.
 */
export function clogMessageGeneratedVarbinds(row: SnmpSyslogRow, agentStartedAtMs: number, nowMs: number): Buffer[] {
  const columns = clogHistoryColumns(agentStartedAtMs);
  const out = [
    encodeVarbind([...Oids.sysUpTime, 0], encodeValue(v.ticks(centisecondsBetween(agentStartedAtMs, nowMs)))),
    encodeVarbind([...Oids.snmpTrapOid, 0], encodeValue(v.oid(Oids.clogMessageGenerated))),
  ];
  for (const col of [2, 3, 4, 5, 6]) {
    out.push(encodeVarbind([...Oids.clogHistoryEntry, col, row.index], encodeValue(columns[col]!(row))));
  }
  return out;
}
