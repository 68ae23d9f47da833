// Issue 15: the backend points its embedded simulated cluster at its receivers through the nodes' admin CLI (no
// shared memory): after a failover, the nodes' SRM alarms arrive as syslog and traps from their own addresses,
// attributed to them, in syslog.query; the receivers' status says where they listen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../shared/ipc/contract.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import type { Backend } from '../../main/core/transport/backend.js';
import { until } from '../helpers/until.js';

describe('backend receivers and the embedded simulated cluster', () => {
  let backend: Backend;
  let api: DesktopApi;
  const dir = mkdtempSync(join(tmpdir(), 'imp-receivers-backend-'));

  beforeAll(async () => {
    backend = await createBackend({ stateDir: dir, simBasePort: 0, scenario: null, speed: 20, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000 });
    api = backend.api;
  }, 60_000);

  afterAll(async () => {
    await backend?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on free ports (tests) and the simulated nodes\' alarms arrive attributed, as syslog and as traps', async () => {
    const status = await api.receivers.status();
    expect(status.listeners.map((l) => [l.kind, l.state, l.address])).toEqual([['syslog-udp', 'listening', '127.0.0.1'], ['syslog-tcp', 'listening', '127.0.0.1'], ['snmp-trap', 'listening', '127.0.0.1']]);
    expect(status.listeners.every((l) => l.port > 0 && l.port !== 5514 && l.port !== 10162)).toBe(true);
    await until('the presence redundancy groups', async () => ((await api.ha.groups('sim')).some((g) => g.nodes.some((n) => n.name === 'imp-sub3')) ? true : undefined));
    const job = await api.ha.command({ cluster: 'sim', action: 'failover', target: 'imp-sub3' });
    await until('the failover job', async () => (await api.jobs.list()).find((j) => j.id === job.id && j.state === 'succeeded'));
    const rows = await until('attributed syslog and traps from the simulated nodes', async () => {
      const r = await api.syslog.query({ attributed: true, limit: 1000 });
      return r.some((e) => e.transport === 'udp') && r.some((e) => e.transport === 'trap') ? r : undefined;
    }, 90_000);
    const nodes = (await api.clusters.list()).find((c) => c.id === 'sim')!.nodes;
    for (const e of rows) {
      const node = nodes.find((n) => n.name === e.node);
      expect(e.cluster).toBe('sim');
      expect(e.peer, `${e.node}`).toBe(node!.host);
    }
    expect(await api.syslog.query({ attributed: false })).toEqual([]);
  }, 120_000);
});
