import { KNOWN_ALARMS, type KnownAlarmName } from '../../../../../shared/alarms/knownAlarms.js';

/**
 * Alarms the simulated nodes raise, with the guide's names and meaning (seed-inventory.md section 4) and
 * severities. Severities are syslog levels (0 Emergency … 7 Debug). Where the guide gives no severity, the value
 * is ours and marked "ours".
 */
export interface AlarmDefinition {
  readonly name: string;
  /** CiscoLog APPNAME, e.g. "IMP-SRM". */
  readonly app: string;
  readonly severity: number;
  readonly description: string;
  readonly recommendedAction: string;
  /** A notification (informational), not a condition that clears. */
  readonly event?: boolean;
}

/** An alarm of the guide's table (shared/alarms/knownAlarms.ts, also read by the monitor's syslog viewer), raised with this application and severity. */
const guide = (name: KnownAlarmName, app: string, severity: number): AlarmDefinition => ({ ...KNOWN_ALARMS[name], app, severity });

const drf = (name: string, severity: number, description: string, action = 'Check the DRS trace files (file build log disaster_recovery) and the DRS status page.', event = false): AlarmDefinition => ({
  name,
  app: 'CCM_DRF-DRF',
  severity,
  description,
  recommendedAction: action,
  event,
});

/** Every alarm the simulator can raise. */
export const ALARMS: readonly AlarmDefinition[] = [
  // Service and platform (RTMT system alerts; severities ours where the guide is silent).
  { name: 'ServiceStopped', app: 'CCM_SERVICEMANAGER-SERVICEMANAGER', severity: 5, description: 'A service was stopped.', recommendedAction: 'None if the stop was intended; otherwise start the service from Control Center.', event: true },
  { name: 'ServiceStarted', app: 'CCM_SERVICEMANAGER-SERVICEMANAGER', severity: 6, description: 'A service was started.', recommendedAction: 'None.', event: true },
  guide('CriticalServiceDown', 'CCM_SERVICEMANAGER-SERVICEMANAGER', 2),
  { name: 'ServiceStartFailed', app: 'CCM_SERVICEMANAGER-SERVICEMANAGER', severity: 3, description: 'A service failed to start.', recommendedAction: 'Check dependencies and the service trace files.' },
  { name: 'ServerDown', app: 'CCM_RTMT-RTMT', severity: 1, description: 'A node stopped responding (powered off, rebooting or unreachable).', recommendedAction: 'Check that the node is powered on and reachable; check network connectivity.' },
  guide('DBReplicationFailure', 'CCM_DB_LAYER-DB', 2), // guide L2045-2066
  { name: 'CertExpiry', app: 'CCM_CERT-CERTM', severity: 3, description: 'A certificate has expired or expires soon (Cisco Certificate Expiry Monitor).', recommendedAction: 'Regenerate or renew the certificate in OS Administration > Security > Certificate Management.' }, // guide L4820-4858
  // Server Recovery Manager (the guide names no alarm for HA state changes (seed-inventory 4.8); names ours, after RTMT's IM&P alerts).
  { name: 'SRMFailover', app: 'IMP_SRM-SRM', severity: 2, description: 'Cisco Server Recovery Manager moved the users of a node to its peer (failover).', recommendedAction: 'Check the failed node; when it is healthy, fall back.' }, // guide Table 4
  { name: 'SRMFailed', app: 'IMP_SRM-SRM', severity: 1, description: 'A presence redundancy group node is in Running in Failed Mode.', recommendedAction: 'Click Recover in the Presence Redundancy Group configuration or run utils ha recover; reboot the node if it persists.' }, // guide Table 4
  { name: 'SRMFallback', app: 'IMP_SRM-SRM', severity: 5, description: 'Cisco Server Recovery Manager returned users to their home node (fallback).', recommendedAction: 'None.', event: true },
  // JSM capacity (guide L6977-7017).
  guide('JSMSessionsExceedsThreshold', 'IMP_XCP-JSM', 4), // guide L7017
  // Managed File Transfer (guide Table 30, L8145-8219).
  guide('XcpMFTExtFsMountError', 'IMP_XCP-MFT', 2),
  guide('XcpMFTExtFsFreeSpaceWarn', 'IMP_XCP-MFT', 4),
  guide('XcpMFTDBConnectError', 'IMP_XCP-DAL', 2),
  guide('XcpMFTDBFullError', 'IMP_XCP-MFT', 2),
  // Presence Engine and XCP Config Manager (guide L12554-12559: actions only).
  { name: 'PEIDSQueryError', app: 'IMP_PE-PE', severity: 3, description: 'Presence Engine failed to query the IDS database.', recommendedAction: 'Restart Cisco Presence Engine.' }, // guide L12554
  { name: 'PEIDStoIMDBDatabaseSyncError', app: 'IMP_PE-PE', severity: 3, description: 'Presence Engine failed to sync IDS data to the in-memory database.', recommendedAction: 'Restart Cisco Presence Engine.' }, // guide L12554
  { name: 'PEIDSSubscribeError', app: 'IMP_PE-PE', severity: 3, description: 'Presence Engine failed to subscribe to IDS change notifications.', recommendedAction: 'Restart Cisco Presence Engine.' }, // guide L12554
  { name: 'PEWebDAVInitializationFailure', app: 'IMP_PE-PE', severity: 3, description: 'Presence Engine failed to initialize the WebDAV calendar connection.', recommendedAction: 'Restart Cisco Presence Engine.' }, // guide L12554
  { name: 'XCPConfigMgrJabberRestartRequired', app: 'IMP_XCP-CONFIGMGR', severity: 4, description: 'A configuration change needs Cisco XCP Router restarted.', recommendedAction: 'Restart Cisco XCP Router.' }, // guide L12557
  { name: 'XCPConfigMgrR2RPasswordEncryptionFailed', app: 'IMP_XCP-CONFIGMGR', severity: 3, description: 'Router-to-router password encryption failed.', recommendedAction: 'Restart Cisco XCP Router.' }, // guide L12557
  { name: 'XCPConfigMgrR2RRequestTimedOut', app: 'IMP_XCP-CONFIGMGR', severity: 3, description: 'A router-to-router request timed out.', recommendedAction: 'Restart Cisco XCP Router.' }, // guide L12557
  { name: 'XCPConfigMgrHostNameResolutionFailed', app: 'IMP_XCP-CONFIGMGR', severity: 3, description: 'Host name resolution of a peer router failed.', recommendedAction: 'Check DNS, then restart Cisco XCP Router.' }, // guide L12557
  // Data Monitor (guide L8537-8580).
  guide('DuplicateUserid', 'IMP_DATAMONITOR-DM', 3), // guide L8474-8535
  guide('DuplicateDirectoryURI', 'IMP_DATAMONITOR-DM', 3),
  guide('InvalidDirectoryURI', 'IMP_DATAMONITOR-DM', 3),
  { name: 'FeatureServicesDelayed', app: 'IMP_DATAMONITOR-DM', severity: 4, description: 'Cisco IM and Presence Data Monitor holds feature services back until IDS replication is established.', recommendedAction: 'Check utils dbreplication runtimestate on this node.' }, // guide L891-910; alarm name ours
  // DRF (guide Table 42, L10702-10743; severities ours).
  drf('DRFBackupDeviceError', 3, 'The DRF backup process could not access the backup device.'),
  drf('DRFBackupFailure', 3, 'The DRF backup process failed.'),
  drf('DRFBackupInProgress', 4, 'A new backup cannot start while another backup is in progress.'),
  drf('DRFInternalProcessFailure', 3, 'A DRF internal process failed.'),
  drf('DRFLA2MAFailure', 3, 'The DRF Local Agent cannot connect to the Master Agent.'),
  drf('DRFLocalAgentStartFailure', 3, 'The DRF Local Agent did not start.'),
  drf('DRFMA2LAFailure', 3, 'The DRF Master Agent cannot connect to a Local Agent.'),
  drf('DRFMABackupComponentFailure', 3, 'The DRF could not back up at least one component.'),
  drf('DRFMABackupNodeDisconnect', 3, 'A node being backed up disconnected from the Master Agent before the backup completed.'),
  drf('DRFMARestoreComponentFailure', 3, 'The DRF could not restore at least one component.'),
  drf('DRFMARestoreNodeDisconnect', 3, 'A node being restored disconnected from the Master Agent before the restore completed.'),
  drf('DRFMasterAgentStartFailure', 3, 'The DRF Master Agent did not start.'),
  drf('DRFNoRegisteredComponent', 3, 'No registered components are available; the backup failed.'),
  drf('DRFNoRegisteredFeature', 3, 'No feature was selected for the backup.'),
  drf('DRFRestoreDeviceError', 3, 'The DRF restore process could not access the device.'),
  drf('DRFRestoreFailure', 3, 'The DRF restore process failed.'),
  drf('DRFSftpFailure', 3, 'A DRF SFTP operation failed.', 'Check the SFTP server: credentials, path, free space.'), // guide Table 40
  drf('DRFSecurityViolation', 2, 'The DRF system detected a malicious pattern that could cause a security violation.'),
  drf('DRFTruststoreMissing', 3, 'The IPsec truststore is missing on the node.'),
  drf('DRFUnknownClient', 3, 'The DRF Master Agent received a client connection request from an unknown server outside the cluster.'),
  drf('DRFBackupCompleted', 6, 'The DRF backup completed successfully.', 'None.', true),
  drf('DRFRestoreCompleted', 6, 'The DRF restore completed successfully.', 'None.', true),
  drf('DRFNoBackupTaken', 4, 'No valid backup of the current system was found after an upgrade or migration.', 'Take a backup.'),
  drf('DRFComponentRegistered', 6, 'A component registered with DRS.', 'None.', true),
  drf('DRFRegistrationFailure', 3, 'A component registration with DRS failed.'),
  drf('DRFComponentDeRegistered', 6, 'A component was deregistered from DRS.', 'None.', true),
  drf('DRFDeRegistrationFailure', 3, 'A component deregistration failed.'),
  drf('DRFFailure', 3, 'The DRS backup or restore process encountered errors.'),
  drf('DRFRestoreInternalError', 3, 'The DRS restore process encountered internal errors.'),
  drf('DRFLogDirAccessFailure', 3, 'DRS cannot access the log directory.'),
  drf('DRFDeRegisteredServer', 4, 'DRS deregistered all components of a server.'),
  drf('DRFSchedulerDisabled', 4, 'The DRS scheduler is disabled because no configured features are available.'),
  drf('DRFSchedulerUpdated', 6, 'A DRS schedule was updated automatically because features were deregistered.', 'None.', true),
];

/** Looks an alarm up by name; throws for a name that is not in the catalog (a programmer error). */
export function alarmDefinition(name: string): AlarmDefinition {
  const def = ALARMS.find((a) => a.name === name);
  if (!def) throw new Error(`unknown alarm ${name}`);
  return def;
}
