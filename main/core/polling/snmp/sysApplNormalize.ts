import type { Sample } from '../../../../shared/model/sample.js';
import type { SampleContext } from './hostResourcesNormalize.js';
import { SNMP_OIDS } from './snmpOids.js';
import { cellNumber, cellText, groupTableRows, type SnmpVarbind } from './snmpTable.js';

/**
 * One installed application (SYSAPPL-MIB sysApplInstallPkgTable) and whether it runs (a sysApplRunTable row).
 * Cisco's sappagt reports only running or not running, not activation (reference C).
 */
export interface SnmpInstalledServiceRow {
  readonly index: number;
  readonly name: string;
  readonly manufacturer: string;
  readonly version: string;
  readonly running: boolean;
}

/** CISCO-SYSLOG-MIB settings and counters (reference C). */
export interface ClogStatus {
  /** clogNotificationsEnabled: true(1)/false(2); Cisco's default is false. */
  readonly notificationsEnabled?: boolean;
  /** clogMaxSeverity 1..8; Cisco's default is warning(5). */
  readonly maxSeverity?: number;
  readonly notificationsSent?: number;
  readonly msgIgnores?: number;
  readonly msgDrops?: number;
  readonly histTableMaxLength?: number;
  readonly histMsgsFlushed?: number;
}

/** Installed services joined with the run table (runStatus running(1) counts as running). */
export function parseInstalledServices(install: readonly SnmpVarbind[], run: readonly SnmpVarbind[]): SnmpInstalledServiceRow[] {
  const runningPkgs = new Set<string>();
  for (const [index, row] of groupTableRows(run, SNMP_OIDS.sysApplRunEntry)) {
    const status = cellNumber(row.get(3));
    if (status === undefined || status === 1) runningPkgs.add(index.split('.')[0]!);
  }
  return [...groupTableRows(install, SNMP_OIDS.sysApplInstallPkgEntry)].map(([index, row]) => ({
    index: Number(index),
    name: cellText(row.get(3)),
    manufacturer: cellText(row.get(2)),
    version: cellText(row.get(4)),
    running: runningPkgs.has(index),
  }));
}

/** Reads the CISCO-SYSLOG-MIB scalars out of a get's varbinds (missing ones stay undefined). */
export function parseClogStatus(varbinds: readonly SnmpVarbind[]): ClogStatus {
  const byOid = new Map(varbinds.map((v) => [v.oid.replace(/^\./, ''), cellNumber(v.value)]));
  const enabled = byOid.get(SNMP_OIDS.clogNotificationsEnabled);
  const pick = (key: string, oid: string): Record<string, number> => {
    const v = byOid.get(oid);
    return v === undefined ? {} : { [key]: v };
  };
  return {
    ...(enabled === undefined ? {} : { notificationsEnabled: enabled === 1 }),
    ...pick('maxSeverity', SNMP_OIDS.clogMaxSeverity),
    ...pick('notificationsSent', SNMP_OIDS.clogNotificationsSent),
    ...pick('msgIgnores', SNMP_OIDS.clogMsgIgnores),
    ...pick('msgDrops', SNMP_OIDS.clogMsgDrops),
    ...pick('histTableMaxLength', SNMP_OIDS.clogHistTableMaxLength),
    ...pick('histMsgsFlushed', SNMP_OIDS.clogHistMsgsFlushed),
  };
}

/** `Service(<name>)\Running` 1/0 per installed service, and `CISCO-SYSLOG\<counter>` for the numeric clog values. */
export function sysApplSamples(ctx: SampleContext, services: readonly SnmpInstalledServiceRow[], clog: ClogStatus): Sample[] {
  const base = { cluster: ctx.cluster, node: ctx.node, ts: ctx.ts, source: 'snmp' as const };
  const out: Sample[] = services.map((s) => ({ ...base, object: 'Service', instance: s.name, counter: 'Running', value: s.running ? 1 : 0 }));
  for (const [counter, value] of Object.entries(clog)) {
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    if (typeof v === 'number') out.push({ ...base, object: 'CISCO-SYSLOG', instance: '', counter, value: v });
  }
  return out;
}
