/**
 * A kept run's one-line summary in the UI language. The backend words it in English (ReportRunInfo.summary, made by
 * main/core/reports/reportGenerators.ts `reportSummary`); in Chinese its known shapes are reworded here, and a line
 * of another shape is shown as the backend wrote it.
 */
import type { Locale } from '../../i18n/messages.js';

const N = '([\\d,]+)';
const s = (word: string) => `${word}s?`;

/** English shapes of reportSummary → the Chinese line. */
const SHAPES: readonly (readonly [RegExp, (m: readonly string[]) => string])[] = [
  [new RegExp(`^${N} ${s('node')}, ${N} ${s('user')} logged in, ${N} ${s('session')}$`), (m) => `${m[1]} 个节点，${m[2]} 位用户已登录，${m[3]} 个会话`],
  [new RegExp(`^${N} ${s('node')}, ${N} ${s('user')} assigned, balanced$`), (m) => `${m[1]} 个节点，已分配 ${m[2]} 位用户，均衡`],
  [new RegExp(`^${N} ${s('node')}, ${N} ${s('user')} assigned, ${N} ${s('group')} unbalanced$`), (m) => `${m[1]} 个节点，已分配 ${m[2]} 位用户，${m[3]} 个组不均衡`],
  [new RegExp(`^${N} of ${N} ${s('node')} ready$`), (m) => `${m[2]} 个节点中 ${m[1]} 个就绪`],
  [new RegExp(`^${N} failed, ${N} ${s('warning')}, ${N} not checked, ${N} passed$`), (m) => `失败 ${m[1]}，警告 ${m[2]}，未检查 ${m[3]}，通过 ${m[4]}`],
  [new RegExp(`^${N} ${s('problem')} in ${N} ${s('user')}$`), (m) => `${m[2]} 位用户中有 ${m[1]} 个问题`],
  [new RegExp(`^${N} ${s('certificate')}, ${N} expired, ${N} expiring$`), (m) => `${m[1]} 个证书，${m[2]} 个已到期，${m[3]} 个即将到期`],
  [new RegExp(`^${N} ${s('node')}, replication good$`), (m) => `${m[1]} 个节点，复制正常`],
  [new RegExp(`^${N} ${s('node')}, ${N} not replicating$`), (m) => `${m[1]} 个节点，${m[2]} 个未复制`],
  [new RegExp(`^${N} ${s('cluster')}, ${N} ${s('user')}$`), (m) => `${m[1]} 个群集，${m[2]} 位用户`],
];

/** The summary in `locale` (the backend's English when no shape matches). */
export function runSummary(summary: string | undefined, locale: Locale): string {
  if (!summary || locale !== 'zh') return summary ?? '';
  for (const [re, word] of SHAPES) {
    const m = re.exec(summary);
    if (m) return word(m);
  }
  return summary;
}
