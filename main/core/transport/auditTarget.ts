/**
 * What an audited API call acts on (issue 16), for the audit log's `target` column: the first string argument that
 * is not a secret (a cluster id, an alarm id, an operator name …), or else the identifying fields of the first object
 * argument (alarmId, cluster/node, name, id). Never a secret position (shared/ipc/channels.ts SECRET_ARGUMENTS).
 */
import { SECRET_ARGUMENTS } from '../../../shared/ipc/channels.js';

/** Longest target kept (an id or a name; the audit log is not the place for a request body). */
const MAX_TARGET = 200;

/** The target of `service.method(...args)`, or undefined when nothing in the arguments names one. */
export function auditTarget(service: string, method: string, args: readonly unknown[]): string | undefined {
  const secret = new Set(SECRET_ARGUMENTS[`${service}.${method}`] ?? []);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!secret.has(i) && typeof a === 'string' && a.length > 0) return a.slice(0, MAX_TARGET);
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (secret.has(i) || a === null || typeof a !== 'object' || Array.isArray(a)) continue;
    const t = objectTarget(a as Readonly<Record<string, unknown>>);
    if (t !== undefined) return t.slice(0, MAX_TARGET);
  }
  return undefined;
}

function objectTarget(o: Readonly<Record<string, unknown>>): string | undefined {
  const str = (k: string): string | undefined => (typeof o[k] === 'string' && (o[k] as string).length > 0 ? (o[k] as string) : undefined);
  const alarmId = str('alarmId');
  if (alarmId !== undefined) return alarmId;
  const cluster = str('cluster');
  const node = str('node') ?? (cluster !== undefined ? str('target') : undefined);
  // A service of a node (Control Center), or an HA command's node or group, is part of what was acted on.
  const service = str('service');
  const where = cluster !== undefined ? (node !== undefined ? `${cluster}/${node}` : cluster) : node;
  if (where !== undefined) return service !== undefined ? `${where} · ${service}` : where;
  // A silence: its matchers say what it holds back (node=imp-sub2 ruleId=CriticalServiceDown).
  const matchers = o.matchers;
  if (matchers !== null && typeof matchers === 'object' && !Array.isArray(matchers)) {
    const pairs = Object.entries(matchers as Record<string, unknown>).filter(([, v]) => typeof v === 'string').map(([k, v]) => `${k}=${v as string}`);
    if (pairs.length > 0) return pairs.join(' ');
  }
  // A trace collection: the nodes it collects from.
  if (Array.isArray(o.nodes)) {
    const nodes = o.nodes.map((n) => (n !== null && typeof n === 'object' ? objectTarget(n as Record<string, unknown>) : typeof n === 'string' ? n : undefined)).filter((n): n is string => n !== undefined);
    if (nodes.length > 0) return nodes.join(', ');
  }
  return str('name') ?? str('label') ?? str('id');
}

/**
 * The audited parameters of a call: the arguments in order, each secret position replaced by '[secret]' (the audit
 * sink also scrubs object fields named like password, secret, token or credential).
 */
export function auditParams(service: string, method: string, args: unknown): Readonly<Record<string, unknown>> {
  if (!Array.isArray(args)) return { args: '[not an array]' };
  const secret = new Set(SECRET_ARGUMENTS[`${service}.${method}`] ?? []);
  return { args: args.map((a, i) => (secret.has(i) ? '[secret]' : a)) };
}
