import type { Disposable } from '../../base/disposable.js';
import type { SnmpPastRun } from '../endpoints/snmp/snmpNodeSnapshot.js';
import type { NodeServices } from '../model/services/nodeServices.js';

/** Past runs kept per service (sysApplPastRunMaxRows is agent-defined; [I] ours). */
const MAX_PAST_RUNS = 10;

/**
 * Remembers each service's finished runs for SYSAPPL-MIB sysApplPastRunTable: a run starts when the service
 * becomes Started (its pid is the run index) and ends when it is Stopped; a crash or failed start ends it
 * as failed(2), anything else as complete(1).
 */
export class ServiceRunHistory implements Disposable {
  readonly #current = new Map<string, { runIndex: number; startedAtMs: number }>();
  readonly #past = new Map<string, SnmpPastRun[]>();
  readonly #subscription: Disposable;

  constructor(services: NodeServices) {
    for (const s of services.list()) {
      if (s.status === 'Started' && s.pid !== undefined) this.#current.set(s.definition.name, { runIndex: s.pid, startedAtMs: s.startedAtMs ?? s.sinceMs });
    }
    this.#subscription = services.onDidChange((c) => {
      if (c.current === 'Started') {
        const pid = services.get(c.service)?.pid;
        if (pid !== undefined) this.#current.set(c.service, { runIndex: pid, startedAtMs: c.atMs });
        return;
      }
      if (c.current !== 'Stopped') return;
      const run = this.#current.get(c.service);
      if (!run) return;
      this.#current.delete(c.service);
      const list = this.#past.get(c.service) ?? [];
      list.push({ ...run, endedAtMs: c.atMs, exitState: c.cause === 'crash' || c.cause === 'startFailed' ? 'failed' : 'complete' });
      if (list.length > MAX_PAST_RUNS) list.shift();
      this.#past.set(c.service, list);
    });
  }

  /** Finished runs of a service, oldest first. */
  pastRuns(service: string): readonly SnmpPastRun[] {
    return this.#past.get(service) ?? [];
  }

  dispose(): void {
    this.#subscription.dispose();
  }
}
