import type { AlarmRecord, Matcher, Silence } from './alert.js';

/**
 * Silence matching (Alertmanager): a silence mutes an alarm when it is in force and every matcher matches.
 * Regular expressions are anchored (`^(?:re)$`); one that does not compile matches nothing. Shared by the
 * notification pipeline (main) and Alert Central's "silenced" marker (renderer), so both say the same.
 */

/** Returns whether every matcher of a list matches an alarm. */
export function matchesAll(matchers: readonly Matcher[], a: Pick<AlarmRecord, Matcher['field']>): boolean {
  return matchers.every((m) => {
    const v = a[m.field];
    if (m.op === '=') return v === m.value;
    if (m.op === '!=') return v !== m.value;
    const re = anchored(m.value);
    const hit = re ? re.test(v) : false;
    return m.op === '=~' ? hit : !hit;
  });
}

/** The silence in force at `now` that mutes the alarm, if any. */
export function silenceOf(a: Pick<AlarmRecord, Matcher['field']>, silences: readonly Silence[], now: number): Silence | undefined {
  return silences.find((s) => s.startsAt <= now && now < s.endsAt && matchesAll(s.matchers, a));
}

const compiled = new Map<string, RegExp | null>();
function anchored(s: string): RegExp | null {
  let r = compiled.get(s);
  if (r === undefined) {
    try {
      r = new RegExp(`^(?:${s})$`);
    } catch {
      r = null;
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(s, r);
  }
  return r;
}
