import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollectorConfig } from './collectorConfig.js';
import { COLLECTOR_SOAP_REQUESTS_PER_MIN, minPerfmonSec, perfmonIntervalSec, soapDemandProblem, soapRequestsPerMinute } from './soapDemand.js';

describe('SOAP demand of the collector against a node\'s 80/min', () => {
  it('counts one request per Perfmon object per interval plus the services poll', () => {
    // RTMT's defaults (30 s views): 11 objects x 2 + 2 services polls on an IM&P node, 3 x 2 + 2 on CUCM.
    expect(soapRequestsPerMinute('imp-subscriber', { systemSec: 30, servicesSec: 30 })).toBe(24);
    expect(soapRequestsPerMinute('cucm-publisher', { systemSec: 30, servicesSec: 30 })).toBe(8);
  });

  it('stretches Perfmon, not SNMP, when the system interval would overrun the budget', () => {
    // 11 objects every 5 s would be 132 requests a minute; the smallest fitting interval next to 5 s services:
    // 660 / (60 - 12) = 13.75 -> 14 s.
    expect(minPerfmonSec(5)).toBe(14);
    expect(perfmonIntervalSec({ systemSec: 5, servicesSec: 5 })).toBe(14);
    expect(soapRequestsPerMinute('imp-subscriber', { systemSec: 5, servicesSec: 5 })).toBeLessThanOrEqual(COLLECTOR_SOAP_REQUESTS_PER_MIN);
    expect(soapDemandProblem({ systemSec: 5, servicesSec: 5 })).toBeUndefined();
    // A slow system interval is kept as it is.
    expect(perfmonIntervalSec({ systemSec: 60, servicesSec: 30 })).toBe(60);
  });

  it('refuses an explicit Perfmon interval that cannot fit, naming the smallest that does', () => {
    expect(soapDemandProblem({ systemSec: 5, servicesSec: 5, perfmonSec: 5 })).toMatch(/needs 144 SOAP requests per minute .* at least 14 s/);
    expect(soapDemandProblem({ systemSec: 5, servicesSec: 5, perfmonSec: 14 })).toBeUndefined();
  });

  it('the collector config names the field and the figure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-cfg-'));
    const path = join(dir, 'c.yaml');
    const cluster = (extra: string): string =>
      ['clusters:', '  - id: lab', '    name: Lab', '    publisher: 10.0.0.1', '    admin: { username: a, password: b }', '    application: { username: a, password: b }', "    snmp: { version: '2c', community: public }", `    intervals: { ${extra} }`].join('\n');
    writeFileSync(path, cluster('systemSec: 5, servicesSec: 5, perfmonSec: 6'));
    expect(() => loadCollectorConfig(path)).toThrow(/clusters\.0\.intervals\.perfmonSec: polling 11 Perfmon objects every 6 s .* at least 14 s/);
    writeFileSync(path, cluster('systemSec: 5, servicesSec: 5'));
    expect(loadCollectorConfig(path).clusters[0]!.intervals).toEqual({ systemSec: 5, servicesSec: 5, haSec: 60 });
  });
});
