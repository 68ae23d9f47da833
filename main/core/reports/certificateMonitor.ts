/**
 * Our Certificate Expiry Monitor (issue 14): like Cisco's (guide L4833-4858; seed-inventory 4.7, L389: "checks every
 * 24 h; every 1 h when a cert is expired or expires within 1 day"), it reads every node's own and trust certificates
 * (certificatesReport.ts, over the admin CLI) every 24 hours, and every hour while any certificate it read is expired
 * or expires within a day. Each read publishes, per node, one sample per certificate — object 'Certificate Expiry',
 * instance '<unit>/<file>', counter 'Days Left', value the whole days left — through the `publish(cluster, node,
 * samples)` port (the backend passes collector.publish: history, Alert Central's CertificateExpiry rule, the UI).
 * Defaults (ours, the guide gives none): the periods above, the first check one minute after start. Timers come from
 * a scheduler (virtual time in tests); disposing stops the timer and abandons a check in flight.
 */
import type { Sample } from '../../../shared/model/sample.js';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import { DAY_MS, readClusterCertificates } from './certificatesReport.js';
import type { ReportClusterAccess } from './reportAccess.js';

export const CERTIFICATE_EXPIRY_OBJECT = 'Certificate Expiry';
export const DAYS_LEFT_COUNTER = 'Days Left';

/** Cisco's cadence (seed-inventory 4.7): every 24 h, hourly while one expires within a day. */
export const CERTIFICATE_CHECK_PERIOD_MS = DAY_MS;
export const CERTIFICATE_URGENT_PERIOD_MS = 3_600_000;
export const CERTIFICATE_URGENT_WITHIN_MS = DAY_MS;
/** The first check after start (ours: lets the collector connect first). */
export const CERTIFICATE_FIRST_CHECK_MS = 60_000;

/** Time and one-shot timers (the simulator's SimScheduler and alerts' systemAlertScheduler satisfy it). */
export interface CertificateMonitorScheduler {
  now(): number;
  setTimeout(delayMs: number, fn: (nowMs: number) => void): Disposable;
}

/** The wall clock; timers are unref'd so they never keep the process alive on their own. */
export const systemCertificateScheduler: CertificateMonitorScheduler = {
  now: () => Date.now(),
  setTimeout(delayMs, fn) {
    const h = setTimeout(() => fn(Date.now()), delayMs);
    h.unref();
    return { dispose: () => clearTimeout(h) };
  },
};

export interface CertificateMonitorOptions {
  /** The clusters to read now (one access each; asked at every check, so added clusters are picked up). */
  readonly clusters: () => readonly ReportClusterAccess[];
  readonly publish: (cluster: string, node: string, samples: Sample[]) => void;
  readonly scheduler?: CertificateMonitorScheduler;
  readonly periodMs?: number;
  readonly urgentPeriodMs?: number;
  readonly urgentWithinMs?: number;
  readonly firstCheckMs?: number;
}

/** What one check did. */
export interface CertificateCheck {
  readonly atMs: number;
  /** Certificates read and published. */
  readonly certificates: number;
  /** Nodes or certificates that could not be read ("cluster/node: source: message"). */
  readonly failures: readonly string[];
  /** The soonest expiry read (undefined when none was read). */
  readonly soonestNotAfterMs?: number;
  /** When the next check runs. */
  readonly nextAtMs: number;
}

export class CertificateMonitor implements Disposable {
  readonly #o: Required<Omit<CertificateMonitorOptions, 'scheduler'>> & { scheduler: CertificateMonitorScheduler };
  readonly #store = new DisposableStore();
  readonly #abort = new AbortController();
  readonly #onDidCheck = this.#store.add(new Emitter<CertificateCheck>());
  /** Fires after every check. */
  readonly onDidCheck = this.#onDidCheck.event;
  #timer: Disposable | undefined;
  #running: Promise<CertificateCheck> | undefined;
  #disposed = false;

  constructor(options: CertificateMonitorOptions) {
    this.#o = {
      clusters: options.clusters,
      publish: options.publish,
      scheduler: options.scheduler ?? systemCertificateScheduler,
      periodMs: options.periodMs ?? CERTIFICATE_CHECK_PERIOD_MS,
      urgentPeriodMs: options.urgentPeriodMs ?? CERTIFICATE_URGENT_PERIOD_MS,
      urgentWithinMs: options.urgentWithinMs ?? CERTIFICATE_URGENT_WITHIN_MS,
      firstCheckMs: options.firstCheckMs ?? CERTIFICATE_FIRST_CHECK_MS,
    };
  }

  /** Schedules the first check (idempotent). */
  start(): void {
    if (this.#disposed || this.#timer) return;
    this.#schedule(this.#o.firstCheckMs);
  }

  /** Checks now (a check already running is joined) and schedules the next one from its result. */
  checkNow(): Promise<CertificateCheck> {
    if (this.#disposed) return Promise.reject(new Error('CertificateMonitor is disposed'));
    if (!this.#running) {
      const p = this.#check();
      this.#running = p;
      p.catch(() => undefined).finally(() => {
        if (this.#running === p) this.#running = undefined;
      });
    }
    return this.#running;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#abort.abort(new Error('CertificateMonitor disposed'));
    this.#timer?.dispose();
    this.#timer = undefined;
    this.#store.dispose();
  }

  #schedule(delayMs: number): void {
    this.#timer?.dispose();
    this.#timer = this.#o.scheduler.setTimeout(delayMs, () => {
      this.#timer = undefined;
      // A failed check is reported by the next one; the timer keeps going.
      this.checkNow().catch(() => undefined);
    });
  }

  async #check(): Promise<CertificateCheck> {
    const { scheduler } = this.#o;
    const atMs = scheduler.now();
    const failures: string[] = [];
    let certificates = 0;
    let soonest: number | undefined;
    const clusters = this.#o.clusters();
    const results = await Promise.all(clusters.map((access) => readClusterCertificates(access, { nowMs: atMs, warnDays: 0, signal: this.#abort.signal })));
    if (this.#disposed) throw new Error('CertificateMonitor disposed during a check');
    results.forEach((nodes, i) => {
      const cluster = clusters[i]!.cluster;
      for (const { node, result } of nodes) {
        for (const f of result.failures) failures.push(`${cluster}/${node.name}: ${f.source}: ${f.error.message}`);
        if (result.rows.length === 0) continue;
        const samples: Sample[] = result.rows.map((r) => ({
          cluster,
          node: node.name,
          object: CERTIFICATE_EXPIRY_OBJECT,
          instance: `${r.unit}/${r.fileName}`,
          counter: DAYS_LEFT_COUNTER,
          value: r.daysLeft,
          ts: atMs,
          source: 'cli',
        }));
        certificates += samples.length;
        for (const r of result.rows) soonest = soonest === undefined ? r.notAfterMs : Math.min(soonest, r.notAfterMs);
        this.#o.publish(cluster, node.name, samples);
      }
    });
    const urgent = soonest !== undefined && soonest - atMs <= this.#o.urgentWithinMs;
    const delay = urgent ? this.#o.urgentPeriodMs : this.#o.periodMs;
    this.#schedule(Math.max(0, atMs + delay - scheduler.now()));
    const check: CertificateCheck = { atMs, certificates, failures, ...(soonest !== undefined ? { soonestNotAfterMs: soonest } : {}), nextAtMs: atMs + delay };
    // Done: a checkNow() from a listener (or right after) starts a new check instead of joining this one.
    this.#running = undefined;
    this.#onDidCheck.fire(check);
    return check;
  }
}
