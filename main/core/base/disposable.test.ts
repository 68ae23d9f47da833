import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AsyncDisposableStore, DisposableStore, toDisposable, type AsyncDisposable } from './disposable.js';

const listening: Server[] = [];
afterEach(async () => {
  for (const s of listening.splice(0)) if (s.listening) await new Promise((r) => s.close(r));
});

/** A real loopback server as an AsyncDisposable, as the simulator's endpoints are. */
async function server(): Promise<Server & AsyncDisposable> {
  const s = createServer();
  listening.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return Object.assign(s, { dispose: () => new Promise<void>((r, j) => s.close((e) => (e ? j(e) : r()))) });
}

describe('AsyncDisposableStore', () => {
  it('releases everything after a disposable that rejects or throws, in reverse order, then reports every error together', async () => {
    const store = new AsyncDisposableStore();
    const order: string[] = [];
    const first = store.add(await server());
    store.add(toDisposable(() => order.push('db')));
    store.add({ dispose: () => { order.push('sync throws'); throw new Error('sync'); } });
    const second = store.add(await server());
    store.add({ dispose: async () => { order.push('async rejects'); throw new Error('async'); } });

    const err = await store.dispose().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as AggregateError).errors.map((e: Error) => e.message)).toEqual(['async', 'sync']);
    expect((err as AggregateError).message).toBe('dispose failed: 2 of 5 disposables threw');
    expect(order).toEqual(['async rejects', 'sync throws', 'db']);
    // Both servers are closed: the errors before them did not leave them listening.
    expect(second.listening).toBe(false);
    expect(first.listening).toBe(false);
    expect(store.isDisposed).toBe(true);
  });

  it('disposes once; a disposable added afterwards is released at once and its failure is reported, not left unhandled', async () => {
    const store = new AsyncDisposableStore();
    const d = vi.fn();
    store.add(toDisposable(d));
    await store.dispose();
    await store.dispose();
    expect(d).toHaveBeenCalledTimes(1);

    const late = await server();
    store.add(late);
    await vi.waitFor(() => expect(late.listening).toBe(false));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      store.add({ dispose: async () => { throw new Error('late async'); } });
      store.add({ dispose: () => { throw new Error('late sync'); } });
      await new Promise((r) => setImmediate(r));
      expect(warn.mock.calls.map((c) => (c[1] as Error).message).sort()).toEqual(['late async', 'late sync']);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
      warn.mockRestore();
    }
  });

  it('a second dispose while the first runs resolves only once everything is closed (the errors go to the first caller)', async () => {
    const store = new AsyncDisposableStore();
    let closed = false;
    // A release that takes a while, as a server waiting for its connections to end.
    store.add({ dispose: () => new Promise<void>((r) => setTimeout(() => { closed = true; r(); }, 50)) });
    store.add({ dispose: async () => { throw new Error('db'); } });
    const first = store.dispose();
    await store.dispose();
    expect(closed).toBe(true);
    await expect(first).rejects.toBeInstanceOf(AggregateError);
  });
});

describe('DisposableStore', () => {
  it('releases everything in reverse order despite a throwing disposable, then throws the errors together', () => {
    const store = new DisposableStore();
    const order: number[] = [];
    store.add(toDisposable(() => order.push(1)));
    store.add({ dispose: () => { order.push(2); throw new Error('two'); } });
    store.add(toDisposable(() => order.push(3)));
    expect(() => store.dispose()).toThrow(AggregateError);
    expect(order).toEqual([3, 2, 1]);
  });

  it('delete() disposes one item now and stops holding it', () => {
    const store = new DisposableStore();
    const a = vi.fn();
    const b = vi.fn();
    const da = store.add(toDisposable(a));
    store.add(toDisposable(b));
    store.delete(da);
    expect(a).toHaveBeenCalledTimes(1);
    expect(store.size).toBe(1);
    store.delete(da); // no longer held: nothing happens
    store.dispose();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    expect(store.size).toBe(0);
  });
});

describe('AsyncDisposableStore.disposeAndRethrow', () => {
  it('rethrows the start error, with a failing clean-up kept beside it, after disposing everything', async () => {
    const store = new AsyncDisposableStore();
    const closed = vi.fn();
    store.add({ dispose: closed });
    store.add({ dispose: async () => { throw new Error('socket would not close'); } });
    const start = new Error('port 42000 is taken');
    const thrown = await store.disposeAndRethrow(start).catch((e: unknown) => e);
    expect(thrown).toBe(start);
    expect((thrown as { suppressed?: unknown }).suppressed).toBeInstanceOf(AggregateError);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(store.isDisposed).toBe(true);
  });
});
