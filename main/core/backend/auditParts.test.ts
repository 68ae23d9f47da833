import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAsCaller } from '../base/callerContext.js';
import { AsyncDisposableStore } from '../base/disposable.js';
import { FileCredentialStore } from '../credentials/fileCredentialStore.js';
import { JobRunner } from '../jobs/jobRunner.js';
import { Database } from '../storage/sqlite/database.js';
import { until } from '../../../test/helpers/until.js';
import { createAuditParts } from './auditParts.js';

describe('createAuditParts', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('records every job\'s end under who started it (or system), and serves list, verify and CSV', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'audit-parts-'));
    dirs.push(stateDir);
    const store = new AsyncDisposableStore();
    try {
      const db = store.add(Database.open(join(stateDir, 'history.db')));
      const credentials = await FileCredentialStore.open({ keyPath: join(stateDir, 'credentials.key'), storePath: join(stateDir, 'credentials.json') });
      const jobs = store.add(new JobRunner());
      const heads: number[] = [];
      const parts = await createAuditParts({ stateDir, db, credentials, jobs, store, onHead: (h) => heads.push(h.seq) });
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const ann = { operator: 'ann', role: 'admin' as const, source: 'server' as const, address: '192.0.2.1' };
      // Started inside a call (the router's runAsCaller); it ends later, outside of it.
      runAsCaller(ann, () => jobs.start({ kind: 'service', title: 'Restart Cisco XCP Router on imp-pub', titleText: { key: 'service.title.restart', params: { service: 'Cisco XCP Router', node: 'imp-pub' } } }, async () => {
        await gate;
        return { message: 'restarted' };
      }));
      jobs.start({ kind: 'traceCollection', title: 'Collect traces: nightly', titleText: { key: 'traces.job.collect', params: { label: 'nightly' } } }, async () => {
        throw Object.assign(new Error('node unreachable'), { code: 'POLL_TIMEOUT' });
      });
      runAsCaller(ann, () => jobs.start({ kind: 'ha', title: 'Failover of imp-sub1', titleText: { key: 'ha.title.failover', params: { target: 'imp-sub1' } } }, async () => ({ message: 'done', problems: ['users did not move'] })));
      await until('the HA and trace jobs recorded', () => (heads.length === 2 ? true : undefined), 10_000, 5);
      release();
      await until('the service job recorded', () => (heads.length === 3 ? true : undefined), 10_000, 5);
      const entries = await parts.service.list({ action: 'job.' });
      expect(entries.map((e) => [e.operator, e.role, e.source, e.target, e.result, e.params.kind])).toEqual([
        ['ann', 'admin', 'server', 'imp-pub', 'ok', 'service'],
        ['ann', 'admin', 'server', 'imp-sub1', 'failed', 'ha'],
        ['system', 'none', 'system', 'nightly', 'failed', 'traceCollection'],
      ]);
      expect(entries[0]).toMatchObject({ address: '192.0.2.1', message: 'restarted', params: { service: 'Cisco XCP Router', node: 'imp-pub', state: 'succeeded' } });
      expect(entries[1]!.message).toBe('completed with problems: users did not move');
      expect(entries[2]).toMatchObject({ message: 'node unreachable' });
      expect(heads).toEqual([1, 2, 3]);
      expect(await parts.service.verify()).toMatchObject({ ok: true, entries: 3, recordedHeadSeq: 3 });
      const csv = await parts.service.exportCsv({ operator: 'ann' });
      expect(csv.split('\n')[0]).toBe('seq,time,operator,role,source,address,action,target,result,errorCode,message,params');
      expect(csv.trimEnd().split('\n')).toHaveLength(3);
      expect(csv).toMatch(/^3,[^,]+,ann,admin,server,192\.0\.2\.1,job\.finished,imp-pub,ok,,restarted,"\{""durationMs"":\d+,""id"":""job-1"",""kind"":""service""/m);
    } finally {
      await store.dispose();
    }
  });
});
