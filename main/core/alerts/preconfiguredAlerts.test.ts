import { describe, expect, it } from 'vitest';
import { parseAlertRuleInput } from '../../../shared/validation/alertRuleInput.js';
import { PRECONFIGURED_ALERTS } from './preconfiguredAlerts.js';

describe('preconfigured catalog', () => {
  it('has unique ids, a source on every row and only valid settings', () => {
    expect(new Set(PRECONFIGURED_ALERTS.map((r) => r.id)).size).toBe(PRECONFIGURED_ALERTS.length);
    for (const r of PRECONFIGURED_ALERTS) {
      expect(r.source, r.id).toMatch(/\[V|\[I|ours/);
      const { preconfigured: _p, source: _s, ...input } = r;
      const v = parseAlertRuleInput(input);
      expect(v.ok ? [] : v.issues, r.id).toEqual([]);
    }
  });

  it.each([
    ['System', ['CpuPegging', 'CriticalServiceDown', 'ServerDown', 'DBReplicationFailure', 'LowActivePartitionAvailableDiskSpace', 'LowAvailableVirtualMemory', 'LowSwapPartitionAvailableDiskSpace', 'LogPartitionHighWaterMarkExceeded', 'LogPartitionLowWaterMarkExceeded', 'SyslogSeverityMatchFound', 'SyslogStringMatchFound', 'CoreDumpFileFound', 'CiscoDRFFailure', 'SystemVersionMismatched', 'CertificateExpiry']],
    ['IM and Presence Service', ['JSMSessionsExceedsThreshold', 'XcpMFTExtFsMountError', 'PEIDSQueryError', 'SRMFailover', 'SRMFailed', 'XCPConfigMgrJabberRestartRequired', 'DuplicateUserid', 'DuplicateDirectoryURI']],
  ])('groups the %s alerts the issue names', (group, names) => {
    for (const n of names) expect(PRECONFIGURED_ALERTS.find((r) => r.id === n)?.group, n).toBe(group);
  });

  it('uses the verified defaults', () => {
    const get = (id: string) => PRECONFIGURED_ALERTS.find((r) => r.id === id)!;
    expect(get('LogPartitionHighWaterMarkExceeded').condition).toMatchObject({ threshold: 95 });
    expect(get('LogPartitionLowWaterMarkExceeded').condition).toMatchObject({ threshold: 90 });
    expect(get('LowAvailableVirtualMemory').condition).toMatchObject({ threshold: 75 });
    expect(get('JSMSessionsExceedsThreshold')).toMatchObject({ duration: { seconds: 600 }, condition: { threshold: 80 } });
    // Ours (the guide names no certificate alarm): Warning below 30 days left, the series kept between daily reads.
    expect(get('CertificateExpiry')).toMatchObject({ group: 'System', severity: 'Warning', noDataPolicy: 'keepLast', condition: { metric: { object: 'Certificate Expiry', counter: 'Days Left' }, direction: 'under', threshold: 30 } });
  });
});
