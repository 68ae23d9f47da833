/**
 * The receivers' parts for the app (issue 15), built once per backend: the syslog (UDP, TCP) and SNMP trap
 * receivers bound where <state>/receivers.json says (or the command line for one run), the attribution of every
 * message to a node the collector's clusters report (sender address AND host name), the syslog viewer's store, and
 * the simulated clusters pointed at the receivers through their admin CLI (designed `utils remotesyslog set server`,
 * `utils snmp config 2c trap add`) plus an SNMP Set of clogNotificationsEnabled — at start, when a simulated cluster
 * is added, and after every save. Only attributed messages reach Alert Central; every message is kept and pushed.
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { ReceiverSettings } from '../../../shared/model/receivers.js';
import type { AlertEngine } from '../alerts/alertEngine.js';
import { knownAlarmDetail } from '../alerts/knownAlarmDetail.js';
import type { AsyncDisposableStore } from '../base/disposable.js';
import type { Collector } from '../collector/collector.js';
import { enableClogNotifications } from '../receivers/clogNotificationsSet.js';
import { NodeAttribution, NodeHostResolver, type AttributableNode } from '../receivers/nodeAttribution.js';
import { configureClusterNodes, type ClusterNodesCli } from '../receivers/nodeReceiverSetup.js';
import { ReceiverSet } from '../receivers/receiverSet.js';
import { readReceiverSettings, receiverSettingsFile } from '../receivers/receiverSettingsFile.js';
import { createReceiversService } from '../receivers/receiversService.js';
import { SyslogEntries } from '../receivers/syslogEntries.js';
import { createSyslogService } from '../receivers/syslogService.js';
import { SyslogStore } from '../receivers/syslogStore.js';
import type { EventHub } from '../transport/eventHub.js';

export interface ReceiverPartsOptions {
  readonly stateDir: string;
  readonly collector: Collector;
  readonly alerts: Pick<AlertEngine, 'ingestSyslog'>;
  readonly events: Pick<EventHub, 'emit'>;
  readonly store: AsyncDisposableStore;
  /** `npm start -- --receiver-address A --syslog-port N --trap-port N`: for this run only (not saved). */
  readonly overrides?: Partial<ReceiverSettings>;
  /** Port 0 binds any free port (tests) instead of turning the receiver off. */
  readonly zeroPortIsFree?: boolean;
  /** Point simulated clusters at the receivers when they appear and after a save (default true). */
  readonly configureSimulated?: boolean;
  readonly warn?: (message: string) => void;
}

export interface ReceiverParts {
  readonly service: DesktopApi['receivers'];
  readonly syslogService: DesktopApi['syslog'];
  readonly syslog: SyslogStore;
  readonly syslogEntries: SyslogEntries;
  readonly receivers: ReceiverSet;
  readonly attribution: NodeAttribution;
  /** Rebuilds the attribution from the collector's clusters now (also done on every cluster change). */
  refreshAttribution(): Promise<void>;
}

/** Builds the receivers; disposed with `store` (sockets closed, subscriptions ended). */
export async function createReceiverParts(o: ReceiverPartsOptions): Promise<ReceiverParts> {
  const warn = o.warn ?? ((m: string) => console.warn(`[receivers] ${m}`));
  const file = receiverSettingsFile(o.stateDir);
  const saved = await readReceiverSettings(file, warn);
  const overrides = Object.fromEntries(Object.entries(o.overrides ?? {}).filter(([, v]) => v !== undefined)) as Partial<ReceiverSettings>;
  const settings: ReceiverSettings = { ...saved, ...overrides };
  const attribution = new NodeAttribution();
  const receivers = o.store.add(await ReceiverSet.start(settings, { attribute: (m) => attribution.attribute(m), ...(o.zeroPortIsFree ? { zeroPortIsFree: true } : {}) }));
  for (const l of receivers.status()) if (l.error) warn(l.error.message);

  const syslog = new SyslogStore();
  const syslogEntries = new SyslogEntries(knownAlarmDetail);
  o.store.add(receivers.onDidReceive(({ message, at }) => {
    syslog.add(message, at);
    // Unattributed messages are kept and shown, never raised on a node.
    if (at) o.alerts.ingestSyslog(message, at);
    o.events.emit('onDidReceiveSyslog', [syslogEntries.toEntry(message, at)]);
  }));

  // Attribution: every address of every node the clusters report (targets, and names resolved: a failed name is
  // looked up again 60 s on, every name again when the clusters change).
  const resolver = o.store.add(new NodeHostResolver({ onRetry: () => void refreshAttribution() }));
  const addressesOf = (host: string): Promise<string[]> => resolver.addresses(host);
  let generation = 0;
  const refreshAttribution = async (): Promise<void> => {
    const mine = ++generation;
    const nodes: AttributableNode[] = [];
    for (const c of o.collector.clusters()) {
      const spec = o.collector.spec(c.id);
      for (const n of spec?.nodes ?? []) {
        const hosts = new Set([n.host, n.ssh.host, n.snmp.host, n.soap.host].filter((h): h is string => typeof h === 'string' && h !== ''));
        const addresses = (await Promise.all([...hosts].map(addressesOf))).flat();
        nodes.push({ cluster: c.id, node: n.name, addresses: [...hosts, ...addresses] });
      }
    }
    if (mine === generation) attribution.update(nodes);
  };

  // Simulated clusters are pointed at the receivers over their admin CLI (the collector's pooled SSH sessions).
  const cli: ClusterNodesCli = {
    cluster: (id) => {
      const spec = o.collector.spec(id);
      return spec ? { simulated: spec.simulated, nodes: spec.nodes.map((n) => ({ name: n.name, host: n.host })) } : undefined;
    },
    run: async (cluster, node, command) => {
      const r = await o.collector.runCli(cluster, node, command, 15_000);
      if (!r.ok) throw r.error;
      return r.output;
    },
    enableSyslogTraps: async (cluster, node) => enableClogNotifications(o.collector.node(cluster, node).targets.snmp),
  };
  const configureNodes = (cluster: string) => {
    const ports = { syslogUdp: receivers.port('syslog-udp'), syslogTcp: receivers.port('syslog-tcp'), trap: receivers.port('snmp-trap') };
    return configureClusterNodes(cluster, cli, receivers.settings, ports);
  };
  /** Simulated clusters configured (or being configured): when a later cluster change may try again. */
  const configured = new Map<string, number>();
  const running = new Set<Promise<void>>();
  // Disposed before the receivers and the collector: a configuration under way ends first.
  o.store.add({ dispose: async () => void (await Promise.allSettled([...running])) });
  const configureSimulatedCluster = (id: string): Promise<void> => {
    const p = configureOnce(id).finally(() => running.delete(p));
    running.add(p);
    return p;
  };
  let runs = 0;
  const latestRun = new Map<string, number>();
  const configureOnce = async (id: string): Promise<void> => {
    const run = ++runs;
    latestRun.set(id, run);
    configured.set(id, Number.POSITIVE_INFINITY);
    let problem: string | undefined;
    try {
      const failed = (await configureNodes(id)).filter((r) => !r.ok);
      if (failed.length > 0) problem = failed.map((r) => `${r.node}: ${r.error}`).join('; ');
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    // A later run (the cluster was replaced meanwhile) decides; a cluster removed meanwhile is not a problem.
    if (latestRun.get(id) !== run || !o.collector.spec(id)) return;
    if (problem === undefined) return;
    warn(`simulated cluster ${id}: ${problem}`);
    configured.set(id, Date.now() + 30_000); // a node down now: tried again with a cluster change 30 s on
  };

  let known = '';
  o.store.add(o.collector.onDidChangeNodes((clusters) => {
    const key = clusters.map((c) => `${c.id}:${c.nodes.map((n) => `${n.name}@${n.host}`).join(',')}`).join(';');
    if (key !== known) {
      known = key;
      resolver.forget();
      void refreshAttribution();
    }
    for (const id of [...configured.keys()]) if (!clusters.some((c) => c.id === id)) configured.delete(id);
    if (o.configureSimulated ?? true) for (const c of clusters) if (c.simulated && Date.now() >= (configured.get(c.id) ?? 0)) void configureSimulatedCluster(c.id);
  }));
  await refreshAttribution();
  if (o.configureSimulated ?? true) for (const c of o.collector.clusters()) if (c.simulated) void configureSimulatedCluster(c.id);

  const service = createReceiversService({
    receivers,
    file,
    launchOverride: Object.keys(overrides).length > 0,
    configureNodes,
    onDidSave: () => {
      if (!(o.configureSimulated ?? true)) return;
      for (const c of o.collector.clusters()) if (c.simulated) void configureSimulatedCluster(c.id);
    },
  });
  return { service, syslogService: createSyslogService({ syslog, entries: syslogEntries }), syslog, syslogEntries, receivers, attribution, refreshAttribution };
}
