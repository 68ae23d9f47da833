import { afterEach, describe, expect, it } from 'vitest';
import { SimScheduler } from '../../clock/simScheduler.js';
import { InMemorySrmEnvironment } from './inMemorySrmEnvironment.js';
import { PresenceRedundancyGroupSrm } from './presenceRedundancyGroupSrm.js';
import { createSrmHarness, NODE1, NODE2, type SrmHarness } from './srmTestHarness.js';

// Preconditions of the administrator's commands (guide L2216-2242, Table 4 actions).

describe('SRM commands', () => {
  let h: SrmHarness | undefined;
  afterEach(() => {
    h?.dispose();
    h = undefined;
  });

  it('failover is refused unless both nodes are Normal, and for an unknown node', () => {
    h = createSrmHarness();
    expect(h.srm.failover('nobody')).toEqual({ ok: false, message: expect.stringContaining('not in presence redundancy group') });
    expect(h.srm.failover(NODE1).ok).toBe(true);
    const again = h.srm.failover(NODE2);
    expect(again.ok).toBe(false);
    expect(again.message).toContain('Normal state');
    expect(again.message).toContain('Taking Over');
  });

  it('failover is refused when the peer cannot take over', () => {
    h = createSrmHarness();
    h.change(NODE2, (n) => n.downServices.add('Cisco Sync Agent'));
    const r = h.srm.failover(NODE1);
    expect(r.ok).toBe(false);
    expect(r.message).toContain(`${NODE2} cannot take over`);
    expect(h.env.actions).toEqual([]);
  });

  it('manual failover stops critical services on the failed node only', () => {
    h = createSrmHarness();
    h.srm.failover(NODE1);
    expect(h.env.actions).toEqual([`stop ${NODE1}`]);
    expect(h.events.map((e) => e.type)).toEqual(['failoverStarted']);
  });

  it('fallback is refused from Normal, for the backup node, and while critical services are down', () => {
    h = createSrmHarness();
    expect(h.srm.fallback(NODE1)).toMatchObject({ ok: false, message: expect.stringContaining('Idle or Failed Over') });
    h.change(NODE1, (n) => n.downServices.add('Cisco SIP Proxy'));
    h.advance(191);
    expect(h.srm.status(NODE1).state).toBe('failedOverCriticalServicesNotRunning');
    expect(h.srm.fallback(NODE2).ok).toBe(false);
    const r = h.srm.fallback(NODE1);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('start the critical services');
    h.change(NODE1, (n) => n.downServices.clear());
    expect(h.srm.status(NODE1).state).toBe('failedOver');
    expect(h.srm.fallback(NODE1).ok).toBe(true);
  });

  it('fallback completes: users go home and both nodes are Normal', () => {
    h = createSrmHarness();
    h.srm.failover(NODE1);
    h.advance(101);
    expect(h.srm.fallback(NODE1).ok).toBe(true);
    expect(h.env.actions).toContain(`start ${NODE1}`);
    h.advance(101);
    expect(h.srm.statuses().map((s) => s.state)).toEqual(['normal', 'normal']);
    expect(h.srm.hosting()).toEqual({ [NODE1]: NODE1, [NODE2]: NODE2 });
    expect(h.events.map((e) => e.type)).toEqual(['failoverStarted', 'usersMoved', 'failoverCompleted', 'fallbackStarted', 'usersMoved', 'fallbackCompleted']);
  });

  it('recover is refused unless both nodes are failed or unknown, then returns the pair to Normal', () => {
    h = createSrmHarness();
    expect(h.srm.recover()).toMatchObject({ ok: false, message: expect.stringContaining('Running in Failed Mode or Unknown') });
    h.srm.setTakeoverFails(true);
    h.srm.failover(NODE1);
    h.advance(101);
    expect(h.srm.tableRow()?.row.row).toBe(19);
    h.srm.setTakeoverFails(false);
    expect(h.srm.recover().ok).toBe(true);
    expect(h.srm.statuses().map((s) => s.state)).toEqual(['initializing', 'initializing']);
    h.advance(15);
    expect(h.srm.statuses().map((s) => s.state)).toEqual(['normal', 'normal']);
    expect(h.events.at(-1)?.type).toBe('recoverCompleted');
  });

  it('restartSrm is refused on a node whose SRM is not running', () => {
    h = createSrmHarness();
    h.change(NODE1, (n) => { n.poweredOn = false; });
    expect(h.srm.restartSrm(NODE1)).toMatchObject({ ok: false, message: expect.stringContaining('not running') });
  });

  it('row 24 persists until SRM is restarted on both nodes once the fault is gone', () => {
    h = createSrmHarness();
    h.srm.setHaEnabledIncorrectly(NODE2, true);
    expect(h.srm.tableRow()?.row.row).toBe(24);
    h.srm.setHaEnabledIncorrectly(NODE2, false);
    h.srm.restartSrm(NODE1);
    h.advance(16);
    expect(h.srm.status(NODE1).state).toBe('unknown');
    h.srm.restartSrm(NODE2);
    h.advance(16);
    expect(h.srm.tableRow()?.row.row).toBe(1);
  });

  it('HA disabled: both nodes Unknown / High Availability Not Enabled, commands refused, no failover', () => {
    h = createSrmHarness({ haEnabled: false });
    expect(h.srm.renderHaStatus()).toBe(
      'Subcluster Name: DefaultCluster\n' +
        `Node 1 Name : ${NODE1} State: Unknown Reason: High Availability Not Enabled\n` +
        `Node 2 Name : ${NODE2} State: Unknown Reason: High Availability Not Enabled\n`,
    );
    expect(h.srm.failover(NODE1)).toMatchObject({ ok: false, message: expect.stringContaining('not enabled') });
    h.change(NODE1, (n) => n.downServices.add('Cisco SIP Proxy'));
    h.advance(600);
    expect(h.srm.hostOf(NODE1)).toBe(NODE1);
    expect(h.env.actions).toEqual([]);
  });

  it('enabling HA with a critical service down fails over without waiting the delay (L2070, L2180)', () => {
    h = createSrmHarness({ haEnabled: false });
    h.change(NODE1, (n) => n.downServices.add('Cisco SIP Proxy'));
    h.srm.setHaEnabled(true);
    h.advance(15);
    expect(h.srm.statuses().map((s) => s.state)).toEqual(['failingOver', 'takingOver']);
  });

  it('a single-node group stays Normal, has no failover and refuses commands', () => {
    const scheduler = new SimScheduler(0);
    const env = new InMemorySrmEnvironment(scheduler, [{ name: 'solo', users: 100 }]);
    const srm = new PresenceRedundancyGroupSrm(env, { groupName: 'g2', nodes: ['solo'], haEnabled: true });
    env.node('solo').downServices.add('Cisco XCP Router');
    srm.evaluate();
    scheduler.advanceBy(600_000);
    expect(srm.statuses()).toEqual([{ node: 'solo', state: 'normal', reason: 'normal' }]);
    expect(srm.renderHaStatus()).toBe('Subcluster Name: g2\nNode 1 Name : solo State: Normal\n');
    expect(srm.failover('solo')).toMatchObject({ ok: false, message: expect.stringContaining('single node') });
    expect(srm.tableRow()).toBeUndefined();
    srm.dispose();
    expect(scheduler.pending).toBe(0);
  });

  it('rejects a bad node list and bad parameters with VALIDATION errors', () => {
    const env = new InMemorySrmEnvironment(new SimScheduler(0), [{ name: 'a' }]);
    expect(() => new PresenceRedundancyGroupSrm(env, { groupName: 'g', nodes: ['a', 'a'], haEnabled: true })).toThrow(/distinct/);
    expect(() => new PresenceRedundancyGroupSrm(env, { groupName: 'g', nodes: [], haEnabled: true })).toThrow(/one or two nodes/);
    expect(() => new PresenceRedundancyGroupSrm(env, { groupName: 'g', nodes: ['a'], haEnabled: true, parameters: { heartbeatTimeoutSeconds: -1 } }))
      .toThrow(expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining('heartbeatTimeoutSeconds') }));
  });

  it('dispose releases every timer and listener', () => {
    h = createSrmHarness();
    h.change(NODE1, (n) => n.downServices.add('Cisco SIP Proxy'));
    expect(h.scheduler.pending).toBeGreaterThan(0);
    h.dispose();
    expect(h.scheduler.pending).toBe(0);
    h.advance(600);
    expect(h.srm.status(NODE1).state).toBe('normal');
    h = undefined;
  });
});
