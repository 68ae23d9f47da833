import { InvalidArgumentError } from 'commander';
import { DRS_DEFAULT_WEEKDAYS } from '../../../../shared/model/drs.js';
import { parseInstant } from './traceRequestOptions.js';

/**
 * Option values of `imp drs …` read into the shared model's pieces: feature and node lists, weekdays, a schedule's
 * start time. Pure, so the parsing is tested apart from the commands. Feature names are kept exactly as typed:
 * the cluster registers them (UCM, CDR_CAR, PLM, IM&P) and DRS refuses one it does not know in its own words.
 */

/** A comma-separated list of names (features, nodes), trimmed, without empties or repeats; at least one. */
export function namesArg(value: string): string[] {
  const names = [...new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (names.length === 0) throw new InvalidArgumentError(`needs at least one name (comma-separated), got ${value === '' ? 'nothing' : value}`);
  return names;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const FULL_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** `--days tue,wed,thu,fri,sat` (or `default`: the guide's Set Default, Tuesday to Saturday, L10161): 0 = Sunday. */
export function weekdaysArg(value: string): number[] {
  if (value.trim().toLowerCase() === 'default') return [...DRS_DEFAULT_WEEKDAYS];
  const days = value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const out: number[] = [];
  for (const d of days) {
    const i = DAYS.findIndex((x, n) => d === x || d === FULL_DAYS[n]);
    if (i < 0) throw new InvalidArgumentError(`needs days as ${DAYS.join(',')} (or "default": tue-sat), got ${d}`);
    if (!out.includes(i)) out.push(i);
  }
  if (out.length === 0) throw new InvalidArgumentError('needs at least one day (sun,mon,tue,wed,thu,fri,sat or "default")');
  return out.sort((a, b) => a - b);
}

/** The days as the CLI's schedule list writes them. */
export function weekdayNames(days: readonly number[] | undefined): string | undefined {
  return days === undefined ? undefined : days.map((d) => DAYS[d] ?? String(d)).join(',');
}

/**
 * A schedule's start: the CLI's own `yyyy/mm/dd-hh:mm` (UTC, as `schedule add` takes it) or ISO 8601 (without an
 * offset: UTC). UTC ms.
 */
export function startArg(value: string): number {
  const m = /^\s*(\d{4})\/(\d{2})\/(\d{2})-(\d{2}):(\d{2})\s*$/.exec(value);
  if (m) return parseInstant(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}Z`, 'UTC');
  try {
    return parseInstant(value, 'UTC');
  } catch {
    throw new InvalidArgumentError(`needs yyyy/mm/dd-hh:mm (UTC) or ISO 8601, got ${value === '' ? 'nothing' : value}`);
  }
}

/** An instant as people and scripts read it: ISO 8601 UTC to the second. */
export function isoSeconds(ms: number | undefined): string | undefined {
  return ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
