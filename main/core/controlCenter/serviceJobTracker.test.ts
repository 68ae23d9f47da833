import { describe, expect, it } from 'vitest';
import { ServiceJobTracker, type ObservedService } from './serviceJobTracker.js';

const R = 'Cisco XCP Router';
const DEPS = ['Cisco XCP Connection Manager', 'Cisco XCP Web Connection Manager', 'Cisco XCP Text Conference Manager', 'Cisco XCP File Transfer Manager', 'Cisco XCP Authentication Service'];
const node = (router: ObservedService['status'], deps: ObservedService['status']): ObservedService[] => [
  { name: 'Cisco AMC Service', status: 'Started' },
  { name: R, status: router },
  ...DEPS.map((name) => ({ name, status: deps })),
];

describe('ServiceJobTracker', () => {
  it('restart of Cisco XCP Router: observed steps, and success only once the dependants are Started again', () => {
    const t = new ServiceJobTracker('Restart', R, node('Started', 'Started'));
    const keys: string[] = [];
    const feed = (n: ObservedService[]) => {
      const u = t.observe(n);
      keys.push(...u.steps.map((s) => `${s.key}:${s.state}`));
      return u;
    };
    expect(feed(node('Stopping', 'Stopped')).done).toBeUndefined();
    expect(feed(node('Stopped', 'Stopped')).done).toBeUndefined();
    expect(feed(node('Starting', 'Stopped')).done).toBeUndefined();
    // The router is back but its dependants are not: not done.
    expect(feed(node('Started', 'Stopped')).done).toBeUndefined();
    expect(feed(node('Started', 'Starting')).done).toBeUndefined();
    expect(feed(node('Started', 'Started')).done).toEqual({ problems: [] });
    // Each active step is closed when the next is observed (the runner replaces it in place).
    expect(keys).toEqual(['stopping:active', 'dependants:active', 'stopping:done', 'stopped:done', 'starting:active', 'starting:done', 'started:done', 'dependants:done', 'dependantsBack:done', 'verified:done']);
    expect(t.dependants).toEqual(DEPS);
  });

  it('dependants that stay Stopped (the simulator before the fix) end the job with problems naming them', () => {
    const t = new ServiceJobTracker('Restart', R, node('Started', 'Started'));
    t.observe(node('Stopping', 'Stopped'));
    t.observe(node('Starting', 'Stopped'));
    expect(t.observe(node('Started', 'Stopped')).done).toBeUndefined();
    const end = t.finish(node('Started', 'Stopped'));
    expect(end.done?.problems).toEqual(DEPS);
    expect(end.steps.map((s) => `${s.key}:${s.state}`)).toEqual(['dependants:done', 'dependantsBack:failed']);
    expect(end.steps[1]!.detail).toEqual({ key: 'step.dependantsNotBack', params: { services: DEPS.join(', ') } });
  });

  it('a state passed between two reads is recorded as passed; a Started read before anything moved is not the end', () => {
    const t = new ServiceJobTracker('Restart', 'Cisco AMC Service', node('Started', 'Started'));
    expect(t.observe(node('Started', 'Started'))).toEqual({ steps: [] });
    const u = t.observe([{ name: 'Cisco AMC Service', status: 'Starting' }]);
    expect(u.steps.map((s) => `${s.key}:${s.state}`)).toEqual(['stopping:done', 'stopped:done', 'starting:active']);
  });

  it('a start that fails ends at once with the service as the problem', () => {
    const t = new ServiceJobTracker('Start', R, node('Stopped', 'Stopped'));
    t.observe(node('Starting', 'Stopped'));
    const u = t.observe(node('Stopped', 'Stopped'));
    expect(u.done).toEqual({ problems: [R] });
    expect(u.steps.at(-1)).toMatchObject({ key: 'started', state: 'failed' });
  });

  it('a stop succeeds when the service is Stopped (its dependants stopping is expected, guide L1788)', () => {
    const t = new ServiceJobTracker('Stop', R, node('Started', 'Started'));
    expect(t.observe(node('Stopping', 'Stopped')).done).toBeUndefined();
    expect(t.observe(node('Stopped', 'Stopped')).done).toEqual({ problems: [] });
  });
});
