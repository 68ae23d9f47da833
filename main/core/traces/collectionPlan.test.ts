import { describe, expect, it } from 'vitest';
import { logTimeSelection, planNode, resolveRange } from './collectionPlan.js';
import type { StateNode } from './collectionState.js';
import type { TraceNodeClients } from './traceNodeClients.js';

describe('collection plan time range', () => {
  const now = Date.UTC(2026, 11, 6, 10, 0, 0);

  it('resolves a relative range back from now, an absolute one as given', () => {
    expect(resolveRange({ kind: 'relative', amount: 90, unit: 'minutes' }, now)).toEqual({ fromMs: now - 90 * 60_000, toMs: now });
    expect(resolveRange({ kind: 'relative', amount: 2, unit: 'weeks' }, now)).toEqual({ fromMs: now - 14 * 86_400_000, toMs: now });
    expect(resolveRange({ kind: 'absolute', fromMs: 1, toMs: 2, timeZone: 'UTC' }, now)).toEqual({ fromMs: 1, toMs: 2 });
  });

  it('asks the node in its own terms the first time, and for the fixed instants on resume', () => {
    expect(logTimeSelection({ kind: 'relative', amount: 3, unit: 'hours' })).toEqual({ kind: 'relative', unit: 'Hours', count: 3 });
    expect(logTimeSelection({ kind: 'relative', amount: 1, unit: 'months' })).toEqual({ kind: 'relative', unit: 'Months', count: 1 });
    expect(logTimeSelection({ kind: 'absolute', fromMs: 5, toMs: 9, timeZone: 'Asia/Shanghai' })).toEqual({ kind: 'absolute', fromMs: 5, toMs: 9 });
    expect(logTimeSelection({ kind: 'relative', amount: 3, unit: 'hours' }, { fromMs: 10, toMs: 20 })).toEqual({ kind: 'absolute', fromMs: 10, toMs: 20 });
  });
});

describe('collection plan of what a node lists', () => {
  // A node the simulator cannot model (its tree cannot hold a file and a folder of one name): the LogCollection
  // answers are given here as a broken or hostile node would give them.
  function clientsListing(paths: string[]): TraceNodeClients {
    const lc = {
      listNodeServiceLogs: async () => ({ ok: true as const, value: { node: 'n', serviceLogs: ['S'], systemLogs: [] } }),
      selectLogFiles: async () => ({ ok: true as const, value: paths.map((p) => ({ log: 'S', name: p.slice(p.lastIndexOf('/') + 1), absolutePath: `/var/log/active${p}`, size: 10, modifiedMs: 1 })) }),
    };
    return { has: () => true, logCollection: () => lc } as unknown as TraceNodeClients;
  }

  it('skips, with the reason, a path listed as a file and as a folder of others, and unsafe paths; plans the rest', async () => {
    const node: StateNode = { cluster: 'c', node: 'n', folder: 'n', planned: false, files: [] };
    const clients = clientsListing(['/x/a.log', '/x/a.log/b.log', '/x/c.log', '/x/../../etc/passwd', '/x/a.log/d/e.log']);
    await planNode({ cluster: 'c', node: 'n', serviceLogs: ['S'], systemLogs: [] }, node, { clients, range: { kind: 'relative', amount: 1, unit: 'hours' }, signal: new AbortController().signal });
    expect(node.planned).toBe(true);
    expect(node.files.filter((f) => f.state === 'pending').map((f) => f.path)).toEqual(['/x/a.log/b.log', '/x/a.log/d/e.log', '/x/c.log']);
    expect(node.files.filter((f) => f.state === 'skipped').map((f) => [f.path, f.reason])).toEqual([
      ['/var/log/active/x/../../etc/passwd', 'the node named it with a path that cannot be stored safely'],
      ['/var/log/active/x/a.log', 'the node lists it as a file and as a folder of other files'],
    ]);
  });
});
