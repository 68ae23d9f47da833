import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reachability } from '../../../shared/model/cluster.js';
import { ActionRecords } from '../audit/actionRecords.js';
import { SshCliSession } from '../polling/ssh/sshCliSession.js';
import type { DrsClusterAccess, DrsNodeInfo } from './drsAccess.js';
import { backupFileTime, backupFollowDeadline, DrsOperations, restoreKind } from './drsOperations.js';
import { scaledPollClock, type PollClock } from '../polling/base/pollClock.js';
import { closedPort } from '../../../test/helpers/closedPort.js';

const nodes = (pub: Reachability): DrsNodeInfo[] => [
  { name: 'cucm-pub', role: 'cucm-publisher', reachability: pub },
  { name: 'imp-pub', role: 'imp-publisher', reachability: 'up' },
  { name: 'imp-sub1', role: 'imp-subscriber', reachability: 'up' },
];

describe('DrsOperations without a reachable publisher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drs-ops-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function ops(list: DrsNodeInfo[], clock?: PollClock): Promise<{ ops: DrsOperations; records: ActionRecords }> {
    const port = await closedPort();
    const access: DrsClusterAccess = {
      cluster: 'c1',
      nodes: () => list,
      openCli: (node) => SshCliSession.connect({ cluster: 'c1', node, host: '127.0.0.1', port, username: 'admin', password: 'Admin-Secret-1', hostKeyFingerprint: 'SHA256:AAAA', readyTimeoutMs: 5000 }),
    };
    const records = await ActionRecords.open(join(dir, `${Math.random()}.jsonl`), { source: 'cli', operator: 't' });
    return { ops: new DrsOperations(access, records, clock ? { clock } : {}), records };
  }

  it('names what is missing when the cluster has no CUCM publisher (guide L10321-10323)', async () => {
    const { ops: o } = await ops(nodes('up').filter((n) => n.role !== 'cucm-publisher'));
    expect(() => o.masterNode()).toThrow(/no CUCM publisher among its nodes \(imp-pub, imp-sub1\)/);
    const view = await o.overview();
    expect(view.masterNode).toBeUndefined();
    expect(view.errors.masterNode).toMatchObject({ code: 'PRECONDITION' });
    await expect(o.devices()).rejects.toMatchObject({ code: 'PRECONDITION' });
    o.dispose();
  });

  it('a publisher that is down: PRECONDITION saying so, each overview part an error, a change recorded as refused', async () => {
    const { ops: o, records } = await ops(nodes('down'));
    await expect(o.devices()).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringMatching(/^The CUCM publisher cucm-pub is down/) });
    const view = await o.overview();
    expect(view.masterNode).toBe('cucm-pub');
    expect(Object.keys(view.errors).sort()).toEqual(['backup', 'devices', 'oneStep', 'registration', 'restore', 'schedules']);
    await expect(o.deleteDevice('d1')).rejects.toMatchObject({ code: 'PRECONDITION' });
    expect(await records.list()).toMatchObject([{ action: 'drs.device.delete', target: 'd1', result: 'refused', message: expect.stringMatching(/is down/) }]);
    o.dispose();
  });

  it('following a backup whose publisher stays unreachable gives up at its deadline (guide L10217), saying why', async () => {
    const { ops: o } = await ops(nodes('up'), scaledPollClock(10_000_000));
    const errors: string[] = [];
    const until = backupFollowDeadline(Date.now());
    await expect(o.follow('backup', { until, onError: (e) => errors.push(e.code) })).rejects.toMatchObject({
      code: 'PRECONDITION',
      message: expect.stringMatching(/^The backup did not end by .*guide L10217.*Its status could not be read: /),
    });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((c) => c === 'POLL_CONNECT')).toBe(true);
    o.dispose();
  });

  it('a publisher the collector still calls up: the connection error as the SSH code gave it (retryable)', async () => {
    const { ops: o } = await ops(nodes('up'));
    await expect(o.status('backup')).rejects.toMatchObject({ code: 'POLL_CONNECT', retryable: true });
    o.dispose();
  });
});

describe('restoreKind and backupFileTime', () => {
  const all = nodes('up');
  it('reads what the server choice amounts to (guide L10345-10364)', () => {
    expect(restoreKind(all, 'cucm-pub', { servers: ['cucm-pub', 'imp-pub', 'imp-sub1'], kind: 'firstNode' })).toBe('entireCluster');
    expect(restoreKind(all, 'cucm-pub', { servers: ['cucm-pub', 'imp-pub', 'imp-sub1'], kind: 'oneStep' })).toBe('oneStep');
    expect(restoreKind(all, 'cucm-pub', { servers: ['cucm-pub'], kind: 'entireCluster' })).toBe('firstNode');
    expect(restoreKind(all, 'cucm-pub', { servers: ['imp-sub1'], kind: 'entireCluster' })).toBe('subsequentNodes');
  });
  it('dates a backup by its name (UTC)', () => {
    expect(backupFileTime('2026-12-06-10-00-05.tar')).toBe(Date.UTC(2026, 11, 6, 10, 0, 5));
    expect(backupFileTime('nonsense')).toBe(0);
  });
});
