import { addCiscoSyslogMib } from './ciscoSyslogMib.js';
import { addHostResourcesMib } from './hostResourcesMib.js';
import { addMib2System } from './mib2System.js';
import type { MibBuildContext } from './mibBuildContext.js';
import { MibViewBuilder, type MibView } from './mibView.js';
import type { SnmpNodeSnapshot } from './snmpNodeSnapshot.js';
import { addSnmpEngineMib } from './snmpEngineMib.js';
import { addSysApplMib } from './sysApplMib.js';

/**
 * Builds a simulated IM&P node's whole MIB view from a snapshot: MIB-II system and interfaces,
 * HOST-RESOURCES-MIB, SYSAPPL-MIB, CISCO-SYSLOG-MIB and snmpEngine (the MIBs reference section C lists
 * for IM&P; CISCO-CCM-MIB is not meaningful on IM&P nodes).
 */
export function buildNodeMibView(snapshot: SnmpNodeSnapshot, ctx: MibBuildContext): MibView {
  const b = new MibViewBuilder();
  addMib2System(b, snapshot, ctx);
  addHostResourcesMib(b, snapshot, ctx);
  addSysApplMib(b, snapshot);
  addCiscoSyslogMib(b, snapshot, ctx);
  addSnmpEngineMib(b, ctx);
  return b.build();
}
