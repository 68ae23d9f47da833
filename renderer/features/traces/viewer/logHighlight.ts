/**
 * Splits a log line into segments for the viewer: its timestamp, its severity word (ERROR, WARN, INFO, DEBUG, the
 * syslog/CiscoLog names Emergency … Debug, or the digit of a CiscoLog `%APP-<sev>-NAME` tag,
 * serviceability-reference.md A.6) and the current search's matches. Severities map to the palette's
 * `--sev-text-<Name>` colours (syslog 0-7 names), so both themes keep their contrast.
 */

export type SeverityName = 'Emergency' | 'Alert' | 'Critical' | 'Error' | 'Warning' | 'Notice' | 'Informational' | 'Debug';

export interface LineSegment {
  readonly text: string;
  readonly kind?: 'time' | 'severity' | 'match';
  readonly severity?: SeverityName;
}

const TIME = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}| UTC)?|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?: UTC)?/;
const WORDS: Readonly<Record<string, SeverityName>> = {
  EMERG: 'Emergency', EMERGENCY: 'Emergency', ALERT: 'Alert', FATAL: 'Critical', CRIT: 'Critical', CRITICAL: 'Critical', SEVERE: 'Critical',
  ERROR: 'Error', ERR: 'Error', WARN: 'Warning', WARNING: 'Warning', NOTICE: 'Notice', INFO: 'Informational', INFORMATIONAL: 'Informational', DEBUG: 'Debug', TRACE: 'Debug',
};
const SEVERITY_WORD = /\b(EMERG(?:ENCY)?|ALERT|FATAL|CRIT(?:ICAL)?|SEVERE|ERR(?:OR)?|WARN(?:ING)?|NOTICE|INFO(?:RMATIONAL)?|DEBUG|TRACE|Emergency|Alert|Critical|Error|Warning|Notice|Informational|Debug)\b/;
const CISCO_TAG = /%[A-Z0-9_-]+?-([0-7])-[A-Za-z0-9_]+/;
const BY_NUMBER: readonly SeverityName[] = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug'];

/** The severity a line states, if any (the first severity word, else a CiscoLog tag's digit). */
export function lineSeverity(text: string): { severity: SeverityName; start: number; end: number } | undefined {
  const head = text.slice(0, 200);
  const tag = CISCO_TAG.exec(head);
  if (tag) return { severity: BY_NUMBER[Number(tag[1])]!, start: tag.index, end: tag.index + tag[0].length };
  const w = SEVERITY_WORD.exec(head);
  if (w) return { severity: WORDS[w[1]!.toUpperCase()]!, start: w.index, end: w.index + w[0].length };
  return undefined;
}

/** A matcher of the viewer's search, or undefined when the search is empty or not a valid expression. */
export function searchMatcher(pattern: string, regex: boolean, ignoreCase: boolean): RegExp | undefined {
  if (!pattern) return undefined;
  try {
    return new RegExp(regex ? pattern : pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ignoreCase ? 'gi' : 'g');
  } catch {
    return undefined;
  }
}

/** Segments of a line: timestamp, severity and search matches marked; the rest plain. */
export function highlightLine(text: string, search?: RegExp): LineSegment[] {
  type Range = { start: number; end: number; kind: 'time' | 'severity' | 'match'; severity?: SeverityName };
  const ranges: Range[] = [];
  if (search) {
    search.lastIndex = 0;
    for (let m = search.exec(text); m; m = search.exec(text)) {
      if (m[0].length === 0) {
        search.lastIndex++;
        continue;
      }
      ranges.push({ start: m.index, end: m.index + m[0].length, kind: 'match' });
      if (ranges.length > 200) break;
    }
  }
  const time = TIME.exec(text.slice(0, 120));
  if (time) ranges.push({ start: time.index, end: time.index + time[0].length, kind: 'time' });
  const sev = lineSeverity(text);
  if (sev) ranges.push({ start: sev.start, end: sev.end, kind: 'severity', severity: sev.severity });
  // Matches win over time and severity where they overlap; keep ranges disjoint, in order.
  ranges.sort((a, b) => a.start - b.start || (a.kind === 'match' ? -1 : 1));
  const out: LineSegment[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue;
    if (r.start > at) out.push({ text: text.slice(at, r.start) });
    out.push({ text: text.slice(r.start, r.end), kind: r.kind, ...(r.severity ? { severity: r.severity } : {}) });
    at = r.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** A datetime-local input's value (the user's zone) as an instant, or undefined. */
export function localInputToMs(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** An instant as a datetime-local input's value in the user's zone (seconds precision). */
export function msToLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
