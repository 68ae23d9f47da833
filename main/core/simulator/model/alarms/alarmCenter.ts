import { Emitter } from '../../../base/emitter.js';
import type { Disposable } from '../../../base/disposable.js';
import { formatLocalSyslogLine, type CiscoLogMessage } from '../logs/ciscoLogFormat.js';
import { alarmDefinition, type AlarmDefinition } from './alarmCatalog.js';

/** An alarm instance: raised on a node, optionally for an instance (a service, a certificate, a device). */
export interface ActiveAlarm {
  readonly node: string;
  readonly name: string;
  readonly instance: string;
  readonly severity: number;
  readonly text: string;
  readonly raisedAtMs: number;
}

/** Something that happened to an alarm, with its CiscoLog message (for syslog, traps and clogHistoryTable). */
export interface AlarmEvent {
  readonly kind: 'raised' | 'cleared' | 'event';
  readonly alarm: ActiveAlarm;
  readonly definition: AlarmDefinition;
  readonly message: CiscoLogMessage;
}

/** Where an alarm's syslog line is written (the node's log tree). */
export interface AlarmSink {
  appendSyslog(node: string, timeMs: number, line: string): void;
}

/**
 * Raises and clears alarms from the model's state. A raise of an alarm already active is ignored (no duplicate
 * syslog); a clear of a non-active one too. Every raise, clear and event becomes a CiscoLog line in the
 * node's syslog and an {@link AlarmEvent} for the endpoints (syslog sender, SNMP traps).
 */
export class AlarmCenter implements Disposable {
  readonly #active = new Map<string, ActiveAlarm>();
  readonly #onDidAlarm = new Emitter<AlarmEvent>();
  readonly onDidAlarm = this.#onDidAlarm.event;
  #seq = 0;

  constructor(
    private readonly sink: AlarmSink,
    private readonly now: () => number,
  ) {}

  /** Active alarms, oldest first. */
  active(): ActiveAlarm[] {
    return [...this.#active.values()].sort((a, b) => a.raisedAtMs - b.raisedAtMs);
  }

  /** Whether an alarm is active on a node (for any instance when `instance` is omitted). */
  isActive(node: string, name: string, instance?: string): boolean {
    if (instance !== undefined) return this.#active.has(key(node, name, instance));
    return [...this.#active.values()].some((a) => a.node === node && a.name === name);
  }

  /** Raises an alarm (idempotent while active); `event` alarms are logged every time and never stay active. */
  raise(node: string, name: string, text: string, instance = ''): void {
    const def = alarmDefinition(name);
    const k = key(node, name, instance);
    if (!def.event && this.#active.has(k)) return;
    const alarm: ActiveAlarm = { node, name, instance, severity: def.severity, text, raisedAtMs: this.now() };
    if (!def.event) this.#active.set(k, alarm);
    this.#emit(def.event ? 'event' : 'raised', alarm, def, text);
  }

  /** Clears an active alarm; returns whether it was active. */
  clear(node: string, name: string, instance = '', text = 'Condition cleared'): boolean {
    const k = key(node, name, instance);
    const alarm = this.#active.get(k);
    if (!alarm) return false;
    this.#active.delete(k);
    this.#emit('cleared', alarm, alarmDefinition(name), `${text}. ${alarm.text}`);
    return true;
  }

  /** Clears every active alarm of a node that matches `name` (any instance). */
  clearAll(node: string, name: string): void {
    for (const a of this.active()) if (a.node === node && a.name === name) this.clear(node, name, a.instance);
  }

  dispose(): void {
    this.#onDidAlarm.dispose();
  }

  #emit(kind: AlarmEvent['kind'], alarm: ActiveAlarm, def: AlarmDefinition, text: string): void {
    const severity = kind === 'cleared' ? 6 : def.severity;
    const message: CiscoLogMessage = {
      seq: ++this.#seq,
      host: alarm.node,
      timeMs: this.now(),
      appName: def.app,
      severity,
      msgName: kind === 'cleared' ? `${def.name}Cleared` : def.name,
      text: `${kind === 'cleared' ? 'Alarm cleared' : def.description} ${alarm.instance ? `Instance:${alarm.instance} ` : ''}${text}`.trim(),
    };
    this.sink.appendSyslog(alarm.node, message.timeMs, formatLocalSyslogLine(message));
    this.#onDidAlarm.fire({ kind, alarm, definition: def, message });
  }
}

function key(node: string, name: string, instance: string): string {
  return `${node}\u0000${name}\u0000${instance}`;
}
