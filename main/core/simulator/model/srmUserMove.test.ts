import { describe, expect, it } from 'vitest';
import { loadProfile } from '../profile/loadProfile.js';
import { ClusterModel } from './clusterModel.js';
import { ClusterSrm } from './clusterSrm.js';

const START = Date.UTC(2026, 10, 25, 8, 0, 0);

// While SRM is Taking Over / Taking Back, the receiving node re-creates the moving users' sessions (guide Table 3
// L2253, L2258) at the SRM login rate: its ActiveJsmSessions rises during the transition, not in one jump after it.
describe('users move during Taking Over / Taking Back', () => {
  it('the backup\'s ActiveJsmSessions rises while it takes over, and the home node\'s while it takes back', () => {
    const model = new ClusterModel(loadProfile(), { seed: 1, startMs: START });
    const srm = new ClusterSrm(model);
    const active = (n: string): number => model.counters(n).find((c) => c.object === 'Cisco Presence Engine' && c.counter === 'ActiveJsmSessions')!.value;
    model.runUntil(START + 60_000);
    const own = model.users.homedOn('imp-sub1').length;
    const moving = model.users.homedOn('imp-pub').length;
    // Sampled every 30 s: partial figures that only grow, then all of them.
    const sample = (from: number, node: string): number[] => {
      const out: number[] = [];
      for (let t = from + 30_000; t <= from + 10 * 60_000; t += 30_000) {
        model.runUntil(t);
        out.push(active(node));
      }
      return out;
    };
    expect(srm.failover('imp-pub').ok).toBe(true);
    const over = sample(START + 60_000, 'imp-sub1').map((v) => v - own);
    const partial = over.filter((v) => v > 0 && v < moving);
    expect(partial.length, `takeover samples ${over.join(',')}`).toBeGreaterThanOrEqual(3);
    expect(over).toEqual([...over].sort((a, b) => a - b));
    expect(over.at(-1)).toBe(moving);

    const t0 = START + 11 * 60_000;
    model.runUntil(t0);
    expect(srm.fallback('imp-pub').ok).toBe(true);
    const back = sample(t0, 'imp-pub');
    expect(back.filter((v) => v > 0 && v < moving).length, `take-back samples ${back.join(',')}`).toBeGreaterThanOrEqual(3);
    expect(back).toEqual([...back].sort((a, b) => a - b));
    model.runUntil(t0 + 30 * 60_000);
    expect(active('imp-pub')).toBe(moving);
    expect(active('imp-sub1')).toBe(own);
    srm.dispose();
    model.dispose();
  });
});
