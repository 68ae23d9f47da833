import { describe, expect, it } from 'vitest';
import { Emitter } from '../base/emitter.js';
import type { PollError } from '../polling/pollError.js';
import type { SshTarget } from '../polling/ssh/sshCliSession.js';
import { MAX_STREAMS_PER_NODE, TailSessions, type StartTailStream, type TailStream } from './tailSessions.js';

/** A started `file tail` that only closes (the sessions' own limits are what is tested here). */
function stream(): TailStream {
  const lines = new Emitter<string[]>();
  const closed = new Emitter<PollError | undefined>();
  return { onDidReceiveLines: lines.event, onDidClose: closed.event, dispose: () => closed.fire(undefined) };
}

describe('TailSessions limits', () => {
  it('tails started at once on one node cannot pass the per-node limit together', async () => {
    // Every session opens only when the test says so: both starts are under way at the same time.
    const waiting: Array<() => void> = [];
    const startStream: StartTailStream = () => new Promise((resolve) => waiting.push(() => resolve({ ok: true, value: stream() })));
    const tails = new TailSessions({ clients: { sshTarget: () => ({ node: 'imp-pub' }) as SshTarget }, onBatch: () => undefined, startStream });
    const ref = { cluster: 'c1', node: 'imp-pub' };
    const three = MAX_STREAMS_PER_NODE - 1;
    const first = tails.start({ ...ref, paths: Array.from({ length: three }, (_, i) => `/epas/trace/a${i}.log`) });
    const second = tails.start({ ...ref, paths: ['/epas/trace/b0.log', '/epas/trace/b1.log'] });
    const outcome = second.then((id) => ({ id }), (error: unknown) => ({ error }));
    for (const open of waiting.splice(0)) open();
    await expect(first).resolves.toEqual(expect.any(String));
    expect(await outcome).toMatchObject({ error: { code: 'PRECONDITION' } });
    expect(tails.list()).toHaveLength(1);
    tails.dispose();
  });
});
