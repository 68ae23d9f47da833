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

/** A value on a line: strings as they are, times (`…AtMs`, `…Ms` past 2001) through `time`, the rest as JSON. */
function valueText(key: string, v: unknown, time?: (ms: number) => string): string {
  if (typeof v === 'string') return v;
  if (time && typeof v === 'number' && /Ms$/.test(key) && v > 1e12) return time(v);
  return JSON.stringify(v);
}

/** `key: value` lines of one object's fields, sorted by key. */
function fieldLines(o: Readonly<Record<string, unknown>>, time?: (ms: number) => string, prefix = ''): string[] {
  return Object.keys(o)
    .sort()
    .map((k) => `${prefix}${k}: ${valueText(k, o[k], time)}`);
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The parameters as `key: value` lines, sorted by key. A call's positional arguments (`args: [...]`, how the
 * backend records most calls) are spread out: an object argument's fields as their own lines (numbered `1.`, `2.`
 * when the call had several arguments), so `action: stop` and `service: …` read as such instead of one JSON line;
 * `time` formats the epoch-millisecond fields (endsAtMs) for people.
 */
export function paramLines(params: Readonly<Record<string, unknown>>, time?: (ms: number) => string): string[] {
  const keys = Object.keys(params);
  const args = params.args;
  if (keys.length === 1 && Array.isArray(args)) {
    const many = args.length > 1;
    return args.flatMap((arg: unknown, i) => {
      const prefix = many ? `${i + 1}. ` : '';
      return isRecord(arg) ? fieldLines(arg, time, prefix) : [`${prefix || 'args: '}${valueText('', arg, time)}`];
    });
  }
  return fieldLines(params, time);
}

/** Since presets of the filter, in ms before now (undefined: all time). */
export const SINCE_PRESETS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, all: undefined } as const;
/** A since preset. */
export type SincePreset = keyof typeof SINCE_PRESETS;
