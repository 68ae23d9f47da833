/**
 * Scheduled trace collection to a real OpenSSH server (issue 12 "Tests"): Debian's sshd on 127.0.0.1 with its own
 * config, host key and test account (test/helpers/opensshServer.ts). The bundles land in the account's folder
 * (read back from disk), the retention keeps the newest N of the schedule and nothing else, a changed host key
 * is refused before the password is sent.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToSftp, SftpDestination } from '../../main/core/traces/sftpDestination.js';
import { isScheduleBundle } from '../../main/core/traces/traceSchedules.js';
import { opensshServerSkipReason, startOpensshServer, type OpensshServer } from '../helpers/opensshServer.js';

const skip = opensshServerSkipReason();

describe.skipIf(skip)('SFTP destination against OpenSSH sshd', () => {
  let sshd: OpensshServer;
  let work: string;
  beforeAll(async () => {
    sshd = await startOpensshServer();
    work = mkdtempSync(join(tmpdir(), 'trace-dest-'));
  });
  afterAll(async () => {
    await sshd?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  const target = () => ({ host: sshd.host, port: sshd.port, username: sshd.username, password: sshd.password, directory: sshd.uploadDir, hostKeyFingerprint: sshd.hostKeyFingerprint });

  it('uploads bundles byte for byte and keeps only the newest N of the schedule', async () => {
    const schedule = { name: 'Nightly XCP' };
    // Someone else's file in the folder: the retention must leave it.
    writeFileSync(join(work, 'x'), 'x');
    const foreign = join(sshd.uploadDir, 'notes.zip');
    const sent: string[] = [];
    for (let i = 0; i < 4; i++) {
      const name = `Nightly-XCP-2026120${i + 1}-010000.zip`;
      const local = join(work, name);
      writeFileSync(local, Buffer.alloc(300_000 + i, i + 1));
      utimesSync(local, new Date(), new Date());
      const r = await deliverToSftp(target(), local, { keep: 2, isBundle: (n) => isScheduleBundle(schedule, n) });
      expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
      sent.push(name);
      if (i === 0) writeFileSync(foreign, 'not a bundle of this schedule');
    }
    const onServer = readdirSync(sshd.uploadDir).sort();
    expect(onServer).toEqual(['Nightly-XCP-20261203-010000.zip', 'Nightly-XCP-20261204-010000.zip', 'notes.zip']);
    expect(readFileSync(join(sshd.uploadDir, sent[3]!)).equals(Buffer.alloc(300_003, 4))).toBe(true);
  });

  it('refuses a server whose host key is not the pinned one, and a wrong password, with stable codes', async () => {
    const wrongKey = await SftpDestination.connect({ ...target(), hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(wrongKey.ok).toBe(false);
    if (!wrongKey.ok) {
      expect(wrongKey.error.code).toBe('POLL_AUTH');
      expect(wrongKey.error.message).toMatch(/host key .* changed/);
    }
    const wrongPassword = await SftpDestination.connect({ ...target(), password: 'nope' });
    expect(wrongPassword.ok).toBe(false);
    if (!wrongPassword.ok) expect(wrongPassword.error.code).toBe('POLL_AUTH');
    const missingDir = await deliverToSftp({ ...target(), directory: '/nonexistent/dir' }, join(work, 'x'), { keep: 1, isBundle: () => false });
    expect(missingDir.ok).toBe(false);
    if (!missingDir.ok) expect(missingDir.error.message).toMatch(/uploading x failed/);
  });
});
