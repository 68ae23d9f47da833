/**
 * shared/alarms: the alarms the IM&P admin guide names, as pure data (no Node), read by the monitor (the syslog
 * viewer's definition and recommended action) and by the simulator (the alarms its nodes raise, which add their
 * CiscoLog application and severity). One table, so both sides say the same about an alarm.
 */

/** Definition and recommended action of an alarm. */
export interface KnownAlarmDetail {
  readonly description: string;
  readonly recommendedAction: string;
}

/** An alarm the guide names (seed-inventory.md section 4). */
export interface KnownAlarm extends KnownAlarmDetail {
  readonly name: string;
}

/** Names of {@link KNOWN_ALARMS}. */
export type KnownAlarmName =
  | 'XcpMFTExtFsMountError'
  | 'XcpMFTExtFsFreeSpaceWarn'
  | 'XcpMFTDBConnectError'
  | 'XcpMFTDBFullError'
  | 'JSMSessionsExceedsThreshold'
  | 'CriticalServiceDown'
  | 'DBReplicationFailure'
  | 'DuplicateUserid'
  | 'DuplicateDirectoryURI'
  | 'InvalidDirectoryURI';

/** Alarms named in the guide, with their definitions and recommended actions (seed-inventory.md 4). */
export const KNOWN_ALARMS: Readonly<Record<KnownAlarmName, KnownAlarm>> = {
  // Managed File Transfer (guide Table 30, L8145-8219).
  XcpMFTExtFsMountError: { name: 'XcpMFTExtFsMountError', description: 'Cisco XCP File Transfer Manager lost its connection to the external file server.', recommendedAction: 'Run the External File Server Troubleshooter; check the file server is running and reachable.' },
  XcpMFTExtFsFreeSpaceWarn: { name: 'XcpMFTExtFsFreeSpaceWarn', description: 'Low free disk space on the external file server (at or below the lower threshold, default 10%).', recommendedAction: 'Delete unneeded files from the file-transfer partition.' },
  XcpMFTDBConnectError: { name: 'XcpMFTDBConnectError', description: 'Cisco XCP Data Access Layer cannot connect to the external database.', recommendedAction: 'Run the System Troubleshooter; check the database is running and reachable.' },
  XcpMFTDBFullError: { name: 'XcpMFTDBFullError', description: 'Cisco XCP File Transfer Manager cannot insert or modify data in the external database: disk or tablespace full.', recommendedAction: 'Free or add database capacity.' },
  // JSM capacity (guide L6977-7017).
  JSMSessionsExceedsThreshold: { name: 'JSMSessionsExceedsThreshold', description: 'JSM sessions on the node above 80% of the supported sessions (1.5x the OVA, halved in active/active HA) for 10 minutes.', recommendedAction: 'Check CPU and memory of the node; rebalance users among IM&P nodes.' }, // guide L7017
  CriticalServiceDown: { name: 'CriticalServiceDown', description: 'A service stopped unexpectedly (crashed or failed to start).', recommendedAction: 'Check the service traces; start it from Control Center. With HA, SRM fails over after the critical service down delay (90 s).' },
  DBReplicationFailure: { name: 'DBReplicationFailure', description: 'Database replication is not in state 2 (Setup Completed).', recommendedAction: 'Run utils dbreplication runtimestate and status.' }, // guide L2045-2066
  // Data Monitor (guide L8474-8580).
  DuplicateUserid: { name: 'DuplicateUserid', description: 'Duplicate user IDs were found across the clusters.', recommendedAction: 'Run utils users validate userid and fix the duplicates.' }, // guide L8474-8535
  DuplicateDirectoryURI: { name: 'DuplicateDirectoryURI', description: 'Duplicate directory URIs were found across the clusters.', recommendedAction: 'Run utils users validate uri and fix the duplicates.' },
  InvalidDirectoryURI: { name: 'InvalidDirectoryURI', description: 'A user has an invalid directory URI.', recommendedAction: 'Run utils users validate uri and fix the URI.' },
};

/** The guide's alarm of this name, or of the alarm a "…Cleared" name clears; undefined for other names. */
export function guideAlarm(name: string | undefined): KnownAlarm | undefined {
  if (!name) return undefined;
  const base = name.replace(/Cleared$/, '');
  return Object.hasOwn(KNOWN_ALARMS, base) ? KNOWN_ALARMS[base as KnownAlarmName] : undefined;
}

/** What the viewer says of a DRF alarm the table does not name (guide Table 42). */
export const DRF_ALARM_DETAIL: KnownAlarmDetail = { description: 'Disaster Recovery System alarm.', recommendedAction: 'Check the DRS status and traces (file build log disaster_recovery).' };
