/** Groups a DRS status table (one row per server, feature and component) into per-server and per-feature progress. */
import type { DrsComponentRow, DrsComponentState } from '../../../../shared/model/drs.js';

/** A group's progress: share of its components done, and its worst state. */
export interface GroupProgress {
  readonly key: string;
  readonly percent: number;
  readonly state: DrsComponentState;
  readonly done: number;
  readonly total: number;
}

/** A component's share done: finished ones count whole, the active one by its percentage. */
export function rowDone(r: DrsComponentRow): number {
  if (r.state === 'SUCCESS' || r.state === 'ERROR' || r.state === 'CANCELLED') return 100;
  if (r.state === 'ACTIVE') return Math.max(0, Math.min(100, r.percent));
  return 0;
}

const RANK: Readonly<Record<DrsComponentState, number>> = { ERROR: 5, CANCELLED: 4, ACTIVE: 3, PENDING: 2, SUCCESS: 1 };

/** The group's state: an error or cancel wins; then active; pending while any is pending; success when all are. */
export function groupState(rows: readonly DrsComponentRow[]): DrsComponentState {
  if (rows.length === 0) return 'PENDING';
  if (rows.some((r) => r.state === 'ERROR')) return 'ERROR';
  if (rows.some((r) => r.state === 'CANCELLED')) return 'CANCELLED';
  if (rows.some((r) => r.state === 'ACTIVE')) return 'ACTIVE';
  if (rows.some((r) => r.state === 'PENDING')) return rows.some((r) => r.state === 'SUCCESS') ? 'ACTIVE' : 'PENDING';
  return rows.reduce<DrsComponentState>((w, r) => (RANK[r.state] > RANK[w] ? r.state : w), 'SUCCESS');
}

/** Progress grouped by `by` (server or feature), in first-seen order. */
export function groupProgress(rows: readonly DrsComponentRow[], by: 'server' | 'feature'): GroupProgress[] {
  const groups = new Map<string, DrsComponentRow[]>();
  for (const r of rows) groups.set(r[by], [...(groups.get(r[by]) ?? []), r]);
  return [...groups].map(([key, list]) => ({
    key,
    percent: list.reduce((s, r) => s + rowDone(r), 0) / list.length,
    state: groupState(list),
    done: list.filter((r) => r.state === 'SUCCESS').length,
    total: list.length,
  }));
}

/**
 * The path the Log Viewer opens on the node for a component's log as DRS names it in `status` ("activelog/platform/
 * drf/log/…", guide L10216 "click the log filename link"): the node's active log tree is the root the trace tools
 * read (Remote Browse lists "/platform/…", "/epas/…"), so the "activelog" prefix goes.
 */
export function logViewerPath(logFile: string): string {
  const p = logFile.trim().replace(/^\/?(?:var\/log\/active|activelog)(?=\/|$)/, '');
  return p.startsWith('/') ? p : `/${p}`;
}
