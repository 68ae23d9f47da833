/**
 * A kept run's one-line summary in the UI language, worded from its figures (ReportRunInfo.summaryValues, made by
 * main/core/reports/reportGenerators.ts `reportSummaryValues`) with the EN/ZH messages `reports.summary.*`. A run
 * without figures (kept before they existed) or with a figure missing shows the backend's English `summary`.
 */
import type { ReportKind, ReportRunInfo } from '../../../shared/model/reports.js';
import type { Locale, MessageKey } from '../../i18n/messages.js';
import type { TranslateFn } from '../../i18n/useT.js';

/** Nouns of the figures: English singular or plural; Chinese with the measure word (个节点, 位用户). */
type Noun = 'node' | 'user' | 'session' | 'group' | 'warning' | 'problem' | 'certificate' | 'cluster';

interface Shape {
  /** The figures the kind's words need. */
  readonly needs: readonly string[];
  /** Which message words them (some kinds have variants: balanced or not, replication good or not). */
  readonly key: (v: Readonly<Record<string, number>>) => MessageKey;
  /** Figure → its noun: `{<figure>Noun}` in the templates. */
  readonly nouns: Readonly<Record<string, Noun>>;
}

const SHAPES: Readonly<Record<ReportKind, Shape>> = {
  sessions: { needs: ['nodes', 'users', 'sessions'], key: () => 'reports.summary.sessions', nouns: { nodes: 'node', users: 'user', sessions: 'session' } },
  topology: {
    needs: ['nodes', 'assigned', 'unbalancedGroups'],
    key: (v) => (v.unbalancedGroups === 0 ? 'reports.summary.topology.balanced' : 'reports.summary.topology.unbalanced'),
    nouns: { nodes: 'node', assigned: 'user', unbalancedGroups: 'group' },
  },
  'ha-readiness': { needs: ['ready', 'nodes'], key: () => 'reports.summary.ha-readiness', nouns: { nodes: 'node' } },
  troubleshoot: { needs: ['failed', 'warning', 'notChecked', 'passed'], key: () => 'reports.summary.troubleshoot', nouns: { warning: 'warning' } },
  users: { needs: ['problems', 'users'], key: () => 'reports.summary.users', nouns: { problems: 'problem', users: 'user' } },
  certificates: { needs: ['expired', 'expiring', 'total'], key: () => 'reports.summary.certificates', nouns: { total: 'certificate' } },
  replication: {
    needs: ['nodes', 'notReplicating', 'notKnown'],
    key: (v) => ((v.notReplicating ?? 0) > 0 ? 'reports.summary.replication.bad' : (v.notKnown ?? 0) > 0 ? 'reports.summary.replication.unknown' : 'reports.summary.replication.good'),
    nouns: { nodes: 'node', notKnown: 'cluster' },
  },
  dashboard: { needs: ['clusters', 'users'], key: () => 'reports.summary.dashboard', nouns: { clusters: 'cluster', users: 'user' } },
};

const NUMBER_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-US', zh: 'zh-CN' };

/** The run's summary in the UI language (the backend's English when the figures are absent). */
export function runSummary(run: Pick<ReportRunInfo, 'kind' | 'summary' | 'summaryValues'>, t: TranslateFn, locale: Locale): string {
  const values = run.summaryValues;
  const shape = SHAPES[run.kind];
  if (!values || !shape || !shape.needs.every((name) => typeof values[name] === 'number' && Number.isFinite(values[name]))) return run.summary ?? '';
  const params: Record<string, string> = {};
  for (const name of shape.needs) params[name] = values[name]!.toLocaleString(NUMBER_LOCALE[locale]);
  for (const [name, noun] of Object.entries(shape.nouns)) params[`${name}Noun`] = t(values[name] === 1 ? `reports.noun.${noun}` : `reports.noun.${noun}s`);
  return t(shape.key(values), params);
}
