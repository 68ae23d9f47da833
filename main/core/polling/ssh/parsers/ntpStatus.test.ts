import { describe, expect, it } from 'vitest';
import { parseNtpStatus } from './ntpStatus.js';

// `utils ntp status` (reference D.9). Golden files: reportCommands.test.ts.
describe('utils ntp status', () => {
  it('stopped ntpd, unsynchronised', () => {
    const r = parseNtpStatus('ntpd is stopped\nunsynchronised\n  time server re-starting\n');
    expect(r.ok && [r.value.running, r.value.synchronised, r.value.server, r.value.stratum]).toEqual([false, false, undefined, undefined]);
  });
  it('synchronised to the local clock at stratum 11 (no server address)', () => {
    const r = parseNtpStatus('ntpd (pid 5) is running...\nsynchronised to local net at stratum 11\n');
    expect(r.ok && [r.value.synchronised, r.value.server, r.value.stratum]).toEqual([true, undefined, 11]);
  });
  it('the server from the * peer when ntpstat names none', () => {
    const r = parseNtpStatus('ntpd (pid 5) is running...\nremote refid st t when poll reach delay offset jitter\n====\n*10.0.0.9      .GPS.       1 u  123 1024  377    0.1    0.4   0.7\nsynchronised to unspecified at stratum 2\n');
    expect(r.ok && [r.value.server, r.value.stratum]).toEqual(['10.0.0.9', 2]);
  });
  it('another command’s answer is POLL_PARSE; a refusal POLL_PROTOCOL', () => {
    const other = parseNtpStatus('Primary Node =true\n');
    expect(other.ok ? '' : other.error.code).toBe('POLL_PARSE');
    const refused = parseNtpStatus('Incorrect syntax. Usage: utils ntp status\nExecuted command unsuccessfully\n');
    expect(refused.ok ? '' : refused.error.code).toBe('POLL_PROTOCOL');
  });
});
