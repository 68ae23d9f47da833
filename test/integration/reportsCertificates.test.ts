/**
 * Certificates (issue 14; guide L4833-4858) against two simulated clusters' real endpoints, reached as the command
 * line reaches them (specReportAccess: the admin CLI over SSH, `show cert list own|trust` and `show cert …`), clocks
 * stopped: every certificate's subject, issuer, serial and expiry in the report match what the simulated node holds
 * (read from the model), rows sorted by expiry across both clusters, days left and status against warnDays; and the
 * Certificate Expiry Monitor (reports/certificateMonitor.ts) publishing into a real AlertEngine raises the
 * preconfigured CertificateExpiry alert for a certificate expiring within 30 days, resolves it once renewed, and
 * checks hourly instead of daily while a certificate expires within a day (Cisco's cadence, seed-inventory 4.7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../shared/model/sample.js';
import type { Disposable } from '../../main/core/base/disposable.js';
import { AlertEngine } from '../../main/core/alerts/alertEngine.js';
import { MemoryAlertStore } from '../../main/core/alerts/memoryAlertStore.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { CertificateMonitor, CERTIFICATE_EXPIRY_OBJECT, DAYS_LEFT_COUNTER, type CertificateCheck, type CertificateMonitorScheduler } from '../../main/core/reports/certificateMonitor.js';
import { certificatesReport } from '../../main/core/reports/certificatesReport.js';
import { standaloneReportContext } from '../../main/core/reports/reportRunner.js';
import { specReportAccess, type SpecReportAccess } from '../../main/core/reports/specReportAccess.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { parseScenario } from '../../main/core/simulator/scenarios/loadScenario.js';

const DAY_MS = 86_400_000;
let a: SimCluster;
let b: SimCluster;
let accessA: SpecReportAccess;
let accessB: SpecReportAccess;

/** A scheduler the test drives: one-shot timers fire when the test moves time past them. */
class TestScheduler implements CertificateMonitorScheduler {
  #now: number;
  readonly timers = new Set<{ at: number; fn: (now: number) => void }>();
  constructor(now: number) {
    this.#now = now;
  }
  now(): number {
    return this.#now;
  }
  setTimeout(delayMs: number, fn: (now: number) => void): Disposable {
    const t = { at: this.#now + delayMs, fn };
    this.timers.add(t);
    return { dispose: () => void this.timers.delete(t) };
  }
  setInterval(): Disposable {
    return { dispose: () => undefined };
  }
  /** Moves time to `t`, firing the timers due on the way. */
  advanceTo(t: number): void {
    for (;;) {
      const due = [...this.timers].filter((x) => x.at <= t).sort((x, y) => x.at - y.at)[0];
      if (!due) break;
      this.timers.delete(due);
      this.#now = due.at;
      due.fn(due.at);
    }
    this.#now = t;
  }
  nextAt(): number | undefined {
    return [...this.timers].map((x) => x.at).sort((x, y) => x - y)[0];
  }
}

function accessOf(cluster: SimCluster, id: string): SpecReportAccess {
  const doc = parseEndpointsDocument(JSON.parse(JSON.stringify(cluster.endpoints())));
  return specReportAccess(clusterSpecFromEndpoints(doc, { id, simulated: true }));
}

function play(cluster: SimCluster, steps: Record<string, unknown>[]): void {
  const running = cluster.runScenario(parseScenario({ name: 'certificates-test', steps: steps.map((s) => ({ at: '0s', ...s })) }));
  cluster.model.runUntil(running.endMs + 1000);
}

/** Every certificate the simulated nodes hold. */
function modelCertificates(cluster: SimCluster, id: string) {
  return [...cluster.model.nodes.entries()].flatMap(([node, n]) => n.certificates.map((c) => ({ cluster: id, node, ...c })));
}

beforeAll(async () => {
  const startMs = Date.UTC(2026, 11, 6, 9, 0, 0);
  a = await startSimCluster({ profile: loadProfile(), seed: 3, speed: 0, basePort: 0, startMs });
  b = await startSimCluster({ profile: loadProfile(), seed: 4, speed: 0, basePort: 0, startMs });
  accessA = accessOf(a, 'simA');
  accessB = accessOf(b, 'simB');
}, 120_000);

afterAll(async () => {
  await accessA?.dispose();
  await accessB?.dispose();
  await a?.dispose();
  await b?.dispose();
});

describe('certificates report and the Certificate Expiry Monitor on two simulated clusters', () => {
  it("matches every node's certificates as the simulated nodes hold them, sorted by expiry across the clusters", async () => {
    // One certificate of cluster B expires in ten days: the soonest of both clusters, "expiring" under 30 days.
    play(b, [{ action: 'expireCertificate', node: 'imp-sub2', unit: 'cup', days: 10 }]);
    const nowMs = a.model.now();
    const ctx = standaloneReportContext({ clusters: [accessA, accessB], nowMs, options: { warnDays: 30 } });
    const r = await certificatesReport(ctx);
    expect(ctx.problems).toEqual([]);
    const expected = [...modelCertificates(a, 'simA'), ...modelCertificates(b, 'simB')];
    expect(r.rows).toHaveLength(expected.length);
    expect(new Set(r.rows.map((x) => x.cluster))).toEqual(new Set(['simA', 'simB']));
    for (const c of expected) {
      const row = r.rows.find((x) => x.cluster === c.cluster && x.node === c.node && x.unit === c.unit && x.type === c.type && x.fileName === c.name);
      expect(row, `${c.cluster} ${c.node} ${c.unit}/${c.name}`).toBeDefined();
      // The CLI prints validity to the second.
      expect(row!.notAfterMs).toBe(Math.floor(c.notAfterMs / 1000) * 1000);
      expect(row!.notBeforeMs).toBe(Math.floor(c.notBeforeMs / 1000) * 1000);
      expect(row!.subject).toBe(c.subject);
      expect(row!.issuer).toBe(c.issuer);
      expect(row!.serial?.toLowerCase()).toBe(c.serial.toLowerCase());
      const days = Math.floor((row!.notAfterMs - nowMs) / DAY_MS);
      expect(row!.daysLeft).toBe(days);
      expect(row!.status).toBe(row!.notAfterMs <= nowMs ? 'expired' : days < 30 ? 'expiring' : 'valid');
    }
    for (let i = 1; i < r.rows.length; i++) expect(r.rows[i]!.notAfterMs).toBeGreaterThanOrEqual(r.rows[i - 1]!.notAfterMs);
    expect(r.rows[0]).toMatchObject({ cluster: 'simB', node: 'imp-sub2', unit: 'cup', type: 'own', status: 'expiring' });
    expect(r.rows[0]!.daysLeft).toBeGreaterThanOrEqual(9);
    expect(r.rows[0]!.daysLeft).toBeLessThanOrEqual(10);
    expect(r.warnDays).toBe(30);
  }, 120_000);

  it('raises CertificateExpiry through a real AlertEngine fed by the monitor, resolves it once renewed, and checks hourly while one expires within a day', async () => {
    const scheduler = new TestScheduler(b.model.now());
    const engine = new AlertEngine({ store: new MemoryAlertStore(), scheduler });
    const published: { cluster: string; node: string; samples: Sample[] }[] = [];
    const monitor = new CertificateMonitor({
      clusters: () => [accessA, accessB],
      publish: (cluster, node, samples) => {
        published.push({ cluster, node, samples });
        engine.ingestSamples(samples);
      },
      scheduler,
    });
    const checks: CertificateCheck[] = [];
    const sub = monitor.onDidCheck((c) => checks.push(c));
    try {
      monitor.start();
      expect(scheduler.nextAt()).toBe(scheduler.now() + 60_000);
      const done = new Promise<CertificateCheck>((resolve) => {
        const once = monitor.onDidCheck((c) => (once.dispose(), resolve(c)));
      });
      scheduler.advanceTo(scheduler.now() + 60_000);
      const first = await done;
      expect(first.failures).toEqual([]);
      expect(first.certificates).toBe(modelCertificates(a, 'simA').length + modelCertificates(b, 'simB').length);
      // Samples: object 'Certificate Expiry', instance '<unit>/<file>', counter 'Days Left'.
      const sample = published.find((p) => p.cluster === 'simB' && p.node === 'imp-sub2')!.samples.find((s) => s.instance.startsWith('cup/'))!;
      expect(sample).toMatchObject({ object: CERTIFICATE_EXPIRY_OBJECT, counter: DAYS_LEFT_COUNTER, cluster: 'simB', node: 'imp-sub2', source: 'cli' });
      expect(sample.value).toBeLessThan(30);
      engine.evaluate(scheduler.now());
      const raised = engine.activeAlarms().filter((x) => x.ruleId === 'CertificateExpiry');
      expect(raised.map((x) => `${x.cluster}/${x.node}/${x.instance}`)).toContain(`simB/imp-sub2/${sample.instance}`);
      expect(raised.find((x) => x.instance === sample.instance && x.node === 'imp-sub2')).toMatchObject({ severity: 'Warning', group: 'System' });
      // Nothing expires within a day: the next check is a day later.
      expect(first.nextAtMs - first.atMs).toBe(DAY_MS);
      expect(scheduler.nextAt()).toBe(first.nextAtMs);

      // Renewed: the next check publishes its new days and the alarm resolves.
      play(b, [{ action: 'expireCertificate', node: 'imp-sub2', unit: 'cup', days: 700 }]);
      scheduler.advanceTo(scheduler.now() + 600_000);
      const second = await monitor.checkNow();
      engine.evaluate(scheduler.now());
      expect(engine.activeAlarms().filter((x) => x.ruleId === 'CertificateExpiry' && x.node === 'imp-sub2' && x.instance === sample.instance)).toEqual([]);
      expect(second.nextAtMs - second.atMs).toBe(DAY_MS);

      // A certificate expiring within a day: Cisco's monitor checks hourly then, and so does ours.
      play(a, [{ action: 'expireCertificate', node: 'imp-pub', unit: 'tomcat', days: 0.5 }]);
      scheduler.advanceTo(scheduler.now() + 600_000);
      const third = await monitor.checkNow();
      expect(third.nextAtMs - third.atMs).toBe(3_600_000);
      expect(scheduler.nextAt()).toBe(third.nextAtMs);
      engine.evaluate(scheduler.now());
      expect(engine.activeAlarms().some((x) => x.ruleId === 'CertificateExpiry' && x.cluster === 'simA' && x.node === 'imp-pub' && x.instance.startsWith('tomcat/'))).toBe(true);
      expect(checks).toHaveLength(3);
    } finally {
      sub.dispose();
      monitor.dispose();
      engine.dispose();
    }
    // Disposed: no timer left behind.
    expect(scheduler.timers.size).toBe(0);
  }, 120_000);
});
