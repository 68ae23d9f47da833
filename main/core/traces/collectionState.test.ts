import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectionStateFile, COLLECTION_STATE_VERSION, parseCollectionState, type CollectionStateDoc } from './collectionState.js';

const doc: CollectionStateDoc = {
  version: COLLECTION_STATE_VERSION,
  id: 'tc-1',
  label: 'b',
  request: { nodes: [{ cluster: 'c', node: 'imp-pub', serviceLogs: ['Cisco XCP Router'], systemLogs: [] }], range: { kind: 'relative', amount: 2, unit: 'hours' }, archive: 'zip', outDir: '/tmp/x' },
  trigger: { kind: 'manual' },
  startedAtMs: 1,
  fromMs: 0,
  toMs: 1,
  toolVersion: '0.1.0',
  nodes: [
    {
      cluster: 'c',
      node: 'imp-pub',
      folder: 'imp-pub',
      planned: true,
      files: [{ path: '/epas/a.log', absolutePath: '/var/log/active/epas/a.log', log: 'Cisco XCP Router', size: 10, modifiedMs: 5, state: 'fetching', doneBytes: 4, via: 'sftp' }],
    },
  ],
};

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('collection state file', () => {
  it('round-trips through the atomic file, owner-only', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cstate-'));
    const f = collectionStateFile(dir);
    await f.write(() => doc);
    expect(statSync(f.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['collection-state.json']);
    const back = await collectionStateFile(dir).read(() => undefined);
    expect(back).toEqual(doc);
  });

  it('names the bad field, and keeps an unusable file aside', async () => {
    const bad = parseCollectionState({ ...doc, nodes: [{ ...doc.nodes[0], files: [{ ...doc.nodes[0]!.files[0], doneBytes: -1 }] }] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatch(/nodes\.0\.files\.0\.doneBytes/);
    dir = mkdtempSync(join(tmpdir(), 'cstate-'));
    writeFileSync(join(dir, 'collection-state.json'), '{"version": 99}');
    const problems: string[] = [];
    expect(await collectionStateFile(dir).read((m) => problems.push(m))).toBeUndefined();
    expect(problems[0]).toMatch(/not a collection state/);
    expect(readdirSync(dir).some((n) => n.startsWith('collection-state.json.unreadable-'))).toBe(true);
    expect(readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')).toContain('99');
  });
});
