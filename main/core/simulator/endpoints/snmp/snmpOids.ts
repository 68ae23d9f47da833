import { parseOid } from './oidIndex.js';

/**
 * OIDs the agent itself needs outside the MIB builders (traps, reports). Sources: RFC 3418 (SNMPv2-MIB),
 * RFC 3414 (SNMP-USER-BASED-SM-MIB), CISCO-SYSLOG-MIB (serviceability-reference.md section C).
 */
export const Oids = {
  sysUpTime: parseOid('1.3.6.1.2.1.1.3'),
  snmpTrapOid: parseOid('1.3.6.1.6.3.1.1.4.1'),
  // CISCO-SYSLOG-MIB 1.3.6.1.4.1.9.9.41
  clogNotificationsSent: parseOid('1.3.6.1.4.1.9.9.41.1.1.1'),
  clogNotificationsEnabled: parseOid('1.3.6.1.4.1.9.9.41.1.1.2'),
  clogMaxSeverity: parseOid('1.3.6.1.4.1.9.9.41.1.1.3'),
  clogMsgIgnores: parseOid('1.3.6.1.4.1.9.9.41.1.1.4'),
  clogMsgDrops: parseOid('1.3.6.1.4.1.9.9.41.1.1.5'),
  clogHistTableMaxLength: parseOid('1.3.6.1.4.1.9.9.41.1.2.1'),
  clogHistMsgsFlushed: parseOid('1.3.6.1.4.1.9.9.41.1.2.2'),
  clogHistoryEntry: parseOid('1.3.6.1.4.1.9.9.41.1.2.3.1'),
  /** clogMessageGenerated NOTIFICATION-TYPE ::= { ciscoSyslogMIBNotifications 1 } = ciscoSyslogMIB.2.0.1 */
  clogMessageGenerated: parseOid('1.3.6.1.4.1.9.9.41.2.0.1'),
  // SNMP-USER-BASED-SM-MIB usmStats (RFC 3414 §5), reported in Report PDUs
  usmStatsUnsupportedSecLevels: parseOid('1.3.6.1.6.3.15.1.1.1.0'),
  usmStatsNotInTimeWindows: parseOid('1.3.6.1.6.3.15.1.1.2.0'),
  usmStatsUnknownUserNames: parseOid('1.3.6.1.6.3.15.1.1.3.0'),
  usmStatsUnknownEngineIDs: parseOid('1.3.6.1.6.3.15.1.1.4.0'),
  usmStatsWrongDigests: parseOid('1.3.6.1.6.3.15.1.1.5.0'),
  usmStatsDecryptionErrors: parseOid('1.3.6.1.6.3.15.1.1.6.0'),
  // SNMP-FRAMEWORK-MIB snmpEngine group (RFC 3411 §5)
  snmpEngine: parseOid('1.3.6.1.6.3.10.2.1'),
} as const;
