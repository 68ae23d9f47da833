/**
 * The `drs` namespace as the app's backend wires it (createBackend → backend/drsParts.ts) over the embedded simulated
 * cluster: the overview offers the cluster's own backup server (from its endpoints document), a backup to it runs as
 * a Job Status job pushed as onDidChangeDrsJob until its end, and the changes are action records of source 'web'
 * (the web transport) in the audit log (issue 16) without the device password.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrsJobView } from '../../shared/model/drs.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import { actionRecordsPath } from '../../main/core/backend/drsParts.js';
import type { Backend } from '../../main/core/transport/backend.js';
import { until } from '../helpers/until.js';

describe('drs in the backend (embedded simulated cluster)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imp-drs-backend-'));
  const stateDir = join(dir, 'state');
  const pushed: DrsJobView[] = [];
  let backend: Backend;

  beforeAll(async () => {
    backend = await createBackend({ stateDir, simBasePort: 0, scenario: null, speed: 100, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000 });
    backend.events.subscribe((e) => {
      if (e.event === 'onDidChangeDrsJob') pushed.push(e.payload);
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up the embedded cluster to its own backup server as a job, recorded with source web', async () => {
    const api = backend.api.drs;
    const o = await api.overview('sim');
    expect(o.masterNode).toBe('cucm-pub');
    const server = o.simulatedBackupServer!;
    expect(server).toMatchObject({ path: '/', port: expect.any(Number) });
    const devices = await api.saveDevice({ cluster: 'sim', name: 'simulated', host: server.host, port: server.port, path: server.path, username: server.username, password: server.password });
    expect(devices.map((d) => d.name)).toEqual(['simulated']);
    const view = await api.startBackup('sim', 'simulated', ['IM&P']);
    const end = await until('the backup ended', () => pushed.find((v) => v.jobId === view.jobId && v.endedMs !== undefined), 120_000, 100);
    expect(end.status!.state).toBe('SUCCESS');
    const job = await until('its job', async () => (await backend.api.jobs.list()).find((j) => j.id === view.jobId && j.state !== 'running'));
    expect(job).toMatchObject({ kind: 'drs', state: 'succeeded', titleText: { key: 'drs.job.backup' } });
    expect((await api.jobs('sim')).map((j) => j.jobId)).toContain(view.jobId);

    const records = await api.actions('sim');
    expect(records.map((r) => `${r.action}:${r.result}:${r.source}`)).toEqual(['drs.backup:ok:web', 'drs.device.add:ok:web']);
    // Issue 16: the records are entries of the audit log (history.db, HMAC-chained), no longer a JSON lines file.
    expect(existsSync(actionRecordsPath(stateDir))).toBe(false);
    const entries = await backend.api.audit.list({ action: 'drs.' });
    expect(entries.map((e) => `${e.action}:${e.result}:${e.source}`)).toEqual(['drs.backup:ok:web', 'drs.device.add:ok:web']);
    expect(JSON.stringify(entries)).not.toContain(server.password);
    expect(statSync(join(stateDir, 'history.db')).mode & 0o777).toBe(0o600);
    expect(await backend.api.audit.verify()).toMatchObject({ ok: true });
  }, 180_000);
});
