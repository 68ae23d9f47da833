/**
 * The OIDs the collector reads from IM&P nodes (serviceability-reference.md C: HOST-RESOURCES-MIB, SYSAPPL-MIB,
 * CISCO-SYSLOG-MIB; column numbers from RFC 2790, RFC 2287 and CISCO-SYSLOG-MIB).
 */
export const SNMP_OIDS = {
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  /** hrProcessorEntry; column 2 = hrProcessorLoad. */
  hrProcessorEntry: '1.3.6.1.2.1.25.3.3.1',
  /** hrStorageEntry; 2 type, 3 descr, 4 allocationUnits, 5 size, 6 used, 7 allocationFailures. */
  hrStorageEntry: '1.3.6.1.2.1.25.2.3.1',
  hrStorageTypes: '1.3.6.1.2.1.25.2.1',
  /** hrSWRunEntry; 1 index, 2 name, 3 id, 4 path, 5 parameters, 6 type, 7 status. */
  hrSWRunEntry: '1.3.6.1.2.1.25.4.2.1',
  /** hrSWRunPerfEntry; 1 CPU (centiseconds), 2 Mem (KBytes). */
  hrSWRunPerfEntry: '1.3.6.1.2.1.25.5.1.1',
  /** sysApplInstallPkgEntry; 2 manufacturer, 3 product name, 4 version, 5 serial, 6 date, 7 location. */
  sysApplInstallPkgEntry: '1.3.6.1.2.1.54.1.1.1.1',
  /** sysApplRunEntry, indexed (installPkgIndex, runIndex); 2 started, 3 runStatus. */
  sysApplRunEntry: '1.3.6.1.2.1.54.1.2.1.1',
  clogNotificationsSent: '1.3.6.1.4.1.9.9.41.1.1.1.0',
  clogNotificationsEnabled: '1.3.6.1.4.1.9.9.41.1.1.2.0',
  clogMaxSeverity: '1.3.6.1.4.1.9.9.41.1.1.3.0',
  clogMsgIgnores: '1.3.6.1.4.1.9.9.41.1.1.4.0',
  clogMsgDrops: '1.3.6.1.4.1.9.9.41.1.1.5.0',
  clogHistTableMaxLength: '1.3.6.1.4.1.9.9.41.1.2.1.0',
  clogHistMsgsFlushed: '1.3.6.1.4.1.9.9.41.1.2.2.0',
} as const;

/** The CISCO-SYSLOG-MIB scalars a node poll reads. */
export const CLOG_SCALARS = [
  SNMP_OIDS.clogNotificationsSent,
  SNMP_OIDS.clogNotificationsEnabled,
  SNMP_OIDS.clogMaxSeverity,
  SNMP_OIDS.clogMsgIgnores,
  SNMP_OIDS.clogMsgDrops,
  SNMP_OIDS.clogHistTableMaxLength,
  SNMP_OIDS.clogHistMsgsFlushed,
] as const;
