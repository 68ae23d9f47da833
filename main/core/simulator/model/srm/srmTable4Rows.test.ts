import { afterEach, describe, expect, it } from 'vitest';
import { createSrmHarness, NODE1, NODE2, type SrmHarness, type SrmHarnessOptions } from './srmTestHarness.js';
import { SRM_STATE_TABLE } from '../../../../../shared/ha/srmStateTable.js';
import { SRM_REASON_LABELS, SRM_STATE_LABELS } from '../../../../../shared/ha/srmStates.js';

// Every row of Table 4 (guide L2268-2307) driven through the machine's inputs and commands only.
// 600 users per node: a transition lasts 600 / 6 = 100 s (srmParameters.ts), detection 90 s / 60 s / 120 s.

const FAILOVER_DONE = 90 + 100 + 1;

function manualFailoverDone(h: SrmHarness): void {
  expect(h.srm.failover(NODE1).ok).toBe(true);
  h.advance(101);
}

function criticalServiceFailoverDone(h: SrmHarness): void {
  h.change(NODE1, (n) => n.downServices.add('Cisco SIP Proxy'));
  h.advance(FAILOVER_DONE);
}

interface RowCase {
  readonly row: number;
  readonly options?: SrmHarnessOptions;
  readonly drive: (h: SrmHarness) => void;
  /** Host of node 1's users, then of node 2's users. */
  readonly hosts: readonly [string, string];
}

const CASES: readonly RowCase[] = [
  { row: 1, drive: (h) => h.advance(300), hosts: [NODE1, NODE2] },
  { row: 2, drive: (h) => { expect(h.srm.failover(NODE1).ok).toBe(true); h.advance(10); }, hosts: [NODE1, NODE2] },
  { row: 3, drive: manualFailoverDone, hosts: [NODE2, NODE2] },
  { row: 4, drive: (h) => { manualFailoverDone(h); expect(h.srm.fallback(NODE1).ok).toBe(true); h.advance(10); }, hosts: [NODE2, NODE2] },
  { row: 5, drive: (h) => { manualFailoverDone(h); h.srm.restartSrm(NODE1); h.advance(16); }, hosts: [NODE2, NODE2] },
  { row: 6, drive: (h) => { manualFailoverDone(h); h.srm.restartSrm(NODE1); h.srm.restartSrm(NODE2); h.advance(16); }, hosts: [NODE2, NODE2] },
  { row: 7, drive: (h) => { manualFailoverDone(h); h.srm.restartSrm(NODE2); h.advance(16); }, hosts: [NODE2, NODE2] },
  { row: 8, drive: (h) => { h.srm.failover(NODE1); h.advance(5); h.srm.restartSrm(NODE2); h.advance(16); }, hosts: [NODE1, NODE2] },
  { row: 9, drive: (h) => { manualFailoverDone(h); h.srm.fallback(NODE1); h.advance(5); h.srm.restartSrm(NODE1); h.advance(16); }, hosts: [NODE2, NODE2] },
  {
    row: 10,
    options: { parameters: { enableAutomaticFallback: true } },
    drive: (h) => {
      criticalServiceFailoverDone(h);
      h.change(NODE1, (n) => n.downServices.clear());
      h.advance(30 * 60 + 1);
    },
    hosts: [NODE2, NODE2],
  },
  { row: 11, drive: (h) => { criticalServiceFailoverDone(h); h.change(NODE1, (n) => n.downServices.clear()); }, hosts: [NODE2, NODE2] },
  { row: 12, drive: criticalServiceFailoverDone, hosts: [NODE2, NODE2] },
  { row: 13, drive: (h) => { h.change(NODE1, (n) => { n.databaseRunning = false; }); h.advance(FAILOVER_DONE); }, hosts: [NODE2, NODE2] },
  {
    row: 14,
    drive: (h) => {
      manualFailoverDone(h);
      h.env.node(NODE1).unstartableServices.add('Cisco XCP Router');
      expect(h.srm.fallback(NODE1).ok).toBe(false);
    },
    hosts: [NODE2, NODE2],
  },
  { row: 15, drive: (h) => { manualFailoverDone(h); h.change(NODE2, (n) => n.downServices.add('Cisco Presence Engine')); h.advance(91); }, hosts: [NODE2, NODE2] },
  { row: 16, drive: (h) => { h.change(NODE1, (n) => { n.srmRunning = false; }); h.advance(60 + 100 + 1); }, hosts: [NODE2, NODE2] },
  { row: 17, drive: (h) => { h.change(NODE1, (n) => { n.poweredOn = false; }); h.advance(60 + 100 + 1); }, hosts: [NODE2, NODE2] },
  {
    row: 18,
    options: { start: 'initializing', before: (env) => { env.node(NODE1).poweredOn = false; } },
    drive: (h) => {
      h.advance(120 + 100 + 1);
      h.change(NODE1, (n) => { n.poweredOn = true; });
      h.advance(16);
    },
    hosts: [NODE2, NODE2],
  },
  { row: 19, drive: (h) => { h.srm.setTakeoverFails(true); h.srm.failover(NODE1); h.advance(101); }, hosts: [NODE1, NODE2] },
  { row: 20, drive: (h) => { manualFailoverDone(h); h.srm.setTakebackFails(true); h.srm.fallback(NODE1); h.advance(101); }, hosts: [NODE2, NODE2] },
  {
    row: 21,
    drive: (h) => {
      manualFailoverDone(h);
      h.change(NODE2, (n) => n.downServices.add('Cisco Presence Engine'));
      h.advance(91);
      h.srm.restartSrm(NODE1);
      h.advance(16);
    },
    hosts: [NODE2, NODE2],
  },
  {
    row: 22,
    drive: (h) => {
      criticalServiceFailoverDone(h);
      h.change(NODE1, (n) => n.downServices.clear());
      h.change(NODE2, (n) => { n.databaseRunning = false; });
      h.advance(90 + 200 + 1); // 1200 users move: 200 s
    },
    hosts: [NODE1, NODE1],
  },
  {
    row: 23,
    drive: (h) => {
      criticalServiceFailoverDone(h);
      h.change(NODE1, (n) => n.downServices.clear());
      h.change(NODE2, (n) => n.downServices.add('Cisco XCP Router'));
      h.advance(90 + 200 + 1);
    },
    hosts: [NODE1, NODE1],
  },
  { row: 24, drive: (h) => { h.srm.setHaEnabledIncorrectly(NODE1, true); h.advance(30); }, hosts: [NODE1, NODE2] },
];

describe('SRM reaches every row of Table 4 (L2268-2307)', () => {
  let h: SrmHarness | undefined;
  afterEach(() => {
    h?.dispose();
    h = undefined;
  });

  it('has one case per row', () => {
    expect(CASES.map((c) => c.row)).toEqual(SRM_STATE_TABLE.map((r) => r.row));
  });

  it.each(CASES)('row $row', (c) => {
    h = createSrmHarness(c.options);
    c.drive(h);
    const row = SRM_STATE_TABLE[c.row - 1]!;
    const [s1, s2] = h.srm.statuses();
    expect(row.node1.states).toContain(s1!.state);
    expect(row.node1.reasons).toContain(s1!.reason);
    expect(row.node2.states).toContain(s2!.state);
    expect(row.node2.reasons).toContain(s2!.reason);
    expect(h.srm.tableRow()).toMatchObject({ row: { row: c.row }, mirrored: false });

    const out = h.srm.renderHaStatus().split('\n');
    expect(out[0]).toBe('Subcluster Name: DefaultCluster');
    [s1!, s2!].forEach((s, i) => {
      const reason = s.reason === null || s.reason === 'normal' ? '' : ` Reason: ${SRM_REASON_LABELS[s.reason].en}`;
      expect(out[i + 1]).toBe(`Node ${i + 1} Name : ${s.node} State: ${SRM_STATE_LABELS[s.state].en}${reason}`);
    });

    expect([h.srm.hostOf(NODE1), h.srm.hostOf(NODE2)]).toEqual(c.hosts);
    // The environment saw the same moves SRM reports.
    expect(h.env.node(c.hosts[0]).hostedHomes.has(NODE1)).toBe(true);
    expect(h.env.node(c.hosts[1]).hostedHomes.has(NODE2)).toBe(true);
  });
});
