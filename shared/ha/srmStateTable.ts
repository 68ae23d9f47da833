/**
 * Table 4 of the guide, "Presence 冗余组节点高可用性状态、原因和建议的操作" (L2268-2307): the 24 combinations of
 * node 1 / node 2 (state, reason) with their meaning and recommended action, and a matcher that finds the row of a
 * pair. Chinese text is the guide's, with its HTML list markup removed; English follows seed-inventory.md 2.10.
 */
import type { BilingualLabel, SrmNodeStatus, SrmReasonId, SrmStateId } from './srmStates.js';

/** What one node column of a row accepts. */
export interface SrmRowColumn {
  readonly states: readonly SrmStateId[];
  /** `null` in the list means the row's reason cell is empty. */
  readonly reasons: ReadonlyArray<SrmReasonId | null>;
}

/** One row of Table 4. */
export interface SrmStateTableRow {
  /** 1-24, in the guide's order. */
  readonly row: number;
  /** Line of the row in the Chinese guide. */
  readonly line: number;
  readonly node1: SrmRowColumn;
  readonly node2: SrmRowColumn;
  /** The "原因/建议的操作" cell: meaning and recommended action. */
  readonly action: BilingualLabel;
}

const col = (states: SrmStateId | SrmStateId[], reasons: SrmReasonId | null | Array<SrmReasonId | null>): SrmRowColumn => ({
  states: Array.isArray(states) ? states : [states],
  reasons: Array.isArray(reasons) ? reasons : [reasons],
});
const same = (state: SrmStateId, reason: SrmReasonId | null): Pick<SrmStateTableRow, 'node1' | 'node2'> => ({
  node1: col(state, reason),
  node2: col(state, reason),
});
const FALLBACK_ZH = '执行手动回退以将 Presence 冗余组中的节点恢复为“普通”状态。';
const FALLBACK_EN = 'perform a manual fallback to return the group to Normal.';

/** Table 4 rows 1-24. */
export const SRM_STATE_TABLE: readonly SrmStateTableRow[] = [
  { row: 1, line: 2272, ...same('normal', 'normal'), action: { en: 'Normal.', zh: '普通' } },
  {
    row: 2, line: 2273, node1: col('failingOver', 'onAdminRequest'), node2: col('takingOver', 'onAdminRequest'),
    action: { en: 'The administrator started a manual failover from node 1 to node 2. The manual failover is in progress.', zh: '管理员启动了从节点 1 到节点 2 的手动故障转移。正在进行手动故障转移。' },
  },
  {
    row: 3, line: 2274, node1: col('idle', 'onAdminRequest'), node2: col('runningInBackupMode', 'onAdminRequest'),
    action: { en: 'The manual failover from node 1 to node 2 started by the administrator has completed.', zh: '管理员启动的、从节点 1 到节点 2 的手动故障转移已完成。' },
  },
  {
    row: 4, line: 2275, node1: col('takingBack', 'onAdminRequest'), node2: col('fallingBack', 'onAdminRequest'),
    action: { en: 'The administrator started a manual fallback from node 2 to node 1. The manual fallback is in progress.', zh: '管理员启动了从节点 2 到节点 1 的手动回退。正在进行手动回退。' },
  },
  {
    row: 5, line: 2276, node1: col('idle', 'initialization'), node2: col('runningInBackupMode', 'onAdminRequest'),
    action: { en: 'The administrator restarted the SRM service on node 1 while node 1 was Idle.', zh: '管理员当节点 1 处于“空闲”状态时重新启动节点 1 上的 SRM 服务。' },
  },
  {
    row: 6, line: 2277, node1: col('idle', 'initialization'), node2: col('runningInBackupMode', 'initialization'),
    action: { en: 'While the group was in manual failover mode, the administrator restarted both nodes, or the SRM service on both nodes.', zh: '当 Presence 冗余组处于手动故障转移模式时，管理员重新启动 Presence 冗余组中的两个节点，或重新启动两个节点上的 SRM 服务。' },
  },
  {
    row: 7, line: 2278, node1: col('idle', 'onAdminRequest'), node2: col('runningInBackupMode', 'initialization'),
    action: { en: 'The administrator restarted the SRM service on node 2 while node 2 was running in backup mode, before the heartbeat timeout on node 1.', zh: '当节点 2 在备份模式下运行，但节点 1 上的心跳超时之前，管理员重新启动节点 2 上的 SRM 服务。' },
  },
  {
    row: 8, line: 2279, node1: col('failingOver', 'onAdminRequest'), node2: col('takingOver', 'initialization'),
    action: { en: 'The administrator restarted the SRM service on node 2 while node 2 was taking over, before the heartbeat timeout on node 1.', zh: '当节点 2 接管，但节点 1 上的心跳超时之前，管理员重新启动节点 2 上的 SRM 服务。' },
  },
  {
    row: 9, line: 2280, node1: col('takingBack', 'initialization'), node2: col('fallingBack', 'onAdminRequest'),
    action: { en: 'The administrator restarted the SRM service on node 1 while taking back, before the heartbeat timeout on node 2. When the take-back completes both nodes are Normal.', zh: '当取回但节点 2 上的心跳超时之前，管理员重新启动节点 1 上的 SRM 服务。取回过程完成后，两个节点都处于“普通”状态。' },
  },
  {
    row: 10, line: 2284, node1: col('takingBack', 'automaticFallback'), node2: col('fallingBack', 'automaticFallback'),
    action: { en: 'An automatic fallback from node 2 to node 1 has started and is in progress.', zh: '从节点 2 到节点 1 的自动回退已启动并且当前正在进行。' },
  },
  {
    row: 11, line: 2285, node1: col('failedOver', ['initialization', 'criticalServiceDown']), node2: col('runningInBackupMode', 'criticalServiceDown'),
    action: {
      en: 'Node 1 moves to Failed Over when its critical services are running again because node 1 rebooted, or when the administrator starts the critical services on node 1 while it is Failed Over with Critical Services not Running. Node 1 is then ready: the administrator can ' + FALLBACK_EN,
      zh: '节点 1 在出现以下任一情况时转换为“已故障转移”状态：关键服务由于节点 1 重新启动恢复运行。当节点 1 处于“关键服务未运行时故障转移”状态时，管理员启动节点 1 上的关键服务。节点 1 转换为“已故障转移”状态后，该节点已准备就绪，管理员可执行手动回退，以将 Presence 冗余组中的节点恢复为“普通”状态。',
    },
  },
  {
    row: 12, line: 2286, node1: col('failedOverCriticalServicesNotRunning', 'criticalServiceDown'), node2: col('runningInBackupMode', 'criticalServiceDown'),
    action: {
      en: 'A critical service is down on node 1; IM and Presence failed over to node 2 automatically. Recommended: 1. check node 1 for critical services that are down and try to start them manually; 2. if they do not start, reboot node 1; 3. when all critical services are running after the reboot, ' + FALLBACK_EN,
      zh: '节点 1 上的关键服务关闭。IM and Presence Service 执行到节点 2 的自动故障转移。建议的操作：检查节点 1 有无任何关键服务关闭，并尝试手动启动这些服务。如果节点 1 上的关键服务没有启动，则重新启动节点 1。当所有关键服务均已启动并在重新启动后运行时，' + FALLBACK_ZH,
    },
  },
  {
    row: 13, line: 2287, node1: col('failedOverCriticalServicesNotRunning', 'databaseFailure'), node2: col('runningInBackupMode', 'databaseFailure'),
    action: {
      en: 'The database service is down on node 1; IM and Presence failed over to node 2 automatically. Recommended: 1. reboot node 1; 2. when all critical services are running after the reboot, ' + FALLBACK_EN,
      zh: '节点 1 上的数据库服务关闭。IM and Presence Service 执行到节点 2 的自动故障转移。建议的操作：重新启动节点 1。当所有关键服务均已启动并在重新启动后运行时，' + FALLBACK_ZH,
    },
  },
  {
    row: 14, line: 2291, ...same('runningInFailedMode', 'startCriticalServicesFailed'),
    action: {
      en: 'Critical services failed to start while a node was taking back from the other node. On the taking-back node: 1. check for critical services that are down; to start them, click Recover in the Presence Redundancy Group Configuration window; 2. if they do not start, reboot the node; 3. when all critical services are running after the reboot, ' + FALLBACK_EN,
      zh: 'Presence 冗余组中的节点从其他节点收回时关键服务无法启动。建议的操作。在收回的节点上，执行以下操作：1. 检查该节点有无关键服务关闭。要手动启动这些服务，单击 Presence 冗余组配置窗口中的恢复。2. 如果关键服务没有启动，重新启动该节点。3. 当所有关键服务均已启动并在重新启动后运行时，' + FALLBACK_ZH,
    },
  },
  {
    row: 15, line: 2292, ...same('runningInFailedMode', 'criticalServiceDown'),
    action: {
      en: 'A critical service went down on the backup node; both nodes entered the failed state. Recommended: 1. check the backup node for critical services that are down; to start them, click Recover in the Presence Redundancy Group Configuration window; 2. if they do not start, reboot the node.',
      zh: '关键服务在备份节点上关闭。两个节点都进入故障状态。建议的操作：1. 检查备份节点有无关键服务关闭。要手动启动这些服务，单击 Presence 冗余组配置窗口中的恢复。2. 如果关键服务没有启动，重新启动该节点。',
    },
  },
  {
    row: 16, line: 2293, node1: col('down', null), node2: col('runningInBackupMode', 'peerDown'),
    action: {
      en: 'Node 1 is down because it lost network connectivity, or its SRM service is not running. Node 2 lost the heartbeat of node 1 and IM and Presence failed over to node 2 automatically. If node 1 is up: 1. check and fix the network between the nodes of the group; after the connection is restored the nodes may enter the failed state: click Recover to return them to Normal; 2. start the SRM service and ' + FALLBACK_EN + ' 3. (if the node is down) repair node 1 and power it on; 4. when the node is up and all critical services are running, ' + FALLBACK_EN,
      zh: '节点 1 由于失去网络连接而关闭，或 SRM 服务没有运行。节点 2 失去来自节点 1 的心跳。IM and Presence Service 执行到节点 2 的自动故障转移。建议的操作。如果节点 1 已启动，则执行以下操作：1. 检查并修复 Presence 冗余组中节点之间的网络连接性。当您重新建立节点之间的网络连接后，节点可能会进入故障状态。单击 Presence 冗余组配置窗口中的恢复以将节点恢复为“普通”状态。2. 启动 SRM 服务并' + FALLBACK_ZH + '3. （如果节点关闭）修复节点 1 并通电。4. 当节点已启动并且所有关键服务均已运行时，' + FALLBACK_ZH,
    },
  },
  {
    row: 17, line: 2297, node1: col('down', null), node2: col('runningInBackupMode', 'peerReboot'),
    action: {
      en: 'Node 1 is down (possible power outage, hardware failure, shutdown or reboot); IM and Presence failed over to node 2 automatically. Recommended: 1. repair node 1 and power it on; 2. when the node is up and all critical services are running, ' + FALLBACK_EN,
      zh: '节点 1 已关闭（由于可能的电源中断、硬件故障、关闭、重新启动）。由于节点 1 上出现以下可能的情况，IM and Presence Service 执行到节点 2 的自动故障转移：硬件故障、电源中断、重新启动、关闭。建议的操作：1. 修复节点 1 并通电。2. 当节点已启动并且所有关键服务均已运行时，' + FALLBACK_ZH,
    },
  },
  {
    // Node 2's state is printed "备份模式" (Backup Mode), shorthand for Running in Backup Mode: the node hosts its
    // peer's users exactly as in rows 11-17, so we report the Table 3 state.
    row: 18, line: 2298, node1: col(['failedOverCriticalServicesNotRunning', 'failedOver'], 'initialization'), node2: col('runningInBackupMode', 'peerDownDuringInitialization'),
    action: {
      en: 'Node 2 did not see node 1 during start-up. Recommended: when node 1 is up and all critical services are running, ' + FALLBACK_EN,
      zh: '节点 2 在启动期间不会看到节点 1。建议的操作：当节点 1 已启动并且所有关键服务均已运行时，' + FALLBACK_ZH,
    },
  },
  {
    row: 19, line: 2299, ...same('runningInFailedMode', 'takeOverUsersFailed'),
    action: {
      en: 'Users failed during the takeover. Recommended: possible database error. Click Recover in the Presence Redundancy Group Configuration window; if the problem persists, reboot the node.',
      zh: '用户在接管过程中失败。建议的操作：可能的数据库错误。单击 Presence 冗余组配置 窗口中的 恢复。如果问题仍然存在，则重新启动节点。',
    },
  },
  {
    row: 20, line: 2300, ...same('runningInFailedMode', 'takeBackUsersFailed'),
    action: {
      en: 'Users failed during the fallback. Recommended: possible database error. Click Recover in the Presence Redundancy Group Configuration window; if the problem persists, reboot the node.',
      zh: '用户在回退过程中失败。建议的操作：可能的数据库错误。单击 Presence 冗余组配置 窗口中的 恢复。如果问题仍然存在，则重新启动节点。',
    },
  },
  {
    row: 21, line: 2304, ...same('runningInFailedMode', 'unknown'),
    action: {
      en: 'The SRM on a node restarts while the SRM on the other node is in the failed state, or an internal system error occurred. Recommended: click Recover in the Presence Redundancy Group Configuration window; if the problem persists, reboot the node.',
      zh: '当其他节点上的 SRM 处于故障状态，或发生内部系统错误时，节点上的 SRM 会重新启动。建议的操作：单击 Presence 冗余组配置 窗口中的 恢复 。如果问题仍然存在，则重新启动节点。',
    },
  },
  {
    row: 22, line: 2305, node1: col('backupActivated', 'autoRecoverDatabaseFailure'), node2: col('failoverAffectedServices', 'autoRecoverDatabaseFailure'),
    action: {
      en: 'The database is down on the backup node. The peer is in failover mode and able to take over all users of the group. The auto-recover operation runs automatically and all users are moved to the primary node.',
      zh: '数据库在备份节点上关闭。对等节点处于故障转移模式并且能够接管 Presence 冗余组 中的所有用户。自动进行自动恢复操作并且所有用户均移至主节点。',
    },
  },
  {
    // Node 1's reason is printed "自动恢复数据库失败" although the cause is a critical service (likely a typo of the
    // guide); we reproduce the printed row so that the pair matches the guide literally.
    row: 23, line: 2306, node1: col('backupActivated', 'autoRecoverDatabaseFailure'), node2: col('failoverAffectedServices', 'autoRecoverCriticalServiceDown'),
    action: {
      en: 'A critical service is down on the backup node. The peer is in failover mode and able to take over all users of the group. The auto-recover operation runs automatically and all users are moved to the peer node.',
      zh: '关键服务在备份节点上关闭。对等节点处于故障转移模式并且能够接管 Presence 冗余组 中的所有用户。自动进行自动恢复操作并且所有用户均移至对等节点。',
    },
  },
  {
    row: 24, line: 2307, ...same('unknown', null),
    action: {
      en: 'The node state is unknown. Possible cause: High Availability is not enabled correctly on the IM and Presence node. Recommended: restart the Server Recovery Manager service on both nodes of the group.',
      zh: '节点状态未知。可能的原因是 IM and Presence Service 节点上没有正确启用高可用性。建议的操作：重新启动 Presence 冗余组 中两个节点上的服务器恢复管理器服务。',
    },
  },
];

/** The row a pair matches, and whether it matched with the nodes swapped (node 2 playing the table's node 1). */
export interface SrmStateTableMatch {
  readonly row: SrmStateTableRow;
  readonly mirrored: boolean;
}

function columnAccepts(column: SrmRowColumn, status: Pick<SrmNodeStatus, 'state' | 'reason'>): boolean {
  return column.states.includes(status.state) && column.reasons.includes(status.reason);
}

/**
 * Finds the Table 4 row of a pair. The table is written with node 1 as the node that failed; a pair where the
 * second node failed matches the same row mirrored. Returns `undefined` for combinations the table does not
 * list (for example a transitional automatic failover, or HA disabled).
 */
export function matchSrmStateTable(
  node1: Pick<SrmNodeStatus, 'state' | 'reason'>,
  node2: Pick<SrmNodeStatus, 'state' | 'reason'>,
): SrmStateTableMatch | undefined {
  for (const row of SRM_STATE_TABLE) {
    if (columnAccepts(row.node1, node1) && columnAccepts(row.node2, node2)) return { row, mirrored: false };
  }
  for (const row of SRM_STATE_TABLE) {
    if (columnAccepts(row.node1, node2) && columnAccepts(row.node2, node1)) return { row, mirrored: true };
  }
  return undefined;
}
