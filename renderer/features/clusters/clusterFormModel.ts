/**
 * The Add/Edit cluster form as data (issue 15): the fields a person types (strings, as inputs hold them), what is
 * wrong with them, the ClusterInput they make, the endpoints to identify, the fingerprints accepted, and the
 * connection-error words. Pure: ClusterForm.tsx and the tests use it. Secrets live here only while the form is
 * open; an edit starts with empty password fields (empty = keep the stored one).
 */
import type {
  AcceptedKey,
  ClusterConfigView,
  ClusterInput,
  ClusterNodeInput,
  ConnectionErrorKind,
  DiscoveredNode,
  EndpointIdentity,
  EndpointPorts,
  IdentifyTarget,
} from '../../../shared/model/clusters.js';
import { DEFAULT_ENDPOINT_PORTS } from '../../../shared/model/clusters.js';
import type { NodeRole } from '../../../shared/model/cluster.js';
import type { MessageKey } from '../../i18n/messages.js';
import { OVA_SIZES } from '../imp/impCounters.js';

/** OVA sizes (users) a person can set for an IM&P node: those with a tested JSM figure (guide L6977-7017). */
export const OVA_CHOICES = OVA_SIZES;

/** One node row of the form (ports as typed; '' = the cluster's). */
export interface NodeRow {
  readonly name: string;
  readonly role: NodeRole;
  readonly host: string;
  readonly ssh: string;
  readonly soap: string;
  readonly snmp: string;
  /** '' = read from the node (or unknown); else the users of the OVA set by a person. */
  readonly ovaUsers: string;
  /** The OVA the node reported at discovery. */
  readonly discoveredOva?: number;
}

/** The form's fields. */
export interface ClusterFormState {
  readonly id?: string;
  readonly name: string;
  readonly publisherHost: string;
  readonly ssh: string;
  readonly soap: string;
  readonly snmp: string;
  readonly adminUsername: string;
  readonly adminPassword: string;
  readonly appUsername: string;
  readonly appPassword: string;
  readonly snmpVersion: '2c' | '3';
  readonly community: string;
  readonly snmpUser: string;
  readonly authProtocol: 'sha' | 'md5';
  readonly authKey: string;
  readonly privProtocol: 'aes' | 'des';
  readonly privKey: string;
  readonly nodes: readonly NodeRow[];
  /** What is stored for an edited cluster (to know which empty secret may stay empty). */
  readonly stored?: { readonly admin: boolean; readonly app: boolean; readonly community: boolean; readonly authKey: boolean; readonly privKey: boolean };
}

/** A field the form can find wrong. */
export type FormProblem = 'name' | 'publisherHost' | 'ports' | 'adminUsername' | 'adminPassword' | 'appUsername' | 'appPassword' | 'community' | 'snmpUser' | 'authKey' | 'privKey' | 'nodes';

/** An empty Add form (Cisco's ports). */
export function emptyForm(): ClusterFormState {
  return {
    name: '',
    publisherHost: '',
    ssh: String(DEFAULT_ENDPOINT_PORTS.ssh),
    soap: String(DEFAULT_ENDPOINT_PORTS.soap),
    snmp: String(DEFAULT_ENDPOINT_PORTS.snmp),
    adminUsername: '',
    adminPassword: '',
    appUsername: '',
    appPassword: '',
    snmpVersion: '2c',
    community: '',
    snmpUser: '',
    authProtocol: 'sha',
    authKey: '',
    privProtocol: 'aes',
    privKey: '',
    nodes: [],
  };
}

function portText(ports: Partial<EndpointPorts> | undefined, key: keyof EndpointPorts): string {
  const p = ports?.[key];
  return p === undefined ? '' : String(p);
}

/** The Edit form of a saved cluster: no secret, empty password fields keep the stored ones. */
export function formFromConfig(c: ClusterConfigView): ClusterFormState {
  const snmp = c.snmp;
  return {
    ...emptyForm(),
    id: c.id,
    name: c.name,
    publisherHost: c.publisherHost,
    ssh: String(c.ports.ssh),
    soap: String(c.ports.soap),
    snmp: String(c.ports.snmp),
    adminUsername: c.adminUsername,
    appUsername: c.appUsername,
    snmpVersion: snmp.version,
    snmpUser: snmp.version === '3' ? snmp.user : '',
    authProtocol: snmp.version === '3' ? snmp.authProtocol : 'sha',
    privProtocol: snmp.version === '3' ? snmp.privProtocol : 'aes',
    nodes: c.nodes.map((n) => ({ name: n.name, role: n.role, host: n.host, ssh: portText(n.ports, 'ssh'), soap: portText(n.ports, 'soap'), snmp: portText(n.ports, 'snmp'), ovaUsers: n.ovaUsers === undefined ? '' : String(n.ovaUsers) })),
    stored: {
      admin: c.hasAdminPassword,
      app: c.hasAppPassword,
      community: snmp.version === '2c' && snmp.hasCommunity,
      authKey: snmp.version === '3' && snmp.hasAuthKey,
      privKey: snmp.version === '3' && snmp.hasPrivKey,
    },
  };
}

/** A port as typed, or undefined when it is not 1-65535. */
export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= 1 && n <= 65535 ? n : undefined;
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:]+\]?$/;

/** Whether a host name or address looks usable (letters, digits, dots, dashes; or an IPv6 address). */
export function validHost(text: string): boolean {
  return HOST.test(text.trim());
}

/** What is wrong with the form; empty when it can be sent (no node yet is fine: they are discovered). */
export function formProblems(f: ClusterFormState): FormProblem[] {
  const out: FormProblem[] = [];
  const name = f.name.trim();
  if (name === '' || name.length > 64 || !/^[\p{L}\p{N} ._-]+$/u.test(name)) out.push('name');
  if (!validHost(f.publisherHost)) out.push('publisherHost');
  if (![f.ssh, f.soap, f.snmp].every((p) => parsePort(p) !== undefined)) out.push('ports');
  if (f.adminUsername.trim() === '') out.push('adminUsername');
  if (f.adminPassword === '' && !f.stored?.admin) out.push('adminPassword');
  if (f.appUsername.trim() === '') out.push('appUsername');
  if (f.appPassword === '' && !f.stored?.app) out.push('appPassword');
  if (f.snmpVersion === '2c') {
    if (f.community === '' && !f.stored?.community) out.push('community');
  } else {
    if (f.snmpUser.trim() === '') out.push('snmpUser');
    if (f.authKey === '' ? !f.stored?.authKey : f.authKey.length < 8) out.push('authKey');
    if (f.privKey === '' ? !f.stored?.privKey : f.privKey.length < 8) out.push('privKey');
  }
  const badNode = f.nodes.some((n) => !validHost(n.host) || [n.ssh, n.soap, n.snmp].some((p) => p.trim() !== '' && parsePort(p) === undefined) || (n.ovaUsers !== '' && !(Number(n.ovaUsers) > 0)));
  if (badNode) out.push('nodes');
  return out;
}

/** The message key of each problem. */
export const PROBLEM_MESSAGE: Readonly<Record<FormProblem, MessageKey>> = {
  name: 'clusters.bad.name',
  publisherHost: 'clusters.bad.host',
  ports: 'clusters.bad.ports',
  adminUsername: 'clusters.bad.user',
  adminPassword: 'clusters.bad.password',
  appUsername: 'clusters.bad.user',
  appPassword: 'clusters.bad.password',
  community: 'clusters.bad.community',
  snmpUser: 'clusters.bad.user',
  authKey: 'clusters.bad.key',
  privKey: 'clusters.bad.key',
  nodes: 'clusters.bad.nodes',
};

/** The cluster's ports (the form must be free of 'ports' problems). */
export function clusterPorts(f: ClusterFormState): EndpointPorts {
  return { ssh: parsePort(f.ssh) ?? DEFAULT_ENDPOINT_PORTS.ssh, soap: parsePort(f.soap) ?? DEFAULT_ENDPOINT_PORTS.soap, snmp: parsePort(f.snmp) ?? DEFAULT_ENDPOINT_PORTS.snmp };
}

/** A node's ports: its own where typed, else the cluster's. */
export function nodePorts(f: ClusterFormState, n: NodeRow): EndpointPorts {
  const c = clusterPorts(f);
  return { ssh: parsePort(n.ssh) ?? c.ssh, soap: parsePort(n.soap) ?? c.soap, snmp: parsePort(n.snmp) ?? c.snmp };
}

function nodeInput(f: ClusterFormState, n: NodeRow): ClusterNodeInput {
  const c = clusterPorts(f);
  const own = nodePorts(f, n);
  const ports: Partial<{ -readonly [K in keyof EndpointPorts]: number }> = {};
  for (const k of ['ssh', 'soap', 'snmp'] as const) if (own[k] !== c[k]) ports[k] = own[k];
  return {
    name: n.name,
    host: n.host.trim(),
    role: n.role,
    ...(Object.keys(ports).length > 0 ? { ports } : {}),
    ...(n.ovaUsers !== '' ? { ovaUsers: Number(n.ovaUsers) } : {}),
  };
}

/** The ClusterInput of the form: secrets only when typed (empty ones keep the stored ones in an edit). */
export function toClusterInput(f: ClusterFormState): ClusterInput {
  const snmp: ClusterInput['snmp'] =
    f.snmpVersion === '2c'
      ? { version: '2c', ...(f.community !== '' ? { community: f.community } : {}) }
      : {
          version: '3',
          user: f.snmpUser.trim(),
          authProtocol: f.authProtocol,
          ...(f.authKey !== '' ? { authKey: f.authKey } : {}),
          privProtocol: f.privProtocol,
          ...(f.privKey !== '' ? { privKey: f.privKey } : {}),
        };
  return {
    ...(f.id ? { id: f.id } : {}),
    name: f.name.trim(),
    publisherHost: f.publisherHost.trim(),
    ports: clusterPorts(f),
    adminUsername: f.adminUsername.trim(),
    ...(f.adminPassword !== '' ? { adminPassword: f.adminPassword } : {}),
    appUsername: f.appUsername.trim(),
    ...(f.appPassword !== '' ? { appPassword: f.appPassword } : {}),
    snmp,
    nodes: f.nodes.map((n) => nodeInput(f, n)),
  };
}

/** The endpoints whose keys are shown for consent: the publisher's, then every node's (each host:ports once). */
export function identifyTargets(f: ClusterFormState): IdentifyTarget[] {
  const c = clusterPorts(f);
  const all: IdentifyTarget[] = [{ host: f.publisherHost.trim(), sshPort: c.ssh, soapPort: c.soap }];
  for (const n of f.nodes) {
    const p = nodePorts(f, n);
    all.push({ host: n.host.trim(), sshPort: p.ssh, soapPort: p.soap });
  }
  const seen = new Set<string>();
  return all.filter((t) => {
    const key = `${t.host}|${t.sshPort}|${t.soapPort}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The key of an identity (one endpoint's key or certificate, one fingerprint). */
export function identityKey(i: { readonly host: string; readonly port: number; readonly kind: 'ssh' | 'tls'; readonly fingerprintSha256?: string }): string {
  return `${i.kind}|${i.host}|${i.port}|${i.fingerprintSha256 ?? ''}`;
}

/** Merges identities read again into the shown list (a re-read endpoint replaces its old line). */
export function mergeIdentities(shown: readonly EndpointIdentity[], fresh: readonly EndpointIdentity[]): EndpointIdentity[] {
  const endpoint = (i: EndpointIdentity) => `${i.kind}|${i.host}|${i.port}`;
  const replaced = new Set(fresh.map(endpoint));
  return [...shown.filter((i) => !replaced.has(endpoint(i))), ...fresh];
}

/** Whether an identity needs the person's consent (a new or changed key that was read). */
export function needsConsent(i: EndpointIdentity): boolean {
  return i.fingerprintSha256 !== undefined && i.pin !== 'pinned';
}

/** The keys the person accepted, among the shown identities (a key no longer shown is not sent). */
export function acceptedKeys(shown: readonly EndpointIdentity[], accepted: ReadonlySet<string>): AcceptedKey[] {
  return shown
    .filter((i) => needsConsent(i) && accepted.has(identityKey(i)))
    .map((i) => ({ host: i.host, port: i.port, kind: i.kind, fingerprintSha256: i.fingerprintSha256 as string }));
}

/** Identities still waiting for consent. */
export function pendingConsent(shown: readonly EndpointIdentity[], accepted: ReadonlySet<string>): EndpointIdentity[] {
  return shown.filter((i) => needsConsent(i) && !accepted.has(identityKey(i)));
}

/**
 * Puts discovered nodes into the form: a node already in the form keeps what the person typed (host, ports, OVA);
 * new ones get the discovered host, and ports only where they differ from the cluster's.
 */
export function applyDiscovered(f: ClusterFormState, found: readonly DiscoveredNode[]): ClusterFormState {
  const c = clusterPorts(f);
  const byName = new Map(f.nodes.map((n) => [n.name, n]));
  const nodes = found.map((d): NodeRow => {
    const had = byName.get(d.name);
    const discoveredOva = d.ova?.users;
    if (had) return { ...had, role: d.role, discoveredOva };
    const port = (k: keyof EndpointPorts) => (d.ports[k] === c[k] ? '' : String(d.ports[k]));
    return { name: d.name, role: d.role, host: d.host, ssh: port('ssh'), soap: port('soap'), snmp: port('snmp'), ovaUsers: '', discoveredOva };
  });
  return { ...f, nodes };
}

/** The words of each connection error kind (what it means and what to do). */
export const ERROR_KIND_MESSAGE: Readonly<Record<ConnectionErrorKind, MessageKey>> = {
  wrongPassword: 'clusters.err.wrongPassword',
  rateLimited: 'clusters.err.rateLimited',
  certificateUnknown: 'clusters.err.certificateUnknown',
  hostKeyChanged: 'clusters.err.hostKeyChanged',
  portClosed: 'clusters.err.portClosed',
  timedOut: 'clusters.err.timedOut',
  unreachable: 'clusters.err.unreachable',
  noAnswer: 'clusters.err.noAnswer',
  other: 'clusters.err.other',
};

/** Short name of each kind (the headline of a failed test cell). */
export const ERROR_KIND_TITLE: Readonly<Record<ConnectionErrorKind, MessageKey>> = {
  wrongPassword: 'clusters.errTitle.wrongPassword',
  rateLimited: 'clusters.errTitle.rateLimited',
  certificateUnknown: 'clusters.errTitle.certificateUnknown',
  hostKeyChanged: 'clusters.errTitle.hostKeyChanged',
  portClosed: 'clusters.errTitle.portClosed',
  timedOut: 'clusters.errTitle.timedOut',
  unreachable: 'clusters.errTitle.unreachable',
  noAnswer: 'clusters.errTitle.noAnswer',
  other: 'clusters.errTitle.other',
};

/** The targets whose SSH key or certificate is not among the shown identities yet. */
export function unidentified(shown: readonly EndpointIdentity[], targets: readonly IdentifyTarget[]): IdentifyTarget[] {
  const seen = new Set(shown.map((i) => `${i.kind}|${i.host}|${i.port}`));
  return targets.filter((x) => !seen.has(`ssh|${x.host}|${x.sshPort}`) || !seen.has(`tls|${x.host}|${x.soapPort}`));
}

const KINDS = Object.keys(ERROR_KIND_TITLE) as ConnectionErrorKind[];

/**
 * The kind a refused identify/discover/test/save names at the head of its message (ClusterAdmin writes
 * `<kind>: <what happened and what to do>`), and the rest; no kind when the message does not start with one.
 */
export function splitErrorKind(message: string): { readonly kind?: ConnectionErrorKind; readonly text: string } {
  const m = /^([a-zA-Z]+): ([\s\S]*)$/.exec(message);
  const kind = m ? KINDS.find((k) => k === m[1]) : undefined;
  return kind ? { kind, text: m![2]! } : { text: message };
}
