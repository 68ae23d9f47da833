/**
 * The guide's presence redundancy group node states and reasons (Tables 3 and 4), shared by the simulator and
 * the monitoring side (pure data: no Node, no DOM).
 */
/**
 * Node states and reasons of the Cisco Server Recovery Manager (SRM), with the guide's exact labels.
 *
 * Chinese labels are copied from the admin guide (/work/shared/seeds/im-presence-14su1-admin-guide.zh.txt):
 * Table 3 "Presence 冗余组节点状态定义" (L2244-2262) and Table 4 "节点高可用性状态、原因和建议的操作" (L2268-2307).
 * English labels are the ones the English guide and the `utils ha status` CLI print
 * (serviceability-reference.md D.4, seed-inventory.md 2.9/2.10).
 */

/** A label in both languages of the UI. */
export interface BilingualLabel {
  /** English, as the CLI prints it. */
  readonly en: string;
  /** Chinese, exactly as the 14SU1 Chinese guide prints it. */
  readonly zh: string;
}

/** Identifier of an SRM node state. */
export type SrmStateId =
  | 'initializing'
  | 'idle'
  | 'normal'
  | 'runningInBackupMode'
  | 'takingOver'
  | 'failingOver'
  | 'failedOver'
  | 'failedOverCriticalServicesNotRunning'
  | 'fallingBack'
  | 'takingBack'
  | 'runningInFailedMode'
  | 'unknown'
  | 'backupActivated'
  | 'failoverAffectedServices'
  | 'down';

/** Labels of every state. Table 3 rows are at L2249-2262 in this order. */
export const SRM_STATE_LABELS: Readonly<Record<SrmStateId, BilingualLabel>> = {
  initializing: { en: 'Initializing', zh: '正在初始化' }, // L2249
  idle: { en: 'Idle', zh: '空闲' }, // L2250
  normal: { en: 'Normal', zh: '普通' }, // L2251
  runningInBackupMode: { en: 'Running in Backup Mode', zh: '正在备份模式下运行' }, // L2252
  takingOver: { en: 'Taking Over', zh: '正在接管' }, // L2253
  failingOver: { en: 'Failing Over', zh: '正在进行故障转移' }, // L2254
  failedOver: { en: 'Failed Over', zh: '已执行故障转移' }, // L2255
  // "not" in lower case as the CLI prints it (serviceability-reference.md D.4).
  failedOverCriticalServicesNotRunning: { en: 'Failed Over with Critical Services not Running', zh: '已执行故障转移，且关键服务没有运行' }, // L2256
  fallingBack: { en: 'Falling Back', zh: '正在回退' }, // L2257
  takingBack: { en: 'Taking Back', zh: '正在收回' }, // L2258
  runningInFailedMode: { en: 'Running in Failed Mode', zh: '正在故障模式下运行' }, // L2261
  unknown: { en: 'Unknown', zh: '未知' }, // L2262
  // Only in Table 4 (rows 22-23, L2305-2306); Table 3 does not define them.
  backupActivated: { en: 'Backup Activated', zh: '备份已激活' },
  failoverAffectedServices: { en: 'Failover Affected Services', zh: '故障转移受影响的服务' },
  // Not an SRM state: Table 4 rows 16-17 (L2293, L2297) describe node 1 as down ("节点 1 已关闭") instead of a
  // state. Decision: the model shows a node that is powered off, booting, without a running SRM, or cut off from
  // its peer (after losing the tie of a split, see presenceRedundancyGroupSrm.ts) with this pseudo-state.
  down: { en: 'Down', zh: '已关闭' },
};

/** Identifier of an SRM reason. */
export type SrmReasonId =
  | 'normal'
  | 'onAdminRequest'
  | 'initialization'
  | 'automaticFallback'
  | 'criticalServiceDown'
  | 'databaseFailure'
  | 'startCriticalServicesFailed'
  | 'peerDown'
  | 'peerReboot'
  | 'peerDownDuringInitialization'
  | 'takeOverUsersFailed'
  | 'takeBackUsersFailed'
  | 'unknown'
  | 'autoRecoverDatabaseFailure'
  | 'autoRecoverCriticalServiceDown'
  | 'highAvailabilityNotEnabled';

/** Labels of every reason (Table 4, L2272-2307, vocabulary in seed-inventory.md 2.10). */
export const SRM_REASON_LABELS: Readonly<Record<SrmReasonId, BilingualLabel>> = {
  normal: { en: 'Normal', zh: '普通' }, // L2272
  onAdminRequest: { en: 'On Admin Request', zh: '应管理员的请求' }, // L2273
  initialization: { en: 'Initialization', zh: '初始化' }, // L2276
  automaticFallback: { en: 'Automatic Fallback', zh: '自动回退' }, // L2284
  criticalServiceDown: { en: 'Critical Service Down', zh: '关键服务关闭' }, // L2286
  databaseFailure: { en: 'Database Failure', zh: '数据库失败' }, // L2287
  startCriticalServicesFailed: { en: 'Start Critical Services Failed', zh: '启动关键服务失败' }, // L2291
  peerDown: { en: 'Peer Down', zh: '对等节点关闭' }, // L2293
  peerReboot: { en: 'Peer Reboot', zh: '对等节点重新启动' }, // L2297
  peerDownDuringInitialization: { en: 'Peer Down During Initialization', zh: '初始化期间对等节点关闭' }, // L2298
  takeOverUsersFailed: { en: 'Cisco Server Recovery Manager Take Over Users Failed', zh: 'Cisco 服务器恢复管理器接管用户失败' }, // L2299
  takeBackUsersFailed: { en: 'Cisco Server Recovery Manager Take Back Users Failed', zh: 'Cisco 服务器恢复管理器取回用户失败' }, // L2300
  unknown: { en: 'Unknown', zh: '未知' }, // L2304
  autoRecoverDatabaseFailure: { en: 'Auto Recover Database Failure', zh: '自动恢复数据库失败' }, // L2305
  autoRecoverCriticalServiceDown: { en: 'Auto Recover Critical Service Down', zh: '自动恢复关键服务关闭' }, // L2306
  // English from the CLI sample (serviceability-reference.md D.4); the guide has no Chinese label: our translation.
  highAvailabilityNotEnabled: { en: 'High Availability Not Enabled', zh: '未启用高可用性' },
};

/** The HA status of one node as SRM reports it. */
export interface SrmNodeStatus {
  /** Node name (host name), as `utils ha status` prints it. */
  readonly node: string;
  readonly state: SrmStateId;
  /** `null` where the guide gives no reason (Table 4 row 24, the pseudo-state `down`). */
  readonly reason: SrmReasonId | null;
}

/** Returns the bilingual label of a state. */
export function stateLabel(state: SrmStateId): BilingualLabel {
  return SRM_STATE_LABELS[state];
}

/** Returns the bilingual label of a reason, or `null` when there is none. */
export function reasonLabel(reason: SrmReasonId | null): BilingualLabel | null {
  return reason === null ? null : SRM_REASON_LABELS[reason];
}
