/**
 * Readable words of the audit log (issue 16): an action's label ("Acknowledge alarm" for `alerts.acknowledge`, the
 * raw name when the catalog has none), the action groups of the filter, a source with its address, and an entry's
 * parameters as lines.
 */
import type { AuditEntry } from '../../../shared/model/audit.js';
import { MESSAGES_EN, type MessageKey } from '../../i18n/messages.js';
import type { TranslateFn } from '../../i18n/useT.js';

/** The filter's action groups: each is an action prefix ending with '.' (AuditFilter.action). */
export const ACTION_GROUPS = ['session', 'operators', 'alerts', 'nodes', 'ha', 'drs', 'clusters', 'receivers', 'notifications', 'traces', 'reports', 'perf', 'job'] as const;

function known(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES_EN, key);
}

/** The label of an action; the action itself when the catalog has no words for it. */
export function actionLabel(action: string, t: TranslateFn): string {
  const key = `audit.action.${action}`;
  return known(key) ? t(key) : action;
}

/** The label of an action group. */
export function groupLabel(group: (typeof ACTION_GROUPS)[number], t: TranslateFn): string {
  return t(`audit.group.${group}`);
}

/** "server · 10.0.0.5", "command line". */
export function sourceLabel(entry: Pick<AuditEntry, 'source' | 'address'>, t: TranslateFn): string {
  const source = t(`audit.source.${entry.source}`);
  return entry.address ? `${source} · ${entry.address}` : source;
}

/** The parameters as `key: value` lines (values as JSON when not a string), sorted by key. */
export function paramLines(params: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(params)
    .sort()
    .map((k) => {
      const v = params[k];
      return `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`;
    });
}

/** Since presets of the filter, in ms before now (undefined: all time). */
export const SINCE_PRESETS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, all: undefined } as const;
/** A since preset. */
export type SincePreset = keyof typeof SINCE_PRESETS;
