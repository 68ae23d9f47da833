import type { MibBuildContext } from './mibBuildContext.js';
import { centisecondsBetween } from './mibBuildContext.js';
import type { MibViewBuilder } from './mibView.js';
import { parseOid } from './oidIndex.js';
import type { SnmpInterface, SnmpNodeSnapshot } from './snmpNodeSnapshot.js';
import { v } from './snmpValue.js';

// RFC 1213 / RFC 3418 system group, RFC 2863 IF-MIB ifTable and ifXTable.
const SYSTEM = parseOid('1.3.6.1.2.1.1');
const IF_NUMBER = parseOid('1.3.6.1.2.1.2.1');
const IF_ENTRY = parseOid('1.3.6.1.2.1.2.2.1');
const IFX_ENTRY = parseOid('1.3.6.1.2.1.31.1.1.1');

function macBytes(mac: string): Buffer {
  const hex = mac.replace(/[^0-9a-fA-F]/g, '');
  return hex.length === 12 ? Buffer.from(hex, 'hex') : Buffer.alloc(0);
}

/** Adds MIB-II system and interfaces (ifTable, ifXTable) from the snapshot. */
export function addMib2System(b: MibViewBuilder, s: SnmpNodeSnapshot, ctx: MibBuildContext): void {
  const sys = s.system;
  b.scalar([...SYSTEM, 1], v.str(sys.sysDescr))
    .scalar([...SYSTEM, 2], v.oid(parseOid(sys.sysObjectId)))
    .scalar([...SYSTEM, 3], () => v.ticks(centisecondsBetween(sys.agentStartedAtMs, ctx.nowMs())))
    .scalar([...SYSTEM, 4], v.str(sys.sysContact))
    .scalar([...SYSTEM, 5], v.str(sys.sysName))
    .scalar([...SYSTEM, 6], v.str(sys.sysLocation))
    // sysServices 72 = application (2^6) + end-to-end (2^3): a host offering application services.
    .scalar([...SYSTEM, 7], v.int(72));

  b.scalar(IF_NUMBER, v.int(s.interfaces.length));
  const up = (on: boolean): number => (on ? 1 : 2);
  b.table<SnmpInterface>(
    IF_ENTRY,
    {
      1: (i) => v.int(i.index),
      2: (i) => v.str(i.name),
      3: (i) => v.int(i.type),
      4: (i) => v.int(i.mtu),
      5: (i) => v.gauge(Math.min(i.speedBps, 2 ** 32 - 1)),
      6: (i) => v.str(macBytes(i.macAddress)),
      7: (i) => v.int(up(i.adminUp)),
      8: (i) => v.int(up(i.operUp)),
      9: (i) => v.ticks(centisecondsBetween(sys.agentStartedAtMs, i.lastChangeAtMs)),
      10: (i) => v.counter(i.inOctets),
      11: (i) => v.counter(i.inUcastPkts),
      13: (i) => v.counter(i.inDiscards),
      14: (i) => v.counter(i.inErrors),
      16: (i) => v.counter(i.outOctets),
      17: (i) => v.counter(i.outUcastPkts),
      19: (i) => v.counter(i.outDiscards),
      20: (i) => v.counter(i.outErrors),
    },
    s.interfaces,
    (i) => [i.index],
  );
  b.table<SnmpInterface>(
    IFX_ENTRY,
    {
      1: (i) => v.str(i.name),
      6: (i) => v.counter64(i.inOctets),
      7: (i) => v.counter64(i.inUcastPkts),
      10: (i) => v.counter64(i.outOctets),
      11: (i) => v.counter64(i.outUcastPkts),
      15: (i) => v.gauge(Math.floor(i.speedBps / 1_000_000)),
      18: () => v.str(''),
    },
    s.interfaces,
    (i) => [i.index],
  );
}
