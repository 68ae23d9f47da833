import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

// `run pe sql ttlogin … clientsessions` (serviceability-reference D.4; columns designed, reports-design.md): the
// rows are exactly the devices the node counted in Cisco XCP JSM\JsmClientSessionsActive at the last refresh.

let model: ClusterModel;
afterEach(() => model?.dispose());

function counter(node: string): number {
  return model.counters(node).find((c) => c.object === 'Cisco XCP JSM' && c.counter === 'JsmClientSessionsActive')!.value;
}

async function sessionRows(node: string): Promise<string[][]> {
  const text = (await openCli(model, node).run('run pe sql ttlogin select userid, devicetype, logintime from clientsessions')).text;
  expect(text.split('\n')[1]).toMatch(/^=+ =+ =+$/);
  return text.replace(/\n$/, '').split('\n').slice(2).map((l) => l.split(/ +/));
}

describe('run pe sql ttlogin', () => {
  it('lists as many sessions as each IM&P node counts in JsmClientSessionsActive, after ticks', async () => {
    model = testModel();
    model.runUntil(model.now() + 30 * 60_000);
    for (const n of model.impNodes()) {
      const rows = await sessionRows(n.name);
      expect(counter(n.name), n.name).toBeGreaterThan(0);
      expect(rows.length, n.name).toBe(counter(n.name));
      for (const [userid, devicetype] of rows.slice(0, 100)) {
        const u = model.users.find(userid!)!;
        expect(model.hosting.hostOf(u.homeNode!)).toBe(n.name);
        expect(u.devices).toContain(devicetype);
      }
    }
  });

  it('login times are when the device logged in (virtual time, UTC), never in the future', async () => {
    model = testModel();
    model.runUntil(model.now() + 10 * 60_000);
    const rows = await sessionRows('imp-sub1');
    const now = model.now();
    const times = rows.map((r) => Date.parse(`${r[2]}T${r[3]}Z`));
    for (const t of times) {
      expect(t).toBeLessThanOrEqual(now);
      expect(t).toBeGreaterThan(now - 7 * 3_600_000);
    }
    // Some logged in during the ten minutes the clock ran.
    expect(times.some((t) => t > now - 10 * 60_000)).toBe(true);
  });

  it('follows the counter when users move: a failed-over node serves its peer\'s users, the peer none', async () => {
    model = testModel();
    // The users homed on imp-pub are served by imp-sub1 from now on (what SRM does on failover; HA peers keep
    // dual connections so the clients move at once).
    model.node('imp-pub').services.stop('Cisco XCP Router', 'srm');
    model.hosting.move('imp-pub', 'imp-sub1', model.now());
    model.runUntil(model.now() + 60_000);
    const pub = await sessionRows('imp-pub');
    const sub = await sessionRows('imp-sub1');
    expect(pub).toHaveLength(0);
    expect(counter('imp-pub')).toBe(0);
    expect(sub.length).toBe(counter('imp-sub1'));
    expect(sub.some(([userid]) => model.users.find(userid!)!.homeNode === 'imp-pub')).toBe(true);
  });

  it('differs from the counter by the inflation factor of a runaway client', async () => {
    model = testModel();
    model.setSessionInflation('imp-sub2', 3);
    model.runUntil(model.now() + 10_000);
    const rows = await sessionRows('imp-sub2');
    expect(counter('imp-sub2')).toBe(Math.round(rows.length * 3));
  });

  it('is no command on the CUCM publisher, and ttlogin is the only datastore', async () => {
    model = testModel();
    expect((await openCli(model, 'cucm-pub').run('run pe sql ttlogin select * from clientsessions')).text).toMatch(/^Invalid command: run pe sql ttlogin select \* from clientsessions\nExecuted command unsuccessfully\n$/);
    const c = openCli(model, 'imp-pub');
    expect((await c.run('run pe sql other select * from clientsessions')).text).toContain('Invalid datastore: other');
    expect((await c.run('run pe sql ttlogin select * from enduser')).text).toContain('-206: The specified table (enduser) is not in the database.');
    const count = (await c.run('run pe sql ttlogin select count(*) from clientsessions')).text;
    expect(count).toBe(`(count(*))\n==========\n${counter('imp-pub')}\n`);
  });
});
