import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerNotifier } from '../../main/core/notify/alertmanagerNotifier.js';
import type { NotifiedAlarm } from '../../main/core/notify/notifier.js';
import { closedPort } from '../helpers/closedPort.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';

const BIN = '/usr/bin/prometheus-alertmanager';


describe.skipIf(skipWithoutTools({ path: BIN, apt: 'prometheus-alertmanager' }))("Debian's prometheus-alertmanager receives forwarded alerts", () => {
  let dir = '';
  let proc: ChildProcess | undefined;
  let url = '';
  let stderr = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'am-'));
    writeFileSync(join(dir, 'am.yml'), "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n");
    const port = await closedPort();
    url = `http://127.0.0.1:${port}`;
    proc = spawn(BIN, [`--config.file=${join(dir, 'am.yml')}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    for (let i = 0; i < 200; i++) {
      const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`alertmanager did not become ready: ${stderr.slice(-500)}`);
  });

  afterAll(async () => {
    if (proc && proc.exitCode === null) {
      proc.kill('SIGTERM');
      await new Promise((r) => proc!.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('POST /api/v2/alerts then lists the alert through GET /api/v2/alerts', async () => {
    const now = Date.now();
    const a: NotifiedAlarm = {
      id: 'a1', key: 'CriticalServiceDown|c1|imp-pub|Cisco XCP Router', ruleId: 'CriticalServiceDown', ruleName: 'CriticalServiceDown', group: 'System', severity: 'Critical',
      cluster: 'c1', node: 'imp-pub', instance: 'Cisco XCP Router', status: 'outstanding', message: 'CriticalServiceDown on imp-pub', origin: 'poll',
      raisedAt: now - 1000, lastOccurrenceAt: now, occurrences: 1, flapping: false, emailEnabled: true, alertAction: 'Default',
    };
    const r = await new AlertmanagerNotifier({ url }).notify({ groupKey: 'g', groupLabels: { alertAction: 'Default' }, firing: [a], resolved: [], reason: 'new', atMs: now });
    expect(r).toEqual({ ok: true });
    const listed = (await (await fetch(`${url}/api/v2/alerts?filter=alertname%3D%22CriticalServiceDown%22`)).json()) as Array<{ labels: Record<string, string>; status: { state: string } }>;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.labels).toEqual({ alertname: 'CriticalServiceDown', cluster: 'c1', node: 'imp-pub', instance: 'Cisco XCP Router', severity: 'critical', group: 'System' });
    expect(listed[0]!.status.state).toBe('active');
  });

  it('a malformed request is a non-retryable failure', async () => {
    const r = await new AlertmanagerNotifier({ url: `${url}/nope` }).notify({ groupKey: 'g', groupLabels: {}, firing: [], resolved: [], reason: 'new', atMs: Date.now() });
    expect(r).toMatchObject({ ok: false, retryable: false });
  });
});
