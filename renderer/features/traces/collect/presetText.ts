/**
 * Preset titles in the UI language: main sends the guide's English title (Table 44, L11289-11322); the Chinese
 * titles are the zh guide's own row headings (Table 44, L11292-11308) by the preset ids of traces/tracePresets.ts.
 */
import type { TracePreset } from '../../../../shared/model/traces.js';
import type { Locale } from '../../../i18n/messages.js';

/** Chinese titles by preset id (the guide's Table 44 rows, zh edition). */
const ZH: Readonly<Record<string, string>> = {
  login: '登录和验证跟踪',
  presence: '可用性状态',
  im: '发送和接收即时消息',
  contactList: '联系人列表',
  chatRooms: '聊天室',
  partitionedFederation: '分区式域内联合',
  xmppInterdomain: '基于 XMPP 的域间联合联系人的可用性和 IM',
  sipInterdomain: 'SIP 域间联合联系人的可用性和 IM',
  calendar: '日历跟踪',
  intercluster: '群集间同步跟踪和群集间故障诊断程序',
  sipFederation: 'SIP 联合跟踪',
  xmppFederation: 'XMPP 联合跟踪',
  highCpu: '高 CPU 和低 VM 警告故障诊断',
};

/** The preset's title in the UI language (the English one when no translation is known). */
export function presetTitle(p: TracePreset, locale: Locale): string {
  return locale === 'zh' ? (ZH[p.id] ?? p.title) : p.title;
}
