import type { MibBuildContext } from './mibBuildContext.js';
import { centisecondsBetween } from './mibBuildContext.js';
import type { MibViewBuilder } from './mibView.js';
import { parseOid } from './oidIndex.js';
import type { SnmpNodeSnapshot, SnmpProcess, SnmpProcessStatus, SnmpProcessType, SnmpStorageRow, SnmpStorageType } from './snmpNodeSnapshot.js';
import { dateAndTime, v } from './snmpValue.js';

// HOST-RESOURCES-MIB (RFC 2790) 1.3.6.1.2.1.25; reference section C lists the objects Cisco monitors read.
const HR = parseOid('1.3.6.1.2.1.25');
const HR_STORAGE_TYPES = [...HR, 2, 1];
const HR_STORAGE_ENTRY = [...HR, 2, 3, 1];
const HR_DEVICE_ENTRY = [...HR, 3, 2, 1];
const HR_DEVICE_PROCESSOR = [...HR, 3, 1, 3];
const HR_PROCESSOR_ENTRY = [...HR, 3, 3, 1];
const HR_SWRUN_ENTRY = [...HR, 4, 2, 1];
const HR_SWRUNPERF_ENTRY = [...HR, 5, 1, 1];
const ZERO_DOT_ZERO = [0, 0];

/**
 * First hrDeviceIndex of processors. [I] net-snmp's host agent numbers CPUs from 196608 (type 3 << 16); the
 * index Cisco's hostagt uses is not in the reference, so we follow net-snmp.
 */
export const FIRST_PROCESSOR_DEVICE_INDEX = 196608;

const STORAGE_TYPE_ARC: Readonly<Record<SnmpStorageType, number>> = {
  other: 1, ram: 2, virtualMemory: 3, fixedDisk: 4, removableDisk: 5, floppyDisk: 6, compactDisc: 7, ramDisk: 8,
};
const SWRUN_TYPE: Readonly<Record<SnmpProcessType, number>> = { unknown: 1, operatingSystem: 2, deviceDriver: 3, application: 4 };
const SWRUN_STATUS: Readonly<Record<SnmpProcessStatus, number>> = { running: 1, runnable: 2, notRunnable: 3, invalid: 4 };

/** Adds HOST-RESOURCES-MIB hrSystem, hrStorage, hrDevice/hrProcessor, hrSWRun and hrSWRunPerf. */
export function addHostResourcesMib(b: MibViewBuilder, s: SnmpNodeSnapshot, ctx: MibBuildContext): void {
  b.scalar([...HR, 1, 1], () => v.ticks(centisecondsBetween(s.system.hostBootedAtMs, ctx.nowMs())))
    .scalar([...HR, 1, 2], () => v.str(dateAndTime(ctx.nowMs())))
    .scalar([...HR, 1, 5], v.gauge(0))
    .scalar([...HR, 1, 6], v.gauge(s.processes.length))
    .scalar([...HR, 1, 7], v.int(0));

  b.scalar([...HR, 2, 2], v.int(s.memorySizeKb));
  b.table<SnmpStorageRow>(
    HR_STORAGE_ENTRY,
    {
      1: (r) => v.int(r.index),
      2: (r) => v.oid([...HR_STORAGE_TYPES, STORAGE_TYPE_ARC[r.type]]),
      3: (r) => v.str(r.descr),
      4: (r) => v.int(r.allocationUnitBytes),
      5: (r) => v.int(r.sizeUnits),
      6: (r) => v.int(r.usedUnits),
      7: (r) => v.counter(r.allocationFailures ?? 0),
    },
    s.storage,
    (r) => [r.index],
  );

  const cpus = s.processors.map((p, i) => ({ ...p, index: FIRST_PROCESSOR_DEVICE_INDEX + i }));
  b.table<(typeof cpus)[number]>(
    HR_DEVICE_ENTRY,
    {
      1: (c) => v.int(c.index),
      2: () => v.oid(HR_DEVICE_PROCESSOR),
      3: (c) => v.str(c.descr),
      4: () => v.oid(ZERO_DOT_ZERO),
      5: () => v.int(2), // running(2)
      6: () => v.counter(0),
    },
    cpus,
    (c) => [c.index],
  );
  b.table<(typeof cpus)[number]>(
    HR_PROCESSOR_ENTRY,
    { 1: () => v.oid(ZERO_DOT_ZERO), 2: (c) => v.int(Math.round(Math.min(100, Math.max(0, c.loadPercent)))) },
    cpus,
    (c) => [c.index],
  );

  b.scalar([...HR, 4, 1], v.int(1)); // hrSWOSIndex: the kernel's hrSWRunIndex (init, pid 1)
  b.table<SnmpProcess>(
    HR_SWRUN_ENTRY,
    {
      1: (p) => v.int(p.pid),
      2: (p) => v.str(p.name),
      3: () => v.oid(ZERO_DOT_ZERO),
      4: (p) => v.str(p.path),
      5: (p) => v.str(p.parameters),
      6: (p) => v.int(SWRUN_TYPE[p.type]),
      7: (p) => v.int(SWRUN_STATUS[p.status]),
    },
    s.processes,
    (p) => [p.pid],
  );
  b.table<SnmpProcess>(
    HR_SWRUNPERF_ENTRY,
    { 1: (p) => v.int(p.cpuCentiseconds), 2: (p) => v.int(p.memoryKb) },
    s.processes,
    (p) => [p.pid],
  );
}
