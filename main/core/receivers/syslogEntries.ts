import type { SyslogMessage } from '../../../shared/model/alert.js';
import type { SyslogEntry } from '../../../shared/model/views.js';
import type { NodeLocation } from './nodeAttribution.js';

/**
 * Turns received syslog/trap messages into the viewer's entries, giving each message one id for its lifetime,
 * so an entry pushed live and the same entry returned by a later query are the same row in the UI.
 */
export class SyslogEntries {
  readonly #ids = new WeakMap<SyslogMessage, number>();
  #seq = 0;

  /** @param known the definition and recommended action of a known alarm name (alerts/knownAlarmDetail.ts). */
  constructor(private readonly known: (msgName: string | undefined) => SyslogEntry['known']) {}

  /** The entry of a message; `at` is the node it was attributed to (none: `attributed: false`). */
  toEntry(m: SyslogMessage, at?: NodeLocation): SyslogEntry {
    let id = this.#ids.get(m);
    if (id === undefined) {
      id = ++this.#seq;
      this.#ids.set(m, id);
    }
    return {
      id, receivedAtMs: m.receivedAt, host: m.host, severity: m.severity, appName: m.appName, msgName: m.msgName, text: m.text, known: this.known(m.msgName),
      peer: m.peer, transport: m.transport, attributed: at !== undefined, ...(at ? { cluster: at.cluster, node: at.node } : {}),
    };
  }
}
