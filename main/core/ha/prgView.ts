import { SRM_REASON_LABELS, SRM_STATE_LABELS, type SrmStateId } from '../../../shared/ha/srmStates.js';
import { matchSrmStateTable } from '../../../shared/ha/srmStateTable.js';
import type { JobText, PrgStatus, UsersMoved } from '../../../shared/model/views.js';
import type { HaSubclusterStatus } from '../polling/ssh/parsers/haStatus.js';
import { otherHaAction } from './haOtherActions.js';

type StateId = keyof typeof SRM_STATE_LABELS;
type ReasonId = keyof typeof SRM_REASON_LABELS;

function stateId(label: string): StateId | undefined {
  const l = label.trim().toLowerCase();
  return (Object.keys(SRM_STATE_LABELS) as StateId[]).find((k) => SRM_STATE_LABELS[k].en.toLowerCase() === l);
}

function reasonId(label: string): ReasonId | null | undefined {
  if (label.trim() === '') return null;
  const l = label.trim().toLowerCase();
  return (Object.keys(SRM_REASON_LABELS) as ReasonId[]).find((k) => SRM_REASON_LABELS[k].en.toLowerCase() === l);
}

/** What the collector knows of one node besides `utils ha status`. */
export interface PrgNodeInfo {
  readonly replicationState?: number;
  /** False when every protocol the node is polled with fails (the collector's reachability 'down'). */
  readonly reachable?: boolean;
  /** "Cisco Presence Engine" ActiveJsmSessions. */
  readonly activeJsmSessions?: number;
  /** "Cisco XCP JSM" JsmSessionsComposed: one per user the node hosts. */
  readonly composedSessions?: number;
  /** Users assigned to the node: its composed sessions last seen while it was Normal (AssignedUsers). */
  readonly assignedUsers?: number;
}

/** States in which users are moving or SRM is settling: no command may start (guide L2216-2242). */
export const TRANSITIONAL_STATES: ReadonlySet<SrmStateId> = new Set(['initializing', 'failingOver', 'takingOver', 'fallingBack', 'takingBack']);

const label = (s: SrmStateId): string => SRM_STATE_LABELS[s].en;

/**
 * Where a pair in transition is heading, by Table 4: a failover ends Idle / Running in Backup Mode when an
 * administrator asked (rows 2 -> 3), Failed Over with Critical Services not Running / Running in Backup Mode
 * after a critical service or database failure (rows 12-13); a fallback ends Normal / Normal (rows 4, 9, 10);
 * initializing ends Normal.
 */
function headingTo(ids: readonly { name: string; state?: StateId; reason?: ReasonId | null }[]): Record<string, string> | undefined {
  if (!ids.some((n) => n.state && TRANSITIONAL_STATES.has(n.state))) return undefined;
  const out: Record<string, string> = {};
  for (const n of ids) {
    if (n.state === 'failingOver') out[n.name] = n.reason === 'onAdminRequest' ? label('idle') : label('failedOverCriticalServicesNotRunning');
    else if (n.state === 'takingOver') out[n.name] = label('runningInBackupMode');
    else if (n.state === 'fallingBack' || n.state === 'takingBack' || n.state === 'initializing') out[n.name] = label('normal');
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Users moved so far, from the JSM counters: in a failover the node taking over recreates the sessions of the
 * failing node's users on top of its own (moved = its ActiveJsmSessions - its own assigned users); in a fallback
 * the node taking back recreates its own users' sessions from none (moved = its ActiveJsmSessions). Out of
 * the users assigned to the node they belong to (guide L1443-1453: ActiveJsmSessions equals the assigned users
 * once sessions are recreated).
 */
function usersMoved(ids: readonly { name: string; state?: StateId }[], info: ReadonlyMap<string, PrgNodeInfo>): UsersMoved | undefined {
  const find = (...s: StateId[]) => ids.find((n) => n.state !== undefined && s.includes(n.state));
  const from = find('failingOver');
  const to = find('takingOver');
  if (from && to) {
    const total = info.get(from.name)?.assignedUsers;
    const active = info.get(to.name)?.activeJsmSessions;
    const own = info.get(to.name)?.assignedUsers;
    if (total === undefined || active === undefined || own === undefined) return undefined;
    return { from: from.name, to: to.name, moved: Math.max(0, Math.min(total, active - own)), total };
  }
  const back = find('takingBack');
  const giver = find('fallingBack');
  if (back && giver) {
    const total = info.get(back.name)?.assignedUsers;
    const active = info.get(back.name)?.activeJsmSessions;
    if (total === undefined || active === undefined) return undefined;
    return { from: giver.name, to: back.name, moved: Math.max(0, Math.min(total, active)), total };
  }
  // After the takeover the backup still re-creates the moved users' sessions (ActiveJsmSessions ramps up): shown
  // until every one of them is back.
  const backup = find('runningInBackupMode');
  const failed = ids.find((n) => n !== backup);
  if (backup && failed) {
    const total = info.get(failed.name)?.assignedUsers;
    const active = info.get(backup.name)?.activeJsmSessions;
    const own = info.get(backup.name)?.assignedUsers;
    if (total === undefined || active === undefined || own === undefined) return undefined;
    const moved = Math.max(0, Math.min(total, active - own));
    return moved < total ? { from: failed.name, to: backup.name, moved, total } : undefined;
  }
  return undefined;
}

/**
 * A presence redundancy group as the PRG view shows it: the nodes' states and reasons as `utils ha status`
 * printed them, the guide's Table 4 row they match (with its recommended action; for a pair no row describes,
 * such as an automatic Failing Over / Critical Service Down, the action of the rows it leads to), the buttons
 * the guide allows (Failover from Normal; Fallback for a failed-over/idle node whose peer runs in backup mode;
 * Recover when both are in Running in Failed Mode or Unknown; guide L2216-2242) and why each other one is not,
 * where the pair is heading and how many users moved so far.
 */
export function prgView(cluster: string, group: HaSubclusterStatus, info: ReadonlyMap<string, PrgNodeInfo>, nowMs: number): PrgStatus {
  const ids = group.nodes.map((n) => ({ name: n.name, state: stateId(n.state), reason: reasonId(n.reason) }));
  const haEnabled = !group.nodes.some((n) => /not enabled/i.test(n.reason));
  let tableRow: PrgStatus['tableRow'];
  if (ids.length === 2 && ids.every((n) => n.state !== undefined && n.reason !== undefined)) {
    const m = matchSrmStateTable(
      { state: ids[0]!.state!, reason: ids[0]!.reason === null && ids[0]!.state === 'normal' ? 'normal' : ids[0]!.reason! },
      { state: ids[1]!.state!, reason: ids[1]!.reason === null && ids[1]!.state === 'normal' ? 'normal' : ids[1]!.reason! },
    );
    if (m) tableRow = { row: m.row.row, actionEn: m.row.action.en, actionZh: m.row.action.zh };
  }
  const reachable = (name: string) => info.get(name)?.reachable !== false;
  const transition = ids.find((n) => n.state !== undefined && TRANSITIONAL_STATES.has(n.state));
  const failover: string[] = [];
  const fallback: string[] = [];
  const disabledReasons: Record<string, JobText> = {};
  // The first reason that applies, in the order a person checks them.
  const common = (name: string): JobText | undefined => {
    if (!haEnabled) return { key: 'haNotEnabled' };
    if (!reachable(name)) return { key: 'unreachable', params: { node: name } };
    if (transition) return { key: 'inTransition', params: { node: transition.name, state: group.nodes.find((n) => n.name === transition.name)!.state } };
    if (ids.length !== 2) return { key: 'noPeer' };
    return undefined;
  };
  for (const self of ids) {
    const peer = ids.find((n) => n !== self);
    const why = common(self.name);
    const peerWhy = why ?? (peer && !reachable(peer.name) ? { key: 'unreachable', params: { node: peer.name } } : undefined);
    if (peerWhy) {
      disabledReasons[`failover:${self.name}`] = peerWhy;
      disabledReasons[`fallback:${self.name}`] = peerWhy;
      continue;
    }
    if (self.state === 'normal' && peer?.state === 'normal') failover.push(self.name);
    else disabledReasons[`failover:${self.name}`] = { key: 'failoverNeedsNormal' };
    if ((self.state === 'idle' || self.state === 'failedOver') && peer?.state === 'runningInBackupMode') fallback.push(self.name);
    else disabledReasons[`fallback:${self.name}`] = { key: 'fallbackNeedsBackup', params: { peer: peer?.name ?? '' } };
  }
  const recoverWhy = common(group.name) ?? (ids.every((n) => n.state === 'runningInFailedMode' || n.state === 'unknown') ? undefined : { key: 'recoverNeedsFailedMode' });
  const recover = recoverWhy === undefined;
  if (recoverWhy) disabledReasons.recover = recoverWhy;
  const other = tableRow ? undefined : otherHaAction(ids);
  return {
    cluster,
    name: group.name,
    haEnabled,
    nodes: group.nodes.map((n) => {
      const i = info.get(n.name);
      return { name: n.name, state: n.state, reason: n.reason, replicationState: i?.replicationState, reachable: i?.reachable, activeJsmSessions: i?.activeJsmSessions, composedSessions: i?.composedSessions, assignedUsers: i?.assignedUsers };
    }),
    tableRow,
    otherAction: other,
    allowed: { failover, fallback, recover },
    disabledReasons,
    headingTo: headingTo(ids),
    users: usersMoved(ids, info),
    updatedAtMs: nowMs,
  };
}
