import { Emitter } from '../base/emitter.js';
import type { Disposable } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import type { AlarmHistoryEntry, AlarmRecord } from '../../../shared/model/alert.js';
import { ackExpired, acknowledgeAlarm, closeAlarm, openAlarm, recordOccurrence, resolveAlarm, unacknowledgeAlarm, type NewAlarm } from './alarmLifecycle.js';
import { AlarmJournal, type Defer } from './alarmJournal.js';
import type { AlertStore } from './alertStore.js';

/** What happened to an alarm. */
export type AlarmChangeKind = AlarmHistoryEntry['event'];

/** An alarm change as fired by the book. */
export interface AlarmChange {
  readonly kind: AlarmChangeKind;
  readonly alarm: AlarmRecord;
}

/**
 * Active alarms by key, persisted through the {@link AlertStore} with a history line per change (written behind,
 * by an {@link AlarmJournal}). Restores the active alarms from the store on construction, so a restart raises no
 * duplicates.
 */
export class AlarmBook implements Disposable {
  readonly #byKey = new Map<string, AlarmRecord>();
  readonly #byId = new Map<string, AlarmRecord>();
  readonly #onDidChange = new Emitter<AlarmChange>();
  readonly #journal: AlarmJournal;
  /** Fires after every change (in memory at once; written to the store at the journal's next flush). */
  readonly onDidChange = this.#onDidChange.event;
  #seq = 0;
  /** Start time and randomness once per book; the counter makes ids unique within it (cheap in a storm). */
  readonly #idPrefix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-`;

  constructor(
    store: AlertStore,
    // Zero-padded: ids of one book sort in creation order, so new rows go to the end of the store's id index.
    private readonly newId: () => string = () => this.#idPrefix + (++this.#seq).toString(36).padStart(7, '0'),
    defer?: Defer,
  ) {
    this.#journal = new AlarmJournal(store, defer);
    for (const a of store.loadActiveAlarms()) {
      const existing = this.#byKey.get(a.key);
      // Two active alarms for one key can only come from a crash between two writes: keep the newer.
      if (existing && existing.raisedAt >= a.raisedAt) continue;
      this.#set(a);
    }
  }

  /** Number of active alarms. */
  get size(): number {
    return this.#byKey.size;
  }

  /** The active alarm of a key, if any. */
  activeByKey(key: string): AlarmRecord | undefined {
    return this.#byKey.get(key);
  }

  /** Active alarms, newest first. */
  active(): AlarmRecord[] {
    return [...this.#byKey.values()].sort((a, b) => b.raisedAt - a.raisedAt);
  }

  /** An active alarm by id, or NOT_FOUND. */
  get(id: string): AlarmRecord {
    const a = this.#byId.get(id);
    if (!a) throw new AppError('NOT_FOUND', `no active alarm ${id}`);
    return a;
  }

  /** Opens a new alarm for a key that has none. */
  raise(a: NewAlarm): AlarmRecord {
    if (this.#byKey.has(a.key)) throw new AppError('CONFLICT', `alarm already active for ${a.key}`);
    const alarm = openAlarm(this.newId(), a);
    this.#commit(alarm, 'raised', alarm.raisedAt);
    return alarm;
  }

  /** Adds an occurrence to an active alarm. */
  occur(a: AlarmRecord, now: number, value: number | undefined, flapping: boolean): AlarmRecord {
    const next = recordOccurrence(a, now, value, flapping);
    this.#commit(next, 'occurred', now);
    return next;
  }

  /** Resolves an active alarm (detection back to normal). */
  resolve(a: AlarmRecord, now: number): void {
    this.#apply(resolveAlarm(a, now), 'resolved', now);
  }

  /** Acknowledges an alarm by id. */
  acknowledge(id: string, by: string, comment: string, now: number, untilMs?: number): AlarmRecord {
    return this.#byPerson(acknowledgeAlarm(this.get(id), by, comment, now, untilMs), 'acknowledged', now, by, comment);
  }

  /** Undoes an acknowledgement by id (the comment says why, in the alarm's journal). */
  unacknowledge(id: string, by: string, now: number, comment?: string): AlarmRecord {
    return this.#byPerson(unacknowledgeAlarm(this.get(id)), 'unacknowledged', now, by, comment);
  }

  /**
   * A person's note in an alarm's journal (an active or a closed alarm): one history line 'note' with the alarm's
   * status at that time, stored when the call returns. The alarm itself does not change, so nothing is fired
   * (a notifier has nothing new to say).
   */
  note(alarm: AlarmRecord, by: string, text: string, now: number): AlarmHistoryEntry {
    const entry: AlarmHistoryEntry = { alarmId: alarm.id, key: alarm.key, atMs: now, event: 'note', by, comment: text, status: alarm.status };
    this.#journal.recordLine(entry);
    this.#journal.flush();
    return entry;
  }

  /** The earliest end of an acknowledgement among the active alarms, if any acknowledgement has one. */
  nextAckExpiry(): number | undefined {
    let next: number | undefined;
    for (const a of this.#byKey.values()) {
      const until = a.status === 'acknowledged' ? a.ack?.untilMs : undefined;
      if (until !== undefined && (next === undefined || until < next)) next = until;
    }
    return next;
  }

  /** Clears or terminates an alarm by id. */
  close(id: string, how: 'cleared' | 'terminated', by: string, comment: string, now: number): AlarmRecord {
    return this.#byPerson(closeAlarm(this.get(id), how, by, comment, now), how, now, by, comment);
  }

  /**
   * Returns expired acknowledgements to outstanding. Nobody acted: the history line has no `by`, and its comment
   * says whose acknowledgement ended.
   */
  expireAcks(now: number): void {
    for (const a of [...this.#byKey.values()]) if (ackExpired(a, now)) this.#apply(unacknowledgeAlarm(a), 'unacknowledged', now, undefined, `acknowledgement by ${a.ack!.by} expired`);
  }

  /** Writes pending changes to the store now (before a query of the store, or after a person's action). */
  flush(): void {
    this.#journal.flush();
  }

  /** Writes what is pending and stops. */
  dispose(): void {
    this.#journal.dispose();
    this.#onDidChange.dispose();
  }

  /** A person's action is written at once: it is stored when the call returns. */
  #byPerson(r: AlarmRecord | string, kind: AlarmChangeKind, at: number, by: string, comment?: string): AlarmRecord {
    const a = this.#apply(r, kind, at, by, comment);
    this.#journal.flush();
    return a;
  }

  #apply(r: AlarmRecord | string, kind: AlarmChangeKind, at: number, by?: string, comment?: string): AlarmRecord {
    if (typeof r === 'string') throw new AppError('PRECONDITION', r);
    this.#commit(r, kind, at, by, comment);
    return r;
  }

  #commit(a: AlarmRecord, kind: AlarmChangeKind, at: number, by?: string, comment?: string): void {
    const entry: AlarmHistoryEntry = { alarmId: a.id, key: a.key, atMs: at, event: kind, status: a.status };
    this.#journal.record(a, by || comment ? { ...entry, ...(by ? { by } : {}), ...(comment ? { comment } : {}) } : entry);
    if (a.status === 'outstanding' || a.status === 'acknowledged') this.#set(a);
    else {
      this.#byKey.delete(a.key);
      this.#byId.delete(a.id);
    }
    this.#onDidChange.fire({ kind, alarm: a });
  }

  #set(a: AlarmRecord): void {
    const old = this.#byKey.get(a.key);
    if (old && old.id !== a.id) this.#byId.delete(old.id);
    this.#byKey.set(a.key, a);
    this.#byId.set(a.id, a);
  }
}
