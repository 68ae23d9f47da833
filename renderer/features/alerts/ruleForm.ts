/**
 * Pure conversion between an AlertRule and the editor's input object (every RTMT Set Alert/Properties setting,
 * serviceability-reference.md A.3), validated with the shared parseAlertRuleInput before it is sent.
 */
import type { AlertRule } from '../../../shared/model/alert.js';
import { parseAlertRuleInput, type ParseResult, type AlertRuleInput } from '../../../shared/validation/alertRuleInput.js';

/** The editable input of a rule (AlertRule without the engine-owned fields). */
export type RuleDraft = { -readonly [K in keyof AlertRuleInput]: AlertRuleInput[K] };

/** Returns the editable draft of a rule. */
export function draftFromRule(rule: AlertRule): RuleDraft {
  const { preconfigured: _p, source: _s, ...rest } = rule;
  return structuredClone(rest) as RuleDraft;
}

/** Returns a new custom threshold rule draft. */
export function newCustomDraft(): RuleDraft {
  return {
    name: 'New custom alert',
    group: 'Custom',
    description: '',
    enabled: true,
    disabledNodes: [],
    severity: 'Warning',
    condition: { kind: 'threshold', metric: { object: 'Processor', counter: '% CPU Time', instance: '_Total' }, direction: 'over', threshold: 90, valueAs: 'absolute' },
    duration: { kind: 'immediate' },
    frequency: { kind: 'everyPoll' },
    schedule: { kind: 'always' },
    keepFiringForSeconds: 0,
    noDataPolicy: 'noData',
    errorPolicy: 'error',
    emailEnabled: true,
    alertAction: 'Default',
  };
}

/** Validates a draft as the backend will (same parser), returning the value or every issue. */
export function validateDraft(draft: RuleDraft): ParseResult<AlertRuleInput> {
  return parseAlertRuleInput(JSON.parse(JSON.stringify(draft)) as unknown);
}

/** Parses "a, b ,c" into trimmed non-empty names. */
export function parseNodeList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Converts minutes after midnight to "HH:MM" and back (daily schedule fields). */
export function minuteToTime(minute: number): string {
  const m = Math.max(0, Math.min(1439, Math.floor(minute)));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Parses "HH:MM" into minutes after midnight, or undefined. */
export function timeToMinute(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : undefined;
}
