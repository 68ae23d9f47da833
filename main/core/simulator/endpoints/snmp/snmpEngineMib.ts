import type { MibBuildContext } from './mibBuildContext.js';
import type { MibViewBuilder } from './mibView.js';
import { Oids } from './snmpOids.js';
import { v } from './snmpValue.js';

/** Adds SNMP-FRAMEWORK-MIB snmpEngine (RFC 3411 §5): engine ID, boots, time, max message size. */
export function addSnmpEngineMib(b: MibViewBuilder, ctx: MibBuildContext): void {
  const e = ctx.engine;
  b.scalar([...Oids.snmpEngine, 1], v.str(e.id))
    .scalar([...Oids.snmpEngine, 2], v.int(e.boots))
    .scalar([...Oids.snmpEngine, 3], () => v.int(e.timeSeconds()))
    .scalar([...Oids.snmpEngine, 4], v.int(e.maxMessageSize));
}
