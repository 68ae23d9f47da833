import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_ENDPOINT_PORTS, type AcceptedKey, type ClusterInput, type ClusterNodeInput, type ConnectionTestResult, type EndpointPorts, type SnmpCredentialsInput } from '../../../../shared/model/clusters.js';
import { integerArg } from '../../base/commandLine.js';
import { recordCliChange } from '../../audit/cliChange.js';
import { AppError } from '../../base/errors.js';
import { confirmImpact } from '../conventions/confirmImpact.js';
import type { Column } from '../conventions/outputFormat.js';
import { defineVerb, type VerbContext } from '../conventions/verb.js';
import { consentTo, openClusterAdmin, refuseWhileAppRuns, type ConsentOptions } from './clustersAdmin.js';

/**
 * `imp clusters add|test|remove` (issue 15 "Command line"): the Add cluster form on the command line, through
 * HCL's ClusterAdmin on the data folder — identify the publisher (fingerprints shown for consent), discover the
 * nodes from it (`show network cluster`), identify the other nodes, save (secrets to the credential store, keys
 * pinned); test a saved cluster per node and protocol; remove one with its secrets and pins.
 */

const port = integerArg(1, 65_535, 'needs a port 1-65535');

/** `--node NAME=HOST[:SSH,SOAP,SNMP]`: a node's address (a NAT address) and ports (empty keeps the cluster's). */
export function nodeOverrideArg(value: string, previous: NodeOverride[] = []): NodeOverride[] {
  const m = /^([^=\s]+)=([^:\s]+)(?::(\d*),(\d*),(\d*))?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`needs NAME=HOST or NAME=HOST:SSH,SOAP,SNMP (a port left empty is the cluster's), got ${value === '' ? 'nothing' : value}`);
  const ports: { -readonly [K in keyof EndpointPorts]?: number } = {};
  (['ssh', 'soap', 'snmp'] as const).forEach((k, i) => {
    const p = m[3 + i];
    if (p !== undefined && p !== '') ports[k] = port(p);
  });
  if (previous.some((o) => o.name.toLowerCase() === m[1]!.toLowerCase())) throw new InvalidArgumentError(`names node ${m[1]} twice`);
  return [...previous, { name: m[1]!, host: m[2]!, ports }];
}

/** `--ova NODE=USERS`: the users of a node's OVA (the guide's sizes, L6977-7017). */
export function ovaArg(value: string, previous: Array<{ node: string; users: number }> = []): Array<{ node: string; users: number }> {
  const m = /^([^=\s]+)=(\d+)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`needs NODE=USERS (e.g. imp-sub1=15000), got ${value === '' ? 'nothing' : value}`);
  return [...previous, { node: m[1]!, users: Number(m[2]) }];
}

/** A node override of --node. */
export interface NodeOverride {
  readonly name: string;
  readonly host: string;
  readonly ports: Partial<EndpointPorts>;
}

interface AddOptions extends ConsentOptions {
  name: string;
  publisher: string;
  sshPort?: number;
  soapPort?: number;
  snmpPort?: number;
  adminUser: string;
  appUser: string;
  snmpUser?: string;
  authProtocol: 'sha' | 'md5';
  privProtocol: 'aes';
  node?: NodeOverride[];
  ova?: Array<{ node: string; users: number }>;
  communityEnv?: string;
  authKeyEnv?: string;
  privKeyEnv?: string;
}

/** One row of add's output: a saved node. */
interface NodeRow {
  readonly cluster: string;
  readonly node: string;
  readonly host: string;
  readonly role: string;
  readonly ssh: number;
  readonly soap: number;
  readonly snmp: number;
  readonly ovaUsers: number | null;
}

const nodeColumns: Column<NodeRow>[] = [
  { header: 'CLUSTER', value: (r) => r.cluster },
  { header: 'NODE', value: (r) => r.node },
  { header: 'HOST', value: (r) => r.host },
  { header: 'ROLE', value: (r) => r.role },
  { header: 'SSH', value: (r) => r.ssh },
  { header: 'SOAP', value: (r) => r.soap },
  { header: 'SNMP', value: (r) => r.snmp },
  { header: 'OVA USERS', value: (r) => r.ovaUsers },
];

const CONSENT_HELP = `Fingerprints: the SSH host key and the certificate of the publisher, then of every node it lists, are printed on
stderr. One already pinned needs nothing; a new one is accepted at a terminal (Proceed? [y/N]), or in a script with
--accept-fingerprint FP (repeat it; the SHA256:… of an SSH key, the hex of a certificate, as printed) or --yes
(every NEW fingerprint). A CHANGED fingerprint (the pinned one is printed beside it) is accepted only at a terminal
or with --accept-fingerprint naming it. Without a terminal and without them: exit 2.`;

async function snmpInput(ctx: VerbContext<AddOptions>): Promise<SnmpCredentialsInput> {
  const o = ctx.options;
  if (o.snmpUser === undefined) {
    if (o.authKeyEnv !== undefined || o.privKeyEnv !== undefined) return ctx.usageError('error: --auth-key-env and --priv-key-env go with --snmp-user (SNMPv3)');
    return { version: '2c', community: await ctx.secret('community') };
  }
  if (o.communityEnv !== undefined) return ctx.usageError('error: --community-env (SNMP v2c) and --snmp-user (SNMPv3) do not go together');
  return { version: '3', user: o.snmpUser, authProtocol: o.authProtocol, authKey: await ctx.secret('auth-key'), privProtocol: o.privProtocol, privKey: await ctx.secret('priv-key') };
}

export const add = defineVerb<AddOptions, NodeRow>({
  name: 'add',
  summary: 'add a cluster by its publisher: fingerprints accepted, nodes discovered (show network cluster), saved to the data folder',
  output: true,
  secrets: [
    { name: 'admin-password', what: 'the OS administrator password (admin CLI over SSH)' },
    { name: 'app-password', what: 'the application user password (Serviceability SOAP)' },
    { name: 'community', what: 'the SNMP v2c community' },
    { name: 'auth-key', what: 'the SNMPv3 authentication key' },
    { name: 'priv-key', what: 'the SNMPv3 privacy key' },
  ],
  help: `Every node gets the publisher's ports unless --node gives its own (a lab behind NAT; a simulated cluster on its
own ports). Settings go to <data-dir>/clusters.json, secrets only to the data folder's credential store, the
accepted keys to its pins; a failed add leaves nothing behind. The app reads saved clusters when it starts, so
the command refuses while an app runs on the data folder (add the cluster in the app then).
${CONSENT_HELP}
--format json prints the saved nodes: [{cluster, node, host, role, ssh, soap, snmp, ovaUsers}].
Exit codes: 0 saved; 1 failure (wrong password, unreachable, a name already saved …), one line on stderr;
2 bad usage.`,
  options: (c) => {
    c.requiredOption('--name <NAME>', "the cluster's name (its id is made from it)");
    c.requiredOption('--publisher <HOST>', "the IM and Presence publisher's address");
    c.addOption(new Option('--ssh-port <PORT>', `admin CLI port (default ${DEFAULT_ENDPOINT_PORTS.ssh})`).argParser(port));
    c.addOption(new Option('--soap-port <PORT>', `Serviceability HTTPS port (default ${DEFAULT_ENDPOINT_PORTS.soap})`).argParser(port));
    c.addOption(new Option('--snmp-port <PORT>', `SNMP port (default ${DEFAULT_ENDPOINT_PORTS.snmp})`).argParser(port));
    c.requiredOption('--admin-user <USER>', 'OS administrator (admin CLI over SSH)');
    c.requiredOption('--app-user <USER>', 'application user with the Standard AXL/Serviceability roles (SOAP)');
    c.option('--snmp-user <USER>', 'SNMPv3 user (SNMP v2c with --community-env when not given)');
    c.addOption(new Option('--auth-protocol <P>', 'SNMPv3 authentication').choices(['sha', 'md5']).default('sha'));
    c.addOption(new Option('--priv-protocol <P>', 'SNMPv3 privacy').choices(['aes']).default('aes'));
    c.addOption(new Option('--node <NAME=HOST[:SSH,SOAP,SNMP]>', "a node's own address and ports (repeat; a port left empty is the cluster's)").argParser(nodeOverrideArg));
    c.addOption(new Option('--ova <NODE=USERS>', "an IM&P node's OVA users when the node does not tell (repeat)").argParser(ovaArg));
    c.addOption(new Option('--accept-fingerprint <FP>', 'accept this SSH host key or certificate fingerprint (repeat)').argParser((v: string, prev: string[] = []) => [...prev, v]));
    c.option('--yes', 'accept every NEW fingerprint presented (never a changed one)');
    c.addOption(new Option('--data-dir <DIR>', "state folder the cluster is saved in (default: the app's, $IMP_MONITOR_STATE_DIR or ~/.imp-monitor)"));
  },
  run: async (ctx) => {
    const o = ctx.options;
    const dataDir = ctx.where.dataDir;
    const snmp = await snmpInput(ctx);
    refuseWhileAppRuns(dataDir);
    const ports: EndpointPorts = { ssh: o.sshPort ?? DEFAULT_ENDPOINT_PORTS.ssh, soap: o.soapPort ?? DEFAULT_ENDPOINT_PORTS.soap, snmp: o.snmpPort ?? DEFAULT_ENDPOINT_PORTS.snmp };
    const overrides = o.node ?? [];
    const base: ClusterInput = {
      name: o.name,
      publisherHost: o.publisher,
      ports,
      adminUsername: o.adminUser,
      adminPassword: await ctx.secret('admin-password'),
      appUsername: o.appUser,
      appPassword: await ctx.secret('app-password'),
      snmp,
      // Typed overrides reach discovery by name (their role is the one discovery finds).
      nodes: overrides.map((n) => ({ name: n.name, host: n.host, role: 'imp-subscriber', ...(Object.keys(n.ports).length > 0 ? { ports: n.ports } : {}) })),
    };
    const admin = await openClusterAdmin(dataDir, ctx.log);

    ctx.log(`identifying the publisher ${o.publisher} (SSH ${ports.ssh}, HTTPS ${ports.soap})…`);
    const accepted: AcceptedKey[] = await consentTo(ctx, await admin.identify([{ host: o.publisher, sshPort: ports.ssh, soapPort: ports.soap }]));
    ctx.log('discovering the nodes (show network cluster)…');
    const discovered = await admin.discover(base, accepted);
    for (const n of overrides) if (!discovered.some((d) => d.name.toLowerCase() === n.name.toLowerCase())) throw new AppError('VALIDATION', `--node ${n.name}: the publisher lists no such node (it lists ${discovered.map((d) => d.name).join(', ')})`);
    for (const v of o.ova ?? []) if (!discovered.some((d) => d.name.toLowerCase() === v.node.toLowerCase())) throw new AppError('VALIDATION', `--ova ${v.node}: the publisher lists no such node (it lists ${discovered.map((d) => d.name).join(', ')})`);
    const others = discovered.filter((n) => !(n.host === o.publisher && n.ports.ssh === ports.ssh && n.ports.soap === ports.soap));
    if (others.length > 0) {
      ctx.log(`identifying ${others.length} more node${others.length === 1 ? '' : 's'}…`);
      accepted.push(...(await consentTo(ctx, await admin.identify(others.map((n) => ({ host: n.host, sshPort: n.ports.ssh, soapPort: n.ports.soap }))))));
    }
    const nodes: ClusterNodeInput[] = discovered.map((n) => {
      const own = (['ssh', 'soap', 'snmp'] as const).filter((k) => n.ports[k] !== ports[k]);
      const ova = o.ova?.find((v) => v.node.toLowerCase() === n.name.toLowerCase())?.users;
      return { name: n.name, host: n.host, role: n.role, ...(own.length > 0 ? { ports: Object.fromEntries(own.map((k) => [k, n.ports[k]])) } : {}), ...(ova !== undefined ? { ovaUsers: ova } : {}) };
    });
    const ovaOf = new Map(discovered.map((n) => [n.name, n.ova?.users]));
    // Recorded in the data folder's audit log as the app records clusters.save (issue 16); the secrets are not params.
    const auditParams = { name: base.name, publisherHost: base.publisherHost, ports, adminUsername: base.adminUsername, appUsername: base.appUsername, snmpVersion: snmp.version, nodes: nodes.map((n) => n.name), pinned: accepted.length };
    const saved = await recordCliChange(dataDir, { action: 'clusters.save', target: base.name, params: auditParams }, () => admin.save({ ...base, nodes }, accepted), { credentials: admin.folderCredentials });
    ctx.log(`saved cluster ${saved.config.id} (${saved.config.name}) with ${nodes.length} nodes in ${dataDir}; the app polls it from its next start`);
    return {
      rows: saved.config.nodes.map((n) => {
        const p = { ...saved.config.ports, ...n.ports };
        return { cluster: saved.config.id, node: n.name, host: n.host, role: n.role, ssh: p.ssh, soap: p.soap, snmp: p.snmp, ovaUsers: n.ovaUsers ?? ovaOf.get(n.name) ?? null };
      }),
      columns: nodeColumns,
    };
  },
});

const testColumns: Column<ConnectionTestResult>[] = [
  { header: 'NODE', value: (r) => r.node },
  { header: 'HOST', value: (r) => r.host },
  { header: 'PROTOCOL', value: (r) => r.protocol },
  { header: 'PORT', value: (r) => r.port },
  { header: 'OK', value: (r) => r.ok },
  { header: 'MS', value: (r) => r.latencyMs },
  { header: 'ERROR', value: (r) => r.error?.kind },
  { header: 'DETAIL', value: (r) => r.error?.message ?? r.detail },
];

export const test = defineVerb<Record<string, unknown>, ConnectionTestResult>({
  name: 'test',
  summary: 'test a saved cluster: SSH, SOAP and SNMP towards every node, with what to do when one fails',
  output: true,
  help: `--format json prints [{node, host, protocol, port, ok, latencyMs?, detail?, error?: {kind, code, message, retryable}}];
error kinds: wrongPassword, rateLimited, certificateUnknown, hostKeyChanged, portClosed, timedOut, unreachable,
noAnswer (SNMP: wrong community or port), other.
Exit codes: 0 every test passed; 1 one failed (the table first, then one line on stderr) or the cluster is not
saved; 2 bad usage.`,
  options: (c) => {
    c.argument('<ID>', 'the saved cluster (its id)');
    c.addOption(new Option('--data-dir <DIR>', "state folder the cluster is saved in (default: the app's, $IMP_MONITOR_STATE_DIR or ~/.imp-monitor)"));
  },
  run: async (ctx) => {
    const admin = await openClusterAdmin(ctx.where.dataDir, ctx.log);
    const results = await admin.testSaved(ctx.args[0]!);
    const failed = results.filter((r) => !r.ok);
    return {
      rows: results,
      columns: testColumns,
      ...(failed.length > 0 ? { failure: `${failed.length} of ${results.length} connection tests failed: ${failed.map((r) => `${r.node} ${r.protocol}: ${r.error?.kind ?? 'failed'}`).join('; ')}` } : {}),
    };
  },
});

interface RemoveRow {
  readonly id: string;
  readonly name: string;
  readonly publisher: string;
  readonly nodeCount: number;
}

export const remove = defineVerb<{ yes?: boolean }, RemoveRow>({
  name: 'remove',
  summary: 'remove a saved cluster: its settings, its secrets and the pins no other cluster uses',
  output: true,
  help: `Asks Proceed? [y/N] at a terminal; --yes confirms in a script (without a terminal and without --yes: exit 2).
Refused while an app runs on the data folder (remove it in the app then). Prints the removed cluster
{id, name, publisher, nodeCount}.
Exit codes: 0 removed; 1 failure (no such cluster, not confirmed), one line on stderr; 2 bad usage.`,
  options: (c) => {
    c.argument('<ID>', 'the saved cluster (its id)');
    c.option('--yes', 'confirm without asking');
    c.addOption(new Option('--data-dir <DIR>', "state folder the cluster is saved in (default: the app's, $IMP_MONITOR_STATE_DIR or ~/.imp-monitor)"));
  },
  run: async (ctx) => {
    const id = ctx.args[0]!;
    refuseWhileAppRuns(ctx.where.dataDir);
    const admin = await openClusterAdmin(ctx.where.dataDir, ctx.log);
    const c = admin.configs().find((x) => x.id === id);
    if (!c) throw new AppError('NOT_FOUND', `no saved cluster ${id} in ${ctx.where.dataDir} (saved: ${admin.configs().map((x) => x.id).join(', ') || 'none'})`);
    const answer = await confirmImpact(ctx.io, `Removing cluster ${c.id} (${c.name}, publisher ${c.publisherHost}, ${c.nodes.length} nodes): its settings, its secrets and the pins no other cluster uses are deleted.`, ctx.options.yes === true);
    if (answer === 'noTerminal') return ctx.usageError('error: no terminal to confirm the removal: add --yes to confirm it');
    if (answer === 'declined') return { rows: [], columns: [], failure: 'not confirmed: nothing was removed' };
    await recordCliChange(ctx.where.dataDir, { action: 'clusters.remove', target: id, params: { id, name: c.name, publisherHost: c.publisherHost } }, () => admin.remove(id), { credentials: admin.folderCredentials });
    return {
      rows: [{ id: c.id, name: c.name, publisher: c.publisherHost, nodeCount: c.nodes.length }],
      columns: [
        { header: 'ID', value: (r) => r.id },
        { header: 'NAME', value: (r) => r.name },
        { header: 'PUBLISHER', value: (r) => r.publisher },
        { header: 'NODES', value: (r) => r.nodeCount },
      ],
    };
  },
});
