import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsyncDisposableStore, type AsyncDisposable } from '../../base/disposable.js';
import { createAdminCli } from '../adminCli/adminCli.js';
import { RealTimeDriver } from '../clock/simScheduler.js';
import { startSftpBackupServer, type SftpBackupServer } from '../endpoints/sftpBackup/sftpBackupServer.js';
import { deriveHostKey } from '../endpoints/ssh/hostKey.js';
import { startSshEndpoint, type SshEndpoint } from '../endpoints/ssh/sshEndpoint.js';
import { ClusterModel } from '../model/clusterModel.js';
import { DrsSystem } from '../model/drs/drsSystem.js';
import { runDrsCommand } from '../model/drs/drsCli.js';
import { parseHostPort, SftpBackupTransport } from '../model/drs/drsSftpClient.js';
import { ClusterSrm } from '../model/clusterSrm.js';
import type { EndpointDegradation, EndpointKind } from '../model/node/simNode.js';
import type { SimProfile } from '../profile/profileSchema.js';
import { runScenario, type RunningScenario } from '../scenarios/scenarioRunner.js';
import type { Scenario } from '../scenarios/scenarioSchema.js';
import type { ScenarioTarget } from '../scenarios/scenarioTarget.js';
import { ssh2SftpUpload } from '../adminCli/sftpUpload.js';
import { AppError } from '../../base/errors.js';
import { backupServerAddress, nodeAddress } from '../profile/loopbackAddresses.js';
import { hasLoopbackAliases, planEndpoints, type EndpointPlan } from './endpointPorts.js';
import { defaultSimIdentityDir } from './nodeCertificateStore.js';
import { toWireDegradation } from './wireDegradation.js';
import { startNodeProtocolEndpoints, type NodeProtocolEndpoints } from './nodeProtocolEndpoints.js';
import type { EndpointsFile, NodeEndpoints } from './endpointsFile.js';

/** Options of {@link startSimCluster}. */
export interface SimClusterOptions {
  readonly profile: SimProfile;
  readonly seed?: number;
  /** Virtual seconds per real second; 0 = manual clock (tests advance it with `model.runUntil`). */
  readonly speed?: number;
  /** Virtual start time (real now by default). */
  readonly startMs?: number;
  /** Overrides the profile's base port (0 = any free ports, for tests). */
  readonly basePort?: number;
  /** Where the backup server stores files (a temporary folder by default, removed on dispose). */
  readonly stateDir?: string;
  /**
   * Where the nodes keep their tomcat certificates across runs, like a real node (default
   * {@link defaultSimIdentityDir}: per profile name under ~/.imp-monitor/simulator).
   */
  readonly identityDir?: string;
  /**
   * Whether nodes listen on their own 127/8 addresses (default: probed, true on Linux) or all on 127.0.0.1 with
   * a block of ports each (false: the macOS fallback; tests force it to cover that path).
   */
  readonly loopbackAliases?: boolean;
}

/** A port a simulated endpoint needs is taken: names it, so the caller can say what to do. */
export class SimPortInUseError extends AppError {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly what: string,
    cause: unknown,
  ) {
    super('CONFLICT', `port ${port} on ${host} (${what}) is already in use`, { cause });
  }
}

/**
 * A running simulated cluster: the model, its Server Recovery Manager, and every node's endpoints on loopback
 * (SSH admin CLI + read-only SFTP), plus the DRS SFTP backup server. Dispose it to close every socket and timer.
 */
export class SimCluster implements AsyncDisposable {
  readonly #store = new AsyncDisposableStore();
  readonly #ssh = new Map<string, SshEndpoint>();
  readonly #protocols = new Map<string, NodeProtocolEndpoints>();
  #backup!: SftpBackupServer;
  #ownsStateDir = false;
  #drsLocalAddress: string | undefined;
  readonly srm: ClusterSrm;
  readonly model: ClusterModel;
  /** The Disaster Recovery System (Master Agent on the publisher, Local Agents on every node). */
  readonly drs: DrsSystem;
  readonly scenarioTarget: ScenarioTarget;

  private constructor(
    readonly profile: SimProfile,
    readonly options: SimClusterOptions,
    readonly stateDir: string,
  ) {
    this.model = new ClusterModel(profile, { seed: options.seed ?? 1, startMs: options.startMs });
    this.#store.add(this.model);
    this.srm = this.#store.add(new ClusterSrm(this.model));
    // DRS reaches any SFTP server a device names (host[:port], connected directly) like a real Master Agent; only
    // the simulated backup server's own name or address resolves to it (its port is not 22).
    this.drs = this.#store.add(
      new DrsSystem(this.model, {
        transport: new SftpBackupTransport({
          resolve: (host) => resolveBackupServer(host, this.#backup),
          localAddress: () => this.#drsLocalAddress,
        }),
      }),
    );
    this.scenarioTarget = {
      model: this.model,
      ha: this.srm,
      setEndpointDegradation: (node, kind, deg) => this.setEndpointDegradation(node, kind, deg),
      fillBackupServer: (bytes, full) => {
        if (!full) this.#backup.unfill();
        else this.#backup.fill(bytes);
      },
    };
  }

  /** Starts the model and every endpoint; resolves once all of them listen. */
  static async start(options: SimClusterOptions): Promise<SimCluster> {
    const base = options.basePort ?? options.profile.endpoints.basePort;
    // Free ports (base 0) are found before the endpoints bind them; another process may take one in between.
    for (let attempt = 1; ; attempt++) {
      const cluster = await SimCluster.#tryStart(options);
      if (cluster instanceof SimCluster) return cluster;
      if (base !== 0 || attempt >= 3) throw cluster;
    }
  }

  static async #tryStart(options: SimClusterOptions): Promise<SimCluster | Error> {
    const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'imp-sim-')));
    const cluster = new SimCluster(options.profile, options, stateDir);
    cluster.#ownsStateDir = options.stateDir === undefined;
    try {
      await cluster.#startEndpoints();
    } catch (err) {
      await cluster.dispose();
      if (err instanceof SimPortInUseError) return err;
      throw err;
    }
    if ((options.speed ?? 1) > 0) cluster.#store.add(new RealTimeDriver(cluster.model.scheduler, { speed: options.speed ?? 1 }));
    return cluster;
  }

  /** The backup server (for scenarios and tests). */
  get backupServer(): SftpBackupServer {
    return this.#backup;
  }

  /** Every node's endpoints, in the `--endpoints-file` shape. */
  endpoints(): EndpointsFile {
    const { endpoints } = this.profile;
    const nodes: NodeEndpoints[] = [...this.model.nodes.values()].map((node) => {
      const ssh = this.#ssh.get(node.name)!;
      const login = { host: ssh.host, port: ssh.port, username: endpoints.admin.username, password: endpoints.admin.password };
      const p = this.#protocols.get(node.name)!;
      return { name: node.name, role: node.role, cluster: this.profile.name, ssh: login, sftp: login, snmp: p.snmp, soap: p.soap, hostKeyFingerprint: ssh.hostKeyFingerprint };
    });
    return {
      nodes,
      backupServer: { host: this.#backup.host, port: this.#backup.port, username: endpoints.backupServer.username, password: endpoints.backupServer.password },
    };
  }

  /** Starts a scenario on the model's clock now. */
  runScenario(scenario: Scenario): RunningScenario {
    if (scenario.srm?.automaticFallback !== undefined) {
      for (const g of this.srm.groups.values()) g.setParameters({ enableAutomaticFallback: scenario.srm.automaticFallback });
    }
    const running = runScenario(scenario, this.scenarioTarget);
    this.#store.add(running);
    return running;
  }

  /** Degrades (or restores, with undefined) one endpoint of a node. */
  setEndpointDegradation(node: string, kind: EndpointKind, degradation: EndpointDegradation | undefined): void {
    const n = this.model.node(node);
    if (degradation) n.degradation.set(kind, degradation);
    else n.degradation.delete(kind);
    // The SNMP and SOAP endpoints re-read node.degradation on every model event.
    this.model.event('endpoint', `${kind} on ${node} ${degradation ? (degradation.unresponsive ? 'unresponsive' : `slowed by ${degradation.delayMs ?? 0} ms`) : 'restored'}`, node);
    this.#syncReachability();
  }

  /** Points every node's syslog forwarding (CiscoLog over UDP) at these receivers. */
  setSyslogDestinations(destinations: ReadonlyArray<{ host: string; port: number }>): void {
    for (const p of this.#protocols.values()) p.setSyslogDestinations([...destinations]);
  }

  /** The protocol endpoints of one node (SNMP agent, SOAP server), for trap destinations and tests. */
  protocols(node: string): NodeProtocolEndpoints {
    const p = this.#protocols.get(node);
    if (!p) throw new RangeError(`unknown node "${node}"`);
    return p;
  }

  async dispose(): Promise<void> {
    await this.#store.dispose();
    if (this.#ownsStateDir) await rm(this.stateDir, { recursive: true, force: true });
  }

  /** Where the endpoints listen (own 127/8 addresses, or the 127.0.0.1 fallback), once started. */
  get plan(): EndpointPlan {
    return this.#plan;
  }

  #plan!: EndpointPlan;

  async #startEndpoints(): Promise<void> {
    const { profile } = this;
    const nodes = [...this.model.nodes.values()];
    this.#plan = await planEndpoints({
      nodeAddresses: nodes.map((n) => nodeAddress(profile, n.index)),
      backupAddress: backupServerAddress(profile),
      basePort: this.options.basePort ?? profile.endpoints.basePort,
      loopbackAliases: this.options.loopbackAliases ?? (await hasLoopbackAliases()),
      fallbackHost: profile.endpoints.host,
    });
    const identityDir = this.options.identityDir ?? defaultSimIdentityDir(profile.name);
    // The DRS Master Agent (CUCM publisher) pushes backups from its own address.
    const publisher = nodes.find((n) => n.isCucm) ?? nodes[0]!;
    this.#drsLocalAddress = this.#plan.nodes[publisher.index]!.host;
    for (const node of nodes) {
      const { host, ports } = this.#plan.nodes[node.index]!;
      const cli = createAdminCli(this.model, node.name, {
        ha: {
          status: (group) => this.srm.haStatus(group),
          failover: (n) => this.srm.failover(n),
          fallback: (n) => this.srm.fallback(n),
          recover: (g) => this.srm.recover(g),
        },
        drs: (args, io) => runDrsCommand(this.drs, args, io),
        securityPassword: { change: (o, n) => this.drs.changeSecurityPassword(o, n) },
        sftpUpload: (target, files) => ssh2SftpUpload({ ...target, localAddress: host }, files), // `file get` pushes from the node's address
        // `utils remotesyslog set server`, `utils snmp config 2c trap add|delete|list` (designed): the node's own settings.
        remoteDestinations: {
          syslogServers: () => this.protocols(node.name).syslogDestinations().map((d) => ({ host: d.host, port: d.port, protocol: d.protocol ?? 'udp' })),
          setSyslogServers: (list) => this.protocols(node.name).setSyslogDestinations(list),
          trapDestinations: () => this.protocols(node.name).trapDestinations().flatMap((d) => (d.version === '2c' ? [{ host: d.host, port: d.port, community: d.community }] : [])),
          setTrapDestinations: (list) => {
            const p = this.protocols(node.name);
            const v3 = p.trapDestinations().filter((d) => d.version === '3');
            p.setTrapDestinations([...v3, ...list.map((d) => ({ version: '2c' as const, host: d.host, port: d.port, community: d.community }))]);
          },
        },
      });
      const ssh = await listening(host, [[ports.ssh, `SSH of ${node.name}`]], startSshEndpoint({
        host,
        port: ports.ssh,
        hostKey: deriveHostKey(`${profile.name}:${node.name}`),
        credentials: [profile.endpoints.admin],
        cli,
        files: node.logs,
      }));
      this.#ssh.set(node.name, ssh);
      this.#store.add(ssh);
      const protocols = await listening(host, [[ports.snmp, `SNMP (UDP) of ${node.name}`], [ports.soap, `HTTPS SOAP of ${node.name}`]], startNodeProtocolEndpoints(this.model, node.name, {
        host,
        snmpPort: ports.snmp,
        soapPort: ports.soap,
        community: profile.endpoints.snmpCommunity,
        v3User: profile.endpoints.snmpV3,
        appUser: profile.endpoints.applicationUser,
        certDir: identityDir,
      }));
      this.#protocols.set(node.name, protocols);
      this.#store.add(protocols);
    }
    const backup = this.#plan.backupServer;
    this.#backup = await listening(backup.host, [[backup.port, 'the DRS backup SFTP server']], startSftpBackupServer({
      host: backup.host,
      port: backup.port,
      hostKey: deriveHostKey(`${profile.name}:backup-server`),
      credentials: [profile.endpoints.backupServer],
      rootDir: join(this.stateDir, 'backup-server'),
    }));
    this.#store.add(this.#backup);
    // Powered-off, booting or isolated nodes do not answer; degradations apply on top.
    this.#store.add(this.model.scheduler.setInterval(1000, () => this.#syncReachability()));
    this.#syncReachability();
  }

  #syncReachability(): void {
    for (const node of this.model.nodes.values()) {
      const ssh = this.#ssh.get(node.name);
      if (!ssh) continue;
      ssh.setDegradation(!node.reachable ? { unresponsive: true } : toWireDegradation(node.degradation.get('ssh')));
    }
  }
}

/**
 * Turns a bind failure on a taken port into {@link SimPortInUseError} naming it: `ports` maps each port the
 * start binds to what it serves; the port named in the error text is picked (the first one otherwise).
 */
async function listening<T>(host: string, ports: ReadonlyArray<readonly [number, string]>, started: Promise<T>): Promise<T> {
  try {
    return await started;
  } catch (err) {
    if (!isAddressInUse(err)) throw err;
    const text = errorChainText(err);
    const [port, what] = ports.find(([p]) => p !== 0 && text.includes(`:${p}`)) ?? ports[0]!;
    throw new SimPortInUseError(host, port, what, err);
  }
}

function errorChainText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(' ');
}

function isAddressInUse(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE' || /EADDRINUSE/.test(e.message)) return true;
  }
  return false;
}

/** The host name that always means the simulated cluster's own DRS backup server (besides its address). */
export const SIM_BACKUP_SERVER_NAME = 'backup-server';

/**
 * Where DRS connects for a device's "host[:port]": the simulated backup server for its own name or address (with
 * no port or its own port), undefined otherwise (the caller connects to host:port, port 22 by default).
 */
export function resolveBackupServer(device: string, backup: { host: string; port: number } | undefined): { host: string; port: number } | undefined {
  if (!backup) return undefined;
  const { host, port } = parseHostPort(device);
  const explicitPort = /:\d{1,5}$/.test(device);
  const own = host.toLowerCase() === SIM_BACKUP_SERVER_NAME || host === backup.host;
  return own && (!explicitPort || port === backup.port) ? { host: backup.host, port: backup.port } : undefined;
}

/** Starts a simulated cluster (see {@link SimCluster}). */
export function startSimCluster(options: SimClusterOptions): Promise<SimCluster> {
  return SimCluster.start(options);
}
