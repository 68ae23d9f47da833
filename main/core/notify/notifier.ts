import type { AlarmRecord } from '../../../shared/model/alert.js';

/** An alarm as notifiers see it: the record plus its rule's e-mail setting and alert action (RTMT). */
export interface NotifiedAlarm extends AlarmRecord {
  readonly emailEnabled: boolean;
  readonly alertAction: string;
}

/** One notification of a group: its firing alarms and those resolved since the last one (a digest in a storm). */
export interface Notification {
  readonly groupKey: string;
  /** Group labels, e.g. { cluster: 'c1', ruleId: 'CpuPegging', alertAction: 'Default' }. */
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly firing: readonly NotifiedAlarm[];
  readonly resolved: readonly NotifiedAlarm[];
  /** 'new' first send, 'update' group changed, 'repeat' repeat interval elapsed. */
  readonly reason: 'new' | 'update' | 'repeat';
  readonly atMs: number;
}

/** The outcome of a send: ok, or an error with whether retrying may help (Alertmanager Notifier contract). */
export type NotifyResult = { readonly ok: true } | { readonly ok: false; readonly retryable: boolean; readonly error: string };

/** Something that delivers notifications (e-mail, Alertmanager, webhook, the desktop's notification adapter). */
export interface Notifier {
  readonly name: string;
  notify(n: Notification): Promise<NotifyResult>;
}

/** Maps a thrown network error to a retryable result. */
export function networkFailure(err: unknown): NotifyResult {
  return { ok: false, retryable: true, error: err instanceof Error ? err.message : String(err) };
}
