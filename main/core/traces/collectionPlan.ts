import type { TraceNodeSelection, TraceTimeRange } from '../../../shared/model/traces.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import { absoluteNodePath, relativeNodePath } from './bundleLayout.js';
import type { StateFile, StateNode } from './collectionState.js';
import type { LogTimeSelection } from './traceClientTypes.js';
import type { TraceNodeClients } from './traceNodeClients.js';

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 7 * 86_400_000, months: 30 * 86_400_000 } as const;
const UNIT_NAME = { minutes: 'Minutes', hours: 'Hours', days: 'Days', weeks: 'Weeks', months: 'Months' } as const;

/** The instants a range covers, seen from `nowMs` (a relative month counts 30 days). */
export function resolveRange(range: TraceTimeRange, nowMs: number): { fromMs: number; toMs: number } {
  if (range.kind === 'absolute') return { fromMs: range.fromMs, toMs: range.toMs };
  return { fromMs: nowMs - range.amount * UNIT_MS[range.unit], toMs: nowMs };
}

/**
 * The time selection sent to selectLogFiles: a relative range as the node's own RelText (the node counts back
 * from its clock, as RTMT asks, reference B.4) the first time; a plan made again on resume uses the instants
 * fixed at the start, so a resumed collection covers the same time.
 */
export function logTimeSelection(range: TraceTimeRange, fixed?: { fromMs: number; toMs: number }): LogTimeSelection {
  if (fixed) return { kind: 'absolute', fromMs: fixed.fromMs, toMs: fixed.toMs };
  if (range.kind === 'relative') return { kind: 'relative', unit: UNIT_NAME[range.unit], count: range.amount };
  return { kind: 'absolute', fromMs: range.fromMs, toMs: range.toMs };
}

export interface PlanContext {
  readonly clients: TraceNodeClients;
  readonly range: TraceTimeRange;
  /** Set when planning again after a resume: the range's instants fixed at the start. */
  readonly fixed?: { fromMs: number; toMs: number };
  readonly signal: AbortSignal;
}

/**
 * Plans one node from the active partition (RTMT's wizard also offers the inactive one, reference A.6 step 4; the
 * bundle layout is relative to the active log root) (issue 12: the list comes from the node itself, never from a table shared with the simulator):
 * listNodeServiceLogs says which requested names the node has (the others are recorded, not sent), selectLogFiles
 * lists the files of the known ones in the range with their sizes, explicit files are stat'ed over SFTP. A node
 * that cannot be planned gets `error` (data: the collection goes on with the other nodes and ends partial).
 * Unsafe paths (outside the tree, control characters) are skipped with the reason.
 */
export async function planNode(sel: TraceNodeSelection, node: StateNode, ctx: PlanContext): Promise<void> {
  const files = new Map<string, StateFile>();
  const skipped: StateFile[] = [];
  const skip = (pathFromNode: string, reason: string, size = 0): void => {
    skipped.push({ path: pathFromNode, absolutePath: pathFromNode, size, modifiedMs: 0, state: 'skipped', doneBytes: 0, reason });
  };
  try {
    if (!ctx.clients.has(sel.cluster, sel.node)) throw new AppError('NOT_FOUND', `no node ${sel.node} in cluster ${sel.cluster}`);
    const asked = sel.serviceLogs.length + sel.systemLogs.length > 0;
    if (asked) {
      const lc = ctx.clients.logCollection(sel.cluster, sel.node);
      const listed = await lc.listNodeServiceLogs({ signal: ctx.signal });
      if (!listed.ok) throw listed.error;
      const services = new Set(listed.value.serviceLogs);
      const systems = new Set(listed.value.systemLogs);
      const serviceLogs = sel.serviceLogs.filter((s) => services.has(s));
      const systemLogs = sel.systemLogs.filter((s) => systems.has(s));
      const unknown = [...sel.serviceLogs.filter((s) => !services.has(s)), ...sel.systemLogs.filter((s) => !systems.has(s))];
      node.unknownLogs = unknown.length > 0 ? unknown : undefined;
      if (serviceLogs.length + systemLogs.length > 0) {
        const r = await lc.selectLogFiles({ serviceLogs, systemLogs, time: logTimeSelection(ctx.range, ctx.fixed) }, { signal: ctx.signal });
        if (!r.ok) throw r.error;
        for (const f of r.value) {
          const rel = relativeNodePath(f.absolutePath);
          if (!rel) {
            skip(f.absolutePath, 'the node named it with a path that cannot be stored safely', f.size);
            continue;
          }
          if (!files.has(rel)) files.set(rel, { path: rel, absolutePath: f.absolutePath, log: f.log, size: f.size, modifiedMs: f.modifiedMs, state: 'pending', doneBytes: 0 });
        }
      }
    }
    if (sel.files && sel.files.length > 0) {
      const sftp = await ctx.clients.sftp(sel.cluster, sel.node);
      for (const p of sel.files) {
        const rel = relativeNodePath(p);
        if (!rel) {
          skip(p, 'not a path inside the node\'s active log tree');
          continue;
        }
        if (files.has(rel)) continue;
        if (!sftp.ok) {
          // Without SFTP the file is still fetched by DIME; its size is learned then.
          files.set(rel, { path: rel, absolutePath: absoluteNodePath(rel), size: 0, sizeUnknown: true, modifiedMs: 0, state: 'pending', doneBytes: 0 });
          continue;
        }
        const st = await sftp.value.stat(rel);
        if (!st.ok) skip(rel, st.error.message);
        else if (st.value.kind !== 'file') skip(rel, 'is a directory');
        else files.set(rel, { path: rel, absolutePath: absoluteNodePath(rel), size: st.value.size, modifiedMs: st.value.modifiedMs, state: 'pending', doneBytes: 0 });
      }
    }
    // A path the node lists as a file and also as the folder of other files cannot be both on disk: that one is
    // skipped with the reason (else its local copy and the others' folder collide, and the failing mkdir or open
    // stops the whole collection as a local error).
    const folders = new Set<string>();
    for (const p of files.keys()) for (let i = p.indexOf('/', 1); i > 0; i = p.indexOf('/', i + 1)) folders.add(p.slice(0, i));
    for (const [p, f] of [...files]) {
      if (!folders.has(p)) continue;
      files.delete(p);
      skip(f.absolutePath, 'the node lists it as a file and as a folder of other files', f.size);
    }
    node.files = [...[...files.values()].sort((a, b) => a.path.localeCompare(b.path)), ...skipped];
    node.planned = true;
    node.error = undefined;
  } catch (err) {
    node.planned = false;
    node.error = toErrorPayload(err);
  }
}
