import type { ClusterModel } from '../clusterModel.js';
import type { SimNode } from '../node/simNode.js';
import type { DiagnosticItem, DiagnosticModuleName } from './diagnosticsState.js';

// The modules of `utils diagnose` (serviceability-reference D.9: the platform's disk_space, service_manager and
// tomcat with their descriptions; "later releases have more modules"). The IM&P modules, their checks and
// wording are designed: no real sample (reports-design.md "utils diagnose").

/** Result word of a module. */
export type DiagnoseResult = 'Passed' | 'Failed' | 'Warning' | 'Skipped';

/** One checked item: `<item>  <state>[: detail]`. */
export interface DiagnoseItemResult {
  readonly item: string;
  readonly state: string;
  readonly detail?: string;
}

/** A module's outcome. */
export interface DiagnoseOutcome {
  readonly result: DiagnoseResult;
  readonly detail?: string;
  readonly items: readonly DiagnoseItemResult[];
}

/** A module: name, the description `utils diagnose list` prints, its check. */
export interface DiagnoseModule {
  readonly name: string;
  readonly description: string;
  readonly imp: boolean;
  run(model: ClusterModel, node: SimNode): DiagnoseOutcome;
}

/** Partitions above this use fail disk_space (ours). */
const DISK_FULL_PCT = 90;
/** The Sync Agent's sync period (ours): "last sync" is the last multiple of it since the service started. */
const SYNC_PERIOD_MS = 30 * 60_000;

const pad2 = (n: number): string => String(n).padStart(2, '0');
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function serviceCheck(service: string, failText: string): DiagnoseModule['run'] {
  return (_model, node) => (node.services.isRunning(service) ? { result: 'Passed', items: [] } : { result: 'Failed', detail: failText, items: [] });
}

/** A module over configured servers: Skipped when none, Failed when any is unreachable. */
function serversCheck(module: DiagnosticModuleName, what: string, none: string): DiagnoseModule['run'] {
  return (model) => {
    const list = model.diagnostics.items(module);
    if (list.length === 0) return { result: 'Skipped', detail: none, items: [] };
    const items = list.map((i) => (i.healthy ? { item: i.name, state: 'reachable' } : { item: i.name, state: 'unreachable', detail: 'connection timed out' }));
    const bad = list.filter((i) => !i.healthy).length;
    return bad === 0 ? { result: 'Passed', items } : { result: 'Failed', detail: `${bad} of ${list.length} ${what} unreachable`, items };
  };
}

function syncAgent(model: ClusterModel): DiagnoseOutcome {
  const pub = model.impPublisher();
  const s = pub.services.get('Cisco Sync Agent');
  const now = model.now();
  const running = pub.reachable && pub.services.isRunning('Cisco Sync Agent');
  const since = s?.startedAtMs ?? s?.sinceMs ?? now;
  const last = running ? now - ((now - since) % SYNC_PERIOD_MS) : (s?.sinceMs ?? now);
  const detail = `last sync ${stamp(last)} UTC, ${model.users.users.length} users`;
  const item = { item: `Cisco Sync Agent on ${pub.name}`, state: running ? 'running' : pub.reachable ? 'stopped' : 'unreachable' };
  return { result: running ? 'Passed' : 'Failed', detail, items: [item] };
}

function intercluster(model: ClusterModel, node: SimNode): DiagnoseOutcome {
  const peers = model.diagnostics.items('intercluster');
  if (peers.length === 0) return { result: 'Skipped', detail: 'no intercluster peer configured', items: [] };
  if (!node.services.isRunning('Cisco Intercluster Sync Agent')) {
    return { result: 'Failed', detail: 'Cisco Intercluster Sync Agent is not running', items: peers.map((p) => ({ item: p.name, state: 'failed', detail: 'service not running' })) };
  }
  const items = peers.map((p: DiagnosticItem) => ({ item: p.name, state: p.healthy ? 'connected' : 'failed', detail: `certificate exchanged ${p.certificateExchanged === false ? 'no' : 'yes'}` }));
  const failed = peers.filter((p) => !p.healthy).length;
  const noCert = peers.filter((p) => p.healthy && p.certificateExchanged === false).length;
  if (failed > 0) return { result: 'Failed', detail: `${failed} of ${peers.length} intercluster peers not connected`, items };
  if (noCert > 0) return { result: 'Warning', detail: `${noCert} of ${peers.length} intercluster peers without exchanged certificates`, items };
  return { result: 'Passed', items };
}

function externalServers(model: ClusterModel): DiagnoseOutcome {
  if (!model.profile.features.managedFileTransfer) return { result: 'Skipped', detail: 'no external servers configured', items: [] };
  const { mft } = model;
  const items: DiagnoseItemResult[] = [
    mft.mounted ? { item: 'external file server', state: 'mounted', detail: `${mft.freePct}% free` } : { item: 'external file server', state: 'unreachable', detail: 'not mounted' },
    mft.dbConnected ? { item: 'external database', state: mft.dbFull ? 'full' : 'connected' } : { item: 'external database', state: 'unreachable', detail: 'connection failed' },
  ];
  const bad = (mft.mounted ? 0 : 1) + (mft.dbConnected ? 0 : 1);
  if (bad > 0) return { result: 'Failed', detail: `${bad} of 2 external servers unreachable`, items };
  if (mft.dbFull) return { result: 'Warning', detail: 'external database full', items };
  if (mft.freePct < model.profile.features.mftFreeSpaceLowerPct) return { result: 'Warning', detail: `external file server ${mft.freePct}% free`, items };
  return { result: 'Passed', items };
}

/** Every module, in `utils diagnose list` order. */
export const DIAGNOSE_MODULES: readonly DiagnoseModule[] = [
  {
    name: 'disk_space',
    description: 'Check available disk space as well as any unusual disk usage',
    imp: false,
    run: (_model, node) => {
      const full = node.metrics.partitions.filter((p) => p.mount !== 'swap' && (p.usedMb / p.totalMb) * 100 > DISK_FULL_PCT);
      return full.length === 0 ? { result: 'Passed', items: [] } : { result: 'Failed', detail: `${full.map((p) => `${p.mount} ${Math.round((p.usedMb / p.totalMb) * 100)}% used`).join(', ')}`, items: [] };
    },
  },
  { name: 'service_manager', description: 'Check if service manager is running', imp: false, run: serviceCheck('Cisco Service Manager', 'Service Manager is not running') },
  { name: 'tomcat', description: 'Check if Tomcat is deadlocked or not running', imp: false, run: serviceCheck('Cisco Tomcat', 'Tomcat is not running') },
  { name: 'sync_agent', description: 'Check that the Cisco Sync Agent runs and when it last synchronised users', imp: true, run: (model) => syncAgent(model) },
  { name: 'ldap', description: 'Check connectivity to the configured LDAP servers', imp: true, run: serversCheck('ldap', 'LDAP servers', 'no LDAP server configured') },
  { name: 'third_party_ldap', description: 'Check connectivity to the third-party XMPP client LDAP servers', imp: true, run: serversCheck('third_party_ldap', 'third-party LDAP servers', 'no third-party LDAP server configured') },
  { name: 'intercluster', description: 'Check intercluster peer connections and certificate exchange', imp: true, run: intercluster },
  { name: 'external_servers', description: 'Check the Managed File Transfer external file server and external database', imp: true, run: (model) => externalServers(model) },
  { name: 'calendar', description: 'Check connectivity to the calendar (Exchange) servers', imp: true, run: serversCheck('calendar', 'calendar servers', 'no calendar server configured') },
  { name: 'compliance', description: 'Check connectivity to the compliance servers', imp: true, run: serversCheck('compliance', 'compliance servers', 'no compliance server configured') },
  { name: 'msrcc', description: 'Check the Microsoft Remote Call Control gateways', imp: true, run: serversCheck('msrcc', 'Microsoft RCC gateways', 'Microsoft RCC not configured') },
];

/** The modules a node has: the platform's, and on IM&P nodes the IM&P ones. */
export function diagnoseModulesOf(node: SimNode): DiagnoseModule[] {
  return DIAGNOSE_MODULES.filter((m) => !m.imp || !node.isCucm);
}
