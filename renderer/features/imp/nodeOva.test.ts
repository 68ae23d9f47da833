import { describe, expect, it } from 'vitest';
import { clusterOvaDefault, nodeCapacity } from './nodeOva.js';

describe('nodeOva', () => {
  it('nodeCapacity: 1.5 × the OVA, halved for active/active (guide L6977-7017); unknown OVA → no figure', () => {
    expect(nodeCapacity({ ova: { users: 15000, source: 'cluster' } })).toEqual({ ova: { users: 15000, source: 'cluster' }, activeActive: false, supported: 22500 });
    expect(nodeCapacity({ ova: { users: 25000, source: 'settings' }, activeActive: true }).supported).toBe(18750);
    expect(nodeCapacity({ ova: { users: 5000, source: 'cluster' }, activeActive: false }).supported).toBe(7500);
    expect(nodeCapacity({})).toEqual({ activeActive: false });
    expect(nodeCapacity({ ova: { users: 0, source: 'settings' } }).supported).toBeUndefined();
  });

  it('clusterOvaDefault: the OVA most nodes have (the larger on a tie), active/active when any node runs so', () => {
    expect(clusterOvaDefault([])).toEqual({});
    expect(clusterOvaDefault([{ ova: { users: 5000, source: 'cluster' } }, { ova: { users: 15000, source: 'cluster' } }, { ova: { users: 15000, source: 'settings' } }])).toEqual({ ovaUsers: 15000 });
    expect(clusterOvaDefault([{ ova: { users: 5000, source: 'cluster' }, activeActive: false }, { ova: { users: 25000, source: 'cluster' }, activeActive: true }])).toEqual({ ovaUsers: 25000, activeActive: true });
    expect(clusterOvaDefault([{ activeActive: false }, {}])).toEqual({ activeActive: false });
  });
});
