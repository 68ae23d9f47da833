import { SRM_REASON_LABELS, SRM_STATE_LABELS } from '../../../shared/ha/srmStates.js';
import { matchSrmStateTable } from '../../../shared/ha/srmStateTable.js';
import type { PrgStatus } from '../../../shared/model/views.js';
import type { HaSubclusterStatus } from '../polling/ssh/parsers/haStatus.js';

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

/**
 * A presence redundancy group as the PRG view shows it: the nodes' states and reasons as `utils ha status`
 * printed them, the guide's Table 4 row they match (with its recommended action) and the buttons the guide
 * allows (Failover from Normal; Fallback for a failed-over/idle node whose peer runs in backup mode; Recover when
 * both are in Running in Failed Mode or Unknown; guide L2216-2242).
 */
export function prgView(cluster: string, group: HaSubclusterStatus, replication: ReadonlyMap<string, number | undefined>, nowMs: number): PrgStatus {
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
  const failover: string[] = [];
  const fallback: string[] = [];
  if (haEnabled && ids.length === 2) {
    const [a, b] = ids as [typeof ids[number], typeof ids[number]];
    for (const [self, peer] of [[a, b], [b, a]] as const) {
      if (self.state === 'normal' && peer.state === 'normal') failover.push(self.name);
      if ((self.state === 'idle' || self.state === 'failedOver') && peer.state === 'runningInBackupMode') fallback.push(self.name);
    }
  }
  const recover = ids.length === 2 && ids.every((n) => n.state === 'runningInFailedMode' || n.state === 'unknown') && haEnabled;
  return {
    cluster,
    name: group.name,
    haEnabled,
    nodes: group.nodes.map((n) => ({ name: n.name, state: n.state, reason: n.reason, replicationState: replication.get(n.name) })),
    tableRow,
    allowed: { failover, fallback, recover },
    updatedAtMs: nowMs,
  };
}
