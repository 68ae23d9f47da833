/**
 * The plain data a simulated node's SNMP agent serves. The cluster model builds one of these from its live
 * state; the agent turns it into MIB instances (see nodeMibView.ts). Shapes follow
 * serviceability-reference.md section C (Cisco's hrStorage rows, SYSAPPL running/not, CISCO-SYSLOG-MIB).
 * All times are epoch milliseconds in the model's (virtual) time.
 */

/** CISCO-SYSLOG-MIB SyslogSeverity names; MIB values are emergency(1) … debug(8). */
export type SyslogSeverityName = 'emergency' | 'alert' | 'critical' | 'error' | 'warning' | 'notice' | 'info' | 'debug';

/** Severity names in MIB order: index + 1 is the SyslogSeverity value. */
export const SYSLOG_SEVERITIES: readonly SyslogSeverityName[] = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'];

/** Returns the CISCO-SYSLOG-MIB SyslogSeverity value (1..8) of a name. */
export function syslogSeverityValue(name: SyslogSeverityName): number {
  return SYSLOG_SEVERITIES.indexOf(name) + 1;
}

/** MIB-II system group inputs. */
export interface SnmpSystemInfo {
  readonly sysDescr: string;
  /** e.g. Cisco's product OID under 1.3.6.1.4.1.9.1; dotted. */
  readonly sysObjectId: string;
  readonly sysName: string;
  readonly sysContact: string;
  readonly sysLocation: string;
  /** When the SNMP master agent (snmpdm) last started: sysUpTime counts from here. */
  readonly agentStartedAtMs: number;
  /** When the host booted: hrSystemUptime counts from here. */
  readonly hostBootedAtMs: number;
}

/** One network interface (ifTable / ifXTable row). */
export interface SnmpInterface {
  readonly index: number;
  /** e.g. "eth0". */
  readonly name: string;
  /** IANAifType; 6 = ethernetCsmacd, 24 = softwareLoopback. */
  readonly type: number;
  readonly mtu: number;
  readonly speedBps: number;
  /** "00:50:56:aa:bb:cc" or empty. */
  readonly macAddress: string;
  readonly adminUp: boolean;
  readonly operUp: boolean;
  readonly lastChangeAtMs: number;
  readonly inOctets: number;
  readonly outOctets: number;
  readonly inUcastPkts: number;
  readonly outUcastPkts: number;
  readonly inErrors: number;
  readonly outErrors: number;
  readonly inDiscards: number;
  readonly outDiscards: number;
}

/** One CPU (hrProcessorTable row; the index is assigned by the agent). */
export interface SnmpProcessor {
  /** hrDeviceDescr, e.g. "GenuineIntel: Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz". */
  readonly descr: string;
  /** hrProcessorLoad: average % busy over the last minute, 0..100. */
  readonly loadPercent: number;
}

/** hrStorageType as a name; mapped to hrStorageTypes OIDs (HOST-RESOURCES-TYPES). */
export type SnmpStorageType = 'other' | 'ram' | 'virtualMemory' | 'fixedDisk' | 'removableDisk' | 'floppyDisk' | 'compactDisc' | 'ramDisk';

/**
 * One hrStorageTable row as Cisco's host agent reports it: Physical RAM (.1, used = used − buffers − cache),
 * Virtual Memory (.2, swap only), the partitions, /dev/shm (.10). Sizes are in allocation units.
 */
export interface SnmpStorageRow {
  readonly index: number;
  readonly type: SnmpStorageType;
  readonly descr: string;
  readonly allocationUnitBytes: number;
  readonly sizeUnits: number;
  readonly usedUnits: number;
  readonly allocationFailures?: number;
}

/** hrSWRunType values. */
export type SnmpProcessType = 'unknown' | 'operatingSystem' | 'deviceDriver' | 'application';
/** hrSWRunStatus values. */
export type SnmpProcessStatus = 'running' | 'runnable' | 'notRunnable' | 'invalid';

/** One process (hrSWRunTable + hrSWRunPerfTable row, indexed by pid). */
export interface SnmpProcess {
  readonly pid: number;
  readonly name: string;
  readonly path: string;
  readonly parameters: string;
  readonly type: SnmpProcessType;
  readonly status: SnmpProcessStatus;
  /** hrSWRunPerfCPU: centi-seconds of CPU consumed. */
  readonly cpuCentiseconds: number;
  /** hrSWRunPerfMem: KBytes of real memory. */
  readonly memoryKb: number;
}

/** A previous run of an installed service (sysApplPastRunTable). */
export interface SnmpPastRun {
  readonly runIndex: number;
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly exitState: 'complete' | 'failed' | 'other';
}

/**
 * One installed Cisco service (sysApplInstallPkgTable). The SysAppl agent reports only running or not
 * running, never activated/deactivated (reference C): a running service has one sysApplRunTable row,
 * a stopped one has none.
 */
export interface SnmpInstalledService {
  readonly index: number;
  readonly name: string;
  readonly manufacturer: string;
  readonly version: string;
  readonly serialNumber: string;
  readonly installedAtMs: number;
  readonly location: string;
  readonly running: boolean;
  /** sysApplRunIndex of the current run (the model uses the main process pid). */
  readonly runIndex?: number;
  readonly startedAtMs?: number;
  readonly pastRuns?: readonly SnmpPastRun[];
}

/** One clogHistoryTable row. */
export interface SnmpSyslogRow {
  readonly index: number;
  readonly facility: string;
  readonly severity: SyslogSeverityName;
  readonly msgName: string;
  readonly msgText: string;
  readonly atMs: number;
}

/** CISCO-SYSLOG-MIB configuration (writable on Cisco: clogNotificationsEnabled, clogMaxSeverity). */
export interface SnmpSyslogConfig {
  /** Default false (reference C: "Default value specifies false (2)"). */
  readonly notificationsEnabled: boolean;
  /** Default warning (reference C: "Default value specifies warning (5)"). */
  readonly maxSeverity: SyslogSeverityName;
  /** clogHistTableMaxLength. */
  readonly historyMaxLength: number;
}

/** Where traps go (Serviceability: SNMP > Notification Destination). */
export type SnmpNotificationDestination =
  | { readonly version: '2c'; readonly host: string; readonly port: number; readonly community: string }
  | { readonly version: '3'; readonly host: string; readonly port: number; readonly user: string; readonly level: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv' };

/** Everything one node's agent serves at one moment. */
export interface SnmpNodeSnapshot {
  /** Virtual "now" of this snapshot, for uptimes and timestamps. */
  readonly nowMs: number;
  readonly system: SnmpSystemInfo;
  readonly interfaces: readonly SnmpInterface[];
  readonly processors: readonly SnmpProcessor[];
  /** hrMemorySize, KBytes. */
  readonly memorySizeKb: number;
  readonly storage: readonly SnmpStorageRow[];
  readonly processes: readonly SnmpProcess[];
  readonly services: readonly SnmpInstalledService[];
  readonly syslogHistory: readonly SnmpSyslogRow[];
  readonly syslog: SnmpSyslogConfig;
  readonly notificationDestinations: readonly SnmpNotificationDestination[];
}

/** A change the manager made with SNMP Set, reported back to the model. */
export interface SnmpSyslogConfigChange {
  readonly notificationsEnabled?: boolean;
  readonly maxSeverity?: SyslogSeverityName;
}

/** The agent's window onto a node's live model. */
export interface SnmpDataSource {
  /** Returns the current snapshot; called at most every `cacheMs` unless invalidated. */
  snapshot(): SnmpNodeSnapshot;
  /** Virtual now, for values read between snapshots (sysUpTime); defaults to the snapshot's nowMs. */
  nowMs?(): number;
  /** Called after a successful Set of clogNotificationsEnabled / clogMaxSeverity so the model can keep it. */
  applySyslogConfig?(change: SnmpSyslogConfigChange): void;
}

/** Default CISCO-SYSLOG-MIB configuration of a fresh node (reference C). */
export const DEFAULT_SYSLOG_CONFIG: SnmpSyslogConfig = { notificationsEnabled: false, maxSeverity: 'warning', historyMaxLength: 1 };
