import { describe, expect, it } from 'vitest';
import { NodeAttribution, NodeHostResolver } from './nodeAttribution.js';

describe('NodeAttribution', () => {
  const a = new NodeAttribution();
  a.update([
    { cluster: 'lab', node: 'imp-pub', addresses: ['10.0.0.12', 'imp-pub.example.com'] },
    { cluster: 'lab', node: 'imp-sub1', addresses: ['10.0.0.13'] },
    { cluster: 'sim', node: 'imp-pub', addresses: ['127.0.10.12'] },
  ]);

  it('attributes only when the sender address and the host name agree with one node', () => {
    expect(a.attribute({ peer: '10.0.0.12', host: 'imp-pub' })).toEqual({ cluster: 'lab', node: 'imp-pub' });
    expect(a.attribute({ peer: '::ffff:10.0.0.12', host: 'IMP-PUB.example.com' })).toEqual({ cluster: 'lab', node: 'imp-pub' });
    expect(a.attribute({ peer: '10.0.0.12', host: '10.0.0.12' })).toEqual({ cluster: 'lab', node: 'imp-pub' }); // a trap: host = sender
    expect(a.attribute({ peer: '127.0.10.12', host: 'imp-pub' })).toEqual({ cluster: 'sim', node: 'imp-pub' });
  });

  it('leaves spoofed names and unknown senders unattributed', () => {
    expect(a.attribute({ peer: '10.0.0.12', host: 'imp-sub1' })).toBeUndefined(); // another node's name
    expect(a.attribute({ peer: '127.0.0.1', host: 'imp-pub' })).toBeUndefined(); // no node at that address
    expect(a.attribute({ peer: '10.0.0.13', host: 'fake-node-7' })).toBeUndefined();
    expect(a.attribute({ peer: '10.0.0.13', host: '10.0.0.12' })).toBeUndefined(); // another node's address
  });
});

describe('NodeHostResolver', () => {
  /** A name server whose records the test sets: a name without one fails as ENOTFOUND does. */
  function nameServer() {
    const records = new Map<string, string[]>();
    let lookups = 0;
    const lookup = async (host: string): Promise<string[]> => {
      lookups += 1;
      const r = records.get(host);
      if (!r) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return r;
    };
    return { records, lookup, lookups: () => lookups };
  }

  it('looks a failed name up again after the retry delay (one timer, onRetry), keeps a resolved one until forget()', async () => {
    const dns = nameServer();
    let retried!: () => void;
    const retry = new Promise<void>((r) => (retried = r));
    const resolver = new NodeHostResolver({ lookup: dns.lookup, retryFailedMs: 20, onRetry: () => retried() });
    try {
      expect(await resolver.addresses('10.0.0.12')).toEqual(['10.0.0.12']);
      expect(dns.lookups()).toBe(0);
      expect(await resolver.addresses('imp-sub9.lab')).toEqual([]);
      expect(await resolver.addresses('IMP-SUB9.lab')).toEqual([]); // the failure is kept until the retry
      expect(dns.lookups()).toBe(1);
      expect(resolver.retryScheduled).toBe(true);
      dns.records.set('imp-sub9.lab', ['10.0.0.99']);
      await retry;
      expect(resolver.retryScheduled).toBe(false);
      expect(await resolver.addresses('imp-sub9.lab')).toEqual(['10.0.0.99']);
      expect(dns.lookups()).toBe(2);
      // Resolved: kept (no new lookup, no timer) until the clusters change.
      dns.records.set('imp-sub9.lab', ['10.0.0.100']);
      expect(await resolver.addresses('imp-sub9.lab')).toEqual(['10.0.0.99']);
      expect(resolver.retryScheduled).toBe(false);
      resolver.forget();
      expect(await resolver.addresses('imp-sub9.lab')).toEqual(['10.0.0.100']);
    } finally {
      resolver.dispose();
    }
  });

  it('keeps at most maxNames names; dispose clears the retry timer and a failure after it schedules none', async () => {
    const dns = nameServer();
    const resolver = new NodeHostResolver({ lookup: dns.lookup, maxNames: 2, retryFailedMs: 3_600_000, onRetry: () => expect.unreachable('no retry after dispose') });
    const pending = resolver.addresses('late.lab');
    for (const n of ['a.lab', 'b.lab', 'c.lab']) await resolver.addresses(n);
    expect(resolver.size).toBe(2);
    expect(resolver.retryScheduled).toBe(true);
    resolver.dispose();
    expect(resolver.retryScheduled).toBe(false);
    expect(await pending).toEqual([]);
    expect(resolver.retryScheduled).toBe(false);
  });
});

describe('NodeAttribution with a name resolved late', () => {
  it('a node given by a host name whose lookup failed is attributed once the name resolves (the owner rebuilds on onRetry)', async () => {
    const records = new Map<string, string[]>();
    const attribution = new NodeAttribution();
    let rebuilt!: () => void;
    const rebuiltOnce = new Promise<void>((r) => (rebuilt = r));
    const rebuild = async () => {
      const addresses = await resolver.addresses('imp-sub9.lab');
      attribution.update([{ cluster: 'lab', node: 'imp-sub9', addresses: ['imp-sub9.lab', ...addresses] }]);
    };
    const resolver = new NodeHostResolver({
      retryFailedMs: 20,
      lookup: async (h) => records.get(h) ?? Promise.reject(new Error(`getaddrinfo ENOTFOUND ${h}`)),
      onRetry: () => void rebuild().then(() => rebuilt()),
    });
    try {
      await rebuild();
      expect(attribution.attribute({ peer: '10.0.0.99', host: 'imp-sub9' })).toBeUndefined();
      records.set('imp-sub9.lab', ['10.0.0.99']);
      await rebuiltOnce;
      expect(attribution.attribute({ peer: '10.0.0.99', host: 'imp-sub9' })).toEqual({ cluster: 'lab', node: 'imp-sub9' });
    } finally {
      resolver.dispose();
    }
  });
});
