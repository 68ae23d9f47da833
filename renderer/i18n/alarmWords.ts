/**
 * Sentences that name an active alarm the way a person reads it, thing first: "Cisco XCP Router stopped on
 * imp-sub3 for 12 min" rather than the engine's "value 1 over threshold 0.5 (IMP Monitor Service\Down)".
 * One sentence per preconfigured rule whose condition is a status or a well-known counter; the rest use the
 * counter (threshold rules) or the rule name (syslog events). Placeholders: {node}, {instance}, {duration},
 * {value}, {threshold}, {counter}, {object}, {rule}, {direction}. HA words follow the guide's Table 3
 * (L2244-2262: 故障转移, 正在故障模式下运行).
 */
import type { Locale } from './messages.js';

/** Keys of the alarm sentences. */
export type AlarmWordKey =
  | 'CriticalServiceDown'
  | 'CriticalServiceDownNoName'
  | 'ServerDown'
  | 'DBReplicationFailure'
  | 'SystemVersionMismatched'
  | 'SRMFailover'
  | 'SRMFailed'
  | 'CpuPegging'
  | 'LowAvailableVirtualMemory'
  | 'JSMSessionsExceedsThreshold'
  | 'partition'
  | 'threshold'
  | 'event'
  | 'syslogMessage'
  | 'over'
  | 'under';

const EN: Readonly<Record<AlarmWordKey, string>> = {
  CriticalServiceDown: '{instance} stopped on {node} for {duration}',
  CriticalServiceDownNoName: 'A critical service stopped on {node} for {duration}',
  ServerDown: '{node} unreachable for {duration}',
  DBReplicationFailure: 'Database replication not set up on {node} for {duration}',
  SystemVersionMismatched: '{node} runs a different software version for {duration}',
  SRMFailover: '{node} failed over (high availability) for {duration}',
  SRMFailed: '{node} running in failed mode (high availability) for {duration}',
  CpuPegging: 'CPU at {value} on {node} for {duration} (limit {threshold})',
  LowAvailableVirtualMemory: 'Virtual memory {value} used on {node} for {duration} (limit {threshold})',
  JSMSessionsExceedsThreshold: 'JSM sessions at {value} of supported on {node} for {duration} (limit {threshold})',
  partition: '{instance} partition {value} used on {node} for {duration} (limit {threshold})',
  threshold: '{counter} at {value} on {node} for {duration} ({direction} {threshold})',
  event: '{rule} on {node}, {duration} ago',
  syslogMessage: '{msgName} from {app} on {node}, {duration} ago',
  over: 'over',
  under: 'under',
};

const ZH: Readonly<Record<AlarmWordKey, string>> = {
  CriticalServiceDown: '{node} 上的 {instance} 已停止 {duration}',
  CriticalServiceDownNoName: '{node} 上有关键服务已停止 {duration}',
  ServerDown: '{node} 无法访问，已持续 {duration}',
  DBReplicationFailure: '{node} 的数据库复制未完成设置，已持续 {duration}',
  SystemVersionMismatched: '{node} 的软件版本不一致，已持续 {duration}',
  SRMFailover: '{node} 已故障转移（高可用性），已持续 {duration}',
  SRMFailed: '{node} 正在故障模式下运行（高可用性），已持续 {duration}',
  CpuPegging: '{node} 的 CPU 为 {value}，已持续 {duration}（阈值 {threshold}）',
  LowAvailableVirtualMemory: '{node} 的虚拟内存已用 {value}，已持续 {duration}（阈值 {threshold}）',
  JSMSessionsExceedsThreshold: '{node} 的 JSM 会话达到支持数的 {value}，已持续 {duration}（阈值 {threshold}）',
  partition: '{node} 的 {instance} 分区已用 {value}，已持续 {duration}（阈值 {threshold}）',
  threshold: '{node} 的 {counter} 为 {value}，已持续 {duration}（{direction} {threshold}）',
  event: '{node} 上的 {rule}，{duration}前',
  syslogMessage: '{node} 上 {app} 的 {msgName}，{duration}前',
  over: '高于',
  under: '低于',
};

/** The alarm sentence catalogs (exported for the catalog test). */
export const ALARM_WORDS: Readonly<Record<Locale, Readonly<Record<AlarmWordKey, string>>>> = { en: EN, zh: ZH };

/** Returns the sentence `key` in `locale` with its placeholders filled. */
export function alarmWords(locale: Locale, key: AlarmWordKey, params: Readonly<Record<string, string>> = {}): string {
  return ALARM_WORDS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
