/**
 * The Collect Files wizard's answers and how they become a TraceCollectRequest (pure, no DOM). RTMT's Collect Files
 * (serviceability-reference.md A.6): services grouped as system services / IM and Presence services / system logs,
 * "select all services on all servers" or per server, a relative or absolute range with the reference server's
 * time zone, zip or tar.gz, a download folder. The service names come from each node (`traces.services`, which is
 * LogCollection's listNodeServiceLogs): a name a node does not list is never sent to it.
 */
import type {
  NodeTraceServices,
  TraceArchiveFormat,
  TraceCollectRequest,
  TraceExtra,
  TraceNodeSelection,
  TracePreset,
  TraceRangeUnit,
  TraceServiceGroup,
} from '../../../../shared/model/traces.js';
import { serviceNameKey } from '../../../../shared/model/traces.js';
import { zonedWallTimeToMs } from './zonedTime.js';

/** `cluster/node`, the key of a node in the wizard. */
export type NodeKey = string;

/** Builds the key of a node. */
export function nodeKey(cluster: string, node: string): NodeKey {
  return `${cluster}/${node}`;
}

/** Splits a node key (node names never contain '/': UC OS host names). */
export function splitNodeKey(key: NodeKey): { cluster: string; node: string } {
  const i = key.indexOf('/');
  return { cluster: key.slice(0, i), node: key.slice(i + 1) };
}

/** One node's picks: service log and system log names as that node lists them. */
export interface NodePick {
  readonly serviceLogs: readonly string[];
  readonly systemLogs: readonly string[];
}

export const EMPTY_PICK: NodePick = { serviceLogs: [], systemLogs: [] };

/** The time range as typed: absolute dates are wall-clock `YYYY-MM-DDTHH:mm` in the chosen zone. */
export interface WizardRange {
  readonly kind: 'relative' | 'absolute';
  readonly amount: number;
  readonly unit: TraceRangeUnit;
  readonly from: string;
  readonly to: string;
  /** Whose clock the absolute dates are read on: the user's (browser) or the reference node's zone. */
  readonly zoneMode: 'user' | 'node';
  /** The reference node's IANA zone (RTMT: "Reference Server Time Zone"). */
  readonly nodeZone: string;
}

/** Everything the wizard asks. */
export interface WizardState {
  readonly step: WizardStep;
  /** Selected nodes, in the order picked. */
  readonly nodes: readonly NodeKey[];
  /** The same services on every selected node (RTMT "select all servers"), or a pick per node. */
  readonly sameForAll: boolean;
  readonly common: NodePick;
  readonly perNode: Readonly<Record<NodeKey, NodePick>>;
  readonly range: WizardRange;
  readonly archive: TraceArchiveFormat;
  /** Empty: the default output folder (settings). */
  readonly outDir: string;
  readonly label: string;
  readonly pseudonymize: boolean;
  readonly presetId?: string;
  readonly extras: readonly TraceExtra[];
}

export const WIZARD_STEPS = ['select', 'range', 'output'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** A fresh wizard: last 1 hour, zip, nothing selected. */
export function initialWizard(now: number, userZone: string): WizardState {
  return {
    step: 'select',
    nodes: [],
    sameForAll: true,
    common: EMPTY_PICK,
    perNode: {},
    range: { kind: 'relative', amount: 1, unit: 'hours', from: wallTime(now - 3_600_000, userZone), to: wallTime(now, userZone), zoneMode: 'user', nodeZone: 'UTC' },
    archive: 'zip',
    outDir: '',
    label: '',
    pseudonymize: false,
    extras: [],
  };
}

/** `YYYY-MM-DDTHH:mm` of an instant in a zone (the value of an <input type="datetime-local">). */
export function wallTime(ms: number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The group of a name in one node's listing ('systemLog' for its system logs). */
export function groupOf(services: NodeTraceServices, name: string, system: boolean): TraceServiceGroup {
  return system ? 'systemLog' : (services.groups[name] ?? 'system');
}

/** A name offered by the wizard: which group it falls in and which selected nodes list it. */
export interface OfferedName {
  readonly name: string;
  readonly group: TraceServiceGroup;
  readonly nodes: readonly NodeKey[];
}

/**
 * The names to offer for a set of nodes, grouped as RTMT groups them, each with the nodes that list it; sorted by
 * name. Nodes whose listing failed or is not loaded offer nothing.
 */
export function offeredNames(keys: readonly NodeKey[], services: Readonly<Record<NodeKey, NodeTraceServices>>): Record<TraceServiceGroup, OfferedName[]> {
  const byName = new Map<string, { group: TraceServiceGroup; nodes: NodeKey[] }>();
  for (const key of keys) {
    const s = services[key];
    if (!s || s.error) continue;
    const add = (name: string, system: boolean): void => {
      const id = `${system ? 's' : 'v'}:${name}`;
      const entry = byName.get(id) ?? { group: groupOf(s, name, system), nodes: [] };
      entry.nodes.push(key);
      byName.set(id, entry);
    };
    for (const n of s.serviceLogs) add(n, false);
    for (const n of s.systemLogs) add(n, true);
  }
  const out: Record<TraceServiceGroup, OfferedName[]> = { system: [], imp: [], systemLog: [] };
  for (const [id, e] of byName) out[e.group].push({ name: id.slice(2), group: e.group, nodes: e.nodes });
  for (const g of Object.values(out)) g.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}

/** Adds or removes names from a pick (system logs apart from service logs). */
export function togglePick(pick: NodePick, names: readonly string[], system: boolean, on: boolean): NodePick {
  const field = system ? 'systemLogs' : 'serviceLogs';
  const set = new Set(pick[field]);
  for (const n of names) {
    if (on) set.add(n);
    else set.delete(n);
  }
  return { ...pick, [field]: [...set] };
}

/** Whether a pick has a name. */
export function picked(pick: NodePick, name: string, system: boolean): boolean {
  return (system ? pick.systemLogs : pick.serviceLogs).includes(name);
}

/** The pick a node gets: its own, or the common one narrowed to the names that node lists. */
export function effectivePick(state: Pick<WizardState, 'sameForAll' | 'common' | 'perNode'>, key: NodeKey, services: Readonly<Record<NodeKey, NodeTraceServices>>): NodePick {
  if (!state.sameForAll) return state.perNode[key] ?? EMPTY_PICK;
  const s = services[key];
  if (!s || s.error) return EMPTY_PICK;
  return {
    serviceLogs: state.common.serviceLogs.filter((n) => s.serviceLogs.includes(n)),
    systemLogs: state.common.systemLogs.filter((n) => s.systemLogs.includes(n)),
  };
}

/**
 * Applies a problem-to-trace preset (guide Table 44): its names as each node spells them (exact, else loosely:
 * {@link serviceNameKey} in shared/model/traces.ts),
 * its extras and range; the same pick on every node. Returns the names no selected node lists.
 */
export function applyPreset(state: WizardState, preset: TracePreset, services: Readonly<Record<NodeKey, NodeTraceServices>>): { state: WizardState; missing: string[] } {
  const serviceLogs = new Set<string>();
  const systemLogs = new Set<string>();
  const missing: string[] = [];
  const match = (wanted: string, system: boolean): void => {
    let found = false;
    for (const key of state.nodes) {
      const s = services[key];
      if (!s || s.error) continue;
      const listed = system ? s.systemLogs : s.serviceLogs;
      const hit = listed.includes(wanted) ? wanted : listed.find((n) => serviceNameKey(n) === serviceNameKey(wanted));
      if (hit !== undefined) {
        (system ? systemLogs : serviceLogs).add(hit);
        found = true;
      }
    }
    if (!found) missing.push(wanted);
  };
  for (const n of preset.serviceLogs) match(n, false);
  for (const n of preset.systemLogs) match(n, true);
  const r = preset.range;
  const range: WizardRange = r.kind === 'relative' ? { ...state.range, kind: 'relative', amount: r.amount, unit: r.unit } : state.range;
  return {
    state: { ...state, presetId: preset.id, sameForAll: true, common: { serviceLogs: [...serviceLogs], systemLogs: [...systemLogs] }, extras: [...preset.extras], range },
    missing,
  };
}

/** Why the wizard cannot go on (message keys of tracesMessages.ts, with parameters). */
export interface WizardProblem {
  readonly key: 'traces.problem.noNodes' | 'traces.problem.noServices' | 'traces.problem.nodeEmpty' | 'traces.problem.amount' | 'traces.problem.badDate' | 'traces.problem.emptyRange' | 'traces.problem.future' | 'traces.problem.label' | 'traces.problem.outDir';
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Problems of the selection step. */
export function selectProblems(state: WizardState, services: Readonly<Record<NodeKey, NodeTraceServices>>): WizardProblem[] {
  if (state.nodes.length === 0) return [{ key: 'traces.problem.noNodes' }];
  const empty = state.nodes.filter((k) => {
    const p = effectivePick(state, k, services);
    return p.serviceLogs.length + p.systemLogs.length === 0;
  });
  if (empty.length === state.nodes.length) return [{ key: 'traces.problem.noServices' }];
  // Per node, a node left without a pick is a mistake; with the same pick for all, it just lists none of them.
  if (!state.sameForAll && empty.length > 0) return [{ key: 'traces.problem.nodeEmpty', params: { nodes: empty.map((k) => splitNodeKey(k).node).join(', ') } }];
  return [];
}

/** The absolute range's instants, or the problem with it. */
export function absoluteInstants(range: WizardRange, userZone: string): { fromMs: number; toMs: number; zone: string } | WizardProblem {
  const zone = range.zoneMode === 'user' ? userZone : range.nodeZone;
  const fromMs = zonedWallTimeToMs(range.from, zone);
  const toMs = zonedWallTimeToMs(range.to, zone);
  if (fromMs === undefined || toMs === undefined) return { key: 'traces.problem.badDate' };
  if (fromMs >= toMs) return { key: 'traces.problem.emptyRange' };
  return { fromMs, toMs, zone };
}

/** Problems of the range step. */
export function rangeProblems(state: WizardState, userZone: string, now: number): WizardProblem[] {
  const r = state.range;
  if (r.kind === 'relative') return Number.isInteger(r.amount) && r.amount >= 1 && r.amount <= 127 ? [] : [{ key: 'traces.problem.amount' }];
  const a = absoluteInstants(r, userZone);
  if ('key' in a) return [a];
  if (a.fromMs > now) return [{ key: 'traces.problem.future' }];
  return [];
}

/** Label rule of the request schema (shared/validation/traces.ts). */
const LABEL = /^[A-Za-z0-9._ -]{1,80}$/;

/** Problems of the output step. */
export function outputProblems(state: WizardState, defaultOutDir: string | undefined): WizardProblem[] {
  const out: WizardProblem[] = [];
  if (state.label.trim() !== '' && !LABEL.test(state.label.trim())) out.push({ key: 'traces.problem.label' });
  if ((state.outDir.trim() || defaultOutDir || '') === '') out.push({ key: 'traces.problem.outDir' });
  return out;
}

/** The request the wizard sends, or the problems that stop it. */
export function buildRequest(
  state: WizardState,
  services: Readonly<Record<NodeKey, NodeTraceServices>>,
  ctx: { readonly userZone: string; readonly now: number; readonly defaultOutDir?: string },
): { ok: true; request: TraceCollectRequest } | { ok: false; problems: WizardProblem[] } {
  const problems = [...selectProblems(state, services), ...rangeProblems(state, ctx.userZone, ctx.now), ...outputProblems(state, ctx.defaultOutDir)];
  if (problems.length > 0) return { ok: false, problems };
  const nodes: TraceNodeSelection[] = [];
  for (const key of state.nodes) {
    const p = effectivePick(state, key, services);
    if (p.serviceLogs.length + p.systemLogs.length === 0) continue;
    nodes.push({ ...splitNodeKey(key), serviceLogs: [...p.serviceLogs], systemLogs: [...p.systemLogs] });
  }
  const r = state.range;
  let range: TraceCollectRequest['range'];
  if (r.kind === 'relative') range = { kind: 'relative', amount: r.amount, unit: r.unit };
  else {
    const a = absoluteInstants(r, ctx.userZone);
    if ('key' in a) return { ok: false, problems: [a] };
    range = { kind: 'absolute', fromMs: a.fromMs, toMs: a.toMs, timeZone: a.zone };
  }
  const label = state.label.trim();
  return {
    ok: true,
    request: {
      nodes,
      range,
      archive: state.archive,
      outDir: state.outDir.trim() || ctx.defaultOutDir || '',
      ...(state.presetId ? { presetId: state.presetId } : {}),
      ...(state.pseudonymize ? { pseudonymize: true } : {}),
      ...(state.extras.length > 0 ? { extras: [...state.extras] } : {}),
      ...(label ? { label } : {}),
    },
  };
}
