import { describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../../shared/model/alert.js';
import type { ClusterSummary, NodeStatus } from '../../../shared/model/cluster.js';
import { countActiveBySeverity, countReachability, impNodes, nodeHealth, sortNodes, worstSeverity } from './selectors.js';

const node = (name: string, role: NodeStatus['role'], reachability: NodeStatus['reachability'] = 'up'): NodeStatus => ({
  cluster: 'c1',
  name,
  host: name,
  role,
  reachability,
  protocols: { snmp: {}, soap: {}, ssh: {} },
});
const alarm = (id: string, severity: AlarmRecord['severity'], status: AlarmRecord['status'], nodeName = 'imp1', cluster = 'c1'): AlarmRecord => ({
  id,
  key: id,
  ruleId: 'r',
  ruleName: 'R',
  group: 'System',
  severity,
  cluster,
  node: nodeName,
  instance: '',
  status,
  message: '',
  origin: 'poll',
  raisedAt: 0,
  lastOccurrenceAt: 0,
  occurrences: 1,
  flapping: false,
});

describe('overview selectors', () => {
  it('counts only active alarms, per cluster and node', () => {
    const alarms = [alarm('1', 'Critical', 'outstanding'), alarm('2', 'Critical', 'acknowledged', 'imp2'), alarm('3', 'Warning', 'cleared'), alarm('4', 'Error', 'outstanding', 'imp1', 'c2')];
    expect(countActiveBySeverity(alarms).Critical).toBe(2);
    expect(countActiveBySeverity(alarms).Warning).toBe(0);
    expect(countActiveBySeverity(alarms, 'c1').Error).toBe(0);
    expect(countActiveBySeverity(alarms, 'c1', 'imp2').Critical).toBe(1);
  });
  it('finds the worst severity or none', () => {
    expect(worstSeverity(countActiveBySeverity([alarm('1', 'Warning', 'outstanding'), alarm('2', 'Alert', 'outstanding')]))).toBe('Alert');
    expect(worstSeverity(countActiveBySeverity([]))).toBeUndefined();
  });
  it('sorts nodes by role then name and picks IM&P nodes', () => {
    const cluster: ClusterSummary = {
      id: 'c1',
      name: 'C1',
      publisherHost: 'x',
      simulated: true,
      nodes: [node('imp-b', 'imp-subscriber', 'down'), node('cucm', 'cucm-publisher'), node('imp-a', 'imp-subscriber'), node('imp-pub', 'imp-publisher', 'degraded')],
    };
    expect(sortNodes(cluster.nodes).map((n) => n.name)).toEqual(['cucm', 'imp-pub', 'imp-a', 'imp-b']);
    expect(impNodes(cluster).map((n) => n.name)).toEqual(['imp-pub', 'imp-a', 'imp-b']);
    expect(countReachability(cluster)).toEqual({ up: 2, down: 1, degraded: 1, unknown: 0 });
  });
});

describe('node health', () => {
  const on = (id: string, severity: AlarmRecord['severity'], o: Partial<AlarmRecord> = {}): AlarmRecord => ({ ...alarm(id, severity, 'outstanding'), ...o });
  it('is critical with critical alarms or a critical service down, whatever the reachability', () => {
    const alarms = [
      ...Array.from({ length: 13 }, (_, i) => on(`c${i}`, 'Critical')),
      on('s1', 'Critical', { ruleId: 'CriticalServiceDown', instance: 'Cisco XCP Router' }),
      on('s2', 'Critical', { ruleId: 'CriticalServiceDown', instance: 'Cisco Presence Engine' }),
      on('w', 'Warning'),
    ];
    expect(nodeHealth(alarms, 'c1', 'imp1')).toEqual({ level: 'critical', critical: 15, warnings: 1, servicesDown: ['Cisco Presence Engine', 'Cisco XCP Router'] });
  });
  it('is warning with Error or Warning alarms only, ok with none or only notices', () => {
    expect(nodeHealth([on('1', 'Error'), on('2', 'Notice')], 'c1', 'imp1').level).toBe('warning');
    expect(nodeHealth([on('2', 'Notice')], 'c1', 'imp1').level).toBe('ok');
    expect(nodeHealth([], 'c1', 'imp1')).toEqual({ level: 'ok', critical: 0, warnings: 0, servicesDown: [] });
  });
  it('counts only this node\u2019s active alarms', () => {
    const alarms = [alarm('1', 'Critical', 'cleared'), alarm('2', 'Critical', 'outstanding', 'imp2'), alarm('3', 'Critical', 'outstanding', 'imp1', 'c2'), alarm('4', 'Alert', 'acknowledged')];
    expect(nodeHealth(alarms, 'c1', 'imp1')).toMatchObject({ level: 'critical', critical: 1 });
  });
});
