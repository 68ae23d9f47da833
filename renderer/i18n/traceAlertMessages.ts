/**
 * Trace download on alert (issue 12): the rule editor's "Enable Trace Download" settings (RTMT's alert
 * properties, serviceability-reference.md A.3) and the alarm's link to its bundle. Spread into MESSAGES_EN /
 * MESSAGES_ZH by messages.ts; the ZH table must have every key of the EN one.
 */
export const TRACE_ALERT_EN = {
  'alerts.traceDownload.legend': 'Trace download',
  'alerts.traceDownload.enable': 'Enable Trace Download',
  'alerts.traceDownload.services': 'Services, comma-separated',
  'alerts.traceDownload.systemLogs': 'System logs, comma-separated',
  'alerts.traceDownload.lastMinutes': 'Minutes before the alarm',
  'alerts.traceDownload.maxPerDay': 'Most downloads a day',
  'alerts.traceDownload.caution': 'Trace Download may affect services on the node.',
  'alerts.traceDownload.bundle': 'Trace bundle: {path}',
  'alerts.traceDownload.running': 'Collecting traces from {node}…',
  'alerts.traceDownload.skipped': 'Trace download skipped: {reason}',
} as const;

export const TRACE_ALERT_ZH: Readonly<Record<keyof typeof TRACE_ALERT_EN, string>> = {
  'alerts.traceDownload.legend': '跟踪下载',
  'alerts.traceDownload.enable': '启用跟踪下载',
  'alerts.traceDownload.services': '服务（以逗号分隔）',
  'alerts.traceDownload.systemLogs': '系统日志（以逗号分隔）',
  'alerts.traceDownload.lastMinutes': '警报前的分钟数',
  'alerts.traceDownload.maxPerDay': '每天最多下载次数',
  'alerts.traceDownload.caution': '跟踪下载可能会影响节点上的服务。',
  'alerts.traceDownload.bundle': '跟踪包：{path}',
  'alerts.traceDownload.running': '正在从 {node} 收集跟踪…',
  'alerts.traceDownload.skipped': '已跳过跟踪下载：{reason}',
};
