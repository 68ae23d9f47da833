import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TailBatch } from '../../../../shared/model/traces.js';
import { setBridgeForTesting } from '../../../ipc/bridge.js';
import { createFakeBridge } from '../../../ipc/testing.js';
import { until } from '../../../../test/helpers/until.js';
import { filterLines, MAX_LINES, savedText, useTailStore, type TailLine } from './tailStore.js';

const batch = (texts: string[], more: Partial<TailBatch> = {}): TailBatch => ({ tailId: 't1', lines: texts.map((text, i) => ({ path: '/a.log', text, atMs: Date.UTC(2026, 11, 6, 9, 0, i) })), ...more });

describe('real-time trace store', () => {
  afterEach(() => setBridgeForTesting(undefined));
  beforeEach(() => {
    useTailStore.setState({ status: 'running', tailId: 't1', lines: [], held: [], paused: false, dropped: 0, error: undefined });
  });

  it('appends batches of its own tail only; a pause holds lines until resumed', () => {
    const s = useTailStore.getState();
    s.applyBatch(batch(['one', 'two']));
    s.applyBatch({ ...batch(['other tail']), tailId: 't2' });
    expect(useTailStore.getState().lines.map((l) => l.text)).toEqual(['one', 'two']);
    s.setPaused(true);
    s.applyBatch(batch(['three']));
    expect(useTailStore.getState().lines.map((l) => l.text)).toEqual(['one', 'two']);
    expect(useTailStore.getState().held.map((l) => l.text)).toEqual(['three']);
    s.setPaused(false);
    expect(useTailStore.getState().lines.map((l) => l.text)).toEqual(['one', 'two', 'three']);
    expect(useTailStore.getState().held).toEqual([]);
  });

  it('ends with the closing batch and its error; keeps the newest MAX_LINES lines', () => {
    const s = useTailStore.getState();
    s.applyBatch(batch(Array.from({ length: MAX_LINES + 5 }, (_, i) => `l${i}`)));
    expect(useTailStore.getState().lines).toHaveLength(MAX_LINES);
    expect(useTailStore.getState().lines[0]!.text).toBe('l5');
    expect(useTailStore.getState().dropped).toBe(5);
    s.applyBatch(batch(['last'], { closed: true, error: { code: 'POLL_CONNECT', message: 'node closed the session', retryable: true } }));
    expect(useTailStore.getState()).toMatchObject({ status: 'stopped', tailId: undefined, error: { code: 'POLL_CONNECT' } });
    expect(useTailStore.getState().lines.at(-1)!.text).toBe('last');
  });

  it('filters by expression or, when not one, by text; saves what was seen', () => {
    const lines: TailLine[] = ['INFO a', 'WARN b', 'warn (c'].map((text, i) => ({ seq: i, path: '/x.log', text, atMs: Date.UTC(2026, 11, 6, 9) }));
    expect(filterLines(lines, 'warn').map((l) => l.text)).toEqual(['WARN b', 'warn (c']);
    expect(filterLines(lines, '^INFO').map((l) => l.text)).toEqual(['INFO a']);
    expect(filterLines(lines, '(c').map((l) => l.text)).toEqual(['warn (c']);
    expect(savedText(lines.slice(0, 1))).toBe('2026-12-06T09:00:00.000Z /x.log: INFO a\n');
  });

  it('Follow (from Remote Browse) starts following at once; following a second file restarts the tail with both', async () => {
    useTailStore.setState({ status: 'stopped', tailId: undefined, target: undefined, paths: [] });
    let n = 0;
    const bridge = createFakeBridge({ traces: { tailStart: async () => `tail-${++n}`, tailStop: async () => undefined } });
    setBridgeForTesting(bridge);
    const node = { cluster: 'c1', node: 'imp-pub' };
    useTailStore.getState().follow(node, '/epas/trace/xcp/log/rtr-jsm-1.log');
    await until('the tail to run', () => useTailStore.getState().status === 'running' || undefined);
    expect(useTailStore.getState().tailId).toBe('tail-1');
    useTailStore.getState().follow(node, '/epas/trace/xcp/log/rtr-jsm-2.log');
    await until('the second tail to run', () => useTailStore.getState().tailId === 'tail-2' || undefined);
    const calls = bridge.calls.map((c) => c.name);
    expect(calls).toEqual(['traces.tailStart', 'traces.tailStop', 'traces.tailStart']);
    expect(bridge.calls[2]!.args[0]).toMatchObject({ cluster: 'c1', node: 'imp-pub', paths: ['/epas/trace/xcp/log/rtr-jsm-1.log', '/epas/trace/xcp/log/rtr-jsm-2.log'] });
  });
});
