import type { Sample } from '../../../../shared/model/sample.js';
import { SNMP_OIDS } from './snmpOids.js';
import { cellNumber, cellText, groupTableRows, type SnmpVarbind } from './snmpTable.js';

/** Who and when a set of samples belongs to. */
export interface SampleContext {
  readonly cluster: string;
  readonly node: string;
  readonly ts: number;
}

/** hrSWRunStatus (RFC 2790). */
export type SnmpProcessStatus = 'running' | 'runnable' | 'notRunnable' | 'invalid' | 'unknown';

/** One row of hrSWRunTable joined with hrSWRunPerfTable. */
export interface SnmpProcessRow {
  readonly pid: number;
  readonly name: string;
  readonly path: string;
  readonly parameters: string;
  readonly status: SnmpProcessStatus;
  /** hrSWRunPerfCPU: CPU time used, centiseconds (cumulative). */
  readonly cpuCentiseconds?: number;
  /** hrSWRunPerfMem: real memory, KBytes. */
  readonly memoryKb?: number;
}

/** One row of hrStorageTable, in bytes. */
export interface SnmpStorageRow {
  readonly index: number;
  readonly descr: string;
  /** Last arc of hrStorageType under hrStorageTypes (2 ram, 3 virtualMemory, 4 fixedDisk …); 0 if unknown. */
  readonly typeArc: number;
  readonly allocationUnitBytes: number;
  readonly sizeBytes: number;
  readonly usedBytes: number;
}

const STATUS: Readonly<Record<number, SnmpProcessStatus>> = { 1: 'running', 2: 'runnable', 3: 'notRunnable', 4: 'invalid' };

/** hrProcessorLoad per CPU, in walk order. */
export function parseProcessorLoads(varbinds: readonly SnmpVarbind[]): number[] {
  const out: number[] = [];
  for (const row of groupTableRows(varbinds, SNMP_OIDS.hrProcessorEntry).values()) {
    const load = cellNumber(row.get(2));
    if (load !== undefined) out.push(load);
  }
  return out;
}

/** hrStorageTable rows; sizes are allocation units × hrStorageAllocationUnits (reference C: "multiply by 4096"). */
export function parseStorageRows(varbinds: readonly SnmpVarbind[]): SnmpStorageRow[] {
  const types = `${SNMP_OIDS.hrStorageTypes}.`;
  const out: SnmpStorageRow[] = [];
  for (const [index, row] of groupTableRows(varbinds, SNMP_OIDS.hrStorageEntry)) {
    const unit = cellNumber(row.get(4)) ?? 0;
    const type = cellText(row.get(2)).replace(/^\./, '');
    out.push({
      index: Number(index),
      descr: cellText(row.get(3)),
      typeArc: type.startsWith(types) ? Number(type.slice(types.length)) : 0,
      allocationUnitBytes: unit,
      sizeBytes: (cellNumber(row.get(5)) ?? 0) * unit,
      usedBytes: (cellNumber(row.get(6)) ?? 0) * unit,
    });
  }
  return out;
}

/** hrSWRunTable rows (walk of hrSWRunEntry) joined with hrSWRunPerfTable (walk of hrSWRunPerfEntry) by pid. */
export function parseProcessRows(swRun: readonly SnmpVarbind[], swRunPerf: readonly SnmpVarbind[]): SnmpProcessRow[] {
  const perf = groupTableRows(swRunPerf, SNMP_OIDS.hrSWRunPerfEntry);
  const out: SnmpProcessRow[] = [];
  for (const [index, row] of groupTableRows(swRun, SNMP_OIDS.hrSWRunEntry)) {
    const p = perf.get(index);
    const cpu = cellNumber(p?.get(1));
    const mem = cellNumber(p?.get(2));
    out.push({
      pid: cellNumber(row.get(1)) ?? Number(index),
      name: cellText(row.get(2)),
      path: cellText(row.get(4)),
      parameters: cellText(row.get(5)),
      status: STATUS[cellNumber(row.get(7)) ?? 0] ?? 'unknown',
      ...(cpu === undefined ? {} : { cpuCentiseconds: cpu }),
      ...(mem === undefined ? {} : { memoryKb: mem }),
    });
  }
  return out;
}

/**
 * Samples of HOST-RESOURCES-MIB, named like Perfmon where a counter maps (reference A.7/C):
 * - `Processor(<n>)\% CPU Time` from hrProcessorLoad, plus `Processor(_Total)` as the mean;
 * - `hrStorage(<descr>)\Used Bytes|Size Bytes|% Used`;
 * - `Memory\% Mem Used` = (Physical RAM used + /dev/shm used) / Physical RAM size (reference C formula);
 * - `Process(<name>)\VmRSS` (KBytes, from hrSWRunPerfMem), `PID`, and `hrSWRunPerfCPU` (centiseconds, not a
 *   percentage). A name that occurs twice gets `#<pid>` on the later instances.
 */
export function hostResourcesSamples(
  ctx: SampleContext,
  data: { readonly loads: readonly number[]; readonly storage: readonly SnmpStorageRow[]; readonly processes: readonly SnmpProcessRow[] },
): Sample[] {
  const out: Sample[] = [];
  const add = (object: string, instance: string, counter: string, value: number): void => {
    if (Number.isFinite(value)) out.push({ cluster: ctx.cluster, node: ctx.node, object, instance, counter, value, ts: ctx.ts, source: 'snmp' });
  };
  data.loads.forEach((load, i) => add('Processor', String(i), '% CPU Time', load));
  if (data.loads.length > 0) add('Processor', '_Total', '% CPU Time', data.loads.reduce((a, b) => a + b, 0) / data.loads.length);

  for (const s of data.storage) {
    add('hrStorage', s.descr, 'Used Bytes', s.usedBytes);
    add('hrStorage', s.descr, 'Size Bytes', s.sizeBytes);
    if (s.sizeBytes > 0) add('hrStorage', s.descr, '% Used', (100 * s.usedBytes) / s.sizeBytes);
  }
  const ram = data.storage.find((s) => s.descr === 'Physical RAM');
  const shm = data.storage.find((s) => s.descr === '/dev/shm');
  if (ram && ram.sizeBytes > 0) add('Memory', '', '% Mem Used', (100 * (ram.usedBytes + (shm?.usedBytes ?? 0))) / ram.sizeBytes);

  const seen = new Set<string>();
  for (const p of data.processes) {
    const instance = seen.has(p.name) ? `${p.name}#${p.pid}` : p.name;
    seen.add(p.name);
    add('Process', instance, 'PID', p.pid);
    if (p.memoryKb !== undefined) add('Process', instance, 'VmRSS', p.memoryKb);
    if (p.cpuCentiseconds !== undefined) add('Process', instance, 'hrSWRunPerfCPU', p.cpuCentiseconds);
  }
  return out;
}
