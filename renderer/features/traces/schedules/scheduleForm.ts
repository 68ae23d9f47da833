/**
 * Schedule Collection's form (pure): a schedule's fields as typed, from and to TraceScheduleInput. The services are
 * one pick for every selected node, narrowed to what each node lists (as the wizard's "same for all nodes").
 */
import type { NodeTraceServices, TraceArchiveFormat, TraceSchedule, TraceScheduleInput } from '../../../../shared/model/traces.js';
import { effectivePick, nodeKey, splitNodeKey, type NodeKey, type NodePick } from '../collect/wizardModel.js';

/** The form's fields (numbers as typed text so a half-typed value is not lost). */
export interface ScheduleForm {
  readonly id?: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly nodes: readonly NodeKey[];
  readonly pick: NodePick;
  readonly everyHours: string;
  readonly lastHours: string;
  readonly archive: TraceArchiveFormat;
  readonly pseudonymize: boolean;
  readonly destKind: 'local' | 'sftp';
  readonly dir: string;
  readonly host: string;
  readonly port: string;
  readonly username: string;
  readonly password: string;
  readonly directory: string;
  readonly keep: string;
  /** The pinned host key of a saved SFTP destination (kept unless the host changes). */
  readonly hostKeyFingerprint?: string;
}

/** An empty form: every hour, the last hour, keep 24, to the default folder. */
export function emptyScheduleForm(defaultDir: string): ScheduleForm {
  return { name: '', enabled: true, nodes: [], pick: { serviceLogs: [], systemLogs: [] }, everyHours: '1', lastHours: '1', archive: 'tar.gz', pseudonymize: false, destKind: 'local', dir: defaultDir, host: '', port: '22', username: '', password: '', directory: '', keep: '24' };
}

/** The form of a saved schedule. */
export function scheduleToForm(s: TraceSchedule): ScheduleForm {
  const serviceLogs = new Set<string>();
  const systemLogs = new Set<string>();
  for (const n of s.nodes) {
    for (const x of n.serviceLogs) serviceLogs.add(x);
    for (const x of n.systemLogs) systemLogs.add(x);
  }
  const d = s.destination;
  return {
    id: s.id,
    name: s.name,
    enabled: s.enabled,
    nodes: s.nodes.map((n) => nodeKey(n.cluster, n.node)),
    pick: { serviceLogs: [...serviceLogs], systemLogs: [...systemLogs] },
    everyHours: String(s.everyHours),
    lastHours: String(s.lastHours),
    archive: s.archive,
    pseudonymize: s.pseudonymize,
    destKind: d.kind,
    dir: d.kind === 'local' ? d.dir : '',
    host: d.kind === 'sftp' ? d.host : '',
    port: d.kind === 'sftp' ? String(d.port) : '22',
    username: d.kind === 'sftp' ? d.username : '',
    password: '',
    directory: d.kind === 'sftp' ? d.directory : '',
    keep: String(s.keep),
    ...(d.kind === 'sftp' && d.hostKeyFingerprint ? { hostKeyFingerprint: d.hostKeyFingerprint } : {}),
  };
}

export type ScheduleProblem = 'traces.sched.problem.name' | 'traces.sched.problem.numbers' | 'traces.sched.problem.destination' | 'traces.problem.noNodes' | 'traces.problem.noServices';

const posInt = (v: string, max: number): number | undefined => {
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
};

/** The input to save, or the problems. */
export function formToInput(f: ScheduleForm, services: Readonly<Record<NodeKey, NodeTraceServices>>): { ok: true; input: TraceScheduleInput } | { ok: false; problems: ScheduleProblem[] } {
  const problems: ScheduleProblem[] = [];
  if (f.name.trim() === '') problems.push('traces.sched.problem.name');
  const everyHours = posInt(f.everyHours, 24 * 31);
  const lastHours = posInt(f.lastHours, 24 * 31);
  const keep = posInt(f.keep, 1000);
  if (everyHours === undefined || lastHours === undefined || keep === undefined) problems.push('traces.sched.problem.numbers');
  const port = posInt(f.port, 65_535);
  if (f.destKind === 'local' ? f.dir.trim() === '' : f.host.trim() === '' || port === undefined || f.username.trim() === '' || f.directory.trim() === '') problems.push('traces.sched.problem.destination');
  // The wizard's narrowing: the common pick, per node, to what that node lists.
  const asWizard = { sameForAll: true, common: f.pick, perNode: {} };
  const nodes = f.nodes
    .map((k) => ({ ...splitNodeKey(k), ...effectivePick(asWizard, k, services) }))
    .filter((n) => n.serviceLogs.length + n.systemLogs.length > 0)
    .map((n) => ({ cluster: n.cluster, node: n.node, serviceLogs: [...n.serviceLogs], systemLogs: [...n.systemLogs] }));
  if (f.nodes.length === 0) problems.push('traces.problem.noNodes');
  else if (nodes.length === 0) problems.push('traces.problem.noServices');
  if (problems.length > 0 || everyHours === undefined || lastHours === undefined || keep === undefined) return { ok: false, problems };
  const hostKey = f.hostKeyFingerprint ? { hostKeyFingerprint: f.hostKeyFingerprint } : {};
  return {
    ok: true,
    input: {
      ...(f.id ? { id: f.id } : {}),
      name: f.name.trim(),
      enabled: f.enabled,
      nodes,
      everyHours,
      lastHours,
      archive: f.archive,
      pseudonymize: f.pseudonymize,
      destination: f.destKind === 'local' ? { kind: 'local', dir: f.dir.trim() } : { kind: 'sftp', host: f.host.trim(), port: port!, username: f.username.trim(), directory: f.directory.trim(), ...hostKey },
      keep,
      ...(f.destKind === 'sftp' && f.password !== '' ? { password: f.password } : {}),
    },
  };
}
