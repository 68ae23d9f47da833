/**
 * A certificate whose validity dates carry a time zone the parser does not know is read as UTC (certOutput.ts) and
 * the report says so as a problem on that certificate — never a silent guess of its days left. The node's answers
 * are the captured simulator layouts (polling/ssh/fixtures/report-sim-cert-*), the zone changed on one detail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliCommandResult } from '../polling/ssh/sshCliSession.js';
import { readNodeCertificates } from './certificatesReport.js';

const fixture = (name: string): string => readFileSync(join(__dirname, '../polling/ssh/fixtures', name), 'utf8');

function node(zoneOfTomcat: string): (command: string) => Promise<CliCommandResult> {
  const detail = fixture('report-sim-cert-own-tomcat.txt');
  return (command) => {
    if (command === 'show cert list own') return Promise.resolve({ ok: true, output: fixture('report-sim-cert-list-own.txt') });
    if (command === 'show cert list trust') return Promise.resolve({ ok: true, output: fixture('report-sim-cert-list-trust.txt') });
    const text = command === 'show cert own tomcat/tomcat.pem' ? detail.replace(/ UTC /g, ` ${zoneOfTomcat} `) : detail;
    return Promise.resolve({ ok: true, output: text });
  };
}

describe('readNodeCertificates', () => {
  const nowMs = Date.parse('2027-01-01T00:00:00Z');

  it('names each certificate whose dates were read as UTC from an unknown zone', async () => {
    const r = await readNodeCertificates(node('XYZT'), 'lab', 'imp-pub', { nowMs, warnDays: 30 });
    expect(r.failures).toEqual([]);
    expect(r.rows.length).toBeGreaterThan(5);
    expect(r.zoneAssumedUtc.map((z) => z.source)).toEqual(['show cert own tomcat/tomcat.pem']);
  });

  it('a known zone is converted, and nothing is said', async () => {
    const utc = await readNodeCertificates(node('UTC'), 'lab', 'imp-pub', { nowMs, warnDays: 30 });
    const cet = await readNodeCertificates(node('CET'), 'lab', 'imp-pub', { nowMs, warnDays: 30 });
    expect(cet.zoneAssumedUtc).toEqual([]);
    const tomcat = (rows: typeof utc.rows): number => rows.find((x) => x.type === 'own' && x.unit === 'tomcat')!.notAfterMs;
    expect(tomcat(utc.rows) - tomcat(cet.rows)).toBe(3_600_000);
  });
});
