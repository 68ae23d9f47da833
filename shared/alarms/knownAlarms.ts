import { PRECONFIGURED_ALERTS } from '../alerts/preconfiguredAlerts.js';

/** Definitions and recommended actions of alarms named in the guide (seed-inventory.md 4), for the syslog viewer. */
const GUIDE_ALARMS: Readonly<Record<string, { description: string; recommendedAction: string }>> = {
  XcpMFTExtFsMountError: { description: 'Cisco XCP File Transfer Manager lost its connection to the external file server.', recommendedAction: 'Run the External File Server Troubleshooter; check the file server is running and reachable.' }, // guide Table 30
  XcpMFTExtFsFreeSpaceWarn: { description: 'Low free disk space on the external file server (at or below the lower threshold, default 10%).', recommendedAction: 'Delete unneeded files from the file-transfer partition.' }, // guide Table 30
  XcpMFTDBConnectError: { description: 'Cisco XCP Data Access Layer cannot connect to the external database.', recommendedAction: 'Run the System Troubleshooter; check the database is running and reachable.' }, // guide Table 30
  XcpMFTDBFullError: { description: 'The external database disk or tablespace is full.', recommendedAction: 'Free or add database capacity.' }, // guide Table 30
  JSMSessionsExceedsThreshold: { description: 'JSM sessions above 80% of the supported sessions (1.5x the OVA, halved in active/active) for 10 minutes.', recommendedAction: 'Check CPU and memory of the node; rebalance users.' }, // guide L7017
  CriticalServiceDown: { description: 'A service stopped unexpectedly.', recommendedAction: 'Check the service traces; start it from Control Center. With HA, SRM fails over after the critical service down delay (90 s).' },
  DBReplicationFailure: { description: 'Database replication is not in state 2 (Setup Completed).', recommendedAction: 'Run utils dbreplication runtimestate and status.' }, // guide L2045-2066
  DuplicateUserid: { description: 'Duplicate user IDs across clusters.', recommendedAction: 'Run utils users validate userid and fix them.' }, // guide L8474-8535
  DuplicateDirectoryURI: { description: 'Duplicate directory URIs across clusters.', recommendedAction: 'Run utils users validate uri and fix them.' },
  InvalidDirectoryURI: { description: 'A user has an invalid directory URI.', recommendedAction: 'Run utils users validate uri and fix it.' },
};

/** The definition and recommended action of a known alarm name, from the guide table or the preconfigured alerts. */
export function knownAlarmDetail(name: string | undefined): { description: string; recommendedAction: string } | undefined {
  if (!name) return undefined;
  const base = name.replace(/Cleared$/, '');
  if (GUIDE_ALARMS[base]) return GUIDE_ALARMS[base];
  const rule = PRECONFIGURED_ALERTS.find((r) => r.name === base || r.id === base);
  if (rule) return { description: rule.description, recommendedAction: rule.recommendedAction ?? 'See the alert definition in Alert Central.' };
  if (base.startsWith('DRF')) return { description: 'Disaster Recovery System alarm.', recommendedAction: 'Check the DRS status and traces (file build log disaster_recovery).' }; // guide Table 42
  return undefined;
}
