import { createServer } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { EXECUTED_UNSUCCESSFULLY } from './cliMessages.js';
import { openCli, testModel } from './fixtures/cliHarness.js';
import type { SftpTarget, UploadFile } from './sftpUpload.js';

let model: ClusterModel;
afterEach(() => model?.dispose());

describe('file commands on activelog', () => {
  it('lists a directory, a wildcard and details from the tree', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    const tree = model.node('imp-pub').logs;
    const list = (await c.run('file list activelog platform/log')).text;
    const names = tree.list('/platform/log')!.map((e) => e.name);
    for (const n of names) expect(list).toContain(`${n}\n`);
    expect(list).toContain(`dir count = 0, file count = ${names.length}`);
    const glob = (await c.run('file list activelog /platform/log/servm*.log detail')).text;
    expect(glob).not.toContain('clustermgr');
    const first = tree.list('/platform/log')!.find((e) => e.name.startsWith('servm'))!;
    expect(glob).toContain(`${first.size.toLocaleString('en-US').padStart(14)}  ${first.name}`);
    expect((await c.run('file list activelog epas')).text).toContain('<dir>    trace\n');
    expect((await c.run('file list activelog no/such/dir')).text).toContain(EXECUTED_UNSUCCESSFULLY);
    expect((await c.run('file list activelog ../../etc')).text).toContain(EXECUTED_UNSUCCESSFULLY);
  });

  it('views a file (paged with the end-of-file prompt when interactive) and refuses compressed files', async () => {
    model = testModel();
    const tree = model.node('imp-pub').logs;
    const file = tree.walk('/platform/log').find((p) => p.includes('servm') && tree.stat(p)!.size > 0)!;
    const content = tree.read(file)!.toString('utf8');
    expect((await openCli(model, 'imp-pub').run(`file view activelog ${file.slice(1)}`)).text).toBe(content);
    const paged = await openCli(model, 'imp-pub', { interactive: true }).run(`file view activelog ${file.slice(1)}`, ['q']);
    expect(paged.io.questions[0]).toMatch(/^options: q=quit, n=next, p=prev, b=begin, e=end \(lines 1 - 20 of \d+\) : $/);
    const gz = tree.walk('/epas/trace/xcp/log').find((p) => p.endsWith('.gz'))!;
    expect((await openCli(model, 'imp-pub').run(`file view activelog ${gz}`)).text).toContain(EXECUTED_UNSUCCESSFULLY);
  });

  it('tails, follows new lines until Enter, and searches (inside .gz too)', async () => {
    model = testModel();
    const tree = model.node('imp-pub').logs;
    const gz = tree.walk('/epas/trace/xcp/log').find((p) => p.includes('rtr-jsm') && p.endsWith('.gz'))!;
    const lines = gunzipSync(tree.read(gz)!).toString('utf8').split('\n').filter(Boolean);
    const c = openCli(model, 'imp-pub');
    expect((await c.run(`file tail activelog ${gz} 3`)).text).toBe(lines.slice(-3).map((l) => `${l}\n`).join(''));
    const search = (await c.run(`file search activelog ${gz} "JSM session created"`)).text;
    expect(search.split('\n').filter((l) => l.includes('JSM session created'))).toHaveLength(lines.filter((l) => l.includes('JSM session created')).length);
    expect(search).toContain('Search completed');
    expect((await c.run('file search activelog syslog/messages "(unclosed"')).text).toContain(EXECUTED_UNSUCCESSFULLY);

    // Follow: a stop written while the tail waits appears before Enter ends it.
    const interactive = openCli(model, 'imp-pub', { interactive: true });
    let release!: (v: string | null) => void;
    const io = { text: '', write: (t: string) => void (io.text += t), readLine: () => new Promise<string | null>((r) => (release = r)) };
    const timersBefore = model.scheduler.pending;
    const pending = interactive.session.execute('file tail activelog platform/log/servm000004.log', io);
    model.node('imp-pub').services.stop('Cisco Tomcat');
    model.runUntil(model.now() + 10_000);
    await new Promise((r) => setImmediate(r));
    expect(io.text).toContain('Cisco Tomcat: Started -> Stopping (admin)');
    release('');
    await pending;
    // The follow timer is gone once the tail ends.
    expect(model.scheduler.pending).toBe(timersBefore);
  });

  it('refuses to delete outside epas/trace and active logs', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    expect((await c.run('file delete activelog syslog/messages noconfirm')).text).toContain(EXECUTED_UNSUCCESSFULLY);
    const tree = model.node('imp-pub').logs;
    const active = tree.walk('/epas/trace/srm/sdi').at(-1)!;
    expect((await c.run(`file delete activelog ${active} noconfirm`)).text).toContain('files: found = 1, deleted = 0');
    expect(tree.stat(active)).toBeDefined();
  });

  it('file get asks for the SFTP server and pushes the exact bytes through the uploader', async () => {
    model = testModel();
    const calls: Array<{ target: SftpTarget; files: readonly UploadFile[] }> = [];
    const c = openCli(model, 'imp-sub1', { hooks: { sftpUpload: async (target, files) => void calls.push({ target, files }) } });
    const r = await c.run('file get activelog platform/log/servm*.log', ['y', '127.0.0.1', '2222', 'drsbackup', 'secret', '/upload']);
    expect(r.io.questions).toEqual(['Would you like to proceed [y/n]? ', 'SFTP server IP: ', 'SFTP server port [22]: ', 'User ID: ', 'Password: ', 'Download directory: ']);
    expect(r.text).toContain('over SFTP');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.target).toEqual({ host: '127.0.0.1', port: 2222, username: 'drsbackup', password: 'secret', directory: '/upload' });
    const tree = model.node('imp-sub1').logs;
    const expected = tree.list('/platform/log')!.filter((e) => e.name.startsWith('servm'));
    expect(calls[0]!.files.map((f) => f.remotePath)).toEqual(expected.map((e) => `imp-sub1/active${e.path}`));
    for (const f of calls[0]!.files) expect(f.data.equals(tree.read(f.remotePath.slice('imp-sub1/active'.length))!)).toBe(true);
    expect(r.text).toContain(`Number of files affected: ${expected.length}`);
    expect((await c.run('file get activelog platform/log/servm*.log', ['n'])).text).toContain('Operation cancelled');
    expect(calls).toHaveLength(1);
  });

  it('file get prints the error when the SFTP server cannot be reached', async () => {
    model = testModel();
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const r = await openCli(model, 'imp-pub').run('file get activelog syslog/messages', ['y', '127.0.0.1', String(port), 'u', 'p', '/tmp']);
    expect(r.text).toContain(`Could not transfer the files to the SFTP server 127.0.0.1:${port}`);
    expect(r.text).toContain(EXECUTED_UNSUCCESSFULLY);
  });
});
