/**
 * Test harness for the SRM machine: an {@link InMemorySrmEnvironment} with two nodes, a SimScheduler and the
 * machine, plus helpers that advance virtual time. Used by the srm *.test.ts files and handy for scenario sketches.
 */
import { SimScheduler } from '../../clock/simScheduler.js';
import { InMemorySrmEnvironment, type InMemorySrmNode } from './inMemorySrmEnvironment.js';
import type { SrmGroupEvent, SrmTransition } from './srmEvents.js';
import type { SrmParameters } from './srmParameters.js';
import { PresenceRedundancyGroupSrm } from './presenceRedundancyGroupSrm.js';

/** Names of the harness nodes (the guide's node 1 and node 2). */
export const NODE1 = 'imp-sub1a';
export const NODE2 = 'imp-sub1b';

/** Options of {@link createSrmHarness}. */
export interface SrmHarnessOptions {
  readonly users?: readonly [number, number];
  readonly parameters?: Partial<SrmParameters>;
  readonly haEnabled?: boolean;
  readonly start?: 'normal' | 'initializing';
  /** Flag changes applied before the machine is created. */
  readonly before?: (env: InMemorySrmEnvironment) => void;
}

/** A machine wired to plain flags, with the events it fired. */
export interface SrmHarness {
  readonly scheduler: SimScheduler;
  readonly env: InMemorySrmEnvironment;
  readonly srm: PresenceRedundancyGroupSrm;
  readonly transitions: SrmTransition[];
  readonly events: SrmGroupEvent[];
  /** Advances virtual time by `seconds`. */
  advance(seconds: number): void;
  /** Flips flags of a node, then tells SRM that inputs changed (as the cluster model does). */
  change(node: string, fn: (n: InMemorySrmNode) => void): void;
  dispose(): void;
}

/** Creates a two-node group "DefaultCluster" (600 users per node unless told). */
export function createSrmHarness(options: SrmHarnessOptions = {}): SrmHarness {
  const scheduler = new SimScheduler(Date.UTC(2024, 0, 1));
  const [u1, u2] = options.users ?? [600, 600];
  const env = new InMemorySrmEnvironment(scheduler, [{ name: NODE1, users: u1 }, { name: NODE2, users: u2 }]);
  options.before?.(env);
  const srm = new PresenceRedundancyGroupSrm(env, {
    groupName: 'DefaultCluster', nodes: [NODE1, NODE2], haEnabled: options.haEnabled ?? true,
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.start ? { start: options.start } : {}),
  });
  const transitions: SrmTransition[] = [];
  const events: SrmGroupEvent[] = [];
  const subs = [srm.onDidTransition((t) => transitions.push(t)), srm.onDidEvent((e) => events.push(e))];
  return {
    scheduler, env, srm, transitions, events,
    advance: (seconds) => scheduler.advanceBy(Math.round(seconds * 1000)),
    change: (node, fn) => {
      fn(env.node(node));
      srm.evaluate();
    },
    dispose: () => {
      for (const s of subs) s.dispose();
      srm.dispose();
    },
  };
}
