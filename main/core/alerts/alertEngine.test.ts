import { afterEach, describe, expect, it } from 'vitest';
import { engineKit } from '../../../test/kits/engineTestKit.js';
import { supportedJsmSessions } from './alertEngine.js';
import type { MemoryAlertStore } from './memoryAlertStore.js';

const NODES = ['imp-pub', 'imp-sub1'];
const SERVICES = ['Cisco XCP Router', 'Cisco Presence Engine', 'Cisco SIP Proxy'];
let kits: Array<ReturnType<typeof engineKit>> = [];
function kit(store?: MemoryAlertStore) {
  const k = engineKit(store);
  kits.push(k);
  return k;
}
afterEach(() => {
  for (const k of kits) k.engine.dispose();
  kits = [];
});

const raisedFor = (k: ReturnType<typeof engineKit>, ruleId: string) => k.engine.history({ ruleId }).filter((h) => h.event === 'raised');

describe('AlertEngine timelines', () => {
  it('CriticalServiceDown is raised at the first poll after Cisco XCP Router stops and resolved after restart', () => {
    const k = kit();
    let routerUp = true;
    const poll = (): void =>
      k.engine.updateServiceStatus(NODES.flatMap((n) => SERVICES.map((s) => k.service(n, s, s === 'Cisco XCP Router' && n === 'imp-pub' && !routerUp ? 'Stopped' : 'Started'))));
    k.engine.updateNodeStatus(NODES.map((n) => k.nodeStatus(n)));
    poll();
    k.engine.start();
    k.scheduler.advance(30_000);
    expect(k.engine.activeAlarms()).toHaveLength(0);
    k.scheduler.advance(15_000); // t = 45 s: the scenario stops the router between polls
    routerUp = false;
    const stoppedAt = k.scheduler.now();
    k.scheduler.advance(14_000);
    poll(); // the collector's poll at 59 s; evaluation at 60 s
    k.scheduler.advance(1_000);
    const [a] = k.engine.activeAlarms();
    expect(a).toMatchObject({ ruleId: 'CriticalServiceDown', node: 'imp-pub', instance: 'Cisco XCP Router', status: 'outstanding', origin: 'poll' });
    expect(a!.raisedAt - stoppedAt).toBeLessThanOrEqual(30_000);
    routerUp = true; // restart at 60 s
    k.scheduler.advance(29_000);
    poll();
    k.scheduler.advance(1_000);
    expect(k.engine.activeAlarms()).toHaveLength(0);
    expect(k.engine.queryAlarms({ ruleId: 'CriticalServiceDown' })[0]).toMatchObject({ status: 'resolved' });
  });

  it('CriticalServiceDown is caught from syslog when the service went down and came back between polls', () => {
    const k = kit();
    const poll = (): void => k.engine.updateServiceStatus(SERVICES.map((s) => k.service('imp-pub', s, 'Started')));
    k.engine.updateNodeStatus([k.nodeStatus('imp-pub')]);
    poll();
    k.engine.evaluate();
    k.scheduler.advance(10_000);
    k.engine.ingestSyslog(k.syslog('imp-pub.example.com', 2, 'CCM_SERVICEMANAGER-SERVICEMANAGER', 'CriticalServiceDown', 'Critical Service Down Service Name:Cisco XCP Router Reason:Service crashed App ID:Cisco Service Manager'));
    const a = k.engine.activeAlarms().find((x) => x.ruleId === 'CriticalServiceDown');
    expect(a).toMatchObject({ node: 'imp-pub', instance: 'Cisco XCP Router', origin: 'syslog' });
    // The same severity-2 line also matches SyslogSeverityMatchFound (RTMT default: Critical or worse).
    expect(k.engine.activeAlarms().map((x) => x.ruleId).sort()).toEqual(['CriticalServiceDown', 'SyslogSeverityMatchFound']);
    expect(a!.message).toContain('between polls');
    k.scheduler.advance(20_000);
    poll(); // the next poll sees it Started again
    k.engine.evaluate();
    expect(k.engine.activeAlarms().map((x) => x.ruleId)).toEqual(['SyslogSeverityMatchFound']);
    expect(raisedFor(k, 'CriticalServiceDown')).toHaveLength(1);
  });

  it('JSMSessionsExceedsThreshold is raised after 10 minutes above 80 % (accelerated clock)', () => {
    const k = kit();
    const supported = supportedJsmSessions(15_000, false);
    expect(supported).toBe(22_500);
    k.engine.setNodeFact('c1', 'imp-pub', 'jsmSessionsSupported', supported);
    const poll = (): void => k.engine.ingestSamples([k.sample('imp-pub', 'Cisco Presence Engine', '', 'ActiveJsmSessions', 19_000)]); // 84 %
    k.engine.start();
    const firstBreach = k.scheduler.now() + 30_000;
    for (let i = 0; i < 40; i++) {
      poll();
      k.scheduler.advance(30_000);
      const now = k.scheduler.now();
      const raised = k.engine.activeAlarms().some((a) => a.ruleId === 'JSMSessionsExceedsThreshold');
      expect(raised).toBe(now - firstBreach >= 600_000);
    }
    expect(k.engine.activeAlarms()[0]!.message).toContain('84.44 %');
  });

  it('a failover raises SRMFailover on both nodes of the pair', () => {
    const k = kit();
    k.engine.updateNodeStatus([k.nodeStatus('imp-pub', { haState: 'Normal', haReason: 'Normal' }), k.nodeStatus('imp-sub1', { haState: 'Normal', haReason: 'Normal' })]);
    k.engine.evaluate();
    expect(k.engine.activeAlarms()).toHaveLength(0);
    k.scheduler.advance(30_000);
    k.engine.updateNodeStatus([
      k.nodeStatus('imp-pub', { haState: 'Failed Over with Critical Services not Running', haReason: 'Critical Service Down' }),
      k.nodeStatus('imp-sub1', { haState: 'Running in Backup Mode', haReason: 'Critical Service Down' }),
    ]);
    k.engine.evaluate();
    expect(k.engine.activeAlarms().filter((a) => a.ruleId === 'SRMFailover').map((a) => a.node).sort()).toEqual(['imp-pub', 'imp-sub1']);
  });

  it.each([
    [80, 1],
    [undefined, 4],
  ])('a counter flapping around 90 with recovery threshold %s raises %i time(s)', (recovery, expected) => {
    const k = kit();
    k.engine.rules.create({ name: 'XCP CPU', condition: { kind: 'threshold', metric: { object: 'Process', counter: '% CPU Time', instance: 'jabberd' }, direction: 'over', threshold: 90, ...(recovery ? { recoveryThreshold: recovery } : {}) } });
    for (const v of [92, 89, 93, 88, 91, 87, 92, 89]) {
      k.engine.ingestSamples([k.sample('imp-pub', 'Process', 'jabberd', '% CPU Time', v)]);
      k.engine.evaluate();
      k.scheduler.advance(30_000);
    }
    expect(raisedFor(k, 'custom:XCP_CPU')).toHaveLength(expected);
    if (recovery === undefined) expect(k.engine.queryAlarms({ ruleId: 'custom:XCP_CPU' })[0]!.flapping).toBe(true);
  });
});
