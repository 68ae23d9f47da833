import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { BUILD_LOG_TARGETS } from '../model/logs/traceCatalog.js';
import { EXECUTED_UNSUCCESSFULLY } from './cliMessages.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

let model: ClusterModel;
afterEach(() => model?.dispose());

/** Reads a tar.gz into name → bytes with an independent tar reader. */
async function untar(data: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        out.set(header.name, Buffer.concat(chunks));
        next();
      });
    });
    ex.on('finish', () => resolve());
    ex.on('error', reject);
  });
  ex.end(gunzipSync(data));
  await done;
  return out;
}

describe('file build log', () => {
  it('writes a tar.gz whose entries and bytes equal the trace files of the last N days', async () => {
    model = testModel();
    model.runUntil(model.now() + 600_000);
    const node = model.node('imp-sub1');
    const c = openCli(model, 'imp-sub1');
    const out = (await c.run('file build log cisco_xcp_router 1')).text;
    const path = `/epas/trace/log_cisco_xcp_router__2026-11-25-10h10m00s.tar.gz`;
    expect(out).toContain(`Log file created: ${path.slice(1)}`);
    const entries = await untar(node.logs.read(path)!);
    const expected = node.logs.traceFiles(['xcp_router'], model.now() - 86_400_000);
    expect(expected.length).toBeGreaterThan(1);
    expect([...entries.keys()].sort()).toEqual(expected.map((p) => p.slice(1)).sort());
    for (const p of expected) expect(entries.get(p.slice(1))!.equals(node.logs.read(p)!)).toBe(true);
  });

  it('packs only files modified within the duration', async () => {
    model = testModel();
    const tree = model.node('imp-pub').logs;
    const old = '/epas/trace/epe/sdi/epe000000.txt.gz';
    tree.writeFile(old, Buffer.from('two days old'), model.now() - 2 * 86_400_000);
    const c = openCli(model, 'imp-pub');
    await c.run('file build log cisco_presence_engine 1');
    const oneDay = await untar(tree.read('/epas/trace/log_cisco_presence_engine__2026-11-25-10h00m00s.tar.gz')!);
    expect(oneDay.has(old.slice(1))).toBe(false);
    expect(oneDay.size).toBeGreaterThan(0);
    model.runUntil(model.now() + 1000);
    await c.run('file build log cisco_presence_engine 3');
    const threeDays = await untar(tree.read('/epas/trace/log_cisco_presence_engine__2026-11-25-10h00m01s.tar.gz')!);
    expect(threeDays.get(old.slice(1))?.toString()).toBe('two days old');
    expect(threeDays.size).toBe(oneDay.size + 1);
  });

  it('accepts every target of the guide and names the file after it', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    for (const [target, def] of Object.entries(BUILD_LOG_TARGETS)) {
      const out = (await c.run(`file build log ${target} 7`)).text;
      expect(out, target).toContain(`Log file created: epas/trace/log_${def.outName}__2026-11-25-10h00m00s${def.ext ?? '.tar.gz'}`);
    }
  });

  it('rejects an unknown target or a bad duration, and the built file can be deleted after confirmation', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    expect((await c.run('file build log no_such_log 1')).text).toContain(EXECUTED_UNSUCCESSFULLY);
    expect((await c.run('file build log ha zero')).text).toContain(EXECUTED_UNSUCCESSFULLY);
    await c.run('file build log ha 1');
    const rel = 'epas/trace/log_ha__2026-11-25-10h00m00s.tar.gz';
    expect((await c.run(`file delete activelog ${rel}`, ['n'])).text).toContain('Operation cancelled');
    expect(model.node('imp-pub').logs.stat(`/${rel}`)).toBeDefined();
    const del = await c.run(`file delete activelog ${rel}`, ['y']);
    expect(del.io.questions[0]).toContain(`Delete the File ${rel}?`);
    expect(del.text).toContain('files: found = 1, deleted = 1');
    expect(model.node('imp-pub').logs.stat(`/${rel}`)).toBeUndefined();
  });
});
