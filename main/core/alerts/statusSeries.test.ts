import { describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../../shared/model/cluster.js';
import { nodeStatusSamples, STATUS_COUNTERS } from './statusSeries.js';

const node = (name: string, role: NodeStatus['role'], version: string | undefined, o: Partial<NodeStatus> = {}): NodeStatus => ({
  cluster: 'c1', name, host: name, role, reachability: 'up', protocols: { snmp: {}, soap: {}, ssh: {} }, ...(version ? { version } : {}), ...o,
});
const mismatch = (nodes: NodeStatus[]): Record<string, number | undefined> =>
  Object.fromEntries(nodes.map((n) => [n.name, nodeStatusSamples(nodes, 0).find((s) => s.node === n.name && s.counter === STATUS_COUNTERS.versionMismatch)?.value]));

describe('version mismatch series (SystemVersionMismatched)', () => {
  it('compares CUCM with CUCM and IM&P with IM&P: their builds differ by design', () => {
    expect(mismatch([node('cucm', 'cucm-publisher', '14.0.1.11900-132'), node('pub', 'imp-publisher', '14.0.1.11900-4'), node('sub', 'imp-subscriber', '14.0.1.11900-4')])).toEqual({ cucm: 0, pub: 0, sub: 0 });
  });

  it('flags the IM&P node whose version differs from the database publisher, even when it is the majority', () => {
    const nodes = [node('pub', 'imp-publisher', '14.0.1.12900-5'), node('s1', 'imp-subscriber', '14.0.1.11900-4'), node('s2', 'imp-subscriber', '14.0.1.11900-4'), node('s3', 'imp-subscriber', '14.0.1.12900-5')];
    expect(mismatch(nodes)).toEqual({ pub: 0, s1: 1, s2: 1, s3: 0 });
  });

  it('uses the most common version while the publisher version is unknown, and says nothing of nodes without one', () => {
    const nodes = [node('pub', 'imp-publisher', undefined), node('s1', 'imp-subscriber', '14.0.1.11900-4'), node('s2', 'imp-subscriber', '14.0.1.11900-4'), node('s3', 'imp-subscriber', '14.0.1.11900-2')];
    expect(mismatch(nodes)).toEqual({ pub: undefined, s1: 0, s2: 0, s3: 1 });
  });

  it('keeps clusters apart and says nothing of a node that is down', () => {
    const nodes = [node('a', 'imp-publisher', '14.0.1.11900-4'), node('b', 'imp-publisher', '12.5.1.10000-1', { cluster: 'c2' }), node('c', 'imp-subscriber', '12.5.1.10000-1', { reachability: 'down' })];
    expect(mismatch(nodes)).toEqual({ a: 0, b: 0, c: undefined });
  });
});
