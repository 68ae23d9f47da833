import { describe, expect, it } from 'vitest';
import { countStartTags } from './soapLimits.js';
import { SoapWorkQueue } from './soapWorkQueue.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SoapWorkQueue', () => {
  it('runs one job per event-loop turn, in order, with I/O callbacks able to run between two jobs', async () => {
    const queue = new SoapWorkQueue(8);
    const order: string[] = [];
    for (const name of ['a', 'b', 'c']) expect(queue.enqueue(() => order.push(name))).toBe(true);
    expect(order).toEqual([]);
    await turn();
    expect(order).toEqual(['a']);
    await turn();
    await turn();
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('refuses jobs beyond maxQueued and after dispose, and keeps going after a job throws', async () => {
    const errors: unknown[] = [];
    const queue = new SoapWorkQueue(2, (err) => errors.push(err));
    const ran: number[] = [];
    expect(queue.enqueue(() => { throw new Error('boom'); })).toBe(true);
    expect(queue.enqueue(() => ran.push(2))).toBe(true);
    expect(queue.enqueue(() => ran.push(3))).toBe(false);
    await turn();
    await turn();
    expect(ran).toEqual([2]);
    expect(String(errors[0])).toContain('boom');
    queue.dispose();
    expect(queue.enqueue(() => ran.push(4))).toBe(false);
  });
});

describe('countStartTags', () => {
  it('counts start and empty tags, not end tags, declarations or comments, and stops early', () => {
    const xml = Buffer.from('<?xml version="1.0"?><!-- c --><a><b/><c>x</c></a>');
    expect(countStartTags(xml)).toBe(3);
    expect(countStartTags(Buffer.from('<i/>'.repeat(100)), 10)).toBe(11);
  });
});
