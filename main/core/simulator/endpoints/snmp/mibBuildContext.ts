import type { SnmpSyslogConfig, SnmpSyslogConfigChange } from './snmpNodeSnapshot.js';

/** Agent-owned counters of CISCO-SYSLOG-MIB clogBasic. */
export interface ClogCounters {
  notificationsSent: number;
  msgIgnores: number;
  msgDrops: number;
}

/** What the MIB builders need from the agent beyond the snapshot: live clock, live config and counters. */
export interface MibBuildContext {
  /** Virtual now, read at request time (sysUpTime, hrSystemUptime). */
  nowMs(): number;
  /** Effective syslog configuration (the snapshot's, overridden by Sets not yet reflected by the model). */
  syslogConfig(): SnmpSyslogConfig;
  readonly clogCounters: Readonly<ClogCounters>;
  /** Applies a Set of clogNotificationsEnabled / clogMaxSeverity. */
  writeSyslogConfig(change: SnmpSyslogConfigChange): void;
  /** SNMP engine identity for the snmpEngine group. */
  readonly engine: { readonly id: Buffer; readonly boots: number; timeSeconds(): number; readonly maxMessageSize: number };
}

/** Centiseconds from `fromMs` to `toMs`, never negative (TimeTicks). */
export function centisecondsBetween(fromMs: number, toMs: number): number {
  return Math.max(0, Math.floor((toMs - fromMs) / 10));
}
