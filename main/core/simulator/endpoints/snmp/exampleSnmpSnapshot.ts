import { DEFAULT_SYSLOG_CONFIG, type SnmpInstalledService, type SnmpNodeSnapshot, type SnmpProcess } from './snmpNodeSnapshot.js';

/** Options of {@link exampleSnmpSnapshot}. */
export interface ExampleSnapshotOptions {
  readonly nowMs?: number;
  readonly hostName?: string;
  /** Extra filler processes beyond the IM&P ones, to grow hrSWRunTable (9 values per process). */
  readonly extraProcesses?: number;
}

/** IM&P critical services and their processes (serviceability-reference.md A.8, MSG-010). */
const IMP_SERVICES: readonly (readonly [service: string, process: string])[] = [
  ['Cisco SIP Proxy', 'sipd'], ['Cisco Presence Engine', 'pe'], ['Cisco Login Datastore', 'ttlogin'],
  ['Cisco Presence Datastore', 'ttsoft'], ['Cisco Route Datastore', 'ttroute'], ['Cisco SIP Registration Datastore', 'ttreg'],
  ['A Cisco DB', 'cmoninit'], ['Cisco XCP Router', 'jabberd'], ['Cisco XCP Connection Manager', 'cm'],
  ['Cisco XCP Authentication Service', 'auth'], ['Cisco Sync Agent', 'syncAgent'], ['Cisco Client Profile Agent', 'tomcat'],
  ['Cisco Intercluster Sync Agent', 'interClusterSyn'], ['Cisco XCP Message Archiver', 'tc'], ['SNMP Master Agent', 'snmpdm'],
];

/**
 * A plausible IM&P node snapshot for tests, benchmarks and as an example for the cluster model: the shapes
 * of reference section C (Physical RAM .1, Virtual Memory .2, partitions, /dev/shm .10 with 4096-byte units).
 */
export function exampleSnmpSnapshot(options: ExampleSnapshotOptions = {}): SnmpNodeSnapshot {
  const now = options.nowMs ?? Date.UTC(2025, 0, 15, 12, 0, 0);
  const booted = now - 86_400_000 * 3;
  const host = options.hostName ?? 'imp-pub';
  const processes: SnmpProcess[] = IMP_SERVICES.map(([, name], i) => ({
    pid: 1000 + i * 7, name, path: `/usr/local/cm/bin/${name}`, parameters: '', type: 'application', status: 'running',
    cpuCentiseconds: 12_000 + i * 311, memoryKb: 50_000 + i * 1_024,
  }));
  for (let i = 0; i < (options.extraProcesses ?? 0); i++) {
    processes.push({
      pid: 20_000 + i, name: `kworker/${i}`, path: '', parameters: '', type: 'operatingSystem', status: 'runnable',
      cpuCentiseconds: i % 500, memoryKb: 0,
    });
  }
  const services: SnmpInstalledService[] = IMP_SERVICES.map(([name], i) => ({
    index: i + 1, name, manufacturer: 'Cisco Systems, Inc.', version: '14.0.1.11900-8', serialNumber: '',
    installedAtMs: booted - 86_400_000 * 30, location: '/usr/local/cm', running: true,
    runIndex: processes[i]!.pid, startedAtMs: booted + 60_000,
  }));
  const unit = 4096;
  return {
    nowMs: now,
    system: {
      sysDescr: `Hardware:VMware, 4 Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz, 8192 MB Memory: Software:UCOS 14.0.1.11900-8`,
      sysObjectId: '1.3.6.1.4.1.9.1.1348',
      sysName: host, sysContact: '', sysLocation: '', agentStartedAtMs: booted + 30_000, hostBootedAtMs: booted,
    },
    interfaces: [
      { index: 1, name: 'lo', type: 24, mtu: 65536, speedBps: 10_000_000, macAddress: '', adminUp: true, operUp: true, lastChangeAtMs: booted,
        inOctets: 9_000_000, outOctets: 9_000_000, inUcastPkts: 50_000, outUcastPkts: 50_000, inErrors: 0, outErrors: 0, inDiscards: 0, outDiscards: 0 },
      { index: 2, name: 'eth0', type: 6, mtu: 1500, speedBps: 10_000_000_000, macAddress: '00:50:56:9a:10:01', adminUp: true, operUp: true, lastChangeAtMs: booted + 5_000,
        inOctets: 5_123_456_789, outOctets: 3_987_654_321, inUcastPkts: 7_000_000, outUcastPkts: 6_500_000, inErrors: 0, outErrors: 0, inDiscards: 3, outDiscards: 0 },
    ],
    processors: [0, 1, 2, 3].map((i) => ({ descr: 'GenuineIntel: Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz', loadPercent: 10 + i * 3 })),
    memorySizeKb: 8_388_608,
    storage: [
      { index: 1, type: 'ram', descr: 'Physical RAM', allocationUnitBytes: unit, sizeUnits: 2_097_152, usedUnits: 1_200_000 },
      { index: 2, type: 'virtualMemory', descr: 'Virtual Memory', allocationUnitBytes: unit, sizeUnits: 2_621_440, usedUnits: 40_000 },
      { index: 3, type: 'fixedDisk', descr: '/', allocationUnitBytes: unit, sizeUnits: 5_000_000, usedUnits: 2_600_000 },
      { index: 4, type: 'fixedDisk', descr: '/partB', allocationUnitBytes: unit, sizeUnits: 5_000_000, usedUnits: 2_500_000 },
      { index: 5, type: 'fixedDisk', descr: '/grub', allocationUnitBytes: unit, sizeUnits: 38_000, usedUnits: 9_000 },
      { index: 6, type: 'fixedDisk', descr: '/common', allocationUnitBytes: unit, sizeUnits: 20_000_000, usedUnits: 7_400_000 },
      { index: 10, type: 'ram', descr: '/dev/shm', allocationUnitBytes: unit, sizeUnits: 1_048_576, usedUnits: 60_000 },
    ],
    processes,
    services,
    syslogHistory: [
      { index: 1, facility: 'CCM_TOMCAT', severity: 'error', msgName: 'AuthenticationFailed', msgText: 'Login Authentication Failed', atMs: now - 60_000 },
    ],
    syslog: DEFAULT_SYSLOG_CONFIG,
    notificationDestinations: [],
  };
}
