import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SRM_PARAMETERS, transitionDurationMs } from './srmParameters.js';
import { createSrmHarness, NODE1, NODE2, type SrmHarness } from './srmTestHarness.js';

// Timing from the SRM service parameters (guide L2155-2166) and Multiple Device Messaging (L2370), in virtual time.

const states = (h: SrmHarness): string[] => h.srm.statuses().map((s) => s.state);

describe('SRM timing', () => {
  let h: SrmHarness | undefined;
  afterEach(() => {
    h?.dispose();
    h = undefined;
  });

  it('no failover before the 90 s critical service down delay; a service back in time cancels it', () => {
    h = createSrmHarness();
    h.change(NODE1, (n) => n.downServices.add('Cisco Presence Engine'));
    h.advance(89.999);
    expect(states(h)).toEqual(['normal', 'normal']);
    h.change(NODE1, (n) => n.downServices.clear());
    h.advance(300);
    expect(states(h)).toEqual(['normal', 'normal']);
    h.change(NODE1, (n) => n.downServices.add('Cisco Presence Engine'));
    h.advance(90);
    expect(states(h)).toEqual(['failingOver', 'takingOver']);
    const started = h.events.find((e) => e.type === 'failoverStarted');
    expect(started).toMatchObject({ failed: NODE1, backup: NODE2, cause: 'criticalServiceDown', usersMoving: 600, durationMs: 100_000, downServices: ['Cisco Presence Engine'] });
  });

  it('XCP Authentication Service counts only when its monitoring parameter is TRUE (L2161)', () => {
    h = createSrmHarness();
    h.change(NODE1, (n) => n.downServices.add('Cisco XCP Authentication Service'));
    h.advance(200);
    expect(states(h)).toEqual(['normal', 'normal']);
    h.srm.setParameters({ enableXcpAuthenticationServiceMonitoring: true });
    h.advance(90);
    expect(states(h)).toEqual(['failingOver', 'takingOver']);
  });

  it('heartbeat timeout: 60 s after the loss is observed, never before', () => {
    h = createSrmHarness();
    h.advance(7); // between two heartbeat ticks
    h.change(NODE1, (n) => { n.poweredOn = false; });
    expect(h.srm.status(NODE1).state).toBe('down');
    h.advance(59.999);
    expect(h.srm.status(NODE2).state).toBe('normal');
    h.advance(0.001);
    expect(h.srm.status(NODE2)).toMatchObject({ state: 'takingOver', reason: 'peerReboot' });
  });

  it('without evaluate() calls the next 15 s heartbeat tick observes the loss', () => {
    h = createSrmHarness();
    h.env.node(NODE1).srmRunning = false; // no evaluate(): SRM polls on its heartbeat interval
    h.advance(14.999);
    expect(h.srm.status(NODE1).state).toBe('normal');
    h.advance(0.001);
    expect(h.srm.status(NODE1).state).toBe('down');
    h.advance(60);
    expect(h.srm.status(NODE2)).toMatchObject({ state: 'takingOver', reason: 'peerDown' });
  });

  it('initialization heartbeat timeout is 120 s', () => {
    h = createSrmHarness({ start: 'initializing', before: (env) => { env.node(NODE1).poweredOn = false; } });
    h.advance(119.999);
    expect(states(h)).toEqual(['down', 'initializing']);
    h.advance(0.001);
    expect(h.srm.status(NODE2)).toMatchObject({ state: 'takingOver', reason: 'peerDownDuringInitialization' });
  });

  it('Multiple Device Messaging doubles the detection delays and the transition', () => {
    h = createSrmHarness({ before: (env) => { env.node(NODE1).multipleDeviceMessaging = true; } });
    h.change(NODE1, (n) => n.downServices.add('Cisco SIP Proxy'));
    h.advance(179.999);
    expect(states(h)).toEqual(['normal', 'normal']);
    h.advance(0.001);
    expect(states(h)).toEqual(['failingOver', 'takingOver']);
    h.advance(199.999);
    expect(h.srm.status(NODE2).state).toBe('takingOver');
    h.advance(0.001);
    expect(h.srm.status(NODE2).state).toBe('runningInBackupMode');
  });

  it('Multiple Device Messaging doubles the heartbeat timeout', () => {
    h = createSrmHarness({ before: (env) => { env.node(NODE2).multipleDeviceMessaging = true; } });
    h.change(NODE1, (n) => { n.srmRunning = false; });
    h.advance(119.999);
    expect(h.srm.status(NODE2).state).toBe('normal');
    h.advance(0.001);
    expect(h.srm.status(NODE2).state).toBe('takingOver');
  });

  it('transition length: users / 6 per second, at least 15 s, at most the re-login upper limit', () => {
    const p = DEFAULT_SRM_PARAMETERS;
    expect(transitionDurationMs(0, p, false)).toBe(15_000);
    expect(transitionDurationMs(1200, p, false)).toBe(200_000);
    expect(transitionDurationMs(6000, p, false)).toBe(537_000);
    expect(transitionDurationMs(6000, p, true)).toBe(1_074_000);
  });

  it('automatic fallback starts 30 minutes after the primary is healthy again, not before (L2156)', () => {
    h = createSrmHarness({ parameters: { enableAutomaticFallback: true } });
    h.change(NODE1, (n) => n.downServices.add('Cisco SIP Proxy'));
    h.advance(191);
    h.change(NODE1, (n) => n.downServices.clear());
    h.advance(30 * 60 - 0.001);
    expect(h.srm.status(NODE1).state).toBe('failedOver');
    h.advance(0.001);
    expect(h.srm.tableRow()?.row.row).toBe(10);
    h.advance(101);
    expect(states(h)).toEqual(['normal', 'normal']);
    expect(h.srm.hostOf(NODE1)).toBe(NODE1);
  });

  it('automatic fallback never follows a manual failover', () => {
    h = createSrmHarness({ parameters: { enableAutomaticFallback: true } });
    h.srm.failover(NODE1);
    h.advance(3 * 3600);
    expect(h.srm.tableRow()?.row.row).toBe(3);
  });

  it('a node 2 failure matches the same rows mirrored', () => {
    h = createSrmHarness();
    h.change(NODE2, (n) => { n.databaseRunning = false; });
    h.advance(191);
    expect(h.srm.tableRow()).toMatchObject({ row: { row: 13 }, mirrored: true });
    expect(h.srm.hostOf(NODE2)).toBe(NODE1);
  });

  it('network cut: node 2 takes over, node 1 shows Down; on reconnection both fail; Recover returns Normal (L2293)', () => {
    h = createSrmHarness();
    h.env.setLinkCut(NODE1, NODE2, true);
    h.srm.evaluate();
    h.advance(161);
    expect(h.srm.tableRow()?.row.row).toBe(16);
    expect(h.srm.hostOf(NODE1)).toBe(NODE2);
    h.env.setLinkCut(NODE1, NODE2, false);
    h.srm.evaluate();
    expect(h.srm.tableRow()?.row.row).toBe(21);
    expect(h.srm.recover().ok).toBe(true);
    h.advance(15);
    expect(h.srm.tableRow()?.row.row).toBe(1);
    expect(h.srm.hosting()).toEqual({ [NODE1]: NODE1, [NODE2]: NODE2 });
  });

  it('auto-recover (row 22) is followed by a manual fallback to the affected node once it is healthy', () => {
    h = createSrmHarness();
    h.change(NODE1, (n) => n.downServices.add('Cisco SIP Proxy'));
    h.advance(191);
    h.change(NODE1, (n) => n.downServices.clear());
    h.change(NODE2, (n) => { n.databaseRunning = false; });
    h.advance(291);
    expect(h.srm.tableRow()?.row.row).toBe(22);
    expect(h.srm.fallback(NODE2).ok).toBe(false);
    h.change(NODE2, (n) => { n.databaseRunning = true; });
    expect(h.srm.fallback(NODE2).ok).toBe(true);
    h.advance(101);
    expect(states(h)).toEqual(['normal', 'normal']);
    expect(h.srm.hosting()).toEqual({ [NODE1]: NODE1, [NODE2]: NODE2 });
  });

  it('transitions carry previous and current state with virtual time', () => {
    h = createSrmHarness();
    const t0 = h.scheduler.now();
    h.srm.failover(NODE1);
    h.advance(101);
    expect(h.transitions.filter((t) => t.node === NODE1)).toEqual([
      { group: 'DefaultCluster', node: NODE1, previous: 'normal', previousReason: 'normal', current: 'failingOver', reason: 'onAdminRequest', atMs: t0 },
      { group: 'DefaultCluster', node: NODE1, previous: 'failingOver', previousReason: 'onAdminRequest', current: 'idle', reason: 'onAdminRequest', atMs: t0 + 100_000 },
    ]);
  });
});
