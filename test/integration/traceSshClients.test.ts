import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SftpLogClient, SFTP_STATUS, sftpStatusOf } from '../../main/core/polling/ssh/sftpLogClient.js';
import type { SshTarget } from '../../main/core/polling/ssh/sshCliSession.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { sftpBatch } from '../helpers/openssh.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';

// Issue 12 (H2): the monitor's SSH-side trace clients against the simulated node's real SSH endpoint, compared
// with OpenSSH's own `sftp` on the same files.
let cluster: SimCluster;
let work: string;

const target = (node: string, over: Partial<SshTarget> = {}): SshTarget => {
  const e = cluster.endpoints().nodes.find((n) => n.name === node)!;
  return { cluster: 'imp-cluster', node, host: e.ssh.host, port: e.ssh.port, username: e.ssh.username, password: e.ssh.password, hostKeyFingerprint: e.hostKeyFingerprint, readyTimeoutMs: 5000, commandTimeoutMs: 20_000, ...over };
};

/** Collects what a download writes. */
function collector(): { sink: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      setImmediate(cb);
    },
  });
  return { sink, bytes: () => Buffer.concat(chunks) };
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0 });
  work = mkdtempSync(join(tmpdir(), 'trace-ssh-'));
});

afterAll(async () => {
  await cluster?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skipWithoutTools([{ path: '/usr/bin/sftp', apt: 'openssh-client' }, { path: '/usr/bin/sshpass', apt: 'sshpass' }]))('SftpLogClient', () => {
  it('detects the root, lists and stats the log tree, and downloads the same bytes as OpenSSH sftp', async () => {
    const c = await SftpLogClient.connect(target('imp-pub'));
    if (!c.ok) throw c.error;
    const client = c.value;
    try {
      // The simulated node's SFTP root is the active log tree itself (it has no /var/log/active).
      expect(client.root).toBe('/');
      const dir = await client.list('/epas/trace/xcp/log');
      if (!dir.ok) throw dir.error;
      const tree = cluster.model.node('imp-pub').logs;
      expect(dir.value.map((e) => e.name)).toEqual(tree.list('/epas/trace/xcp/log')!.map((e) => e.name));
      const file = dir.value.find((e) => e.kind === 'file' && e.name.endsWith('.gz'))!;
      expect(file.path).toBe(`/epas/trace/xcp/log/${file.name}`);
      const st = await client.stat(file.path);
      expect(st).toEqual({ ok: true, value: file });
      expect(file.size).toBe(tree.stat(file.path)!.size);
      const servedBefore = tree.served.bytes(file.path, 'sftp');

      const out = collector();
      let reported = 0;
      const dl = await client.download(file.path, out.sink, { onBytes: (n) => (reported += n) });
      expect(dl).toEqual({ ok: true, value: { bytes: file.size, size: file.size } });
      expect(reported).toBe(file.size);

      // OpenSSH's sftp fetches the same file from the same node.
      const t = target('imp-pub');
      const r = await sftpBatch(t, `get ${file.path} openssh.bin\n`, work);
      expect(r.code, r.stderr).toBe(0);
      const theirs = readFileSync(join(work, 'openssh.bin'));
      expect(sha(out.bytes())).toBe(sha(theirs));
      expect(out.bytes().length).toBe(file.size);
      // The node counted both downloads: ours and OpenSSH's, each to the end.
      expect(tree.served.bytes(file.path, 'sftp') - servedBefore).toBe(2 * file.size);
    } finally {
      client.dispose();
    }
  });

  it('resumes from an offset: only the rest is read and served', async () => {
    const c = await SftpLogClient.connect(target('imp-sub1'));
    if (!c.ok) throw c.error;
    const client = c.value;
    try {
      const tree = cluster.model.node('imp-sub1').logs;
      const path = tree.walk('/epas/trace/xcp/log').find((p) => p.endsWith('.gz'))!;
      const whole = tree.read(path)!;
      const offset = Math.floor(whole.length / 3) + 7;
      const before = tree.served.bytes(path, 'sftp');
      const out = collector();
      const dl = await client.download(path, out.sink, { offset });
      expect(dl).toEqual({ ok: true, value: { bytes: whole.length - offset, size: whole.length } });
      expect(sha(out.bytes())).toBe(sha(whole.subarray(offset)));
      expect(tree.served.bytes(path, 'sftp') - before).toBe(whole.length - offset);
      // An offset at the end reads nothing.
      const none = collector();
      expect(await client.download(path, none.sink, { offset: whole.length })).toEqual({ ok: true, value: { bytes: 0, size: whole.length } });
    } finally {
      client.dispose();
    }
  });

  it('reads a file that grows to its new end, and delivers in order through a slow sink', async () => {
    const c = await SftpLogClient.connect(target('imp-pub'), { requestsInFlight: 8, readChunk: 4096 });
    if (!c.ok) throw c.error;
    const client = c.value;
    try {
      const node = cluster.model.node('imp-pub');
      const path = '/epas/trace/log_h2_growth.txt';
      const first = Buffer.from('x'.repeat(50_000));
      node.logs.writeFile(path, first, cluster.model.now());
      const slow = new PassThrough({ highWaterMark: 1024 });
      const chunks: Buffer[] = [];
      let grew = false;
      slow.on('data', (d: Buffer) => {
        chunks.push(d);
        if (!grew) {
          grew = true;
          slow.pause();
          node.logs.writeFile(path, Buffer.concat([first, Buffer.from('y'.repeat(30_000))]), cluster.model.now());
          setTimeout(() => slow.resume(), 20);
        }
      });
      const dl = await client.download(path, slow);
      expect(dl.ok && dl.value.bytes).toBe(80_000);
      const got = Buffer.concat(chunks).toString();
      expect(got).toBe('x'.repeat(50_000) + 'y'.repeat(30_000));
    } finally {
      client.dispose();
    }
  });

  it('bad paths and a wrong host key give errors with stable codes', async () => {
    const c = await SftpLogClient.connect(target('imp-pub'));
    if (!c.ok) throw c.error;
    const client = c.value;
    try {
      const missing = await client.stat('/epas/trace/no-such.log');
      expect(missing.ok).toBe(false);
      if (!missing.ok) {
        expect(missing.error.code).toBe('POLL_PROTOCOL');
        expect(sftpStatusOf(missing.error)).toBe(SFTP_STATUS.NO_SUCH_FILE);
      }
      const escape = await client.list('/../../etc');
      expect(escape.ok).toBe(false);
      const sink = collector();
      const dl = await client.download('/epas/trace/no-such.log', sink.sink);
      expect(!dl.ok && dl.error.message).toMatch(/no such file/);
    } finally {
      client.dispose();
    }
    const wrong = await SftpLogClient.connect(target('imp-pub', { hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }));
    expect(!wrong.ok && wrong.error.code).toBe('POLL_AUTH');
    expect(!wrong.ok && wrong.error.message).toMatch(/host key .* changed/);
    const unpinned = await SftpLogClient.connect(target('imp-pub', { hostKeyFingerprint: undefined }));
    expect(!unpinned.ok && unpinned.error.code).toBe('POLL_AUTH');
  });

  it('an abort stops a download; dispose fires onDidClose once', async () => {
    const c = await SftpLogClient.connect(target('imp-sub1'));
    if (!c.ok) throw c.error;
    const client = c.value;
    const tree = cluster.model.node('imp-sub1').logs;
    const path = tree.walk('/epas/trace/xcp/log').find((p) => p.endsWith('.gz'))!;
    const ac = new AbortController();
    const sink = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, cb) {
        ac.abort();
        setImmediate(cb);
      },
    });
    const dl = await client.download(path, sink, { signal: ac.signal });
    expect(!dl.ok && dl.error.message).toMatch(/cancelled/);
    let closed = 0;
    client.onDidClose(() => closed++);
    client.dispose();
    expect(closed).toBe(1);
    expect(client.isClosed).toBe(true);
  });
});
