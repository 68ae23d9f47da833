import { afterEach, describe, expect, it } from 'vitest';
import { ClusterModel } from '../model/clusterModel.js';
import { loadProfile } from '../profile/loadProfile.js';
import { NodeSnmpSource } from './nodeSnmpSource.js';
import { perfmonKindOf } from './nodePerfmonBackend.js';
import { jabberDeviceName } from './nodeRisBackend.js';

let model: ClusterModel | undefined;
afterEach(() => model?.dispose());

describe('NodeSnmpSource', () => {
  it('keeps the last N alarm events of its node as clogHistoryTable rows with CISCO-SYSLOG-MIB severities', () => {
    model = new ClusterModel(loadProfile(), { seed: 1 });
    const source = new NodeSnmpSource(model, 'imp-sub1', { historyMaxLength: 3 });
    for (let i = 0; i < 5; i++) model.alarms.raise('imp-sub1', 'PEIDSQueryError', `query ${i}`, `db${i}`);
    model.alarms.raise('imp-pub', 'PEIDSQueryError', 'other node');
    const rows = source.snapshot().syslogHistory;
    expect(rows.map((r) => r.index)).toEqual([3, 4, 5]);
    expect(rows[2]).toMatchObject({ facility: 'IMP_PE-PE', severity: 'error', msgName: 'PEIDSQueryError' });
    expect(rows[2]!.msgText).toContain('query 4');
    expect(source.snapshot().syslog).toMatchObject({ notificationsEnabled: false, maxSeverity: 'warning', historyMaxLength: 3 });
    source.applySyslogConfig({ notificationsEnabled: true, maxSeverity: 'info' });
    expect(source.snapshot().syslog).toMatchObject({ notificationsEnabled: true, maxSeverity: 'info' });
    source.dispose();
    model.alarms.raise('imp-sub1', 'PEIDSQueryError', 'after dispose', 'db9');
    expect(source.snapshot().syslogHistory).toHaveLength(3);
  });

  it('reports Physical RAM and Virtual Memory as Cisco does, and a finished run in sysApplPastRunTable', () => {
    model = new ClusterModel(loadProfile(), { seed: 1 });
    const node = model.node('imp-pub');
    const source = new NodeSnmpSource(model, 'imp-pub');
    const s = source.snapshot();
    const ram = s.storage.find((r) => r.index === 1)!;
    expect(ram.usedUnits * 4).toBeLessThanOrEqual(node.metrics.memoryUsedKb);
    expect(ram.usedUnits).toBe(Math.floor(node.metrics.memoryUsedKb / 4));
    expect(s.storage.find((r) => r.index === 2)!.sizeUnits).toBe(node.metrics.swapTotalKb / 4);
    expect(s.processors).toHaveLength(node.metrics.cpus);
    node.services.stop('Cisco Sync Agent');
    model.runUntil(model.now() + 10_000);
    const after = source.snapshot().services.find((x) => x.name === 'Cisco Sync Agent')!;
    expect(after.running).toBe(false);
    expect(after.pastRuns).toEqual([expect.objectContaining({ exitState: 'complete', endedAtMs: expect.any(Number) })]);
    source.dispose();
  });
});

describe('catalog mappings', () => {
  it('maps counter kinds to Perfmon kinds and users to CUCM Jabber device names', () => {
    expect(perfmonKindOf({ name: '% CPU Time', kind: 'percent', description: '' })).toBe('percentage');
    expect(perfmonKindOf({ name: 'Read Bytes Per Sec', kind: 'gauge', description: '' })).toBe('rate');
    expect(perfmonKindOf({ name: 'JsmTotalMessagePackets', kind: 'cumulative', description: '' })).toBe('absolute');
    expect(jabberDeviceName('Desktop', 'user0042')).toBe('CSFUSER0042');
    expect(jabberDeviceName('Android', 'a.very-long.userid')).toBe('BOTA.VERY-LONG.');
  });
});
