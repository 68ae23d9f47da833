/**
 * The maintenance window form (NetXMS/Zabbix maintenance, peers-and-limits.md): a node or the whole cluster, once
 * (start and end) or weekly (days, start time, duration, IANA time zone). During the window collection goes on and
 * alarms are raised and shown; notifications are not sent.
 */
import type { MaintenanceWindow, MaintenanceWindowInput } from '../../../shared/model/alert.js';
import { parseLocalDateTime, toLocalDateTime } from './ackUntil.js';

/** What the form edits. */
export interface MaintenanceDraft {
  readonly id?: string;
  readonly cluster: string;
  /** Empty: every node of the cluster. */
  readonly node: string;
  readonly kind: 'once' | 'weekly';
  /** Once: `datetime-local` values. */
  readonly startsAt: string;
  readonly endsAt: string;
  /** Weekly: 0 = Sunday … 6. */
  readonly days: readonly number[];
  /** "HH:MM". */
  readonly startTime: string;
  readonly durationMinutes: number;
  readonly timeZone: string;
  readonly comment: string;
}

/** The browser's time zone (the default of a weekly window). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A new window on this cluster: tonight 22:00 for 2 hours, or weekly Sundays 02:00. */
export function newMaintenanceDraft(cluster: string, nowMs: number): MaintenanceDraft {
  const start = new Date(nowMs);
  start.setHours(22, 0, 0, 0);
  if (start.getTime() <= nowMs) start.setDate(start.getDate() + 1);
  return {
    cluster,
    node: '',
    kind: 'once',
    startsAt: toLocalDateTime(start.getTime()),
    endsAt: toLocalDateTime(start.getTime() + 2 * 3_600_000),
    days: [0],
    startTime: '02:00',
    durationMinutes: 120,
    timeZone: browserTimeZone(),
    comment: '',
  };
}

/** A saved window for editing. */
export function draftFromWindow(w: MaintenanceWindow, nowMs: number): MaintenanceDraft {
  const base = newMaintenanceDraft(w.cluster, nowMs);
  const s = w.schedule;
  const common = { ...base, id: w.id, cluster: w.cluster, node: w.node ?? '', comment: w.comment };
  if (s.kind === 'once') return { ...common, kind: 'once', startsAt: toLocalDateTime(s.startsAt), endsAt: toLocalDateTime(s.endsAt) };
  const hh = String(Math.floor(s.startMinute / 60)).padStart(2, '0');
  const mm = String(s.startMinute % 60).padStart(2, '0');
  return { ...common, kind: 'weekly', days: [...s.days], startTime: `${hh}:${mm}`, durationMinutes: s.durationMinutes, timeZone: s.timeZone };
}

/** Error message keys of the form. */
export type MaintenanceFormError =
  | 'alerts.maint.error.cluster'
  | 'alerts.maint.error.start'
  | 'alerts.maint.error.endBeforeStart'
  | 'alerts.maint.error.days'
  | 'alerts.maint.error.time'
  | 'alerts.maint.error.duration'
  | 'alerts.maint.error.timeZone'
  | 'alerts.maint.error.comment';

/** Whether the browser knows this IANA time zone. */
export function validTimeZone(tz: string): boolean {
  if (!tz.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The request the form sends, or why it cannot be sent. */
export function maintenanceInputOf(d: MaintenanceDraft): { input?: MaintenanceWindowInput; error?: MaintenanceFormError } {
  if (!d.cluster) return { error: 'alerts.maint.error.cluster' };
  if (!d.comment.trim()) return { error: 'alerts.maint.error.comment' };
  const where = { ...(d.id ? { id: d.id } : {}), cluster: d.cluster, ...(d.node.trim() ? { node: d.node.trim() } : {}), comment: d.comment.trim() };
  if (d.kind === 'once') {
    const startsAt = parseLocalDateTime(d.startsAt);
    const endsAt = parseLocalDateTime(d.endsAt);
    if (startsAt === undefined || endsAt === undefined) return { error: 'alerts.maint.error.start' };
    if (endsAt <= startsAt) return { error: 'alerts.maint.error.endBeforeStart' };
    return { input: { ...where, schedule: { kind: 'once', startsAt, endsAt } } };
  }
  if (d.days.length === 0) return { error: 'alerts.maint.error.days' };
  const t = /^(\d{2}):(\d{2})$/.exec(d.startTime);
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59) return { error: 'alerts.maint.error.time' };
  if (!Number.isInteger(d.durationMinutes) || d.durationMinutes < 1 || d.durationMinutes > 7 * 24 * 60) return { error: 'alerts.maint.error.duration' };
  if (!validTimeZone(d.timeZone)) return { error: 'alerts.maint.error.timeZone' };
  const days = [...new Set(d.days)].sort((a, b) => a - b);
  return { input: { ...where, schedule: { kind: 'weekly', days, startMinute: Number(t[1]) * 60 + Number(t[2]), durationMinutes: d.durationMinutes, timeZone: d.timeZone.trim() } } };
}
