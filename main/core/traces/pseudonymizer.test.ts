import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { PseudonymMap } from './pseudonymMap.js';
import { Pseudonymizer } from './pseudonymizer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pseudo-'));
  dirs.push(d);
  return d;
}
async function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts);
}

const XCP = [
  '2026-12-06T09:20:27.123Z INFO [thread-3] JSM session created for user alice.w@Corp.example.com',
  '2026-12-06T09:20:28.000Z INFO [thread-4] Routing packet from bob@corp.example.com/jabber_12 to alice.w@corp.example.com',
  '2026-12-06T09:20:29.000Z INFO SIP SUBSCRIBE from sip:carol@corp.example.com answered 200 OK via 10.20.30.40:5061',
  'peer [2001:db8:0:1::17]:5269 and fe80::1ff:fe23:4567:890a, loopback ::1, host imp-pub.corp.example.com',
  'times 09:20:27 and 12:00 stay; version 14.0.1.12900-5 stays; MAC 00:1a:2b:3c:4d:5e stays; 0.0.0.0 stays',
].join('\n');
const LATER = ['userid=dave logged in; later Dave and ALICE.W were seen; 127.0.10.12 answered', 'binary-ish é bytes \u00ff kept'].join('\n');

describe('Pseudonymizer', () => {
  it('learns identities from every file first, then rewrites plain and gzip files without any of them', async () => {
    const d = tempDir();
    const a = join(d, 'rtr-jsm-1.log.gz');
    const b = join(d, 'other.log');
    writeFileSync(a, gzipSync(Buffer.from(XCP, 'latin1')));
    writeFileSync(b, Buffer.from(LATER, 'latin1'));
    const map = new PseudonymMap(join(d, 'state', 'pseudonyms.json'));
    const p = new Pseudonymizer(map);
    // "dave" is learned from b; the bare "bob" would be too if it were in b: order does not matter.
    await p.prepare([
      { localPath: b, gz: false },
      { localPath: a, gz: true },
    ]);
    const outA = gunzipSync(await readAll(p.open(a, true))).toString('latin1');
    const outB = (await readAll(p.open(b, false))).toString('latin1');
    await p.finish();
    const all = `${outA}\n${outB}`;
    for (const secret of ['alice', 'bob', 'carol', 'dave', 'example.com', '10.20.30.40', '2001:db8:0:1::17', 'fe80::1ff:fe23:4567:890a', '127.0.10.12']) {
      expect(all.toLowerCase(), secret).not.toContain(secret);
    }
    const alice = map.known('user', 'alice.w')!;
    expect(alice).toMatch(/^uid-\d{4}$/);
    expect(outA).toContain(`JSM session created for user ${alice}@domain1.invalid`);
    expect(outA).toContain(`Routing packet from ${map.known('user', 'bob')}@domain1.invalid/jabber_12 to ${alice}@domain1.invalid`);
    expect(outA).toMatch(/via 198\.18\.0\.\d+:5061/);
    expect(outA).toMatch(/peer \[2001:db8::[0-9a-f]+\]:5269/);
    expect(outA).toContain('host imp-pub.domain1.invalid');
    // What is not an identity is untouched.
    expect(outA).toContain('times 09:20:27 and 12:00 stay; version 14.0.1.12900-5 stays; MAC 00:1a:2b:3c:4d:5e stays; 0.0.0.0 stays');
    expect(outA).toContain('2026-12-06T09:20:27.123Z INFO [thread-3]');
    expect(outB).toContain('binary-ish é bytes \u00ff kept');
    // Bare user IDs, any case, with the same token as in their address.
    expect(outB).toContain(`later ${map.known('user', 'dave')} and ${alice} were seen`);
    // The mapping is on disk, owner-only, and holds the originals.
    const file = join(d, 'state', 'pseudonyms.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { user: Record<string, string>; ipv4: Record<string, string> };
    expect(saved.user['alice.w']).toBe(alice);
    expect(saved.ipv4['127.0.10.12']).toMatch(/^198\.18\./);
  });

  it('keeps the same tokens across runs and processes (the mapping is reloaded)', async () => {
    const d = tempDir();
    const f = join(d, 'a.log');
    writeFileSync(f, 'user eve@x.org from 192.0.2.9\n');
    const first = new Pseudonymizer(new PseudonymMap(join(d, 'm.json')));
    await first.prepare([{ localPath: f, gz: false }]);
    const one = (await readAll(first.open(f, false))).toString();
    await first.finish();
    writeFileSync(f, 'new frank@x.org then eve@x.org from 192.0.2.9\n');
    const second = new Pseudonymizer(new PseudonymMap(join(d, 'm.json')));
    await second.prepare([{ localPath: f, gz: false }]);
    const two = (await readAll(second.open(f, false))).toString();
    expect(one).toBe('user uid-0001@domain1.invalid from 198.18.0.1\n');
    expect(two).toBe('new uid-0002@domain1.invalid then uid-0001@domain1.invalid from 198.18.0.1\n');
  });

  it('passes a binary file unchanged and fails the stream of a corrupt gzip file (never packed unrewritten)', async () => {
    const d = tempDir();
    const bin = join(d, 'core.1234');
    const bytes = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]), Buffer.from(' alice@corp.example.com ')]);
    writeFileSync(bin, bytes);
    const bad = join(d, 'broken.log.gz');
    writeFileSync(bad, Buffer.concat([gzipSync(Buffer.from('alice@corp.example.com\n'.repeat(1000))).subarray(0, 40), Buffer.from('garbage')]));
    const p = new Pseudonymizer(new PseudonymMap(join(d, 'm.json')));
    await p.prepare([{ localPath: bin, gz: false }]);
    expect(Buffer.compare(await readAll(p.open(bin, false)), bytes)).toBe(0);
    await expect(p.prepare([{ localPath: bad, gz: true }])).rejects.toThrow(/cannot read .*broken\.log\.gz for pseudonymisation/);
    await expect(readAll(p.open(bad, true))).rejects.toThrow();
  });

  it('rewrites lines cut across chunk boundaries and a file without a final newline', async () => {
    const d = tempDir();
    const f = join(d, 'big.log');
    const line = 'presence update for user4242@example.com from 127.0.10.13\n';
    writeFileSync(f, `${line.repeat(20_000)}tail gina@example.com`);
    const p = new Pseudonymizer(new PseudonymMap(join(d, 'm.json')));
    await p.prepare([{ localPath: f, gz: false }]);
    const out = (await readAll(p.open(f, false))).toString();
    expect(out).not.toMatch(/user4242|example\.com|127\.0\.10\.13|gina/);
    expect(out.split('\n')).toHaveLength(20_001);
    expect(out.endsWith('tail uid-0002@domain1.invalid')).toBe(true);
  });
});

describe('trieRegex', () => {
  it('matches exactly the words given, longest first, with regex characters escaped', async () => {
    const { trieRegex } = await import('./pseudonymizer.js');
    const re = new RegExp(`^(?:${trieRegex(['user1', 'user12', 'a.b', 'x+y', 'user'])})$`);
    for (const w of ['user1', 'user12', 'a.b', 'x+y', 'user']) expect(re.test(w), w).toBe(true);
    for (const w of ['user123', 'axb', 'xxy', 'use', '']) expect(re.test(w), w).toBe(false);
  });

  it('catches addresses whose local part starts with an underscore and bare IDs in any case next to punctuation', () => {
    const map = new PseudonymMap(join(tempDir(), 'm.json'));
    const p = new Pseudonymizer(map);
    p.learn('_svc@corp.example.com and Zoe.Q@corp.example.com\n');
    const out = p.rewrite('(_SVC) [zoe.q], "ZOE.Q". svc_x zoe.quinn _svc@corp.example.com\n');
    expect(out).toBe(`(${map.known('user', '_svc')}) [${map.known('user', 'zoe.q')}], "${map.known('user', 'zoe.q')}". svc_x zoe.quinn ${map.known('user', '_svc')}@domain1.invalid\n`);
  });
});
