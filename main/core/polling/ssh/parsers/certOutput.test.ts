import { describe, expect, it } from 'vitest';
import { parseCertDetail, parseCertList, parseJavaDate } from './certOutput.js';

// `show cert …` (reports-design.md; designed: no real sample). Golden files: reportCommands.test.ts.
describe('certificate list', () => {
  it('reads unit/file: description lines; a line of another shape is POLL_PARSE; the refusal POLL_PROTOCOL', () => {
    expect(parseCertList('\ntomcat-trust/imp-sub1.pem: Trust Certificate\ncup-xmpp-trust/Cisco_Root CA 2048.pem: Trust Certificate\n')).toEqual({
      ok: true,
      value: [
        { unit: 'tomcat-trust', fileName: 'imp-sub1.pem', description: 'Trust Certificate' },
        { unit: 'cup-xmpp-trust', fileName: 'Cisco_Root CA 2048.pem', description: 'Trust Certificate' },
      ],
    });
    expect(parseCertList('')).toEqual({ ok: true, value: [] });
    const bad = parseCertList('tomcat/tomcat.pem: ok\nsomething else\n');
    expect(bad.ok ? '' : bad.error.code).toBe('POLL_PARSE');
    const refused = parseCertList('Incorrect syntax. Usage: show cert list {own|trust}\nExecuted command unsuccessfully\n');
    expect(refused.ok ? '' : refused.error.code).toBe('POLL_PROTOCOL');
  });
});

describe('certificate detail', () => {
  it('reads Java’s own X509 toString layout too (Subject:, Validity: [From: …, To: …], SerialNumber: [ … ])', () => {
    const r = parseCertDetail([
      '[',
      '[',
      '  Version: V3',
      '  Subject: CN=cucm.example.com, OU=UC, O=Example, C=US',
      '  Signature Algorithm: SHA256withRSA, OID = 1.2.840.113549.1.1.11',
      '',
      '  Key:  Sun RSA public key, 2048 bits',
      '  Validity: [From: Tue Feb 13 13:40:19 EST 2024,',
      '               To: Sun Feb 11 13:40:18 CET 2029]',
      '  Issuer: CN=Example Root CA, O=Example, C=US',
      '  SerialNumber: [    5a3c21f0 7e0b49d2]',
      ']',
    ].join('\n'));
    expect(r).toEqual({
      ok: true,
      value: {
        subject: 'CN=cucm.example.com, OU=UC, O=Example, C=US',
        issuer: 'CN=Example Root CA, O=Example, C=US',
        serial: '5A3C21F07E0B49D2',
        signatureAlgorithm: 'SHA256withRSA',
        notBeforeMs: Date.UTC(2024, 1, 13, 18, 40, 19),
        notAfterMs: Date.UTC(2029, 1, 11, 12, 40, 18),
        zoneAssumedUtc: false,
      },
    });
  });
  it('an unknown zone is read as UTC and said so', () => {
    const r = parseCertDetail('Subject Name: CN=a\nIssuer Name: CN=a\nValidity From: Tue Feb 13 13:40:19 XYZT 2024\n To: Sun Feb 11 13:40:18 UTC 2029\n');
    expect(r.ok && [r.value.notBeforeMs, r.value.zoneAssumedUtc]).toEqual([Date.UTC(2024, 1, 13, 13, 40, 19), true]);
  });
  it('no validity, an impossible date or the refusal are errors', () => {
    const none = parseCertDetail('Subject Name: CN=a\nIssuer Name: CN=a\n');
    expect(none.ok ? '' : none.error.code).toBe('POLL_PARSE');
    const feb30 = parseCertDetail('Subject Name: CN=a\nIssuer Name: CN=a\nValidity From: Fri Feb 30 13:40:19 UTC 2024\n To: Sun Feb 11 13:40:18 UTC 2029\n');
    expect(feb30.ok ? '' : feb30.error.code).toBe('POLL_PARSE');
    const refused = parseCertDetail('Certificate not found: tomcat/x.pem\nExecuted command unsuccessfully\n', 'imp-pub');
    expect(refused.ok ? '' : [refused.error.code, refused.error.message]).toEqual(['POLL_PROTOCOL', 'imp-pub: show cert: Certificate not found: tomcat/x.pem']);
  });
});

describe('Java dates', () => {
  it('reads common abbreviations, numeric zones and padded days', () => {
    expect(parseJavaDate('Tue Feb 13 13:40:19 UTC 2024')).toEqual({ ms: Date.UTC(2024, 1, 13, 13, 40, 19), zoneAssumedUtc: false });
    expect(parseJavaDate('Wed Jul  3 08:00:00 PDT 2024')?.ms).toBe(Date.UTC(2024, 6, 3, 15, 0, 0));
    expect(parseJavaDate('Wed Jul  3 08:00:00 CST 2024')?.ms).toBe(Date.UTC(2024, 6, 3, 14, 0, 0));
    expect(parseJavaDate('Wed Jul  3 08:00:00 IST 2024')?.ms).toBe(Date.UTC(2024, 6, 3, 2, 30, 0));
    expect(parseJavaDate('Wed Jul  3 08:00:00 GMT+08:00 2024')?.ms).toBe(Date.UTC(2024, 6, 3, 0, 0, 0));
    expect(parseJavaDate('Fri Jan  2 16:18:22 -05 2026')?.ms).toBe(Date.UTC(2026, 0, 2, 21, 18, 22));
    expect(parseJavaDate('Fri Jan  2 16:18:22 2026')).toBeUndefined();
    expect(parseJavaDate('Fri Jan 32 16:18:22 UTC 2026')).toBeUndefined();
  });
});
