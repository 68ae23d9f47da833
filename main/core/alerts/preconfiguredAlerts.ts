import type { AlertGroup, AlertRule, AlertSeverity, MetricSelector, SyslogMatch, ThresholdDirection } from '../../../shared/model/alert.js';
import { NODE_STATUS_OBJECT, SERVICE_STATUS_OBJECT, STATUS_COUNTERS } from './statusSeries.js';

/**
 * THE table of preconfigured alerts, grouped as RTMT's Alert Central tabs (System, IM and Presence Service;
 * Custom is the user's). Every row cites where its default comes from:
 *   [V …]  verified in serviceability-reference.md (section and source tag) or the IM&P 14SU1 guide (seed line);
 *   [I …]  RTMT guide defaults recalled in reference A.4 but not verified;
 *   ours   no source gives the value: our choice, listed here and nowhere else.
 * Event alarms (raised by a node, not computed from a counter) are caught from CiscoLog messages received by
 * syslog or clogMessageGenerated traps. Their frequency "immediately / every poll" is [I A.4]; they stay
 * outstanding until a person clears them (RTMT Clear Alert), unless they name a clear message.
 */

const S = 'System' as const;
const IMP = 'IM and Presence Service' as const;

interface RowOptions {
  readonly durationSec?: number;
  readonly limited?: readonly [maxAlerts: number, withinMinutes: number];
  readonly recovery?: number;
  readonly syslogAlso?: SyslogMatch;
  readonly noData?: AlertRule['noDataPolicy'];
  readonly action?: string;
  readonly description?: string;
}

function base(name: string, group: AlertGroup, severity: AlertSeverity, source: string, o: RowOptions): Omit<AlertRule, 'condition'> {
  return {
    id: name,
    name,
    group,
    description: o.description ?? name,
    preconfigured: true,
    enabled: true,
    disabledNodes: [],
    severity,
    duration: o.durationSec ? { kind: 'sustained', seconds: o.durationSec } : { kind: 'immediate' },
    frequency: o.limited ? { kind: 'limited', maxAlerts: o.limited[0], withinMinutes: o.limited[1] } : { kind: 'everyPoll' },
    schedule: { kind: 'always' },
    keepFiringForSeconds: 0,
    noDataPolicy: o.noData ?? 'noData',
    errorPolicy: 'error',
    emailEnabled: true,
    alertAction: o.action ?? 'Default',
    source,
    ...(o.syslogAlso ? { syslogAlso: o.syslogAlso } : {}),
  };
}

/** A threshold row. */
function t(name: string, group: AlertGroup, severity: AlertSeverity, metric: MetricSelector, direction: ThresholdDirection, threshold: number, source: string, o: RowOptions = {}): AlertRule {
  return {
    ...base(name, group, severity, source, o),
    condition: { kind: 'threshold', metric, direction, threshold, valueAs: 'absolute', ...(o.recovery !== undefined ? { recoveryThreshold: o.recovery } : {}) },
  };
}

/** An event alarm row: matched by CiscoLog MSGNAME. */
function e(name: string, group: AlertGroup, severity: AlertSeverity, source: string, o: RowOptions & { match?: SyslogMatch } = {}): AlertRule {
  return { ...base(name, group, severity, source, o), condition: { kind: 'syslog', match: o.match ?? { msgName: name } } };
}

const status = (counter: string): MetricSelector => ({ object: NODE_STATUS_OBJECT, counter });
const part = (instance: string): MetricSelector => ({ object: 'Partition', instance, counter: '% Used' });
const EVENT = '[I A.4] event alarm: immediately, every poll';
const IMP_LIST = '[V A.5 RTMT-ALERTS 12.5SU4 IM&P list]; Critical: [V A.5 IMP-MON-91] "any of the alerts … critical severity"';
const DRF = '[V guide Table 42 L10702-10743, seed-inventory 4.6]; severity ours (guide gives none)';

// Service Name in Cisco's servM lines: "Service Name:Cisco CallManager SNMP Service App ID:…" [V A.6 TS-SNMP].
const SERVICE_NAME = String.raw`Service Name:\s*(.+?)\s*(?:Reason:|App ID:|Cluster ID:|Node ID:|$)`;

/** Every preconfigured alert, System tab first, then IM and Presence Service. */
export const PRECONFIGURED_ALERTS: readonly AlertRule[] = [
  // ── System (reference A.4, 12.5SU4 list) ──
  t('CpuPegging', S, 'Critical', { object: 'Processor', instance: '_Total', counter: '% CPU Time' }, 'over', 99, '[I A.4] 99 %, 60 s, up to 3 alerts in 30 min, Critical; recovery 90 % ours', { durationSec: 60, limited: [3, 30], recovery: 90 }),
  t('CriticalServiceDown', S, 'Critical', { object: SERVICE_STATUS_OBJECT, counter: STATUS_COUNTERS.serviceDown }, 'over', 0.5, '[V A.3] back end checks every 30 s and may miss a down/up; [I A.4] immediately, every poll; syslog catch ours', {
    noData: 'ok',
    syslogAlso: { msgName: 'CriticalServiceDown', instancePattern: SERVICE_NAME },
    description: 'An activated service is down (RTMT: any service in the Critical Services tool, IMP-MON-91).',
  }),
  t('ServerDown', S, 'Critical', status(STATUS_COUNTERS.nodeDown), 'over', 0.5, '[V A.4] "Applies to Unified Communications Manager clusters"; [I A.4] immediately; severity ours', { noData: 'ok' }),
  t('DBReplicationFailure', S, 'Critical', status(STATUS_COUNTERS.replicationBad), 'over', 0.5, '[V D.3] replication state 2 = Setup Completed; 60 s duration and severity ours', { durationSec: 60, noData: 'ok' }),
  t('SystemVersionMismatched', S, 'Critical', status(STATUS_COUNTERS.versionMismatch), 'over', 0.5, '[V A.5 IMP-MON-91] raised from syslog on Cisco; we also compare polled versions (ours)', { noData: 'ok', syslogAlso: { msgName: 'SystemVersionMismatched' } }),
  t('LowActivePartitionAvailableDiskSpace', S, 'Critical', part('Active'), 'over', 96, '[I A.4] < 4 % available (value not verified, MSG-010)'),
  t('LowInactivePartitionAvailableDiskSpace', S, 'Critical', part('Inactive'), 'over', 96, '[I A.4] < 4 % available'),
  t('LowSwapPartitionAvailableDiskSpace', S, 'Critical', part('Swap'), 'over', 90, '[I A.4] < 10 % available; false-positive source CSCuq75767 [V F]', { durationSec: 300 }),
  t('LowAvailableVirtualMemory', S, 'Critical', { object: 'Memory', instance: '', counter: '% VM Used' }, 'over', 75, '[V A.4 IMP-MON-91] < 25 % available; 5 min duration and recovery 70 % ours (CSCuq75767 false positives)', { durationSec: 300, recovery: 70 }),
  t('LogPartitionHighWaterMarkExceeded', S, 'Critical', part('Common'), 'over', 95, '[V A.4 TAC-200581] high water mark 95 %'),
  t('LogPartitionLowWaterMarkExceeded', S, 'Warning', part('Common'), 'over', 90, '[V A.4 TAC-200581] low water mark 90 %; severity ours'),
  t('SparePartitionHighWaterMarkExceeded', S, 'Critical', part('Spare'), 'over', 95, '[I A.4] 95 % (same pattern as the log partition)', { noData: 'ok' }),
  t('SparePartitionLowWaterMarkExceeded', S, 'Warning', part('Spare'), 'over', 90, '[I A.4] 90 %', { noData: 'ok' }),
  t('TotalProcessesAndThreadsExceededThreshold', S, 'Warning', { object: 'System', instance: '', counter: 'Total Threads' }, 'over', 5000, '[V A.4] alert name; threshold 5000 threads ours', { noData: 'ok' }),
  e('SyslogSeverityMatchFound', S, 'Critical', '[I A.4] defaults to Critical severity: messages of severity Critical (2) or worse', { match: { maxSeverity: 2 } }),
  e('SyslogStringMatchFound', S, 'Warning', '[V A.4] alert name; search string "Fatal" ours (RTMT asks the user)', { match: { contains: 'Fatal' } }),
  e('CoreDumpFileFound', S, 'Critical', EVENT),
  e('CiscoDRFFailure', S, 'Critical', `${EVENT}; matches DRF alarms of severity Error or worse (ours)`, { match: { appName: 'CCM_DRF-DRF', maxSeverity: 3 } }),
  e('HardwareFailure', S, 'Critical', EVENT),
  e('AuthenticationFailed', S, 'Warning', '[I A.4] 1 event per minute', { limited: [1, 1] }),
  e('DBChangeNotifyFailure', S, 'Critical', EVENT),
  e('DBReplicationTableOutofSync', S, 'Critical', EVENT),
  e('LogFileSearchStringFound', S, 'Warning', EVENT),
  e('CriticalAuditEventGenerated', S, 'Critical', '[V A.4 TAC-213291] 11.0 list; event alarm'),
  e('CiscoHAProxyServiceDown', S, 'Critical', '[V A.4] added in 12.5SU4; event alarm'),
  ...['DRFBackupDeviceError', 'DRFBackupFailure', 'DRFInternalProcessFailure', 'DRFLA2MAFailure', 'DRFLocalAgentStartFailure', 'DRFMA2LAFailure', 'DRFMABackupComponentFailure', 'DRFMABackupNodeDisconnect', 'DRFMARestoreComponentFailure', 'DRFMARestoreNodeDisconnect', 'DRFMasterAgentStartFailure', 'DRFNoRegisteredComponent', 'DRFNoRegisteredFeature', 'DRFRestoreDeviceError', 'DRFRestoreFailure', 'DRFSftpFailure', 'DRFSecurityViolation', 'DRFTruststoreMissing', 'DRFUnknownClient', 'DRFNoBackupTaken', 'DRFRegistrationFailure', 'DRFDeRegistrationFailure', 'DRFFailure', 'DRFRestoreInternalError', 'DRFLogDirAccessFailure', 'DRFDeRegisteredServer', 'DRFSchedulerDisabled'].map((n) => e(n, S, 'Error', DRF)),
  e('CertExpiry', S, 'Error', '[V guide L4833-4858] Cisco Certificate Expiry Monitor; the guide names no alarm: name ours'),
  // Days left per certificate, published by reports/certificateMonitor.ts every 24 h (hourly while one expires within a
  // day, seed-inventory 4.7 L389): the series is fresh only once a day, so a stale series keeps its state (keepLast).
  t('CertificateExpiry', S, 'Warning', { object: 'Certificate Expiry', counter: 'Days Left' }, 'under', 30, 'ours: the guide names no certificate alarm (seed-inventory L399); 30 days ours; [V guide L4833-4858] Certificate Expiry Monitor cadence', {
    noData: 'keepLast',
    description: 'A certificate of a node (own or trust store) expires within the threshold in days, or has expired.',
  }),

  // ── IM and Presence Service (reference A.5, guide section 4) ──
  t('JSMSessionsExceedsThreshold', IMP, 'Warning', { object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions', percentOfNodeFact: 'jsmSessionsSupported' }, 'over', 80, '[V guide L6977-7017, seed-inventory 4.1] 80 % for 10 min, triggers every 10 min; supported = 1.5 × OVA, half in active/active HA; severity and recovery 75 % ours', { durationSec: 600, limited: [1, 10], recovery: 75 }),
  t('SRMFailover', IMP, 'Critical', status(STATUS_COUNTERS.srmFailover), 'over', 0.5, `${IMP_LIST}; raised from the HA state of each node of the pair (Table 3/4) and from syslog`, { noData: 'ok', syslogAlso: { msgName: 'SRMFailover' } }),
  t('SRMFailed', IMP, 'Critical', status(STATUS_COUNTERS.srmFailed), 'over', 0.5, `${IMP_LIST}; "Running in Failed Mode" (Table 3 row 11)`, { noData: 'ok', syslogAlso: { msgName: 'SRMFailed' } }),
  t('NumIdleSipdWorkersLow', IMP, 'Warning', { object: 'Cisco SIP Proxy', instance: '', counter: 'NumIdleSipdWorkers' }, 'under', 5, '[V A.5 IMP-MON-90] < 5 for 60 minutes; name ours', { durationSec: 3600 }),
  e('XcpMFTExtFsMountError', IMP, 'Critical', '[V guide Table 30 L8145-8219]'),
  e('XcpMFTExtFsFreeSpaceWarn', IMP, 'Warning', '[V guide L8145-8219] ≤ 10 % free raises, ≥ 15 % clears (node service parameters)', { match: { msgName: 'XcpMFTExtFsFreeSpaceWarn' } }),
  e('XcpMFTDBConnectError', IMP, 'Critical', '[V guide Table 30]'),
  e('XcpMFTDBFullError', IMP, 'Critical', '[V guide Table 30]'),
  ...['XCPConfigMgrJabberRestartRequired', 'XCPConfigMgrR2RPasswordEncryptionFailed', 'XCPConfigMgrR2RRequestTimedOut', 'XCPConfigMgrHostNameResolutionFailed', 'XCPConfigMgrQueueAtCriticalLevel', 'XcpConfigMgrConfigurationFailure'].map((n) =>
    e(n, IMP, 'Critical', '[V guide L12554-12559; A.5 IMP-MON-91] action: restart Cisco XCP Router'),
  ),
  ...['PEIDSQueryError', 'PEIDStoIMDBDatabaseSyncError', 'PEIDSSubscribeError', 'PEWebDAVInitializationFailure'].map((n) => e(n, IMP, 'Critical', '[V guide L12554-12559] action: restart Cisco Presence Engine')),
  ...['DuplicateUserid', 'DuplicateDirectoryURI', 'InvalidDirectoryURI'].map((n) => e(n, IMP, 'Error', '[V guide L8537-8580, seed-inventory 4.4] Data Monitor; severity ours')),
  ...['DuplicateDirectoryURIWarning', 'InvalidDirectoryURIWarning'].map((n) => e(n, IMP, 'Warning', '[V guide L8537-8580] Data Monitor; severity ours')),
  e('InterClusterSyncAgentPeerPeriodicSyncingFailure', IMP, 'Error', '[V guide L5303-5323] stuck > 2 h; severity ours'),
  ...['DbmonQueueWorkerExistWithError', 'SyncAgentCucmDbmonConnectionFailed'].map((n) => e(n, IMP, 'Critical', '[V A.5 IMP-MON-91]')),
  ...[
    'CTIGWModuleNotEnabled', 'CTIGWProviderDown', 'CTIGWUserNotLicenced', 'CTIGWUserNotAuthorized', 'CTIGWProviderFailedToOpen', 'CTIGWQBEFailedRequest', 'CTIGWSystemError',
    'EspConfigAgentMemAllocError', 'EspConfigAgentFileWriteError', 'EspConfigAgentNetworkOutage', 'EspConfigAgentNetworkRestored', 'EspConfigAgentHighMemoryUtilization', 'EspConfigAgentHighCPUUtilization',
    'EspConfigAgentLocalDBAccessError', 'EspConfigAgentProxyDomainNotConfigured', 'EspConfigAgentRemoteDBAccessError', 'EspConfigAgentSharedMemoryStaticRouteError',
    'ESPConfigError', 'ESPConfigNotFound', 'ESPCreateLockFailed', 'ESPLoginError', 'ESPMallocFailure', 'ESPNAPTRInvalidRecord', 'ESPPassedParamInvalid', 'ESPRegistryError', 'ESPRoutingError',
    'ESPSharedMemCreateFailed', 'ESPSharedMemSetPermFailed', 'ESPSharedMemAllocFailed', 'ESPSocketError', 'ESPStopped', 'ESPStatsLogFileOpenFailed', 'ESPVirtualProxyError', 'ESPWrongIPAddress', 'ESPWrongHostName',
    'ICSACertificateCASignedTrustCertFound', 'ICSACertificateFingerPrintMisMatch', 'ICSACertificateValidationFailure', 'InterclusterSyncAgentPeerDuplicate', 'LegacyCUPCLogin', 'NotInCucmServerListError',
    'PEAutoRecoveryFailed', 'PEDatabaseError', 'PELoadHighWaterMark', 'PEMemoryHighCondition', 'PEPeerNodeFailure', 'PESipSocketBindFailure', 'PEStateDisabled', 'PEStateLocked',
    'PWSSCBFindFailed', 'PWSSCBInitFailed', 'PWSAboveCPULimit', 'PWSAboveSipSubscriptionLimit', 'PWSRequestLimitReached', 'SyncAgentAXLConnectionFailed', 'UASCBFindFailed', 'UASCBGetFailed',
    'XcpCmComponentConnectError', 'XcpCmPauseSockets', 'XcpCmStartupError', 'XcpCmXmppdError', 'XcpDBConnectError', 'XcpMdnsStartError', 'XcpSIPFedCmComponentConnectError', 'XcpSIPFedCmStartupError',
    'XcpSIPGWStackResourceError', 'XcpThirdPartyComplianceConnectError', 'XcpTxtConfComponentConfigError', 'XcpTxtConfDBConnectError', 'XcpTxtConfDBQueueSizeLimitError', 'XcpTxtConfGearError',
    'XcpTxtConfTCMessagesMsgIdError', 'XcpWebCmComponentConnectError', 'XcpWebCmHttpdError', 'XcpWebCmStartupError', 'XcpXMPPFedCmComponentConnectError', 'XcpXMPPFedCmStartupError',
  ].map((n) => e(n, IMP, n === 'EspConfigAgentNetworkRestored' ? 'Informational' : 'Critical', n === 'EspConfigAgentNetworkRestored' ? `${IMP_LIST}; a restore notice: Informational (ours)` : IMP_LIST)),
];

/** Returns the preconfigured default of a rule id, or undefined for custom rules. */
export function preconfiguredDefault(id: string): AlertRule | undefined {
  return BY_ID.get(id);
}

const BY_ID = new Map(PRECONFIGURED_ALERTS.map((r) => [r.id, r]));
