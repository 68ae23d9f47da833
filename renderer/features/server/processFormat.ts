/**
 * The Server view's process table cells (RTMT System > Server > Process). One unit per column: CPU as % of one
 * core over the last poll interval (hrSWRunPerfCPU's increase, main/core/collector/processCpu.ts; a busy
 * multi-threaded process can pass 100 %), memory in KB as hrSWRunPerfMem gives it, always written out in full with
 * the locale's grouping — never "1.2M" next to "900,000".
 */
import type { Locale } from '../../i18n/messages.js';
import { formatPercent } from '../../app/format.js';

/** CPU % of one core. */
export function formatProcessCpu(percent: number | undefined): string {
  return formatPercent(percent);
}

/** Resident memory in KB, grouped per locale, no compact notation. */
export function formatProcessMemoryKb(kb: number | undefined, locale: Locale): string {
  if (kb === undefined || !Number.isFinite(kb)) return '—';
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 }).format(kb);
}
