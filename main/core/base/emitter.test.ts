import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter.js';

describe('Emitter', () => {
  it('calls every listener in subscription order, and a throwing one does not stop the rest', () => {
    const errors: unknown[] = [];
    const e = new Emitter<number>((err) => errors.push(err));
    const seen: string[] = [];
    e.event((n) => seen.push(`a${n}`));
    e.event(() => {
      throw new Error('boom');
    });
    e.event((n) => seen.push(`c${n}`));
    e.fire(1);
    expect(seen).toEqual(['a1', 'c1']);
    expect(errors).toHaveLength(1);
  });

  it('a subscription made or removed during fire() takes effect from the next fire()', () => {
    const e = new Emitter<number>();
    const seen: string[] = [];
    const late = (n: number): void => void seen.push(`late${n}`);
    const sub = e.event((n) => {
      seen.push(`first${n}`);
      e.event(late);
      sub.dispose();
    });
    e.event((n) => seen.push(`second${n}`));
    e.fire(1);
    e.fire(2);
    expect(seen).toEqual(['first1', 'second1', 'second2', 'late2']);
  });

  it('the same function subscribed twice is two listeners, each removed by its own disposable', () => {
    const e = new Emitter<number>();
    let calls = 0;
    const f = (): void => void calls++;
    const one = e.event(f);
    e.event(f);
    e.fire(0);
    expect(calls).toBe(2);
    one.dispose();
    one.dispose();
    e.fire(0);
    expect(calls).toBe(3);
    expect(e.listenerCount).toBe(1);
  });

  it('after dispose nothing fires and new subscriptions are no-ops', () => {
    const e = new Emitter<number>();
    let calls = 0;
    e.event(() => void calls++);
    e.dispose();
    e.event(() => void calls++);
    e.fire(0);
    expect(calls).toBe(0);
    expect(e.listenerCount).toBe(0);
  });
});
