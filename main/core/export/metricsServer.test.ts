import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startMetricsServer } from './metricsServer.js';
import type { MetricFamily } from './prometheusExposition.js';
import { promtoolCheckMetrics } from '../../../test/kits/promtool.js';

/** Runs curl asynchronously (a sync spawn would block this process's server). */
function curl(args: string[]): Promise<{ status: number; body: string; code: number | null; contentType: string }> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '-o', '-', '-w', '\n%{http_code} %{content_type}', '--max-time', '10', ...args], (err, out) => {
      const i = out.lastIndexOf('\n');
      const code = err ? ((err as { code?: number }).code ?? -1) : 0;
      const [status = '', ...type] = out.slice(i + 1).split(' ');
      resolve({ body: out.slice(0, i), status: Number(status), code, contentType: type.join(' ') });
    });
  });
}

const families: MetricFamily[] = [
  { name: 'imp_node_up', help: 'Node reachable.', type: 'gauge', points: [{ labels: { cluster: 'c1', node: 'a' }, value: 1 }] },
];

describe('metrics server', () => {
  it('serves /metrics on 127.0.0.1 to curl, in a form promtool accepts; 404/405 elsewhere', async () => {
    let scrapes = 0;
    const server = await startMetricsServer({ port: 0, collect: () => (scrapes++, families) });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/metrics`);
      const ok = await curl([server.url]);
      expect(ok.status).toBe(200);
      expect(ok.body).toBe('# HELP imp_node_up Node reachable.\n# TYPE imp_node_up gauge\nimp_node_up{cluster="c1",node="a"} 1\n');
      expect(promtoolCheckMetrics(ok.body)).toEqual({ status: 0, output: '' });
      expect(ok.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect((await curl([`http://127.0.0.1:${server.port}/`])).status).toBe(404);
      expect((await curl(['-X', 'POST', server.url])).status).toBe(405);
      expect(scrapes).toBe(1); // 404 and 405 never collect
    } finally {
      await server.dispose();
    }
  });

  it('answers 500 when collecting throws and keeps serving', async () => {
    let fail = true;
    const logs: string[] = [];
    const server = await startMetricsServer({
      collect: () => {
        if (fail) throw new Error('boom');
        return families;
      },
      log: (m) => logs.push(m),
    });
    try {
      expect((await curl([server.url])).status).toBe(500);
      fail = false;
      expect((await curl([server.url])).status).toBe(200);
      expect(logs).toEqual(['collect failed: boom']);
    } finally {
      await server.dispose();
    }
  });

  it('dispose closes the listener and open keep-alive connections; a busy port is a clear error', async () => {
    const server = await startMetricsServer({ collect: () => families });
    const sock = connect(server.port, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    const closed = new Promise<void>((r) => sock.once('close', () => r()));
    await expect(startMetricsServer({ port: server.port, collect: () => families })).rejects.toMatchObject({
      code: 'PRECONDITION',
      message: expect.stringContaining('EADDRINUSE'),
    });
    await server.dispose();
    await closed; // the server ended our idle connection
    const after = await curl([server.url]);
    expect(after.code).toBe(7); // curl: failed to connect
    await expect(startMetricsServer({ port: 70_000, collect: () => families })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
