/**
 * Job texts in the user's language: jobs carry a kind and, for their title, message, note and steps, a message
 * key with parameters (JobText); the renderer words them here. Parameters that are the backend's English words
 * (service statuses, SRM states and reasons) are translated too; free text (CLI output, error messages) stays
 * as it came.
 */
import type { JobStatus, JobStep, JobText } from '../../../shared/model/views.js';
import { formatNumber } from '../../app/format.js';
import { HA_REASON_ZH, HA_STATE_ZH, haStateLabel } from '../../i18n/haLabels.js';
import { MESSAGES_EN, type Locale, type MessageKey } from '../../i18n/messages.js';
import type { TranslateFn } from '../../i18n/useT.js';

const isKey = (k: string): k is MessageKey => Object.prototype.hasOwnProperty.call(MESSAGES_EN, k);

/** English SRM state and reason labels, longest first, so "Failed Over with …" wins over "Failed Over". */
const HA_WORDS: readonly (readonly [string, string])[] = [...Object.entries(HA_STATE_ZH), ...Object.entries(HA_REASON_ZH)].sort((a, b) => b[0].length - a[0].length);

/** Replaces the SRM state and reason labels inside a text (e.g. "imp-sub3 Idle (On Admin Request)") in Chinese. */
export function localizeHaWords(text: string, locale: Locale): string {
  if (locale !== 'zh') return text;
  // One pass over the text so that a replaced label is never matched again.
  const pattern = new RegExp(HA_WORDS.map(([en]) => en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const table = new Map(HA_WORDS);
  return text.replace(pattern, (m) => table.get(m) ?? m);
}

function localizeParam(name: string, value: string | number, t: TranslateFn, locale: Locale): string | number {
  if (typeof value === 'number') return formatNumber(value, locale, 0);
  if ((name === 'target' || name === 'status') && isKey(`service.${value}`)) return t(`service.${value}` as MessageKey);
  if (name === 'state') return haStateLabel(value, locale);
  if (name === 'states') return localizeHaWords(value, locale);
  return value;
}

/** Words a JobText in the UI language; `fallback` (the backend's English) when the key is unknown. */
export function formatJobText(text: JobText | undefined, fallback: string | undefined, t: TranslateFn, locale: Locale): string | undefined {
  if (!text) return fallback;
  const key = `jobText.${text.key}`;
  if (!isKey(key)) return fallback;
  const params = Object.fromEntries(Object.entries(text.params ?? {}).map(([k, v]) => [k, localizeParam(k, v, t, locale)]));
  return t(key, params);
}

/** The job's title in the UI language. */
export function jobTitle(job: JobStatus, t: TranslateFn, locale: Locale): string {
  return formatJobText(job.titleText, job.title, t, locale) ?? job.title;
}

/** The job's latest message in the UI language. */
export function jobMessage(job: JobStatus, t: TranslateFn, locale: Locale): string | undefined {
  return formatJobText(job.messageText, job.message, t, locale);
}

/** The guide's note of the job in the UI language. */
export function jobNote(job: JobStatus, t: TranslateFn, locale: Locale): string | undefined {
  return formatJobText(job.noteText, job.note, t, locale);
}

/** The job's kind in words. */
export function jobKind(job: JobStatus, t: TranslateFn): string {
  const key = `jobs.kind.${job.kind}`;
  return isKey(key) ? t(key) : job.kind;
}

/** A step's name in words. */
export function stepLabel(step: JobStep, t: TranslateFn): string {
  const key = `jobStep.${step.key}`;
  return isKey(key) ? t(key) : step.key;
}
