import { DisposableStore, type Disposable } from '../../base/disposable.js';
import { Emitter } from '../../base/emitter.js';
import { SimScheduler } from '../clock/simScheduler.js';
import type { SimProfile } from '../profile/profileSchema.js';
import { SeededRandom } from '../random/seededRandom.js';
import { AlarmCenter } from './alarms/alarmCenter.js';
import type { ClusterEvent } from './clusterEvents.js';
import { ConditionMonitor, type MftEnvironment } from './conditionMonitor.js';
import { readNodeCounters, type CounterSample } from './counters/nodeCounters.js';
import { HostingTable, type GroupInfo } from './hostingTable.js';
import { SimNode } from './node/simNode.js';
import type { ServiceChange } from './services/nodeServices.js';
import { SessionEngine } from './sessions/sessionEngine.js';
import { UserDirectory } from './users/userDirectory.js';
import { DiagnosticsState, type DiagnosticModuleName } from './diagnostics/diagnosticsState.js';
import { writeCoreFile } from './logs/coreFiles.js';

/** Options of a cluster model. */
export interface ClusterModelOptions {
  readonly seed: number;
  /** Virtual start time, ms since the epoch (real now by default). */
  readonly startMs?: number;
  /** Model step in virtual seconds. */
  readonly tickSec?: number;
}

/** Virtual seconds a powered-on node takes to boot before services start (ours). */
export const BOOT_SECONDS = 120;
/** Virtual seconds of an orderly shutdown (ours). */
export const SHUTDOWN_SECONDS = 20;
/** Publisher's Data Monitor timeout before feature services start without replication (ours; guide L891-910 gives none). */
export const DATA_MONITOR_TIMEOUT_SEC = 600;

/**
 * The simulated IM and Presence cluster: nodes with services, users and sessions, counters, alarms and logs,
 * all advanced in virtual time by one {@link SimScheduler}. Endpoints (SSH, SFTP, SNMP, SOAP) read and
 * drive it; scenarios inject faults through its methods. It opens no sockets.
 */
export class ClusterModel implements Disposable {
  readonly scheduler: SimScheduler;
  readonly rng: SeededRandom;
  readonly nodes = new Map<string, SimNode>();
  readonly users: UserDirectory;
  readonly hosting: HostingTable;
  readonly alarms: AlarmCenter;
  readonly sessions: SessionEngine;
  readonly conditions: ConditionMonitor;
  readonly mft: MftEnvironment = { freePct: 62, mounted: true, dbConnected: true, dbFull: false };
  readonly #store = new DisposableStore();
  readonly #onDidEvent = new Emitter<ClusterEvent>();
  /** Notable events (service changes, power, HA, faults), for logs and tests. */
  readonly onDidEvent = this.#onDidEvent.event;
  readonly #onDidServiceChange = new Emitter<ServiceChange>();
  readonly onDidServiceChange = this.#onDidServiceChange.event;
  readonly #bootTimers = new Map<string, Disposable>();
  readonly #heartbeatCuts = new Set<string>();
  readonly tickSec: number;
  /** Duplicate user IDs / directory URIs a scenario injected, found by the Data Monitor's check (guide L8537-8580). */
  readonly duplicates = { userids: [] as string[], uris: [] as string[], invalidUris: [] as string[] };
  /** What `utils diagnose` checks beyond the node itself: LDAP, intercluster peers, calendar … (profile `diagnostics`). */
  readonly diagnostics: DiagnosticsState;

  constructor(
    readonly profile: SimProfile,
    options: ClusterModelOptions,
  ) {
    const seedText = String(options.seed);
    this.scheduler = new SimScheduler(options.startMs ?? Date.now());
    this.rng = new SeededRandom(options.seed);
    this.tickSec = options.tickSec ?? 5;
    profile.nodes.forEach((pn, i) => {
      const peers = profile.nodes.filter((o) => o.name !== pn.name).map((o) => o.name);
      const node = new SimNode(pn.name, i, pn, profile, this.scheduler, this.rng.fork(`node:${pn.name}`), peers, seedText);
      this.nodes.set(pn.name, node);
      this.#store.add(node);
      this.#store.add(node.services.onDidChange((c) => this.#onServiceChange(c)));
    });
    const groups: GroupInfo[] = profile.presenceRedundancyGroups.map((g) => ({ name: g.name, nodes: [...g.nodes], haEnabled: g.highAvailability }));
    this.hosting = new HostingTable(groups);
    this.users = new UserDirectory(profile, groups, this.rng.fork('users'));
    this.alarms = this.#store.add(new AlarmCenter({ appendSyslog: (node, t, line) => this.nodes.get(node)?.logs.appendSyslog(t, line, true) }, () => this.scheduler.now()));
    this.sessions = new SessionEngine(profile, this.users, this.nodes, this.hosting, this.rng.fork('sessions'));
    this.diagnostics = new DiagnosticsState(profile.diagnostics);
    this.conditions = new ConditionMonitor(profile, this.nodes, this.alarms, this.hosting, this.mft);
    // A running cluster: services up at start, sessions already established.
    for (const node of this.nodes.values()) this.#startServicesInstantly(node);
    this.#warmUpSessions();
    this.#store.add(this.scheduler.setInterval(this.tickSec * 1000, (t) => this.#tick(t)));
  }

  /** Virtual now. */
  now(): number {
    return this.scheduler.now();
  }

  /** A node by name; throws a clear error for an unknown one. */
  node(name: string): SimNode {
    const n = this.nodes.get(name);
    if (!n) throw new RangeError(`unknown node "${name}" (nodes: ${[...this.nodes.keys()].join(', ')})`);
    return n;
  }

  /** IM&P nodes (not the CUCM publisher), in profile order. */
  impNodes(): SimNode[] {
    return [...this.nodes.values()].filter((n) => !n.isCucm);
  }

  /** The IM&P database publisher. */
  impPublisher(): SimNode {
    return [...this.nodes.values()].find((n) => n.role === 'imp-publisher')!;
  }

  /** Every counter of a node right now. */
  counters(node: string): CounterSample[] {
    return readNodeCounters(this.node(node), { nowMs: this.now() });
  }

  /** Records a notable event and writes it to the node's trace of `traceService` when given. */
  event(kind: string, text: string, node?: string, traceService?: string): void {
    const atMs = this.now();
    if (node && traceService) this.nodes.get(node)?.logs.appendServiceTrace(traceService, atMs, 'INFO', text);
    this.#onDidEvent.fire({ atMs, node, kind, text });
  }

  // ---- Power -------------------------------------------------------------------------------------------

  /** Cuts power at once: every service stops, the node stops answering. */
  powerOff(name: string): void {
    const node = this.node(name);
    this.#bootTimers.get(name)?.dispose();
    node.services.stopAllNow('power');
    node.power = 'off';
    this.event('power', `${name} powered off`, name);
  }

  /** Powers a node on: it boots for {@link BOOT_SECONDS} and then starts its services. */
  powerOn(name: string): void {
    const node = this.node(name);
    if (node.power === 'on' || node.power === 'booting') return;
    node.power = 'booting';
    this.event('power', `${name} booting`, name);
    this.#bootTimers.set(
      name,
      this.scheduler.setTimeout(BOOT_SECONDS * 1000, () => {
        node.power = 'on';
        node.bootedAtMs = this.now();
        // An IM&P subscriber cannot reach the CUCM publisher while it is down, so its services cannot start
        // (guide L10618); they start when it is restarted again with the publisher up.
        const cucm = [...this.nodes.values()].find((n) => n.isCucm);
        if (node.role === 'imp-subscriber' && cucm && cucm.power !== 'on') {
          this.event('power', `${name} is up; services not started: the CUCM publisher ${cucm.name} is not reachable`, name, 'Cisco Service Manager');
          this.event('power', `${name} is up`, name);
          return;
        }
        this.#applyDataMonitorGate(node, true);
        node.services.startAll('boot');
        this.event('power', `${name} is up`, name);
      }),
    );
  }

  /** An orderly reboot: services stop, the node goes down, boots and starts its services. */
  reboot(name: string): void {
    const node = this.node(name);
    if (node.power !== 'on') return;
    node.power = 'shuttingDown';
    this.event('power', `${name} rebooting`, name);
    for (const s of node.services.list()) if (s.status === 'Started') node.services.stop(s.definition.name, 'power');
    this.#bootTimers.set(
      name,
      this.scheduler.setTimeout(SHUTDOWN_SECONDS * 1000, () => {
        node.services.stopAllNow('power');
        node.power = 'off';
        this.powerOn(name);
      }),
    );
  }

  // ---- Faults --------------------------------------------------------------------------------------------

  /** Isolates a node from the network (or reconnects it). */
  setIsolated(name: string, isolated: boolean): void {
    this.node(name).isolated = isolated;
    this.event('network', `${name} ${isolated ? 'isolated from the network' : 'reconnected'}`, name);
  }

  /** Cuts (or restores) the SRM heartbeat path between two nodes of a pair; both stay up otherwise. */
  setHeartbeatCut(a: string, b: string, cut: boolean): void {
    this.node(a);
    this.node(b);
    const k = [a, b].sort().join('\u0000');
    if (cut) this.#heartbeatCuts.add(k);
    else this.#heartbeatCuts.delete(k);
    this.event('network', `heartbeat between ${a} and ${b} ${cut ? 'cut' : 'restored'}`, a, 'Cisco Server Recovery Manager');
  }

  /** Whether SRM heartbeats get from `from` to `to`: both powered and connected, the path not cut, SRM running on `from`. */
  isHeartbeatReachable(from: string, to: string): boolean {
    const a = this.node(from);
    const b = this.node(to);
    if (a.power !== 'on' || b.power !== 'on' || a.isolated || b.isolated) return false;
    if (this.#heartbeatCuts.has([from, to].sort().join('\u0000'))) return false;
    return a.services.isRunning('Cisco Server Recovery Manager');
  }

  /** Breaks IDS replication on a node (state 4) or repairs it (0, then 2 after a minute). */
  setReplicationBroken(name: string, broken: boolean): void {
    const node = this.node(name);
    if (broken) {
      node.replicationState = 4;
      this.event('replication', `replication broken on ${name}`, name, 'A Cisco DB');
      return;
    }
    node.replicationState = 0;
    this.event('replication', `replication repair started on ${name}`, name, 'A Cisco DB');
    this.scheduler.setTimeout(60_000, () => {
      node.replicationState = 2;
      this.#applyDataMonitorGate(node, false);
      this.event('replication', `replication setup completed on ${name}`, name, 'A Cisco DB');
    });
  }

  /** Sets the MFT external file server's free space (percent). */
  setMftFreeSpace(pct: number): void {
    this.mft.freePct = Math.max(0, Math.min(100, pct));
    this.event('mft', `external file server free space ${this.mft.freePct}%`);
  }

  /** Expires a certificate (days < 0) or moves its expiry `days` from now. */
  setCertificateExpiry(node: string, unit: string, days: number): void {
    const cert = this.node(node).certificates.find((c) => c.unit === unit && c.type === 'own');
    if (!cert) throw new RangeError(`node ${node} has no own certificate for unit "${unit}"`);
    cert.notAfterMs = this.now() + days * 86_400_000;
    this.event('certificate', `${unit} certificate on ${node} now expires ${new Date(cert.notAfterMs).toISOString()}`, node);
  }

  /** Multiplies a node's JSM sessions (a runaway client) to push it over capacity. */
  setSessionInflation(node: string, factor: number): void {
    this.node(node);
    this.sessions.inflation.set(node, factor);
    this.event('sessions', `JSM session inflation x${factor} on ${node}`, node);
  }

  /** Injects duplicate user IDs/URIs for the Data Monitor's check. */
  injectDuplicates(kind: 'userid' | 'uri' | 'invalidUri', values: readonly string[]): void {
    const list = kind === 'userid' ? this.duplicates.userids : kind === 'uri' ? this.duplicates.uris : this.duplicates.invalidUris;
    list.push(...values);
    this.event('users', `injected ${values.length} ${kind} problem(s)`);
  }

  /** Drops every problem {@link injectDuplicates} injected: the next user check passes again. */
  clearDuplicates(): void {
    const n = this.duplicates.userids.length + this.duplicates.uris.length + this.duplicates.invalidUris.length;
    this.duplicates.userids.length = 0;
    this.duplicates.uris.length = 0;
    this.duplicates.invalidUris.length = 0;
    this.event('users', `cleared ${n} injected user problem(s)`);
  }

  /** Removes (null) or changes a user's mail ID; another user's mail ID makes a duplicate. */
  setMailId(userid: string, mailId: string | null): void {
    const user = this.users.find(userid);
    if (!user) throw new RangeError(`unknown user "${userid}"`);
    user.mailId = mailId;
    this.event('users', `mail ID of ${user.userid} ${mailId === null ? 'removed' : `set to ${mailId}`}`);
  }

  /** Makes one item a diagnose module checks healthy or not (adds it when the profile did not configure it). */
  setDiagnostic(module: DiagnosticModuleName, item: string, healthy: boolean): void {
    this.diagnostics.set(module, item, healthy);
    this.event('diagnostics', `${module} ${item} ${healthy ? 'healthy' : 'unhealthy'}`);
  }

  /** Runs the Data Monitor's user ID / directory URI check now (guide L8386-8406, L8537-8580). */
  runUserValidation(): { userids: string[]; uris: string[]; invalidUris: string[] } {
    const pub = this.impPublisher().name;
    const pairs: Array<[string, string[]]> = [
      ['DuplicateUserid', this.duplicates.userids],
      ['DuplicateDirectoryURI', this.duplicates.uris],
      ['InvalidDirectoryURI', this.duplicates.invalidUris],
    ];
    for (const [alarm, values] of pairs) {
      if (values.length > 0) this.alarms.raise(pub, alarm, `${values.length} affected: ${values.slice(0, 5).join(', ')}`);
      else this.alarms.clear(pub, alarm);
    }
    return { userids: [...this.duplicates.userids], uris: [...this.duplicates.uris], invalidUris: [...this.duplicates.invalidUris] };
  }

  /** Runs the model until virtual time `t` (tests and accelerated runs). */
  runUntil(t: number): void {
    this.scheduler.advanceTo(t);
  }

  dispose(): void {
    for (const t of this.#bootTimers.values()) t.dispose();
    this.#store.dispose();
    this.#onDidEvent.dispose();
    this.#onDidServiceChange.dispose();
  }

  // ---- internals -----------------------------------------------------------------------------------------

  #startServicesInstantly(node: SimNode): void {
    for (const s of node.services.list()) {
      if (!s.activated) continue;
      s.status = 'Started';
      s.cause = 'boot';
      s.sinceMs = node.bootedAtMs;
      s.startedAtMs = node.bootedAtMs + s.definition.startSeconds * 1000;
      s.pid = 1000 + node.index * 7919 + node.services.list().indexOf(s);
    }
  }

  #warmUpSessions(): void {
    // Establish the steady state before t0: a few simulated hours of session churn.
    for (let i = 0; i < 40; i++) this.sessions.step(this.now(), 600);
    this.sessions.spreadLoginTimes(this.now(), 6 * 3_600_000);
    for (const node of this.nodes.values()) node.sessions.activeJsmSessions = node.services.isRunning('Cisco Presence Engine') ? node.sessions.hostedUsers : 0;
  }

  /** Subscribers hold feature services until replication is 2; the publisher only until its timeout (guide L891-910). */
  #applyDataMonitorGate(node: SimNode, booting: boolean): void {
    if (node.isCucm) return;
    if (node.replicationState === 2) {
      if (!node.services.gateOpen) {
        node.services.setGate(true);
        this.alarms.clear(node.name, 'FeatureServicesDelayed', '', 'IDS replication established; feature services released');
      }
      return;
    }
    if (!booting) return;
    node.services.setGate(false);
    this.alarms.raise(node.name, 'FeatureServicesDelayed', `Feature services delayed on ${node.name}: IDS replication state ${node.replicationState}`);
    if (node.role === 'imp-publisher') {
      this.scheduler.setTimeout(DATA_MONITOR_TIMEOUT_SEC * 1000, () => {
        node.services.setGate(true);
        this.alarms.clear(node.name, 'FeatureServicesDelayed', '', 'Data Monitor timeout expired; feature services released');
      });
    }
  }

  #onServiceChange(c: ServiceChange): void {
    const node = this.nodes.get(c.node)!;
    node.logs.appendServiceTrace('Cisco Service Manager', c.atMs, 'INFO', `${c.service}: ${c.previous} -> ${c.current} (${c.cause})`);
    node.logs.appendServiceTrace(c.service, c.atMs, c.current === 'Stopped' && c.cause === 'crash' ? 'ERROR' : 'INFO', `Service ${c.current.toLowerCase()} (${c.cause})`);
    if (c.current === 'Stopped') {
      // A crashed process leaves a core file where the node keeps them (issue 12: `utils core active list`).
      if (c.cause === 'crash') writeCoreFile(node.logs, node.name, c.service, c.atMs);
      if (c.cause === 'crash' || c.cause === 'startFailed') {
        this.alarms.raise(c.node, 'CriticalServiceDown', `Service Name:${c.service} Reason:${c.cause === 'crash' ? 'Service terminated unexpectedly' : 'Service failed to start'}`, c.service);
      } else if (c.cause === 'admin' || c.cause === 'srm' || c.cause === 'dependency') {
        this.alarms.raise(c.node, 'ServiceStopped', `Service Name:${c.service} Stopped by:${c.cause}`, c.service);
      }
    } else if (c.current === 'Started') {
      this.alarms.clear(c.node, 'CriticalServiceDown', c.service, `Service Name:${c.service} started`);
      if (c.cause !== 'boot') this.alarms.raise(c.node, 'ServiceStarted', `Service Name:${c.service}`, c.service);
      if (c.service === 'Cisco Presence Engine') node.sessions.activeJsmSessions = 0;
      // Clients of a node whose XCP Router came back log in again over the re-login window.
      if (c.service === 'Cisco XCP Router') for (const u of this.users.users) if (u.homeNode && this.hosting.hostOf(u.homeNode) === c.node) this.hosting.touch(u.homeNode, c.atMs);
    }
    this.#onDidServiceChange.fire(c);
  }

  #tick(nowMs: number): void {
    const dt = this.tickSec;
    this.sessions.step(nowMs, dt);
    for (const node of this.nodes.values()) {
      if (node.power === 'off') continue;
      const s = node.sessions;
      const load = node.isCucm ? 0.1 : s.clientSessionsActive / Math.max(1, node.ova);
      node.metrics.cpuTarget = Math.min(98, 6 + 30 * load + s.loginRate * 0.8 + (node.power === 'booting' ? 40 : 0));
      const serviceMem = node.services.list().reduce((sum, sv) => sum + (sv.status === 'Started' ? sv.definition.memoryKb : 0), 0);
      // A steady node sits around 60-80% of RAM: kernel and page tables, then the services' resident memory
      // (scaled to the VM: the catalog's figures are for a 15K OVA), then per-session JSM state.
      const total = node.metrics.memoryTotalKb;
      node.metrics.memoryTargetKb = Math.min(total * 0.9, total * 0.3 + serviceMem * 0.45 * (total / 8_388_608) + s.clientSessionsActive * 60);
      node.metrics.step(dt);
      this.#advanceTotals(node, dt, nowMs);
      if (node.power === 'on') node.logs.appendActivity(nowMs, (service) => node.services.isRunning(service));
    }
    this.conditions.check(nowMs);
  }

  #advanceTotals(node: SimNode, dt: number, nowMs: number): void {
    if (node.isCucm) return;
    const s = node.sessions;
    const t = node.totals;
    const ims = Math.round(s.clientSessionsActive * 0.02 * dt * (0.7 + this.rng.next() * 0.6));
    t.imPackets += ims * 2;
    // JsmMsgsInLastSlice resets every 60 s (serviceability-reference A.8).
    t.imsInSlice = Math.floor(nowMs / 60_000) === Math.floor((nowMs - dt * 1000) / 60_000) ? t.imsInSlice + ims : ims;
    const mdmFlushes = Math.round(s.mdmSessions * 0.01 * dt);
    t.mdmFlushes += mdmFlushes;
    t.mdmFlushesLimit += Math.round(mdmFlushes * 0.02);
    t.mdmFlushPackets = mdmFlushes * 3;
    t.sipInvites += Math.round(s.clientSessionsActive * 0.0005 * dt);
    t.sipMessages += Math.round(s.clientSessionsActive * 0.001 * dt);
    t.adhocRooms = Math.round(s.clientSessionsActive * 0.01);
    t.persistentRooms = Math.min(2500, Math.round(s.hostedUsers * 0.05));
    if (this.profile.features.managedFileTransfer && node.services.isRunning('Cisco XCP File Transfer Manager') && this.mft.mounted && this.mft.dbConnected) {
      const up = Math.round(s.clientSessionsActive * 0.0004 * dt);
      const down = Math.round(up * 1.3);
      const newSlice = Math.floor(nowMs / 60_000) !== Math.floor((nowMs - dt * 1000) / 60_000);
      t.mftFilesUp += up;
      t.mftFilesDown += down;
      t.mftFilesUpSlice = newSlice ? up : t.mftFilesUpSlice + up;
      t.mftFilesDownSlice = newSlice ? down : t.mftFilesDownSlice + down;
      t.mftBytesUpSlice = t.mftFilesUpSlice * 102_400;
      t.mftBytesDownSlice = t.mftFilesDownSlice * 102_400;
    }
  }
}
