import type { SyslogMessage } from '../../shared/model/alert.js';
import type { NodeStatus, ServiceStatusRow } from '../../shared/model/cluster.js';
import type { Sample } from '../../shared/model/sample.js';
import type { Defer } from '../../main/core/alerts/alarmJournal.js';
import { AlertEngine } from '../../main/core/alerts/alertEngine.js';
import { FakeAlertScheduler } from './fakeAlertScheduler.js';
import { MemoryAlertStore } from '../../main/core/alerts/memoryAlertStore.js';

/** Fixture: an engine on a fake clock with an in-memory store, and builders for its inputs (tests only). */
export function engineKit(store = new MemoryAlertStore(), scheduler = new FakeAlertScheduler(), deferWrites?: Defer) {
  let seq = 0;
  const engine = new AlertEngine({ store, scheduler, evaluationIntervalMs: 30_000, newAlarmId: () => `a${++seq}`, ...(deferWrites ? { deferWrites } : {}) });
  const sample = (node: string, object: string, instance: string, counter: string, value: number): Sample => ({
    cluster: 'c1', node, object, instance, counter, value, ts: scheduler.now(), source: 'perfmon',
  });
  const nodeStatus = (name: string, o: Partial<NodeStatus> = {}): NodeStatus => ({
    cluster: 'c1', name, host: `${name}.example.com`, role: 'imp-publisher', reachability: 'up', protocols: { snmp: {}, soap: {}, ssh: {} }, ...o,
  });
  const service = (node: string, name: string, status: ServiceStatusRow['status']): ServiceStatusRow => ({ cluster: 'c1', node, name, status, activated: true });
  const syslog = (host: string, severity: number, appName: string, msgName: string, text: string): SyslogMessage => ({
    receivedAt: scheduler.now(), transport: 'udp', peer: '127.0.0.1', severity, host, appName, msgName, text, raw: `%${appName}-${severity}-${msgName}: ${text}`,
  });
  return { engine, store, scheduler, sample, nodeStatus, service, syslog };
}
