import type { ClusterSummary, NodeOva, NodeStatus } from '../../../shared/model/cluster.js';
import type { Sample } from '../../../shared/model/sample.js';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import { Emitter } from '../base/emitter.js';
import { isNoAnswer, PollError } from '../polling/pollError.js';
import { SnmpPoller } from '../polling/snmp/snmpPoller.js';
import { probeTls } from '../polling/soap/tlsProbe.js';
import { parseDbReplicationRuntimeState } from '../polling/ssh/parsers/dbReplication.js';
import { parseHaStatus, type HaSubclusterStatus } from '../polling/ssh/parsers/haStatus.js';
import { parseShowVersion } from '../polling/ssh/parsers/showVersion.js';
import { fetchSshHostKeyFingerprint, type CliAnswer } from '../polling/ssh/sshCliSession.js';
import { SshSessionPool } from '../polling/ssh/sshSessionPool.js';
import { NodeRuntime, type NodeTargets } from './nodeRuntime.js';
import { PollScheduler, type PollSchedulerOptions, type TaskOutcome } from './pollScheduler.js';
import { perfmonIntervalSec, perfmonObjectsFor, soapDemandProblem, type PollIntervalsSec } from './soapDemand.js';

const HR_SYSTEM_UPTIME = '1.3.6.1.2.1.25.1.1.0';

/**
 * How often each node's active software version is read (`show version active`). It changes only with an upgrade
 * or a switch-version, so every 10 minutes (ours); the first read comes within one system interval of the start,
 * so the node list and SystemVersionMismatched have it early.
 */
export const VERSION_INTERVAL_MS = 600_000;

/** A cluster whose nodes are known (configured or discovered). */
export interface ClusterSpec {
  readonly id: string;
  readonly name: string;
  readonly publisherHost: string;
  readonly simulated: boolean;
  readonly nodes: readonly NodeTargets[];
  readonly intervals?: PollIntervalsSec & { readonly haSec: number };
  /**
   * A simulated cluster's own DRS SFTP backup server, from its endpoints document (a test server, not a secret):
   * the DRS Add Device form offers it (issue 13). Absent for a real cluster.
   */
  readonly backupServer?: { readonly host: string; readonly port: number; readonly username: string; readonly password: string };
}

/** A poll error with where it happened, for alerts and /metrics. */
export interface CollectorPollError {
  readonly cluster: string;
  readonly node: string;
  readonly protocol: 'snmp' | 'soap' | 'ssh';
  readonly error: PollError;
}

interface ClusterEntry {
  readonly spec: ClusterSpec;
  readonly nodes: Map<string, NodeRuntime>;
  readonly store: DisposableStore;
  groups: HaSubclusterStatus[];
  /** The CUCM enterprise parameter "User Assignment Mode for Presence Server" when read (clusters/userAssignmentMode.ts). */
  userAssignmentMode?: string;
  /** The ids of the polls that make the nodes' status (see pollStatusOnce). */
  readonly statusTasks: string[];
}

/**
 * The data plane: polls every node of every cluster over SNMP (one shared UDP socket), Serviceability SOAP
 * (Perfmon, ControlCenter; 80 requests/min per node) and the admin CLI over SSH (pooled sessions), on a
 * scheduler with jitter, per-node concurrency and backoff. It hands samples on (storage, alerts, UI) through
 * events and keeps the latest state per node. It never imports the simulator.
 */
export class Collector implements Disposable {
  readonly #clusters = new Map<string, ClusterEntry>();
  readonly #store = new DisposableStore();
  readonly #onDidCollect = new Emitter<Sample[]>();
  readonly onDidCollect = this.#onDidCollect.event;
  readonly #onDidChangeNodes = new Emitter<ClusterSummary[]>();
  readonly onDidChangeNodes = this.#onDidChangeNodes.event;
  readonly #onDidPollError = new Emitter<CollectorPollError>();
  readonly onDidPollError = this.#onDidPollError.event;
  readonly scheduler: PollScheduler;
  readonly ssh: SshSessionPool;

  private constructor(
    readonly snmp: SnmpPoller,
    private readonly now: () => number,
    schedulerOptions: PollSchedulerOptions,
  ) {
    this.scheduler = this.#store.add(new PollScheduler({ perNodeConcurrency: 2, ...schedulerOptions }));
    this.ssh = this.#store.add(new SshSessionPool());
    this.#store.add(snmp);
  }

  /** Opens the shared SNMP socket and the pools. */
  static async create(options: { now?: () => number; scheduler?: PollSchedulerOptions } = {}): Promise<Collector> {
    const snmp = await SnmpPoller.create();
    return new Collector(snmp, options.now ?? Date.now, options.scheduler ?? {});
  }

  /**
   * Starts polling a cluster (replaces one with the same id). Perfmon runs at perfmonIntervalSec (the system
   * interval, stretched to the SOAP budget unless given). Throws VALIDATION, changing nothing, when intervals given
   * need more SOAP requests than the collector's share of a node's 80/min.
   */
  addCluster(spec: ClusterSpec): void {
    const problem = spec.intervals && soapDemandProblem(spec.intervals);
    if (problem) throw new AppError('VALIDATION', `cluster ${spec.id}: ${problem}`);
    this.removeCluster(spec.id);
    const store = new DisposableStore();
    const entry: ClusterEntry = { spec, nodes: new Map(), store, groups: [], statusTasks: [] };
    this.#clusters.set(spec.id, entry);
    const iv = spec.intervals ?? { systemSec: 30, servicesSec: 30, haSec: 60 };
    for (const targets of spec.nodes) {
      const node = store.add(new NodeRuntime(targets));
      entry.nodes.set(targets.name, node);
      const id = `${spec.id}/${targets.name}`;
      store.add(this.scheduler.add({ id: `${id}/snmp`, node: id, intervalMs: iv.systemSec * 1000, run: () => this.#pollSnmp(entry, node) }));
      store.add(this.scheduler.add({ id: `${id}/perfmon`, node: id, intervalMs: perfmonIntervalSec(iv) * 1000, run: (signal) => this.#pollPerfmon(entry, node, signal) }));
      store.add(this.scheduler.add({ id: `${id}/services`, node: id, intervalMs: iv.servicesSec * 1000, run: (signal) => this.#pollServices(entry, node, signal) }));
      store.add(this.scheduler.add({ id: `${id}/version`, node: id, intervalMs: VERSION_INTERVAL_MS, firstRunWithinMs: iv.systemSec * 1000, run: () => this.#pollVersion(entry, node) }));
      // Reachability follows the latest attempt of every protocol, so each is asked at least every system
      // interval: a CUCM publisher's SSH is otherwise only used every 10 minutes (issue 10).
      const systemMs = iv.systemSec * 1000;
      store.add(this.scheduler.add({ id: `${id}/probe`, node: id, intervalMs: systemMs, backoffMaxMs: systemMs, run: () => this.#probe(entry, node, systemMs) }));
      if (targets.role !== 'cucm-publisher') {
        store.add(this.scheduler.add({ id: `${id}/ha`, node: id, intervalMs: iv.haSec * 1000, run: () => this.#pollHa(entry, node) }));
      }
      entry.statusTasks.push(`${id}/snmp`, `${id}/services`, `${id}/version`, ...(targets.role !== 'cucm-publisher' ? [`${id}/ha`] : []));
    }
    this.#changed();
  }

  /**
   * One round of the polls that make each node's status — the SNMP system poll, ControlCenter's service list (SOAP),
   * `show version active` and, on IM&P nodes, `utils ha status` (SSH) — run now on every node of the cluster.
   * Resolves when each has an outcome, or after `timeoutMs` with the rest left as they are (for a command line
   * that asks once: `imp nodes status`).
   */
  pollStatusOnce(clusterId: string, timeoutMs: number): Promise<void> {
    const entry = this.#clusters.get(clusterId);
    if (!entry) return Promise.reject(new AppError('NOT_FOUND', `no cluster ${clusterId}`));
    const pending = new Set(entry.statusTasks);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const listener = this.scheduler.onDidRun(({ task }) => {
        if (pending.delete(task.id) && pending.size === 0) done();
      });
      function done(): void {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
      if (pending.size === 0) done();
      for (const id of [...pending]) this.scheduler.runNow(id);
    });
  }

  /** Stops polling a cluster and closes its connections. */
  removeCluster(id: string): void {
    const entry = this.#clusters.get(id);
    if (!entry) return;
    this.#clusters.delete(id);
    entry.store.dispose();
    this.#changed();
  }

  /** Every cluster with its nodes' latest status. */
  clusters(): ClusterSummary[] {
    return [...this.#clusters.values()].map((e) => ({
      id: e.spec.id,
      name: e.spec.name,
      publisherHost: e.spec.publisherHost,
      simulated: e.spec.simulated,
      nodes: [...e.nodes.values()].map((n) => withActiveActive(n.status(), e.groups, e.userAssignmentMode)),
    }));
  }

  /**
   * Sets the cluster's User Assignment Mode as read from the CUCM publisher (issue 15 review; undefined: not known,
   * then a two-node group with HA enabled counts as active/active, as before).
   */
  setUserAssignmentMode(cluster: string, mode: string | undefined): void {
    const e = this.#clusters.get(cluster);
    if (!e || e.userAssignmentMode === mode) return;
    e.userAssignmentMode = mode;
    this.#changed();
  }

  /** Sets a node's OVA read from the node (issue 15); a setting made with the cluster wins. */
  setNodeOva(cluster: string, node: string, ova: NodeOva): void {
    const n = this.#clusters.get(cluster)?.nodes.get(node);
    if (!n || n.targets.ova || (n.ova?.users === ova.users && n.ova.source === ova.source)) return;
    n.ova = ova;
    this.#changed();
  }

  /** The spec a cluster was added with (undefined for an unknown id). */
  spec(cluster: string): ClusterSpec | undefined {
    return this.#clusters.get(cluster)?.spec;
  }

  /** One node's runtime; throws a NOT_FOUND-style RangeError for unknown ones. */
  node(cluster: string, name: string): NodeRuntime {
    const n = this.#clusters.get(cluster)?.nodes.get(name);
    if (!n) throw new RangeError(`unknown node ${cluster}/${name}`);
    return n;
  }

  /** The nodes of a cluster. */
  nodes(cluster: string): NodeRuntime[] {
    return [...(this.#clusters.get(cluster)?.nodes.values() ?? [])];
  }

  /** The latest `utils ha status` of a cluster's groups. */
  haGroups(cluster: string): HaSubclusterStatus[] {
    return this.#clusters.get(cluster)?.groups ?? [];
  }

  /** Runs one admin CLI command on a node through the pooled session. */
  runCli(cluster: string, node: string, command: string, timeoutMs?: number, answers: readonly CliAnswer[] = []): ReturnType<SshSessionPool['run']> {
    return this.ssh.run(this.node(cluster, node).targets.ssh, command, timeoutMs, answers);
  }

  /** Polls a node's services again now (after a control request). */
  refreshServices(cluster: string, node: string): void {
    this.scheduler.runNow(`${cluster}/${node}/services`);
  }

  /** Polls HA now (after an HA command). */
  refreshHa(cluster: string): void {
    for (const n of this.nodes(cluster)) this.scheduler.runNow(`${cluster}/${n.name}/ha`);
  }

  /** Hands samples from outside the scheduled polls (chart watches) to the same consumers. */
  publish(cluster: string, node: string, samples: Sample[]): void {
    if (samples.length === 0) return;
    this.#clusters.get(cluster)?.nodes.get(node)?.remember(samples);
    this.#onDidCollect.fire(samples);
  }

  dispose(): void {
    for (const e of this.#clusters.values()) e.store.dispose();
    this.#clusters.clear();
    this.#store.dispose();
    this.#onDidCollect.dispose();
    this.#onDidChangeNodes.dispose();
    this.#onDidPollError.dispose();
  }

  #changed(): void {
    this.#onDidChangeNodes.fire(this.clusters());
  }

  #outcome(entry: ClusterEntry, node: NodeRuntime, protocol: 'snmp' | 'soap' | 'ssh', error?: PollError): TaskOutcome {
    const before = node.reachability();
    node.record(protocol, this.now(), error);
    if (node.reachability() !== before) this.#changed();
    if (!error) return { ok: true };
    this.#onDidPollError.fire({ cluster: entry.spec.id, node: node.name, protocol, error });
    const unreachable = isNoAnswer(error.code);
    return { ok: false, unreachable, code: error.code, message: error.message };
  }

  /**
   * Cheap checks of each protocol the node's real polls have not reached within the last half system interval
   * (a backed-off poll, a Perfmon interval stretched to the SOAP budget, SSH polled every 10 minutes), each
   * recorded like a poll of that protocol: an SNMP get of hrSystemUptime; `show myself` on the pooled admin CLI
   * session (a real command, so a node that stopped answering commands fails it; guide's CLI, no change made);
   * a TLS handshake against the pinned certificate, which sends no SOAP request and so costs none of the node's
   * 80/min. A handshake proves less than a SOAP answer: it records a failure, but a success neither clears a
   * failing SOAP poll nor stands in for a first one — it runs the services poll at once instead, which does.
   */
  async #probe(entry: ClusterEntry, node: NodeRuntime, systemMs: number): Promise<TaskOutcome> {
    const now = this.now();
    const stale = (p: 'snmp' | 'soap' | 'ssh'): boolean => now - (node.lastEvidenceMs(p) ?? Number.NEGATIVE_INFINITY) > systemMs / 2;
    const probes: Array<Promise<TaskOutcome>> = [];
    if (stale('snmp')) probes.push(this.snmp.get(node.targets.snmp, [HR_SYSTEM_UPTIME]).then((r) => this.#outcome(entry, node, 'snmp', r.ok ? undefined : r.error)));
    if (stale('soap')) {
      probes.push(
        probeTls(node.targets.soap).then((error) => {
          // Only a SOAP answer makes SOAP good: a handshake refreshes a SOAP state that is already good, and
          // otherwise (no SOAP answer yet, or a failing one) asks the services poll for a real answer now.
          const soapGood = node.lastEvidenceMs('soap') !== undefined && node.failingWith('soap') === undefined;
          if (error || soapGood) return this.#outcome(entry, node, 'soap', error);
          this.scheduler.runNow(`${entry.spec.id}/${node.name}/services`);
          return { ok: true };
        }),
      );
    }
    if (stale('ssh')) {
      const t = node.targets.ssh;
      const timeoutMs = Math.max(5_000, systemMs / 2);
      // A refused login must not be retried every interval: a real node locks the OS administrator out after
      // repeated failures. While the latest SSH outcome is POLL_AUTH the probe only reads the host key (no
      // authentication): a failure records the node unreachable; a success leaves the refused login as the latest.
      if (node.failingWith('ssh') === 'POLL_AUTH') {
        probes.push(fetchSshHostKeyFingerprint(t.host, t.port, t.node, timeoutMs).then((r) => (r.ok ? { ok: true } : this.#outcome(entry, node, 'ssh', r.error))));
      } else probes.push(this.ssh.probe(t, timeoutMs).then((r) => this.#outcome(entry, node, 'ssh', r.ok ? undefined : r.error)));
    }
    const outcomes = await Promise.all(probes);
    return outcomes.find((o) => !o.ok) ?? { ok: true };
  }

  async #pollSnmp(entry: ClusterEntry, node: NodeRuntime): Promise<TaskOutcome> {
    const r = await this.snmp.poll(node.targets.snmp);
    if (!r.ok) return this.#outcome(entry, node, 'snmp', r.error);
    // hrSystemUptime (HOST-RESOURCES-MIB, TimeTicks in 1/100 s): the Server view's uptime, and the time base of
    // the process CPU rates (the same clock as hrSWRunPerfCPU).
    const up = await this.snmp.get(node.targets.snmp, [HR_SYSTEM_UPTIME]);
    const ticks = up.ok ? Number(up.varbinds[0]?.value) : Number.NaN;
    if (Number.isFinite(ticks)) node.uptimeSec = Math.floor(ticks / 100);
    node.setSnmpData(r.data, this.now(), Number.isFinite(ticks) ? ticks : undefined);
    this.publish(entry.spec.id, node.name, r.samples);
    return this.#outcome(entry, node, 'snmp');
  }

  async #pollPerfmon(entry: ClusterEntry, node: NodeRuntime, signal: AbortSignal): Promise<TaskOutcome> {
    const objects = perfmonObjectsFor(node.targets.role);
    const samples: Sample[] = [];
    let lastError: PollError | undefined;
    for (const object of objects) {
      if (signal.aborted) break;
      const r = await node.perfmon.collectObject(object, { signal });
      if (r.ok) samples.push(...r.samples);
      else {
        lastError = r.error;
        if (isNoAnswer(r.error.code) || r.error.code === 'POLL_AUTH') break;
      }
    }
    this.publish(entry.spec.id, node.name, samples);
    return this.#outcome(entry, node, 'soap', samples.length === 0 ? lastError : undefined);
  }

  async #pollServices(entry: ClusterEntry, node: NodeRuntime, signal: AbortSignal): Promise<TaskOutcome> {
    const r = await node.controlCenter.serviceStatus([], { signal });
    if (!r.ok) return this.#outcome(entry, node, 'soap', r.error);
    node.services = r.value;
    node.servicesAtMs = this.now();
    const ts = this.now();
    // Service state as samples too (1 = Started), so alerts and charts see it like any counter.
    this.publish(
      entry.spec.id,
      node.name,
      r.value.map((s) => ({ cluster: entry.spec.id, node: node.name, object: 'Service', instance: s.name, counter: 'Started', value: s.status === 'Started' ? 1 : 0, ts, source: 'controlcenter' as const })),
    );
    return this.#outcome(entry, node, 'soap');
  }

  /** The node's active software version (the node list, SystemVersionMismatched). */
  async #pollVersion(entry: ClusterEntry, node: NodeRuntime): Promise<TaskOutcome> {
    const out = await this.ssh.run(node.targets.ssh, 'show version active', 30_000);
    if (!out.ok) return this.#outcome(entry, node, 'ssh', out.error);
    const { version } = parseShowVersion(out.output);
    if (version === '') return this.#outcome(entry, node, 'ssh', new PollError('POLL_PARSE', 'ssh', node.name, `show version active on ${node.name} has no "Active Master Version" line: ${JSON.stringify(out.output.slice(0, 200))}`));
    if (version !== node.version) {
      node.version = version;
      this.#changed();
    }
    return this.#outcome(entry, node, 'ssh');
  }

  async #pollHa(entry: ClusterEntry, node: NodeRuntime): Promise<TaskOutcome> {
    const ha = await this.ssh.run(node.targets.ssh, 'utils ha status', 30_000);
    if (!ha.ok) return this.#outcome(entry, node, 'ssh', ha.error);
    const groups = parseHaStatus(ha.output);
    for (const g of groups) {
      for (const n of g.nodes) {
        const rt = entry.nodes.get(n.name);
        if (!rt) continue;
        rt.haGroup = g.name;
        rt.haState = n.state;
        rt.haReason = n.reason;
      }
      entry.groups = [...entry.groups.filter((x) => x.name !== g.name), g].sort((a, b) => a.name.localeCompare(b.name));
    }
    if (node.targets.role === 'imp-publisher') {
      const repl = await this.ssh.run(node.targets.ssh, 'utils dbreplication runtimestate', 30_000);
      if (repl.ok) {
        for (const server of parseDbReplicationRuntimeState(repl.output).servers) {
          const rt = entry.nodes.get(server.name);
          if (rt && server.setupState !== undefined) rt.replicationState = server.setupState;
        }
      }
    }
    this.#changed();
    return this.#outcome(entry, node, 'ssh');
  }
}

/**
 * IM&P nodes: active/active when the node is one of a two-node presence redundancy group with high availability
 * enabled (`utils ha status` gives no "High Availability Not Enabled" reason) AND the cluster's User Assignment Mode
 * is Balanced (guide L2200-2214; L7010-7013 halves the JSM figure then). When the mode could not be read, HA enabled
 * alone counts (the behaviour before the mode was read: it may halve the figure of an active/standby pair).
 */
function withActiveActive(status: NodeStatus, groups: readonly HaSubclusterStatus[], userAssignmentMode?: string): NodeStatus {
  if (status.role === 'cucm-publisher') return status;
  const group = groups.find((g) => g.nodes.some((n) => n.name === status.name));
  if (!group) return status;
  const balanced = userAssignmentMode === undefined || userAssignmentMode.toLowerCase() === 'balanced';
  const activeActive = balanced && group.nodes.length === 2 && group.nodes.every((n) => !/not enabled/i.test(n.reason));
  return { ...status, activeActive };
}
