import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../shared/model/sample.js';
import type { TailBatch } from '../../../shared/model/traces.js';
import type { JobStatus } from '../../../shared/model/views.js';
import { EventHub, type PushEvent } from './eventHub.js';

const sample = (value: number): Sample => ({ cluster: 'c1', node: 'imp1', object: 'Processor', instance: '_Total', counter: '% CPU Time', value, ts: value, source: 'perfmon' });
const job = (id: string, state: JobStatus['state']): JobStatus => ({ id, kind: 'service', title: id, state, startedAtMs: 0 });

describe('EventHub', () => {
  it('coalesces what was emitted between flushes', () => {
    const hub = new EventHub({ flushIntervalMs: 60_000 });
    const got: PushEvent[] = [];
    hub.subscribe((e) => got.push(e));
    hub.emit('onDidAppendSamples', { samples: [sample(1), sample(2)] });
    hub.emit('onDidAppendSamples', { samples: [sample(3)] });
    hub.emit('onDidChangeClusters', []);
    hub.emit('onDidChangeClusters', [{ id: 'c1', name: 'C1', publisherHost: 'h', simulated: true, nodes: [] }]);
    hub.emit('onDidChangeJob', job('j1', 'running'));
    hub.emit('onDidChangeJob', job('j2', 'running'));
    hub.emit('onDidChangeJob', job('j1', 'succeeded'));
    hub.emit('onDidReceiveSyslog', [{ id: 1, receivedAtMs: 1, host: 'imp1', severity: 3, text: 'a', peer: '127.0.0.1', transport: 'udp', attributed: true }]);
    hub.emit('onDidReceiveSyslog', [{ id: 2, receivedAtMs: 2, host: 'imp1', severity: 3, text: 'b', peer: '127.0.0.1', transport: 'udp', attributed: true }]);
    expect(got).toHaveLength(0);
    hub.flush();
    expect(got.map((e) => e.event)).toEqual(['onDidChangeClusters', 'onDidAppendSamples', 'onDidChangeJob', 'onDidChangeJob', 'onDidReceiveSyslog']);
    const samples = got.find((e) => e.event === 'onDidAppendSamples');
    expect(samples?.payload).toEqual({ samples: [sample(1), sample(2), sample(3)] });
    expect(got.filter((e) => e.event === 'onDidChangeJob').map((e) => e.payload)).toEqual([job('j2', 'running'), job('j1', 'succeeded')]);
    expect(got[0]?.payload).toHaveLength(1);
    hub.flush();
    expect(got).toHaveLength(5);
    hub.dispose();
  });

  it('delivers DRS job views, the last of each job per batch (issue 13)', () => {
    const hub = new EventHub({ flushIntervalMs: 60_000 });
    const got: PushEvent[] = [];
    hub.subscribe((e) => got.push(e));
    const view = (jobId: string, percentage: number) =>
      ({ cluster: 'c', operation: 'backup', jobId, startedMs: 0, device: 'd', features: ['UCM'], alarms: [], status: { operation: 'backup', state: 'RUNNING', message: '', tarFilename: 'f.tar', storageLocation: 'd', percentage, rows: [] } }) as const;
    hub.emit('onDidChangeDrsJob', view('j1', 10));
    hub.emit('onDidChangeDrsJob', view('j2', 5));
    hub.emit('onDidChangeDrsJob', view('j1', 40));
    hub.flush();
    const views = got.filter((e) => e.event === 'onDidChangeDrsJob').map((e) => e.payload as { jobId: string; status: { percentage: number } });
    expect(views.map((v) => [v.jobId, v.status.percentage])).toEqual([
      ['j2', 5],
      ['j1', 40],
    ]);
    hub.dispose();
  });

  it('delivers report runs, the last of each run per batch (issue 14)', () => {
    const hub = new EventHub({ flushIntervalMs: 60_000 });
    const got: PushEvent[] = [];
    hub.subscribe((e) => got.push(e));
    const info = (id: string, done: number, state: 'running' | 'done') => ({ id, kind: 'sessions', clusters: ['c'], options: {}, state, startedAtMs: 0, progress: { done, total: 4, step: 'imp-pub' }, requests: [] }) as const;
    hub.emit('onDidChangeReport', info('r1', 1, 'running'));
    hub.emit('onDidChangeReport', info('r2', 2, 'running'));
    hub.emit('onDidChangeReport', info('r1', 4, 'done'));
    hub.flush();
    const runs = got.filter((e) => e.event === 'onDidChangeReport').map((e) => e.payload as { id: string; state: string });
    expect(runs.map((r) => [r.id, r.state])).toEqual([
      ['r2', 'running'],
      ['r1', 'done'],
    ]);
    hub.dispose();
  });

  it('merges trace collections by id and joins a tail\'s batches in order', () => {
    const hub = new EventHub({ flushIntervalMs: 60_000 });
    const got: PushEvent[] = [];
    hub.subscribe((e) => got.push(e));
    const status = (id: string, bytesDone: number) =>
      ({ id, label: id, state: 'running', trigger: { kind: 'manual' }, startedAtMs: 0, request: { nodes: [], range: { kind: 'relative', amount: 1, unit: 'hours' }, archive: 'zip', outDir: '/tmp' }, workDir: '/tmp/x', nodes: [], files: [], fileCount: 0, bytesTotal: 10, bytesDone, bytesPerSec: 0, skipped: [] }) as const;
    hub.emit('onDidChangeTraceCollection', status('c1', 1));
    hub.emit('onDidChangeTraceCollection', status('c2', 1));
    hub.emit('onDidChangeTraceCollection', status('c1', 5));
    const line = (text: string) => ({ path: '/a.log', text, atMs: 1 });
    hub.emit('onDidTailLines', { tailId: 't1', lines: [line('a')] });
    hub.emit('onDidTailLines', { tailId: 't2', lines: [line('x')] });
    hub.emit('onDidTailLines', { tailId: 't1', lines: [line('b'), line('c')], closed: true });
    hub.flush();
    const collections = got.filter((e) => e.event === 'onDidChangeTraceCollection').map((e) => e.payload as { id: string; bytesDone: number });
    expect(collections.map((c) => [c.id, c.bytesDone])).toEqual([
      ['c2', 1],
      ['c1', 5],
    ]);
    const tails = got.filter((e) => e.event === 'onDidTailLines').map((e) => e.payload as TailBatch);
    expect(tails.map((b) => [b.tailId, b.lines.map((l) => l.text).join(''), b.closed ?? false])).toEqual([
      ['t1', 'abc', true],
      ['t2', 'x', false],
    ]);
    hub.dispose();
  });

  it('delivers on its own timer after the first emit', async () => {
    const hub = new EventHub({ flushIntervalMs: 20 });
    const delivered = new Promise<PushEvent>((resolve) => hub.subscribe(resolve));
    hub.emit('onDidAppendSamples', { samples: [sample(1)] });
    hub.emit('onDidAppendSamples', { samples: [sample(2)] });
    expect(hub.hasPendingTimer).toBe(true);
    expect(await delivered).toEqual({ event: 'onDidAppendSamples', payload: { samples: [sample(1), sample(2)] } });
    expect(hub.hasPendingTimer).toBe(false);
    hub.dispose();
  });

  it('keeps delivering to the others when one subscriber throws', () => {
    const errors: unknown[] = [];
    const hub = new EventHub({ onListenerError: (e) => errors.push(e) });
    const got: PushEvent[] = [];
    hub.subscribe(() => {
      throw new Error('boom');
    });
    hub.subscribe((e) => got.push(e));
    hub.emit('onDidChangeClusters', []);
    hub.flush();
    expect(got).toHaveLength(1);
    expect(errors).toHaveLength(1);
    hub.dispose();
  });

  it('unsubscribes, and dispose cancels the timer and drops subscribers and pending events', () => {
    const hub = new EventHub();
    const got: PushEvent[] = [];
    const sub = hub.subscribe((e) => got.push(e));
    hub.subscribe((e) => got.push(e));
    expect(hub.subscriberCount).toBe(2);
    sub.dispose();
    expect(hub.subscriberCount).toBe(1);
    hub.emit('onDidChangeClusters', []);
    expect(hub.hasPendingTimer).toBe(true);
    hub.dispose();
    expect(hub.hasPendingTimer).toBe(false);
    expect(hub.subscriberCount).toBe(0);
    hub.emit('onDidChangeClusters', []);
    hub.flush();
    expect(hub.hasPendingTimer).toBe(false);
    expect(got).toHaveLength(0);
  });
});
