import { describe, expect, it } from 'vitest';
import type { AlarmHistoryEntry } from '../../../shared/model/alert.js';
import { AlarmJournal, type Defer } from './alarmJournal.js';
import { makeAlarm } from './alertStoreContract.js';
import { engineKit } from '../../../test/kits/engineTestKit.js';
import { MemoryAlertStore } from './memoryAlertStore.js';

/** A defer that runs only when the test says so. */
function manualDefer(): { defer: Defer; run: () => void; pending: () => number } {
  let queue: Array<() => void> = [];
  return {
    defer: (work) => {
      queue.push(work);
      return { dispose: () => void (queue = queue.filter((w) => w !== work)) };
    },
    run: () => {
      const q = queue;
      queue = [];
      for (const w of q) w();
    },
    pending: () => queue.length,
  };
}

/** A memory store that counts batches and can be made to fail. */
class CountingStore extends MemoryAlertStore {
  batches = 0;
  saves = 0;
  failing = false;
  override batch<T>(work: () => T): T {
    this.batches++;
    if (this.failing) throw new Error('disk full');
    return super.batch(work);
  }
  override saveAlarm(...args: Parameters<MemoryAlertStore['saveAlarm']>): void {
    this.saves++;
    super.saveAlarm(...args);
  }
}

const line = (alarmId: string, event: AlarmHistoryEntry['event'], atMs: number): AlarmHistoryEntry => ({ alarmId, key: makeAlarm().key, atMs, event, status: event === 'resolved' ? 'resolved' : 'outstanding' });

describe('AlarmJournal (write-behind of alarm changes)', () => {
  it('writes nothing until its turn, then everything in one batch: each alarm once in its last state, every history line', () => {
    const store = new CountingStore();
    const d = manualDefer();
    const j = new AlarmJournal(store, d.defer);
    j.record(makeAlarm({ id: 'a1' }), line('a1', 'raised', 1));
    j.record(makeAlarm({ id: 'a2' }), line('a2', 'raised', 2));
    j.record(makeAlarm({ id: 'a1', status: 'resolved', resolvedAt: 3, closedAt: 3 }), line('a1', 'resolved', 3));
    expect(d.pending()).toBe(1);
    expect(store.queryHistory({})).toEqual([]);
    expect(j.pending).toEqual({ alarms: 2, history: 3 });
    d.run();
    expect(store.batches).toBe(1);
    expect(store.saves).toBe(2);
    expect(store.queryAlarms({ alarmId: 'a1' })[0]!.status).toBe('resolved');
    expect(store.queryHistory({}).map((h) => `${h.alarmId}:${h.event}`)).toEqual(['a1:resolved', 'a2:raised', 'a1:raised']);
    expect(j.pending).toEqual({ alarms: 0, history: 0 });
  });

  it('a failing store keeps the changes, reports the error, and a later flush writes them', () => {
    const store = new CountingStore();
    const d = manualDefer();
    const errors: unknown[] = [];
    const j = new AlarmJournal(store, d.defer, (e) => errors.push(e));
    store.failing = true;
    j.record(makeAlarm({ id: 'a1' }), line('a1', 'raised', 1));
    d.run();
    expect(errors).toHaveLength(1);
    expect(j.pending).toEqual({ alarms: 1, history: 1 });
    expect(() => j.flush()).toThrow('disk full');
    store.failing = false;
    j.record(makeAlarm({ id: 'a2' }), line('a2', 'raised', 2));
    d.run();
    expect(store.queryHistory({}).map((h) => h.alarmId)).toEqual(['a2', 'a1']);
    expect(j.pending).toEqual({ alarms: 0, history: 0 });
  });

  it('a failing store is retried on its own with a backoff (1 s doubling to 30 s), not only at the next alarm change', () => {
    const store = new CountingStore();
    const d = manualDefer();
    const waits: number[] = [];
    let retry: (() => void) | undefined;
    const j = new AlarmJournal(store, d.defer, () => undefined, (work, ms) => {
      waits.push(ms);
      retry = work;
      return { dispose: () => void (retry = undefined) };
    });
    store.failing = true;
    j.record(makeAlarm({ id: 'a1' }), line('a1', 'raised', 1));
    d.run();
    for (let i = 0; i < 7; i++) retry!();
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    store.failing = false;
    retry!();
    expect(store.queryHistory({}).map((h) => h.alarmId)).toEqual(['a1']);
    expect(waits).toHaveLength(8); // written: no further retry
    j.dispose();
  });

  it('dispose writes what is pending and schedules nothing after', () => {
    const store = new CountingStore();
    const d = manualDefer();
    const j = new AlarmJournal(store, d.defer);
    j.record(makeAlarm({ id: 'a1' }), line('a1', 'raised', 1));
    j.dispose();
    expect(store.queryHistory({})).toHaveLength(1);
    expect(d.pending()).toBe(0);
    j.record(makeAlarm({ id: 'a2' }), line('a2', 'raised', 2));
    expect(d.pending()).toBe(0);
    j.flush();
    expect(store.queryHistory({})).toHaveLength(2);
  });
});

describe('alert engine writes alarm changes behind the evaluation', () => {
  const cpu = { name: 'CPU', condition: { kind: 'threshold', metric: { object: 'Processor', counter: '% CPU Time', instance: '_Total' }, direction: 'over', threshold: 90 } };

  it('an evaluation stores its alarms on the next turn of the event loop (real setImmediate)', async () => {
    const k = engineKit();
    k.engine.rules.create(cpu);
    k.engine.ingestSamples([k.sample('n1', 'Processor', '_Total', '% CPU Time', 99)]);
    k.engine.evaluate();
    expect(k.engine.activeAlarms()).toHaveLength(1);
    expect(k.store.loadActiveAlarms()).toHaveLength(0);
    await new Promise((r) => setImmediate(r));
    expect(k.store.loadActiveAlarms()).toHaveLength(1);
    k.engine.dispose();
  });

  it('a person acknowledging is stored when the call returns', () => {
    const d = manualDefer();
    const store = new MemoryAlertStore();
    const k = engineKit(store, undefined, d.defer);
    k.engine.rules.create(cpu);
    k.engine.ingestSamples([k.sample('n1', 'Processor', '_Total', '% CPU Time', 99)]);
    k.engine.evaluate();
    const a = k.engine.activeAlarms()[0]!;
    k.engine.acknowledge(a.id, 'ann', 'mine');
    expect(store.loadActiveAlarms()[0]).toMatchObject({ id: a.id, status: 'acknowledged' });
    k.engine.dispose();
  });

  it('a crash before the write loses the evaluation\'s changes, and the restarted engine raises the alarm once', () => {
    const d = manualDefer();
    const store = new MemoryAlertStore();
    const k1 = engineKit(store, undefined, d.defer);
    k1.engine.rules.create(cpu);
    k1.engine.ingestSamples([k1.sample('n1', 'Processor', '_Total', '% CPU Time', 99)]);
    k1.engine.evaluate();
    // Crash: no dispose, the deferred write never runs; the rule was stored when it was created.
    const k2 = engineKit(store, k1.scheduler);
    expect(k2.engine.activeAlarms()).toHaveLength(0);
    k2.engine.ingestSamples([k2.sample('n1', 'Processor', '_Total', '% CPU Time', 99)]);
    k2.engine.evaluate();
    k2.scheduler.advance(30_000);
    k2.engine.ingestSamples([k2.sample('n1', 'Processor', '_Total', '% CPU Time', 99)]);
    k2.engine.evaluate();
    expect(k2.engine.history({}).filter((h) => h.event === 'raised')).toHaveLength(1);
    expect(k2.engine.activeAlarms()).toHaveLength(1);
    k2.engine.dispose();
  });
});
