import type { NodeOva, NodeRole, NodeStatus, ProtocolHealth, Reachability, ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { Sample } from '../../../shared/model/sample.js';
import type { PartitionRow, ProcessRow } from '../../../shared/model/views.js';
import type { Disposable } from '../base/disposable.js';
import type { PollError } from '../polling/pollError.js';
import type { SnmpNodeData } from '../polling/snmp/snmpPoller.js';
import type { SnmpTarget } from '../polling/snmp/snmpSession.js';
import { ControlCenterClient, type ControlCenterServiceInfo } from '../polling/soap/controlCenterClient.js';
import { PerfmonClient } from '../polling/soap/perfmonClient.js';
import { SoapTransport } from '../polling/soap/soapTransport.js';
import { processCpuPercent, type ProcessCpuSnapshot } from './processCpu.js';
import type { SshTarget } from '../polling/ssh/sshCliSession.js';

type Protocol = 'snmp' | 'soap' | 'ssh';

/** Where and how to reach one node over each protocol. */
export interface NodeTargets {
  readonly cluster: string;
  readonly name: string;
  readonly host: string;
  readonly role: NodeRole;
  readonly snmp: SnmpTarget;
  readonly soap: ConstructorParameters<typeof SoapTransport>[0];
  readonly ssh: SshTarget;
  /** IM&P nodes: the OVA set with the cluster (issue 15); else read from the node (`show hardware`) into `ova`. */
  readonly ova?: NodeOva;
}

/**
 * The collector's view of one node: its protocol clients (the SOAP transport holds the node's 80/min budget,
 * shared by Perfmon and ControlCenter) and the latest state each poll brought back. Reachability is data.
 */
export class NodeRuntime implements Disposable {
  readonly soap: SoapTransport;
  readonly perfmon: PerfmonClient;
  readonly controlCenter: ControlCenterClient;
  readonly #health: Record<Protocol, ProtocolHealth> = { snmp: {}, soap: {}, ssh: {} };
  /** When each protocol last failed in a way that counts against reachability (not a rate limit). */
  readonly #lastFailMs: Partial<Record<Protocol, number>> = {};
  services: ControlCenterServiceInfo[] = [];
  servicesAtMs = 0;
  snmpData: SnmpNodeData | undefined;
  #processCpu = new Map<number, number>();
  #prevProcesses: ProcessCpuSnapshot | undefined;
  haGroup: string | undefined;
  haState: string | undefined;
  haReason: string | undefined;
  replicationState: number | undefined;
  version: string | undefined;
  /** The node's OVA: set with the cluster, or read from the node (Collector.setNodeOva). */
  ova: NodeOva | undefined;
  /** Seconds since boot (hrSystemUptime), when SNMP answered. */
  uptimeSec: number | undefined;
  /** Latest value per counter path, for summaries without a storage round trip. */
  readonly latest = new Map<string, Sample>();

  constructor(readonly targets: NodeTargets) {
    this.ova = targets.ova;
    this.soap = new SoapTransport(targets.soap);
    this.perfmon = new PerfmonClient(this.soap, targets.name);
    this.controlCenter = new ControlCenterClient(this.soap);
  }

  get name(): string {
    return this.targets.name;
  }

  /**
   * Records the outcome of a poll of one protocol. A rate-limited poll (POLL_RATE_LIMIT: the node's own fault,
   * or our budget holding the request back) shows as the protocol's last error but says nothing against the
   * node being reachable: the node either answered or was not asked.
   */
  record(protocol: Protocol, nowMs: number, error?: PollError): void {
    if (error && error.code !== 'POLL_RATE_LIMIT') this.#lastFailMs[protocol] = nowMs;
    const prev = this.#health[protocol];
    this.#health[protocol] = error
      ? { lastOkMs: prev.lastOkMs, lastErrorMs: nowMs, lastErrorCode: error.code, lastErrorMessage: error.message }
      : { lastOkMs: nowMs, lastErrorMs: prev.lastErrorMs, lastErrorCode: prev.lastErrorCode, lastErrorMessage: prev.lastErrorMessage };
  }

  /**
   * When the node last said something about its reachability over `protocol`: the latest success or failure,
   * rate limits left out (they say nothing about it). Undefined before the first attempt.
   */
  lastEvidenceMs(protocol: Protocol): number | undefined {
    const ok = this.#health[protocol].lastOkMs;
    const fail = this.#lastFailMs[protocol];
    if (ok === undefined) return fail;
    return fail === undefined ? ok : Math.max(ok, fail);
  }

  /** The code of the protocol's latest outcome when that was a failure counting against reachability, else undefined. */
  failingWith(protocol: Protocol): string | undefined {
    const fail = this.#lastFailMs[protocol];
    const h = this.#health[protocol];
    return fail !== undefined && fail > (h.lastOkMs ?? -1) ? h.lastErrorCode : undefined;
  }

  /** Keeps the latest value of each series. */
  remember(samples: readonly Sample[]): void {
    for (const s of samples) this.latest.set(`${s.object}|${s.instance}|${s.counter}`, s);
  }

  /** A latest value, or undefined. */
  value(object: string, instance: string, counter: string): number | undefined {
    return this.latest.get(`${object}|${instance}|${counter}`)?.value;
  }

  /**
   * Up when every protocol's last poll succeeded after its last failure; down when every protocol's latest
   * outcome is a failure; degraded when some fail; unknown before the first poll. Rate limits are not failures.
   */
  reachability(): Reachability {
    const protocols = (Object.keys(this.#health) as Protocol[]).filter((p) => this.#health[p].lastOkMs !== undefined || this.#lastFailMs[p] !== undefined);
    if (protocols.length === 0) return 'unknown';
    const outcomes = protocols.map((p) => ({ okMs: this.#health[p].lastOkMs ?? -1, failMs: this.#lastFailMs[p] ?? -1 }));
    const ok = outcomes.filter((o) => o.okMs >= o.failMs);
    if (ok.length === 0) return 'down';
    return ok.length === outcomes.length ? 'up' : 'degraded';
  }

  status(): NodeStatus {
    return {
      cluster: this.targets.cluster,
      name: this.targets.name,
      host: this.targets.host,
      role: this.targets.role,
      version: this.version,
      reachability: this.reachability(),
      protocols: { snmp: this.#health.snmp, soap: this.#health.soap, ssh: this.#health.ssh },
      group: this.haGroup,
      haState: this.haState,
      haReason: this.haReason,
      replicationState: this.replicationState,
      ...(this.ova ? { ova: this.ova } : {}),
    };
  }

  serviceRows(): ServiceStatusRow[] {
    return this.services.map((s) => ({
      cluster: this.targets.cluster,
      node: this.targets.name,
      name: s.name,
      status: s.status,
      sinceMs: s.upTimeSeconds >= 0 ? this.servicesAtMs - s.upTimeSeconds * 1000 : undefined,
      activated: !/not activated/i.test(s.reasonString),
    }));
  }

  /**
   * Stores an SNMP poll and derives per-process CPU % of one core from the hrSWRunPerfCPU increase since the
   * previous poll, over the agent's hrSystemUptime between them when given (processCpu.ts).
   */
  setSnmpData(data: SnmpNodeData, atMs: number, uptimeCs?: number): void {
    const next: ProcessCpuSnapshot = { atMs, uptimeCs, cpuCs: new Map(data.processes.filter((p) => p.cpuCentiseconds !== undefined).map((p) => [p.pid, p.cpuCentiseconds!])) };
    this.#processCpu = processCpuPercent(this.#prevProcesses, next, data.processorLoads.length);
    this.#prevProcesses = next;
    this.snmpData = data;
  }

  /** Processes with CPU % of one core over the last poll interval (0 until two polls were seen). */
  processRows(): ProcessRow[] {
    const procs = this.snmpData?.processes ?? [];
    return procs.map((p) => ({ pid: p.pid, name: p.name, cpuPercent: this.#processCpu.get(p.pid) ?? 0, memoryKb: p.memoryKb ?? 0, status: p.status }));
  }

  partitionRows(): PartitionRow[] {
    return (this.snmpData?.storage ?? [])
      .filter((s) => s.typeArc === 4 || s.descr.startsWith('/'))
      .map((s) => ({ name: s.descr, totalMb: s.sizeBytes / 1048576, usedMb: s.usedBytes / 1048576, usedPercent: s.sizeBytes > 0 ? (s.usedBytes / s.sizeBytes) * 100 : 0 }));
  }

  dispose(): void {
    this.soap.dispose();
  }
}
