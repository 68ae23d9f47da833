import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import ssh2 from 'ssh2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLog, coreActiveList, getActivelogToSftp, listActivelog, searchActivelog } from '../../main/core/polling/ssh/cliLogCommands.js';
import { LogTail } from '../../main/core/polling/ssh/logTail.js';
import { SftpLogClient, SFTP_STATUS, sftpStatusOf } from '../../main/core/polling/ssh/sftpLogClient.js';
import { SshCliSession, type SshTarget } from '../../main/core/polling/ssh/sshCliSession.js';
import { deriveHostKey, hostKeyFingerprint } from '../../main/core/simulator/endpoints/ssh/hostKey.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { sftpBatch } from '../helpers/openssh.js';
import { opensshServerSkipReason, readUploaded, startOpensshServer } from '../helpers/opensshServer.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';

// Issue 12 (H2): the monitor's SSH-side trace clients against the simulated node's real SSH endpoint, compared
// with OpenSSH's own `sftp` on the same files.
let cluster: SimCluster;
let work: string;

const target = (node: string, over: Partial<SshTarget> = {}): SshTarget => {
  const e = cluster.endpoints().nodes.find((n) => n.name === node)!;
  return { cluster: 'imp-cluster', node, host: e.ssh.host, port: e.ssh.port, username: e.ssh.username, password: e.ssh.password, hostKeyFingerprint: e.hostKeyFingerprint, readyTimeoutMs: 5000, commandTimeoutMs: 20_000, ...over };
};

/** Collects what a download writes; bytes() ends the sink and waits until every write went through. */
function collector(): { sink: Writable; bytes: () => Promise<Buffer> } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      setImmediate(cb);
    },
  });
  let done: Promise<Buffer> | undefined;
  const bytes = (): Promise<Buffer> =>
    (done ??= new Promise<Buffer>((resolve, reject) => {
      sink.once('error', reject);
      sink.end(() => resolve(Buffer.concat(chunks)));
    }));
  return { sink, bytes };
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
      expect(sha(await out.bytes())).toBe(sha(theirs));
      expect((await out.bytes()).length).toBe(file.size);
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
      expect(sha(await out.bytes())).toBe(sha(whole.subarray(offset)));
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

  it('a node that stops answering mid-download ends it with POLL_TIMEOUT (no hang)', async () => {
    const c = await SftpLogClient.connect(target('imp-sub1', { commandTimeoutMs: 1000 }));
    if (!c.ok) throw c.error;
    const tree = cluster.model.node('imp-sub1').logs;
    const path = tree.walk('/epas/trace/xcp/log').find((p) => p.endsWith('.gz'))!;
    let once = false;
    const sink = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, cb) {
        if (!once) {
          once = true;
          cluster.setEndpointDegradation('imp-sub1', 'ssh', { unresponsive: true });
        }
        setImmediate(cb);
      },
    });
    try {
      const dl = await c.value.download(path, sink);
      expect(!dl.ok && dl.error.code).toBe('POLL_TIMEOUT');
      expect(!dl.ok && dl.error.message).toMatch(/stopped answering/);
    } finally {
      cluster.setEndpointDegradation('imp-sub1', 'ssh', undefined);
      c.value.dispose();
    }
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

/** Runs `use` on a fresh admin CLI session of `node`, closing it after. */
async function withCli<T>(node: string, use: (s: SshCliSession) => Promise<T>): Promise<T> {
  const c = await SshCliSession.connect(target(node));
  if (!c.ok) throw c.error;
  try {
    return await use(c.session);
  } finally {
    c.session.dispose();
  }
}

describe('admin CLI log commands', () => {
  it('file list activelog … detail gives what the node has, as SFTP lists it', async () => {
    const tree = cluster.model.node('imp-pub').logs;
    const listed = await withCli('imp-pub', (s) => listActivelog(s, '/epas/trace/xcp/log'));
    if (!listed.ok) throw listed.error;
    const expected = tree.list('/epas/trace/xcp/log')!;
    expect(listed.value.map((e) => [e.path, e.kind, e.size])).toEqual(expected.map((e) => [e.path, e.kind, e.size]));
    const c = await SftpLogClient.connect(target('imp-pub'));
    if (!c.ok) throw c.error;
    const viaSftp = await c.value.list('/epas/trace/xcp/log');
    c.value.dispose();
    expect(viaSftp.ok && viaSftp.value.map((e) => [e.path, e.size, Math.floor(e.modifiedMs / 1000)])).toEqual(listed.value.map((e) => [e.path, e.size, Math.floor(e.modifiedMs / 1000)]));
    const missing = await withCli('imp-pub', (s) => listActivelog(s, '/no/such/dir'));
    expect(!missing.ok && missing.error.code).toBe('POLL_PROTOCOL');
    expect(!missing.ok && missing.error.message).toMatch(/No such file or directory/);
  });

  it('file search activelog finds the lines the file holds', async () => {
    const tree = cluster.model.node('imp-pub').logs;
    tree.writeFile('/epas/trace/h2-search.log', Buffer.from('alpha one\nbeta two\nALPHA three\n'), cluster.model.now());
    const hits = await withCli('imp-pub', (s) => searchActivelog(s, '/epas/trace/h2-search.log', 'alpha', { ignoreCase: true }));
    expect(hits).toEqual({ ok: true, value: [{ path: '/epas/trace/h2-search.log', text: 'alpha one' }, { path: '/epas/trace/h2-search.log', text: 'ALPHA three' }] });
    const spaced = await withCli('imp-pub', (s) => searchActivelog(s, '/epas/trace/h2-search.log', 'beta two'));
    expect(spaced.ok && spaced.value.map((h) => h.text)).toEqual(['beta two']);
  });

  it('file build log returns the archive it built, which SFTP then downloads', async () => {
    const built = await withCli('imp-pub', (s) => buildLog(s, 'cisco_cluster_manager', 7));
    if (!built.ok) throw built.error;
    expect(built.value).toMatch(/^\/epas\/trace\/log_cisco_cluster_manager__\d{4}-\d{2}-\d{2}-\d{2}h\d{2}m\d{2}s\.tar\.gz$/);
    const c = await SftpLogClient.connect(target('imp-pub'));
    if (!c.ok) throw c.error;
    const out = collector();
    const dl = await c.value.download(built.value, out.sink);
    c.value.dispose();
    expect(dl.ok && dl.value.bytes).toBe(cluster.model.node('imp-pub').logs.stat(built.value)!.size);
    expect((await out.bytes()).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const bad = await withCli('imp-pub', (s) => buildLog(s, 'no_such_target', 1));
    expect(!bad.ok && bad.error.message).toMatch(/Invalid log name/);
  });

  it('utils core active list shows the core a crashed service left, which SFTP downloads', async () => {
    const empty = await withCli('imp-sub1', (s) => coreActiveList(s));
    expect(empty).toEqual({ ok: true, value: [] });
    const node = cluster.model.node('imp-sub1');
    node.services.crash('Cisco Presence Engine');
    cluster.model.runUntil(cluster.model.now() + 1000);
    const listed = await withCli('imp-sub1', (s) => coreActiveList(s));
    if (!listed.ok) throw listed.error;
    expect(listed.value).toHaveLength(1);
    const core = listed.value[0]!;
    expect(core.name).toMatch(/^core\.\d+\.6\.[A-Za-z0-9]+\.\d+$/);
    expect(core.path).toBe(`/core/${core.name}`);
    const st = node.logs.stat(core.path!)!;
    expect(core.size).toBe(Math.ceil(st.size / 1024) * 1024);
    expect(Math.floor(core.modifiedMs / 1000)).toBe(Math.floor(st.mtimeMs / 1000));
    const c = await SftpLogClient.connect(target('imp-sub1'));
    if (!c.ok) throw c.error;
    const out = collector();
    const dl = await c.value.download(core.path!, out.sink);
    c.value.dispose();
    expect(dl.ok && dl.value.bytes).toBe(st.size);
    expect((await out.bytes()).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  });
});

describe('LogTail', () => {
  it('sees the last lines, then new lines as the node writes them, until disposed', async () => {
    const tree = cluster.model.node('imp-pub').logs;
    const path = '/epas/trace/h2-tail.log';
    tree.writeFile(path, Buffer.from('old 1\nold 2\nold 3\n'), cluster.model.now());
    const t = await LogTail.start(target('imp-pub'), path, { lines: 2 });
    if (!t.ok) throw t.error;
    const tail = t.value;
    const seen: string[] = [];
    let closedWith: unknown = 'open';
    tail.onDidClose((e) => (closedWith = e));
    const arrived = (n: number): Promise<void> =>
      new Promise((resolve) => {
        if (seen.length >= n) return resolve();
        const sub = tail.onDidReceiveLines(() => {
          if (seen.length >= n) {
            sub.dispose();
            resolve();
          }
        });
      });
    tail.onDidReceiveLines((lines) => seen.push(...lines));
    await arrived(2);
    expect(seen).toEqual(['old 2', 'old 3']);
    tree.writeFile(path, Buffer.from('old 1\nold 2\nold 3\nnew 4\nnew 5\n'), cluster.model.now());
    // The node's tail follows the file on its own (virtual) clock: one poll later the lines go out.
    cluster.model.runUntil(cluster.model.now() + 2000);
    await arrived(4);
    expect(seen).toEqual(['old 2', 'old 3', 'new 4', 'new 5']);
    tail.dispose();
    expect(closedWith).toBeUndefined();
  });

  it('a missing file ends with the node reason', async () => {
    const t = await LogTail.start(target('imp-pub'), '/epas/trace/no-such-tail.log');
    if (t.ok) {
      const closed = await new Promise<unknown>((resolve) => t.value.onDidClose(resolve));
      t.value.dispose();
      expect(String((closed as Error | undefined)?.message)).toMatch(/No such file/);
    } else {
      expect(t.error.message).toMatch(/No such file/);
    }
  });
});

describe.skipIf(opensshServerSkipReason())('file get activelog to a real OpenSSH sshd', () => {
  it('pushes the files there (bytes equal the node files) and the node counts them as served', async () => {
    const sshd = await startOpensshServer();
    try {
      const tree = cluster.model.node('imp-sub1').logs;
      const dir = '/epas/trace/xcp/log';
      const files = tree.walk(dir).filter((p) => !p.slice(dir.length + 1).includes('/'));
      const before = files.map((p) => tree.served.bytes(p, 'cli'));
      const r = await withCli('imp-sub1', (s) => getActivelogToSftp(s, dir, {}, { host: sshd.host, port: sshd.port, username: sshd.username, password: sshd.password, directory: sshd.uploadDir }));
      if (!r.ok) throw r.error;
      expect(r.value.files).toBe(files.length);
      for (const [i, p] of files.entries()) {
        expect(sha(readUploaded(join(sshd.uploadDir, 'imp-sub1', 'active', p)))).toBe(sha(tree.read(p)!));
        expect(tree.served.bytes(p, 'cli') - before[i]!).toBe(tree.stat(p)!.size);
      }
      // The same SftpLogClient against OpenSSH's sftp-server (no /var/log/active there: root '/'), on a pushed file.
      const biggest = files.reduce((a, b) => (tree.stat(b)!.size > tree.stat(a)!.size ? b : a));
      const pushed = join(sshd.uploadDir, 'imp-sub1', 'active', biggest);
      const c = await SftpLogClient.connect({ cluster: 'x', node: 'sshd', host: sshd.host, port: sshd.port, username: sshd.username, password: sshd.password, hostKeyFingerprint: sshd.hostKeyFingerprint });
      if (!c.ok) throw c.error;
      expect(c.value.root).toBe('/');
      const out = collector();
      const dl = await c.value.download(pushed, out.sink, { offset: 5 });
      c.value.dispose();
      expect(dl.ok && dl.value.bytes).toBe(tree.stat(biggest)!.size - 5);
      expect(sha(await out.bytes())).toBe(sha(tree.read(biggest)!.subarray(5)));
      const wrong = await withCli('imp-sub1', (s) => getActivelogToSftp(s, dir, {}, { host: sshd.host, port: sshd.port, username: sshd.username, password: 'wrong-Secret-9', directory: sshd.uploadDir }));
      expect(wrong.ok).toBe(false);
      expect(!wrong.ok && wrong.error.message).not.toContain('wrong-Secret-9');
    } finally {
      await sshd.dispose();
    }
  });
});

/**
 * An SFTP server (ssh2's, on 127.0.0.1) that answers READs short (at most `maxAnswer` bytes) and in REVERSE order
 * of arrival within each batch, as a server under load may: the download must still be complete and in order.
 */
async function startAwkwardSftpServer(content: Buffer, maxAnswer: number, opts: { silentStatFrom?: number } = {}): Promise<{ port: number; fingerprint: string; reads: () => number; dispose: () => Promise<void> }> {
  const hostKey = deriveHostKey('awkward-sftp');
  const { STATUS_CODE } = ssh2.utils.sftp;
  let reads = 0;
  const clients = new Set<ssh2.Connection>();
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => (ctx.method === 'password' && ctx.password === 'pw' ? ctx.accept() : ctx.reject(['password'])));
    client.on('session', (accept) => {
      accept().on('sftp', (acceptSftp) => {
        const sftp = acceptSftp();
        sftp.on('error', () => undefined);
        let pending: (() => void)[] = [];
        const later = (fn: () => void): void => {
          pending.push(fn);
          if (pending.length === 1) {
            setImmediate(() => {
              const batch = pending.reverse();
              pending = [];
              for (const f of batch) f();
            });
          }
        };
        // STAT requests from number `silentStatFrom` on (0: the root check at connect) are never answered.
        let stats = 0;
        sftp.on('STAT', (id: number) => (opts.silentStatFrom !== undefined && stats++ >= opts.silentStatFrom ? undefined : sftp.status(id, STATUS_CODE.NO_SUCH_FILE)));
        sftp.on('OPEN', (id: number) => sftp.handle(id, Buffer.from([1])));
        sftp.on('FSTAT', (id: number) => sftp.attrs(id, { mode: 0o100444, uid: 0, gid: 0, size: content.length, atime: 0, mtime: 0 }));
        sftp.on('READ', (id: number, _h: Buffer, offset: number, length: number) => {
          reads++;
          later(() => (offset >= content.length ? sftp.status(id, STATUS_CODE.EOF) : sftp.data(id, content.subarray(offset, offset + Math.min(length, maxAnswer)))));
        });
        sftp.on('CLOSE', (id: number) => sftp.status(id, STATUS_CODE.OK));
        sftp.on('end', () => sftp.end());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    fingerprint: hostKeyFingerprint(hostKey),
    reads: () => reads,
    dispose: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}

describe('pipelined download against an awkward server', () => {
  it('a server that logs in and then never answers the root check ends the connect with POLL_TIMEOUT (no hang)', async () => {
    const srv = await startAwkwardSftpServer(Buffer.alloc(0), 1000, { silentStatFrom: 0 });
    try {
      const c = await SftpLogClient.connect({ cluster: 'x', node: 'awkward', host: '127.0.0.1', port: srv.port, username: 'u', password: 'pw', hostKeyFingerprint: srv.fingerprint, commandTimeoutMs: 500 });
      expect(!c.ok && c.error.code).toBe('POLL_TIMEOUT');
      expect(!c.ok && c.error.message).toMatch(/did not answer stat \/var\/log\/active in 500 ms/);
    } finally {
      await srv.dispose();
    }
  });

  it('a stat the server never answers ends with POLL_TIMEOUT; the connection stays usable', async () => {
    const content = Buffer.from('0123456789');
    const srv = await startAwkwardSftpServer(content, 1000, { silentStatFrom: 1 });
    try {
      const c = await SftpLogClient.connect({ cluster: 'x', node: 'awkward', host: '127.0.0.1', port: srv.port, username: 'u', password: 'pw', hostKeyFingerprint: srv.fingerprint, commandTimeoutMs: 500 });
      if (!c.ok) throw c.error;
      const st = await c.value.stat('/f.bin');
      expect(!st.ok && st.error.code).toBe('POLL_TIMEOUT');
      const out = collector();
      const dl = await c.value.download('/f.bin', out.sink);
      c.value.dispose();
      expect(dl).toEqual({ ok: true, value: { bytes: 10, size: 10 } });
    } finally {
      await srv.dispose();
    }
  });

  it('short answers in reverse order still give every byte once, in order, from an offset', async () => {
    const content = Buffer.alloc(300_001);
    for (let i = 0; i < content.length; i++) content[i] = (i * 7 + (i >> 9)) & 0xff;
    const srv = await startAwkwardSftpServer(content, 1000);
    try {
      const c = await SftpLogClient.connect({ cluster: 'x', node: 'awkward', host: '127.0.0.1', port: srv.port, username: 'u', password: 'pw', hostKeyFingerprint: srv.fingerprint }, { readChunk: 4096, requestsInFlight: 16 });
      if (!c.ok) throw c.error;
      expect(c.value.root).toBe('/');
      const out = collector();
      let progress = 0;
      const dl = await c.value.download('/f.bin', out.sink, { offset: 12_345, onBytes: (n) => (progress += n) });
      c.value.dispose();
      expect(dl).toEqual({ ok: true, value: { bytes: content.length - 12_345, size: content.length } });
      expect(progress).toBe(content.length - 12_345);
      expect(sha(await out.bytes())).toBe(sha(content.subarray(12_345)));
      // Short answers were followed up (at least one READ per 1000 bytes).
      expect(srv.reads()).toBeGreaterThanOrEqual(Math.ceil((content.length - 12_345) / 1000));
    } finally {
      await srv.dispose();
    }
  });
});
