import type { CliIo } from '../../endpoints/ssh/cliInterpreter.js';
import { parseProfile } from '../../profile/loadProfile.js';
import type { SimProfileInput } from '../../profile/profileSchema.js';
import { ClusterModel } from '../clusterModel.js';
import type { DrsSystem } from './drsSystem.js';

/** Virtual start of DRS tests: 2026-11-25 10:00:00 UTC (a Wednesday). */
export const DRS_TEST_START = Date.UTC(2026, 10, 25, 10, 0, 0);

/** A small cluster (CUCM publisher, IM&P publisher and one subscriber, 60 users) for DRS tests. */
export function smallDrsCluster(overrides: Partial<SimProfileInput> = {}): ClusterModel {
  const profile = parseProfile({
    nodes: [
      { name: 'cucm-pub', role: 'cucm-publisher', ova: 5000, ipAddress: '127.0.10.11' },
      { name: 'imp-pub', role: 'imp-publisher', ova: 5000, ipAddress: '127.0.10.12' },
      { name: 'imp-sub1', role: 'imp-subscriber', ova: 5000, ipAddress: '127.0.10.13' },
    ],
    presenceRedundancyGroups: [{ name: 'DefaultCUPSubcluster', nodes: ['imp-pub', 'imp-sub1'] }],
    users: { count: 60 },
    ...overrides,
  });
  return new ClusterModel(profile, { seed: 7, startMs: DRS_TEST_START, tickSec: 60 });
}

/**
 * Advances virtual time in `stepMs` steps, letting real I/O (SFTP, scrypt) settle between steps, until
 * DRS is idle. Throws after `maxSteps` so a bug cannot hang a test.
 */
export async function runUntilIdle(model: ClusterModel, drs: DrsSystem, stepMs = 5_000, maxSteps = 20_000): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    if (!drs.busy) return;
    // Virtual time moves only while the job paces a component, never while it waits on real I/O (scrypt,
    // SFTP): the transcript's times do not depend on how fast this machine is.
    await waitUntil(() => !drs.busy || drs.pacing, 30_000);
    if (!drs.busy) return;
    model.scheduler.advanceBy(stepMs);
  }
  throw new Error('DRS job did not finish');
}

/** Waits (real time, at most `limitMs`) until `cond` holds, letting I/O settle; throws when it never does. */
export async function waitUntil(cond: () => boolean, limitMs = 10_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits until the running job's current component is uploading done and pacing in virtual time. */
export function waitForActiveComponent(drs: DrsSystem, op: 'backup' | 'restore' = 'backup'): Promise<void> {
  return waitUntil(() => drs.status(op)?.rows.some((r) => r.state === 'ACTIVE' && r.durationMs > 0 && r.startedMs !== undefined) ?? false);
}

/** A CliIo that records a transcript and answers questions from a queue (secret answers are not echoed). */
export class ScriptedIo implements CliIo {
  text = '';
  readonly answers: string[] = [];
  readonly questions: string[] = [];
  write(t: string): void {
    this.text += t;
  }
  readLine(q: string, options?: { secret?: boolean }): Promise<string | null> {
    this.questions.push(q);
    this.text += q;
    const a = this.answers.shift();
    // A secret answer is not echoed (as over SSH): only the line end shows.
    if (a !== undefined) this.text += options?.secret ? '\n' : `${a}\n`;
    return Promise.resolve(a ?? null);
  }
}
