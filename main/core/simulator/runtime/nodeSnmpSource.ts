import type { Disposable } from '../../base/disposable.js';
import { DisposableStore } from '../../base/disposable.js';
import { Emitter, type Event } from '../../base/emitter.js';
import {
  DEFAULT_SYSLOG_CONFIG, SYSLOG_SEVERITIES,
  type SnmpDataSource, type SnmpInstalledService, type SnmpInterface, type SnmpNodeSnapshot, type SnmpNotificationDestination,
  type SnmpProcess, type SnmpStorageRow, type SnmpSyslogConfig, type SnmpSyslogConfigChange, type SnmpSyslogRow,
} from '../endpoints/snmp/snmpNodeSnapshot.js';
import type { ClusterModel } from '../model/clusterModel.js';
import type { CiscoLogMessage } from '../model/logs/ciscoLogFormat.js';
import type { SimNode } from '../model/node/simNode.js';
import { ServiceRunHistory } from './serviceRunHistory.js';

/** Options of {@link NodeSnmpSource}. */
export interface NodeSnmpSourceOptions {
  /** clogHistoryTable rows kept per node (clogHistTableMaxLength); default 100. */
  readonly historyMaxLength?: number;
}

/** hrStorage allocation unit: Cisco's host agent reports 4096-byte units (reference C: "multiply by 4096"). */
const UNIT = 4096;
const CPU_DESCR = 'GenuineIntel: Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz';
/** Cisco's UC virtual machine product OID (ciscoUCVirtualMachine, [I]). */
const SYS_OBJECT_ID = '1.3.6.1.4.1.9.1.1348';
/** OS processes every node runs besides the Cisco services ([I]: a plausible minimal Linux set). */
const OS_PROCESSES: readonly (readonly [pid: number, name: string, path: string])[] = [
  [1, 'systemd', '/usr/lib/systemd/systemd'], [2, 'kthreadd', ''], [611, 'rsyslogd', '/usr/sbin/rsyslogd'],
  [702, 'sshd', '/usr/sbin/sshd'], [731, 'crond', '/usr/sbin/crond'],
];

/**
 * One node's SNMP view of the cluster model (serviceability-reference.md section C): MIB-II system and
 * interfaces, hrProcessorLoad from the node's CPU walk, Cisco's hrStorage rows (Physical RAM .1 = used without
 * buffers and cache, Virtual Memory .2 = swap only, the partitions, /dev/shm .10), hrSWRun/Perf for Started
 * services, SYSAPPL for every installed service, and CISCO-SYSLOG-MIB history from the node's alarms.
 * clogNotificationsEnabled / clogMaxSeverity are kept here per node and survive agent restarts.
 */
export class NodeSnmpSource implements SnmpDataSource, Disposable {
  readonly #store = new DisposableStore();
  readonly #history: SnmpSyslogRow[] = [];
  readonly #runs: ServiceRunHistory;
  readonly #onDidRecord = new Emitter<SnmpSyslogRow>();
  /** Fires after an alarm of this node became a clogHistoryTable row (for clogMessageGenerated). */
  readonly onDidRecordSyslog: Event<SnmpSyslogRow> = this.#onDidRecord.event;
  #nextIndex = 1;
  #config: SnmpSyslogConfig;
  #destinations: readonly SnmpNotificationDestination[] = [];
  readonly #node: SimNode;
  readonly #installedAtMs: number;
  /** hrSWRunPerfCPU of each running service process, integrated from one snapshot to the next (a counter). */
  readonly #cpuCs = new Map<number, { startedAtMs: number | undefined; atMs: number; cs: number }>();

  constructor(
    private readonly model: ClusterModel,
    readonly nodeName: string,
    options: NodeSnmpSourceOptions = {},
  ) {
    this.#node = model.node(nodeName);
    const maxLength = Math.max(1, Math.floor(options.historyMaxLength ?? 100));
    this.#config = { ...DEFAULT_SYSLOG_CONFIG, historyMaxLength: maxLength };
    this.#installedAtMs = this.#node.bootedAtMs - 30 * 86_400_000;
    this.#runs = this.#store.add(new ServiceRunHistory(this.#node.services));
    this.#store.add(this.#onDidRecord);
    this.#store.add(model.alarms.onDidAlarm((e) => {
      if (e.alarm.node === nodeName) this.record(e.message);
    }));
  }

  /** Trap destinations the snapshot reports (Serviceability: SNMP > Notification Destination). */
  get notificationDestinations(): readonly SnmpNotificationDestination[] {
    return this.#destinations;
  }

  set notificationDestinations(destinations: readonly SnmpNotificationDestination[]) {
    this.#destinations = [...destinations];
  }

  /** The current CISCO-SYSLOG-MIB configuration. */
  get syslogConfig(): SnmpSyslogConfig {
    return this.#config;
  }

  /** Appends a CiscoLog message as a clogHistoryTable row (oldest rows drop past the max length). */
  record(message: CiscoLogMessage): SnmpSyslogRow {
    const row: SnmpSyslogRow = {
      index: this.#nextIndex++,
      facility: message.appName,
      // CiscoLog severities are 0..7; SyslogSeverity is emergency(1)..debug(8).
      severity: SYSLOG_SEVERITIES[Math.min(7, Math.max(0, message.severity))]!,
      msgName: message.msgName,
      msgText: message.text,
      atMs: message.timeMs,
    };
    this.#history.push(row);
    const excess = this.#history.length - this.#config.historyMaxLength;
    if (excess > 0) this.#history.splice(0, excess);
    this.#onDidRecord.fire(row);
    return row;
  }

  nowMs(): number {
    return this.model.now();
  }

  applySyslogConfig(change: SnmpSyslogConfigChange): void {
    this.#config = { ...this.#config, ...change };
  }

  snapshot(): SnmpNodeSnapshot {
    const node = this.#node;
    const now = this.model.now();
    const m = node.metrics;
    const snmpService = node.services.get('SNMP Master Agent');
    const version = node.version;
    const pids = this.#runningPids();
    return {
      nowMs: now,
      system: {
        sysDescr: `Hardware:VMware, ${m.cpus} Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz, ${Math.round(m.memoryTotalKb / 1024)} MB Memory: Software:UCOS ${version}`,
        sysObjectId: SYS_OBJECT_ID,
        sysName: node.name,
        sysContact: '',
        sysLocation: '',
        agentStartedAtMs: snmpService?.startedAtMs ?? node.bootedAtMs,
        hostBootedAtMs: node.bootedAtMs,
      },
      interfaces: this.#interfaces(now),
      processors: m.cpuBusy.map((busy) => ({ descr: CPU_DESCR, loadPercent: busy })),
      memorySizeKb: m.memoryTotalKb,
      storage: this.#storage(),
      processes: this.#processes(now, pids),
      services: this.#services(version, pids),
      syslogHistory: [...this.#history],
      syslog: this.#config,
      notificationDestinations: this.#destinations,
    };
  }

  dispose(): void {
    this.#store.dispose();
  }

  #interfaces(now: number): SnmpInterface[] {
    const node = this.#node;
    const up = Math.max(0, (now - node.bootedAtMs) / 1000);
    const load = node.sessions.clientSessionsActive + 50;
    const mac = `00:50:56:9a:${(0x10 + node.index).toString(16).padStart(2, '0')}:${(0x21 + node.index).toString(16).padStart(2, '0')}`;
    const lo = Math.floor(up * 3_000);
    const inOctets = Math.floor(up * load * 40);
    const outOctets = Math.floor(up * load * 32);
    return [
      { index: 1, name: 'lo', type: 24, mtu: 65536, speedBps: 10_000_000, macAddress: '', adminUp: true, operUp: true, lastChangeAtMs: node.bootedAtMs,
        inOctets: lo, outOctets: lo, inUcastPkts: Math.floor(lo / 300), outUcastPkts: Math.floor(lo / 300), inErrors: 0, outErrors: 0, inDiscards: 0, outDiscards: 0 },
      { index: 2, name: 'eth0', type: 6, mtu: 1500, speedBps: 10_000_000_000, macAddress: mac, adminUp: true, operUp: !node.isolated, lastChangeAtMs: node.bootedAtMs + 5_000,
        inOctets, outOctets, inUcastPkts: Math.floor(inOctets / 700), outUcastPkts: Math.floor(outOctets / 650), inErrors: 0, outErrors: 0, inDiscards: 0, outDiscards: 0 },
    ];
  }

  #storage(): SnmpStorageRow[] {
    const m = this.#node.metrics;
    const kbUnits = (kb: number): number => Math.floor((kb * 1024) / UNIT);
    const mbUnits = (mb: number): number => Math.floor((mb * 1024 * 1024) / UNIT);
    const rows: SnmpStorageRow[] = [
      // Reference C: hrStorageUsed.1 equals RTMT Memory\Used KBytes (used − buffers − cache).
      { index: 1, type: 'ram', descr: 'Physical RAM', allocationUnitBytes: UNIT, sizeUnits: kbUnits(m.memoryTotalKb), usedUnits: kbUnits(m.memoryUsedKb) },
      // Reference C: hrStorageUsed.2 equals Memory\Used Swap KBytes (swap only).
      { index: 2, type: 'virtualMemory', descr: 'Virtual Memory', allocationUnitBytes: UNIT, sizeUnits: kbUnits(m.swapTotalKb), usedUnits: kbUnits(m.swapUsedKb) },
    ];
    // Reference C [I]: /, /partB, /grub, /common; only .1, .2 and .10 are verified indexes.
    const disks: ReadonlyArray<readonly [number, string]> = [[3, 'Active'], [4, 'Inactive'], [5, 'Boot'], [6, 'Common']];
    for (const [index, name] of disks) {
      const p = m.partitions.find((x) => x.name === name);
      if (p) rows.push({ index, type: 'fixedDisk', descr: p.mount, allocationUnitBytes: UNIT, sizeUnits: mbUnits(p.totalMb), usedUnits: mbUnits(p.usedMb) });
    }
    const shm = m.partitions.find((x) => x.name === 'SharedMemory');
    if (shm) rows.push({ index: 10, type: 'ram', descr: '/dev/shm', allocationUnitBytes: UNIT, sizeUnits: mbUnits(shm.totalMb), usedUnits: mbUnits(shm.usedMb) });
    return rows;
  }

  /**
   * The pid of every Started service, unique within the node: hrSWRunIndex and sysApplRunIndex must not
   * collide, so a pid the model handed out twice is shifted by 100000 (it never collides with the OS set).
   */
  #runningPids(): Map<string, number> {
    const used = new Set(OS_PROCESSES.map(([pid]) => pid));
    const out = new Map<string, number>();
    for (const s of this.#node.services.list()) {
      if (s.status !== 'Started' || s.pid === undefined) continue;
      let pid = s.pid;
      while (used.has(pid)) pid += 100_000;
      used.add(pid);
      out.set(s.definition.name, pid);
    }
    return out;
  }

  #processes(now: number, pids: ReadonlyMap<string, number>): SnmpProcess[] {
    const node = this.#node;
    const m = node.metrics;
    const bootSec = Math.max(0, (now - node.bootedAtMs) / 1000);
    const out: SnmpProcess[] = OS_PROCESSES.map(([pid, name, path]) => ({
      pid, name, path, parameters: '', type: 'operatingSystem', status: 'runnable',
      cpuCentiseconds: Math.floor(bootSec * 0.2), memoryKb: name === 'kthreadd' ? 0 : 4_000,
    }));
    const running = node.services.list().filter((s) => pids.has(s.definition.name));
    const totalMem = running.reduce((sum, s) => sum + s.definition.memoryKb, 0) || 1;
    const seen = new Set<number>();
    for (const s of running) {
      const pid = pids.get(s.definition.name)!;
      seen.add(pid);
      // Cores busy now: the node's busy share attributed by resident memory (as the Process counters do).
      const cores = (m.cpuTotal / 100) * m.cpus * (s.definition.memoryKb / totalMem);
      // hrSWRunPerfCPU is CPU time consumed (RFC 2790), a counter: it grows by the time since the last snapshot at
      // today's rate. (It was the current rate times the whole uptime, which jumped by millions of centi-seconds
      // whenever the node's CPU moved: 521008 % in the Server view, issue 10.) A process first seen is given its
      // uptime at today's rate as its past.
      const prev = this.#cpuCs.get(pid);
      const cs = prev && prev.startedAtMs === s.startedAtMs && now >= prev.atMs
        ? prev.cs + ((now - prev.atMs) / 1000) * cores * 100
        : Math.max(0, (now - (s.startedAtMs ?? now)) / 1000) * cores * 100;
      this.#cpuCs.set(pid, { startedAtMs: s.startedAtMs, atMs: now, cs });
      out.push({
        pid, name: s.definition.process, path: `/usr/local/cm/bin/${s.definition.process}`, parameters: '',
        type: 'application', status: 'runnable', cpuCentiseconds: Math.floor(cs), memoryKb: s.definition.memoryKb,
      });
    }
    for (const pid of this.#cpuCs.keys()) if (!seen.has(pid)) this.#cpuCs.delete(pid);
    return out;
  }

  #services(version: string, pids: ReadonlyMap<string, number>): SnmpInstalledService[] {
    return this.#node.services.list().map((s, i) => {
      const pid = pids.get(s.definition.name);
      const running = pid !== undefined;
      return {
        index: i + 1,
        name: s.definition.name,
        manufacturer: 'Cisco Systems, Inc.',
        version,
        serialNumber: '',
        installedAtMs: this.#installedAtMs,
        location: `/usr/local/cm/bin/${s.definition.process}`,
        running,
        ...(running ? { runIndex: pid, startedAtMs: s.startedAtMs ?? s.sinceMs } : {}),
        pastRuns: this.#runs.pastRuns(s.definition.name),
      };
    });
  }
}
