/**
 * The "until" of an acknowledgement (NetXMS timed sticky acknowledgement, peers-and-limits.md 2.4/2.5): none, a
 * preset span from now, or a date and time the person picks. At that time the alarm is outstanding again.
 */

/** The choices of the acknowledge dialog. */
export const ACK_UNTIL_PRESETS = ['none', '1h', '4h', '8h', '24h', 'custom'] as const;
/** One choice. */
export type AckUntilPreset = (typeof ACK_UNTIL_PRESETS)[number];

const HOURS: Readonly<Record<Exclude<AckUntilPreset, 'none' | 'custom'>, number>> = { '1h': 1, '4h': 4, '8h': 8, '24h': 24 };

/**
 * The until time in ms, `undefined` for none, or an error key when the custom value is missing or not after now.
 * `custom` is an `<input type="datetime-local">` value (local time).
 */
export function ackUntilMs(preset: AckUntilPreset, custom: string, nowMs: number): { untilMs?: number; error?: 'alerts.ack.untilMissing' | 'alerts.ack.untilPast' } {
  if (preset === 'none') return {};
  if (preset !== 'custom') return { untilMs: nowMs + HOURS[preset] * 3_600_000 };
  const at = parseLocalDateTime(custom);
  if (at === undefined) return { error: 'alerts.ack.untilMissing' };
  if (at <= nowMs) return { error: 'alerts.ack.untilPast' };
  return { untilMs: at };
}

/** An `<input type="datetime-local">` value ("2026-12-06T18:30") as ms in the browser's time zone. */
export function parseLocalDateTime(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return Number.isNaN(d.getTime()) ? undefined : d.getTime();
}

/** Ms as an `<input type="datetime-local">` value in the browser's time zone. */
export function toLocalDateTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
