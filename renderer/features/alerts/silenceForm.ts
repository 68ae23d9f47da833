/**
 * The silence form (Alertmanager's "New silence" / "Edit silence", peers-and-limits.md 2.2): equality matchers on
 * Alert Central's fields, a start and a duration the person chooses, and a comment. Made from an alarm (its rule on
 * its node of its cluster) or from an existing silence.
 */
import type { SilenceInput } from '../../../shared/ipc/contract.js';
import { SILENCE_MATCH_FIELDS, type AlarmRecord, type MatchField, type Silence } from '../../../shared/model/alert.js';
import { parseLocalDateTime, toLocalDateTime } from './ackUntil.js';

/** Duration presets in minutes (the person can type another). */
export const SILENCE_DURATION_PRESETS = [30, 60, 120, 240, 480, 1440, 10080] as const;
/** The longest silence the backend takes (shared/validation/silence.ts: one year). */
export const MAX_SILENCE_MINUTES = 366 * 24 * 60;

/** What the form edits. */
export interface SilenceDraft {
  /** Set when editing an app silence. */
  readonly id?: string;
  readonly matchers: Readonly<Partial<Record<MatchField, string>>>;
  /** `datetime-local` value; empty = now. */
  readonly startsAt: string;
  readonly durationMinutes: number;
  readonly comment: string;
}

/** A new silence for this alarm's rule on its node (the alarm stays shown; its notifications stop). */
export function draftFromAlarm(alarm: AlarmRecord, comment: string): SilenceDraft {
  return { matchers: { ruleId: alarm.ruleId, cluster: alarm.cluster, node: alarm.node }, startsAt: '', durationMinutes: 60, comment };
}

/**
 * An existing silence for editing. Only equality matchers can be edited here: a silence with another operator
 * (from the settings file) is refused by the caller (`editable`).
 */
export function draftFromSilence(s: Silence, nowMs: number): SilenceDraft {
  const matchers: Partial<Record<MatchField, string>> = {};
  for (const m of s.matchers) if (m.op === '=') matchers[m.field] = m.value;
  return {
    id: s.id,
    matchers,
    startsAt: s.startsAt > nowMs ? toLocalDateTime(s.startsAt) : '',
    durationMinutes: Math.max(1, Math.round((s.endsAt - Math.max(s.startsAt, nowMs)) / 60_000)),
    comment: s.comment,
  };
}

/** Whether the app can edit this silence (made in the app, not ended, equality matchers only). */
export function silenceEditable(s: Silence, nowMs: number): boolean {
  return s.source !== 'settings' && s.endsAt > nowMs && s.matchers.every((m) => m.op === '=');
}

/** Error message keys of the form. */
export type SilenceFormError = 'alerts.silenceForm.noMatcher' | 'alerts.silenceForm.badDuration' | 'alerts.silenceForm.badStart' | 'alerts.silenceForm.noComment';

/** The request the form sends, or why it cannot be sent. A start in the past or empty starts now. */
export function silenceInputOf(d: SilenceDraft, nowMs: number): { input?: SilenceInput; error?: SilenceFormError } {
  const matchers: Partial<Record<MatchField, string>> = {};
  for (const f of SILENCE_MATCH_FIELDS) {
    const v = d.matchers[f]?.trim();
    if (v) matchers[f] = v;
  }
  if (Object.keys(matchers).length === 0) return { error: 'alerts.silenceForm.noMatcher' };
  if (!Number.isInteger(d.durationMinutes) || d.durationMinutes < 1 || d.durationMinutes > MAX_SILENCE_MINUTES) return { error: 'alerts.silenceForm.badDuration' };
  if (!d.comment.trim()) return { error: 'alerts.silenceForm.noComment' };
  let startsAtMs = nowMs;
  if (d.startsAt.trim()) {
    const at = parseLocalDateTime(d.startsAt);
    if (at === undefined) return { error: 'alerts.silenceForm.badStart' };
    startsAtMs = Math.max(at, nowMs);
  }
  return { input: { matchers, startsAtMs, endsAtMs: startsAtMs + d.durationMinutes * 60_000, comment: d.comment.trim() } };
}
