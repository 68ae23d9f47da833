/**
 * Chinese labels of the Cisco Server Recovery Manager states and reasons, keyed by the English label the backend
 * sends (PrgStatus.nodes[].state/reason are the CLI's English words). Copied (not imported: the renderer may not
 * import main/) from main/core/simulator/model/srm/srmStates.ts, whose text is the 14SU1 Chinese guide's
 * Table 3 (L2244-2262) and Table 4 (L2268-2307); seed-inventory.md 2.9/2.10.
 */

/** English state label → the guide's Chinese label. */
export const HA_STATE_ZH: Readonly<Record<string, string>> = {
  Initializing: '正在初始化', // L2249
  Idle: '空闲', // L2250
  // The guide's own word for the state, in Table 3 (L2251) and every row of Table 4 (L2272): 普通, not 正常 (正常
  // appears only in prose, e.g. "节点正常运行" L2251, "转换为正常" L6231). The node health beside it says 正常.
  Normal: '普通', // L2251
  'Running in Backup Mode': '正在备份模式下运行', // L2252
  'Taking Over': '正在接管', // L2253
  'Failing Over': '正在进行故障转移', // L2254
  'Failed Over': '已执行故障转移', // L2255
  'Failed Over with Critical Services not Running': '已执行故障转移，且关键服务没有运行', // L2256
  'Falling Back': '正在回退', // L2257
  'Taking Back': '正在收回', // L2258
  'Running in Failed Mode': '正在故障模式下运行', // L2261
  Unknown: '未知', // L2262
  'Backup Activated': '备份已激活', // Table 4 row 22, L2305
  'Failover Affected Services': '故障转移受影响的服务', // Table 4 row 22, L2305
  'Backup Mode': '备份模式', // Table 4 row 18, L2298
  Down: '已关闭', // Table 4 rows 16-17: "节点 1 已关闭"
};

/** English reason label → the guide's Chinese label (Table 4 reason vocabulary). */
export const HA_REASON_ZH: Readonly<Record<string, string>> = {
  Normal: '普通', // L2272
  'On Admin Request': '应管理员的请求', // L2273
  Initialization: '初始化', // L2276
  'Automatic Fallback': '自动回退', // L2284
  'Critical Service Down': '关键服务关闭', // L2286
  'Critical Services Down': '关键服务关闭',
  'Database Failure': '数据库失败', // L2287
  'Start Critical Services Failed': '启动关键服务失败', // L2291
  'Peer Down': '对等节点关闭', // L2293
  'Peer Reboot': '对等节点重新启动', // L2297
  'Peer Down During Initialization': '初始化期间对等节点关闭', // L2298
  'Cisco Server Recovery Manager Take Over Users Failed': 'Cisco 服务器恢复管理器接管用户失败', // L2299
  'Cisco Server Recovery Manager Take Back Users Failed': 'Cisco 服务器恢复管理器取回用户失败', // L2300
  Unknown: '未知', // L2304
  'Auto Recover Database Failure': '自动恢复数据库失败', // L2305
  'Auto Recover Critical Service Down': '自动恢复关键服务关闭', // L2306
  // The guide has no Chinese label for the CLI's "High Availability Not Enabled": the simulator's translation.
  'High Availability Not Enabled': '未启用高可用性',
};

/** Broad health of an HA state, for color: stable-good, transitional, failed, unknown. */
export type HaTone = 'ok' | 'transition' | 'failed' | 'unknown';

const TRANSITIONAL = new Set(['Initializing', 'Taking Over', 'Failing Over', 'Falling Back', 'Taking Back']);
const FAILED = new Set(['Running in Failed Mode', 'Failed Over with Critical Services not Running', 'Down', 'Idle', 'Failed Over']);
const OK = new Set(['Normal', 'Running in Backup Mode', 'Backup Mode', 'Backup Activated']);

/** Returns the label of an SRM state in the UI language; unknown labels are shown as sent. */
export function haStateLabel(state: string, locale: 'en' | 'zh'): string {
  if (locale === 'en') return state;
  return HA_STATE_ZH[state] ?? HA_STATE_ZH[caseInsensitiveKey(HA_STATE_ZH, state)] ?? state;
}

/** Returns the label of an SRM reason in the UI language; unknown labels are shown as sent. */
export function haReasonLabel(reason: string, locale: 'en' | 'zh'): string {
  if (locale === 'en' || reason === '') return reason;
  return HA_REASON_ZH[reason] ?? HA_REASON_ZH[caseInsensitiveKey(HA_REASON_ZH, reason)] ?? reason;
}

/** Returns the color tone of an SRM state (Table 3 types: stable, transitional, error). */
export function haStateTone(state: string): HaTone {
  if (TRANSITIONAL.has(state)) return 'transition';
  if (FAILED.has(state)) return 'failed';
  if (OK.has(state)) return 'ok';
  const lower = state.toLowerCase();
  for (const s of FAILED) if (s.toLowerCase() === lower) return 'failed';
  for (const s of OK) if (s.toLowerCase() === lower) return 'ok';
  return 'unknown';
}

function caseInsensitiveKey(table: Readonly<Record<string, string>>, label: string): string {
  const lower = label.toLowerCase();
  return Object.keys(table).find((k) => k.toLowerCase() === lower) ?? label;
}
