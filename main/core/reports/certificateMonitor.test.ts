import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../shared/model/sample.js';
import type { Disposable } from '../base/disposable.js';
import { PollError } from '../polling/pollError.js';
import type { CliCommandResult } from '../polling/ssh/sshCliSession.js';
import { certDetailText, certListText, findCertificate } from '../simulator/adminCli/commands/showCert.js';
import type { NodeCertificate } from '../simulator/model/node/certificates.js';
import { CertificateMonitor, type CertificateMonitorScheduler } from './certificateMonitor.js';
import type { ReportClusterAccess, ReportNodeInfo } from './reportAccess.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);

class TestScheduler implements CertificateMonitorScheduler {
  now_ = T0;
  readonly timers = new Set<{ at: number; fn: (now: number) => void }>();
  now(): number {
    return this.now_;
  }
  setTimeout(delayMs: number, fn: (now: number) => void): Disposable {
    const t = { at: this.now_ + delayMs, fn };
    this.timers.add(t);
    return { dispose: () => void this.timers.delete(t) };
  }
  nextAt(): number | undefined {
    return [...this.timers].map((t) => t.at).sort((a, b) => a - b)[0];
  }
  /** Fires the next timer (moving time to it). */
  fireNext(): void {
    const t = [...this.timers].sort((a, b) => a.at - b.at)[0];
    if (!t) throw new Error('no timer');
    this.timers.delete(t);
    this.now_ = t.at;
    t.fn(t.at);
  }
}

const cert = (unit: string, type: 'own' | 'trust', name: string, notAfterMs: number): NodeCertificate => ({
  name, unit, type, subject: `CN=${name}`, issuer: `CN=${name}`, serial: '5a3c21f07e0b49d2', notBeforeMs: T0 - 400 * DAY, notAfterMs,
});

/** An access whose nodes answer `show cert` with the simulator's text for the given stores (or fail / hang). */
function access(stores: Record<string, NodeCertificate[] | 'timeout' | Promise<CliCommandResult>>): ReportClusterAccess & { commands: string[] } {
  const commands: string[] = [];
  const nodes: ReportNodeInfo[] = Object.keys(stores).map((name) => ({ name, role: 'imp-subscriber', host: name, reachability: 'unknown' }));
  return {
    cluster: 'c1',
    commands,
    nodes: () => nodes,
    async cli(node, command): Promise<CliCommandResult> {
      commands.push(`${node}: ${command}`);
      const s = stores[node]!;
      if (s === 'timeout') return { ok: false, error: new PollError('POLL_TIMEOUT', 'ssh', node, `no admin CLI prompt from ${node}`) };
      if (s instanceof Promise) return s;
      const list = /^show cert list (own|trust)$/.exec(command);
      if (list) return { ok: true, output: certListText(s, list[1] as 'own' | 'trust') };
      const one = /^show cert (own|trust) (\S+)$/.exec(command);
      const c = one ? findCertificate(s, one[1] as 'own' | 'trust', one[2]!) : undefined;
      return c ? { ok: true, output: certDetailText(c) } : { ok: true, output: `Certificate not found: ${one?.[2]}\nExecuted command unsuccessfully\n` };
    },
    perfmon: async () => ({ ok: false, error: new PollError('POLL_PROTOCOL', 'soap', '', 'unused') }),
    services: async () => ({ ok: false, error: new PollError('POLL_PROTOCOL', 'soap', '', 'unused') }),
    haGroups: async () => ({ ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', '', 'unused') }),
    requestCounts: () => new Map(),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('CertificateMonitor', () => {
  it('checks a minute after start, then every 24 h, publishing days left per certificate; a node that does not answer is a failure', async () => {
    const scheduler = new TestScheduler();
    const published: { node: string; samples: Sample[] }[] = [];
    const a = access({
      'imp-pub': [cert('tomcat', 'own', 'tomcat.pem', T0 + 40 * DAY + 3600_000), cert('tomcat-trust', 'trust', 'imp-sub1.pem', T0 + 10 * DAY + 120_000)],
      'imp-sub1': 'timeout',
    });
    const m = new CertificateMonitor({ clusters: () => [a], publish: (_c, node, samples) => void published.push({ node, samples }), scheduler });
    const checks: number[] = [];
    m.onDidCheck((c) => checks.push(c.certificates));
    m.start();
    m.start();
    expect(scheduler.timers.size).toBe(1);
    expect(scheduler.nextAt()).toBe(T0 + 60_000);
    scheduler.fireNext();
    await settle();
    await settle();
    expect(checks).toEqual([2]);
    expect(published.map((p) => p.node)).toEqual(['imp-pub']);
    expect(published[0]!.samples.map((s) => [s.instance, s.counter, s.value])).toEqual([
      ['tomcat/tomcat.pem', 'Days Left', 40],
      ['tomcat-trust/imp-sub1.pem', 'Days Left', 10],
    ]);
    // imp-sub1 timed out on its first list: its trust list was not sent (it would wait for the same timeout).
    expect(a.commands.filter((c) => c.startsWith('imp-sub1'))).toEqual(['imp-sub1: show cert list own']);
    expect(scheduler.nextAt()).toBe(T0 + 60_000 + DAY);
    scheduler.fireNext();
    await settle();
    await settle();
    expect(checks).toEqual([2, 2]);
    m.dispose();
    expect(scheduler.timers.size).toBe(0);
  });

  it('checks hourly while a certificate is expired or expires within a day', async () => {
    const scheduler = new TestScheduler();
    const a = access({ 'imp-pub': [cert('cup', 'own', 'cup.pem', T0 + 20 * 3600_000)] });
    const m = new CertificateMonitor({ clusters: () => [a], publish: () => undefined, scheduler });
    const c = await m.checkNow();
    expect(c.nextAtMs - c.atMs).toBe(3600_000);
    expect(scheduler.nextAt()).toBe(T0 + 3600_000);
    m.dispose();
  });

  it('publishes nothing and leaves no timer when disposed during a check', async () => {
    const scheduler = new TestScheduler();
    let answer!: (r: CliCommandResult) => void;
    const pending = new Promise<CliCommandResult>((r) => (answer = r));
    const published: unknown[] = [];
    const m = new CertificateMonitor({ clusters: () => [access({ 'imp-pub': pending })], publish: (...args) => void published.push(args), scheduler });
    const check = m.checkNow();
    m.dispose();
    answer({ ok: true, output: certListText([cert('tomcat', 'own', 'tomcat.pem', T0 + DAY * 100)], 'own') });
    await expect(check).rejects.toThrow(/disposed/);
    expect(published).toEqual([]);
    expect(scheduler.timers.size).toBe(0);
    await expect(m.checkNow()).rejects.toThrow(/disposed/);
  });
});
