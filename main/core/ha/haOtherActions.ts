import { SRM_REASON_LABELS, type SrmReasonId, type SrmStateId } from '../../../shared/ha/srmStates.js';

/** A recommended action for a pair Table 4 has no row for, built from the rows it leads to. */
export interface OtherHaAction {
  readonly actionEn: string;
  readonly actionZh: string;
  readonly basedOnRows: readonly number[];
}

type NodeIds = readonly { readonly name: string; readonly state?: SrmStateId; readonly reason?: SrmReasonId | null }[];

const reasonOf = (r: SrmReasonId | null | undefined) => (r ? SRM_REASON_LABELS[r] : { en: 'no reason', zh: '无原因' });

/**
 * Table 4 (guide L2268-2307) lists the manual transitions (rows 2, 4), the automatic fallback (row 10) and the
 * settled results of automatic failovers (rows 11-18), but not an automatic failover while it runs (Failing
 * Over / Taking Over with reason Critical Service Down, Database Failure, Peer Down ...), nor SRM initializing.
 * For those, the action follows from where the pair goes: wait for the transition to finish, then the row it
 * lands in (12-13: fix the cause on node 1, then fall back manually; 16-18 for a node that went down). Anything
 * else no row describes gets the guide's general advice: check `utils ha status`, the critical services, and use
 * Recover when both nodes run in failed mode (rows 14-15, 19-21).
 */
export function otherHaAction(ids: NodeIds): OtherHaAction {
  const failing = ids.find((n) => n.state === 'failingOver');
  const taking = ids.find((n) => n.state === 'takingOver');
  if (failing || taking) {
    const from = failing?.name ?? ids.find((n) => n !== taking)?.name ?? '';
    const to = taking?.name ?? ids.find((n) => n !== failing)?.name ?? '';
    const r = reasonOf((failing ?? taking)!.reason);
    return {
      actionEn: `Automatic failover in progress (${r.en}): the users of ${from} are moving to ${to}. Do not restart services or nodes of the pair until ${to} is Running in Backup Mode. Then find and fix the cause on ${from} (start its critical services, or check its database), and when it is Failed Over perform a manual fallback to return the group to Normal (Table 4 rows 11-13).`,
      actionZh: `正在进行自动故障转移（${r.zh}）：${from} 的用户正在移至 ${to}。在 ${to} 处于“正在备份模式下运行”状态之前，请勿重新启动该组中节点的服务或节点。然后查找并修复 ${from} 上的原因（启动其关键服务，或检查其数据库）；当其处于“已执行故障转移”状态时，执行手动回退以将 Presence 冗余组中的节点恢复为“正常”状态（表 4 第 11-13 行）。`,
      basedOnRows: [11, 12, 13],
    };
  }
  const back = ids.find((n) => n.state === 'fallingBack' || n.state === 'takingBack');
  if (back) {
    const r = reasonOf(back.reason);
    return {
      actionEn: `Fallback in progress (${r.en}): users are returning to their assigned node. Wait until both nodes are Normal (Table 4 rows 4, 9, 10).`,
      actionZh: `正在进行回退（${r.zh}）：用户正在返回其分配的节点。请等待两个节点都处于“正常”状态（表 4 第 4、9、10 行）。`,
      basedOnRows: [4, 9, 10],
    };
  }
  if (ids.some((n) => n.state === 'initializing')) {
    return {
      actionEn: 'Cisco Server Recovery Manager is initializing on the pair. Wait until both nodes leave Initializing; if a node stays there, check that its peer is reachable (Table 4 row 18).',
      actionZh: 'Cisco 服务器恢复管理器正在该组上初始化。请等待两个节点都离开“正在初始化”状态；如果某个节点一直处于该状态，请检查其对等节点是否可访问（表 4 第 18 行）。',
      basedOnRows: [18],
    };
  }
  return {
    actionEn: 'The guide\'s Table 4 has no row for this combination. Run utils ha status on both nodes, check that the critical services run on each, and if both nodes are Running in Failed Mode use Recover (Table 4 rows 14-15, 19-21).',
    actionZh: '指南的表 4 中没有此组合。请在两个节点上运行 utils ha status，检查每个节点上的关键服务是否正在运行；如果两个节点都处于“正在故障模式下运行”状态，请使用“恢复”（表 4 第 14-15、19-21 行）。',
    basedOnRows: [14, 15, 19, 20, 21],
  };
}
