import { describe, expect, it } from 'vitest';
import { SimScheduler } from '../../clock/simScheduler.js';
import { NodeServices } from './nodeServices.js';
import { IMP_SERVICES } from './serviceCatalog.js';

const ROUTER = 'Cisco XCP Router';

function bootedNode(): { services: NodeServices; scheduler: SimScheduler } {
  const scheduler = new SimScheduler(0);
  const services = new NodeServices('imp-sub3', IMP_SERVICES, scheduler, 1000);
  services.startAll();
  scheduler.advanceBy(120_000);
  return { services, scheduler };
}

const xcpDependants = IMP_SERVICES.filter((s) => s.activatedByDefault && s.dependsOn?.includes(ROUTER)).map((s) => s.name);

describe('NodeServices restart (guide L1788, L8072)', () => {
  it('restarting Cisco XCP Router brings back the XCP services that depend on it', () => {
    const { services, scheduler } = bootedNode();
    expect(xcpDependants).toHaveLength(5);
    for (const d of xcpDependants) expect(services.get(d)!.status).toBe('Started');
    const seen: string[] = [];
    services.onDidChange((c) => seen.push(`${c.service}:${c.current}`));

    expect(services.restart(ROUTER).ok).toBe(true);
    // Dependants stop first (guide L1788), then the router.
    expect(services.get(ROUTER)!.status).toBe('Stopping');
    scheduler.advanceBy(120_000);

    expect(services.get(ROUTER)!.status).toBe('Started');
    for (const d of xcpDependants) expect(services.get(d)!.status, d).toBe('Started');
    // Order: the router is Started before any dependant starts again.
    const routerStarted = seen.indexOf(`${ROUTER}:Started`);
    for (const d of xcpDependants) expect(seen.indexOf(`${d}:Starting`)).toBeGreaterThan(routerStarted);
    services.dispose();
  });

  it('a dependant an admin stopped before the restart stays stopped', () => {
    const { services, scheduler } = bootedNode();
    services.stop('Cisco XCP Text Conference Manager');
    scheduler.advanceBy(10_000);
    services.restart(ROUTER);
    scheduler.advanceBy(120_000);
    expect(services.get('Cisco XCP Text Conference Manager')!.status).toBe('Stopped');
    expect(services.get('Cisco XCP Connection Manager')!.status).toBe('Started');
    services.dispose();
  });

  it('a router that fails to start leaves its dependants stopped (and the restart ends)', () => {
    const { services, scheduler } = bootedNode();
    services.failToStart.add(ROUTER);
    services.restart(ROUTER);
    scheduler.advanceBy(120_000);
    expect(services.get(ROUTER)!.status).toBe('Stopped');
    for (const d of xcpDependants) expect(services.get(d)!.status).toBe('Stopped');
    services.failToStart.delete(ROUTER);
    // A later plain start of the router does not replay the old restart's dependants.
    services.start(ROUTER);
    scheduler.advanceBy(60_000);
    expect(services.get('Cisco XCP Connection Manager')!.status).toBe('Stopped');
    services.dispose();
  });

  it('restarting a stopped service starts it; an unknown one is refused', () => {
    const { services, scheduler } = bootedNode();
    services.stop('Cisco AMC Service');
    scheduler.advanceBy(10_000);
    expect(services.restart('cisco amc service').ok).toBe(true);
    scheduler.advanceBy(30_000);
    expect(services.get('Cisco AMC Service')!.status).toBe('Started');
    expect(services.restart('No Such Service')).toEqual({ ok: false, message: 'Service not found: No Such Service' });
    services.dispose();
  });
});
