import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reachability } from '../../../shared/model/cluster.js';
import type { DrsNodeInfo } from './drsAccess.js';
import { checkReplication, REPLICATION_REMEDY, replicationAskers } from './replicationCheck.js';
import { cucmPublisherOfflineText, restartPlan } from './restartOrder.js';

const cluster = (pub: Reachability = 'up', others: Reachability = 'up'): DrsNodeInfo[] => [
  { name: 'imp-sub2', role: 'imp-subscriber', reachability: others },
  { name: 'imp-pub', role: 'imp-publisher', reachability: others },
  { name: 'imp-sub1', role: 'imp-subscriber', reachability: others },
  { name: 'cucm-pub', role: 'cucm-publisher', reachability: pub },
];
const all = ['imp-sub2', 'imp-pub', 'imp-sub1', 'cucm-pub'];

describe('restartPlan (guide L10547-10549, L10592, L10598-10602)', () => {
  it('orders the CUCM publisher, then the IM and Presence publisher, then its subscribers', () => {
    const plan = restartPlan(cluster(), all);
    expect(plan.map((s) => `${s.order}:${s.node}`)).toEqual(['1:cucm-pub', '3:imp-pub', '4:imp-sub1', '4:imp-sub2']);
    // Nothing restarted yet: only the publisher may go.
    expect(plan.map((s) => s.blockedBy === undefined)).toEqual([true, false, false, false]);
    expect(plan[1]!.blockedBy).toMatch(/^Restart cucm-pub first/);
    expect(plan[1]).toMatchObject({ blockedReason: 'restartFirst', blockedByNode: 'cucm-pub' });
  });

  it('lets the next rank go once the earlier ones restarted and run again; same-rank nodes go together', () => {
    const restarted = new Set(['cucm-pub']);
    expect(restartPlan(cluster(), all, restarted).map((s) => s.blockedBy === undefined)).toEqual([true, true, false, false]);
    restarted.add('imp-pub');
    expect(restartPlan(cluster(), all, restarted).map((s) => s.blockedBy === undefined)).toEqual([true, true, true, true]);
    // The IM&P publisher restarted but is still down: its subscribers wait.
    const nodes = cluster().map((n) => (n.name === 'imp-pub' ? { ...n, reachability: 'down' as const } : n));
    expect(restartPlan(nodes, all, restarted)[2]!.blockedBy).toMatch(/imp-pub has not come back yet/);
  });

  it('never an IM and Presence subscriber while the CUCM publisher is offline, even when it is not restored', () => {
    const plan = restartPlan(cluster('down'), ['imp-sub1', 'imp-pub'], new Set(['imp-pub']));
    expect(plan.map((s) => s.node)).toEqual(['imp-pub', 'imp-sub1']);
    expect(plan[0]!.blockedBy).toBeUndefined();
    expect(plan[1]!.blockedBy).toBe(cucmPublisherOfflineText('cucm-pub'));
    expect(plan[1]).toMatchObject({ blockedReason: 'publisherOffline', blockedByNode: 'cucm-pub' });
    expect(plan[1]!.blockedBy).toMatch(/cannot connect to the CUCM publisher/);
  });

  it('leaves unknown names out', () => {
    expect(restartPlan(cluster(), ['nope', 'imp-pub']).map((s) => s.node)).toEqual(['imp-pub']);
  });
});

const fixture = (name: string): string => readFileSync(join(__dirname, '../polling/ssh/fixtures', name), 'utf8');

describe('checkReplication (guide L10551, L10616-10618)', () => {
  const nodes: DrsNodeInfo[] = [...cluster(), { name: 'imp-sub3', role: 'imp-subscriber', reachability: 'up' }];

  it('asks each restored node’s replication cluster on its publisher', () => {
    expect(replicationAskers(nodes, ['imp-sub1'])).toEqual([{ asker: 'imp-pub', members: ['imp-sub2', 'imp-pub', 'imp-sub1', 'imp-sub3'] }]);
    expect(replicationAskers(nodes, ['cucm-pub', 'imp-pub']).map((a) => a.asker)).toEqual(['cucm-pub', 'imp-pub']);
  });

  it('is ok when every node is 2; a single-node CUCM cluster has nothing to replicate', async () => {
    const asked: string[] = [];
    const r = await checkReplication(nodes, all, async (node, command) => {
      asked.push(`${node}: ${command}`);
      return { ok: true, output: fixture(node === 'cucm-pub' ? 'ref-dbreplication-single-node.txt' : 'sim-dbreplication-runtimestate.txt') };
    });
    expect(asked).toEqual(['cucm-pub: utils dbreplication runtimestate', 'imp-pub: utils dbreplication runtimestate']);
    expect(r.ok).toBe(true);
    expect(r.rows.filter((x) => x.state === 2).map((x) => x.node).sort()).toEqual(['imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3']);
    expect(r.rows.find((x) => x.node === 'cucm-pub')!.text).toMatch(/single active node/);
  });

  it('is not ok when a node is not 2, is not listed, or the node cannot be asked', async () => {
    const setting = fixture('sim-dbreplication-runtimestate.txt').replace(/imp-sub2(.*)\(2\) Setup Completed/, 'imp-sub2$1(0) Initializing').replace(/^imp-sub3.*$/m, '');
    const r = await checkReplication(nodes, ['imp-sub2'], async () => ({ ok: true, output: setting }));
    expect(r.ok).toBe(false);
    expect(r.rows.find((x) => x.node === 'imp-sub2')).toMatchObject({ state: 0, text: 'Initializing' });
    expect(r.rows.find((x) => x.node === 'imp-sub3')!.text).toMatch(/does not list imp-sub3/);
    const down = await checkReplication(nodes, ['imp-sub2'], async () => ({ ok: false, error: new Error('connect refused') }));
    expect(down.ok).toBe(false);
    expect(down.rows[0]!.error!.message).toBe('connect refused');
    expect(REPLICATION_REMEDY).toMatch(/utils dbreplication reset all/);
  });
});
