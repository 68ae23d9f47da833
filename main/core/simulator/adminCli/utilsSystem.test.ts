import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { DrsSystem } from '../model/drs/drsSystem.js';
import { REPLICATION_SETUP_MS, RestoredNodes } from '../model/drs/restoredNodes.js';
import { RESTART_SECONDS } from './commands/utilsSystem.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

// `utils system restart`, `set password user security` and `utils dbreplication reset` (design "CLI dialogue"
// 8-9), pinned as fixtures/systemCommands.txt (UPDATE_ADMIN_CLI_FIXTURES=1 rewrites it).
const FIXTURE = fileURLToPath(new URL('./fixtures/systemCommands.txt', import.meta.url));

let model: ClusterModel | undefined;
let drs: DrsSystem | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  drs?.dispose();
  model?.dispose();
  drs = undefined;
});

const secs = (s: number): number => s * 1000;

describe('utils system restart, set password user security, utils dbreplication reset', () => {
  it('prints the designed dialogues (fixture) and changes the model', async () => {
    model = testModel();
    const m = model;
    drs = new DrsSystem(model);
    const d = drs;
    const hooks = { securityPassword: { change: (o: string, n: string) => d.changeSecurityPassword(o, n) } };
    let transcript = '';
    const run = async (node: string, line: string, answers: string[] = []): Promise<'continue' | 'exit'> => {
      const r = await openCli(m, node, { hooks }).run(line, answers);
      transcript += `admin:${line}\n${r.text}`;
      return r.result;
    };
    const old = model.profile.securityPassword;
    // set password user security: refusals, then a change (passwords never appear in the output).
    await run('cucm-pub', 'set password user security', ['wrong-old', 'NewSecret99', 'NewSecret99']);
    await run('cucm-pub', 'set password user security', [old, 'NewSecret99', 'Other99999']);
    await run('cucm-pub', 'set password user security', [old, 'short', 'short']);
    await run('cucm-pub', 'set password user security', [old, 'NewSecret99', 'NewSecret99']);
    await run('cucm-pub', 'set password user security now');
    expect(() => d.changeSecurityPassword(old, 'Another123')).toThrow('The old password is incorrect.');
    // utils system restart: no, usage, yes (the session ends).
    expect(await run('imp-sub1', 'utils system restart', ['no'])).toBe('continue');
    await run('imp-sub1', 'utils system restart now');
    expect(await run('imp-sub1', 'utils system restart', ['yes'])).toBe('exit');
    expect(model.node('imp-sub1').power).toBe('shuttingDown');
    await run('imp-sub1', 'utils system restart', ['yes']);
    model.runUntil(model.now() + secs(RESTART_SECONDS) + 1000);
    expect(model.node('imp-sub1').power).toBe('on');
    // utils dbreplication reset: only on the publisher; repairs a broken node.
    model.setReplicationBroken('imp-sub2', true);
    await run('imp-sub1', 'utils dbreplication reset all');
    await run('imp-pub', 'utils dbreplication reset');
    await run('imp-pub', 'utils dbreplication reset nosuch');
    await run('imp-pub', 'utils dbreplication reset all');
    expect(model.node('imp-sub2').replicationState).toBe(0);
    model.runUntil(model.now() + 61_000);
    expect(model.node('imp-sub2').replicationState).toBe(2);
    if (process.env['UPDATE_ADMIN_CLI_FIXTURES'] === '1' || !existsSync(FIXTURE)) writeFileSync(FIXTURE, transcript);
    expect(transcript).toBe(readFileSync(FIXTURE, 'utf8'));
    expect(transcript).not.toContain('NewSecret99');
    expect(transcript).not.toContain(old);
  });

  it('an IM&P subscriber restarted while the CUCM publisher is down starts no services until restarted with it up (guide L10618)', async () => {
    model = testModel();
    model.powerOff('cucm-pub');
    expect(await openCli(model, 'imp-sub1').run('utils system restart', ['yes']).then((r) => r.result)).toBe('exit');
    model.runUntil(model.now() + secs(RESTART_SECONDS) + 60_000);
    const sub = model.node('imp-sub1');
    expect(sub.power).toBe('on');
    expect(sub.services.isRunning('A Cisco DB')).toBe(false);
    expect(sub.services.isRunning('Cisco XCP Router')).toBe(false);
    model.powerOn('cucm-pub');
    model.runUntil(model.now() + secs(RESTART_SECONDS) + 60_000);
    expect(sub.services.isRunning('A Cisco DB')).toBe(false);
    await openCli(model, 'imp-sub1').run('utils system restart', ['yes']);
    model.runUntil(model.now() + secs(RESTART_SECONDS) + 120_000);
    expect(sub.services.isRunning('A Cisco DB')).toBe(true);
    expect(sub.services.isRunning('Cisco XCP Router')).toBe(true);
  });

  it('after a restore the restarted nodes set up replication (not 2, then 2); a subscriber restarted before its first node is stuck until reset', async () => {
    model = testModel();
    // What a successful restore of these servers leaves behind (the restore job itself is tested in model/drs).
    const restored = new RestoredNodes(model);
    cleanup = () => restored.dispose();
    restored.markRestored(['imp-sub2', 'imp-pub', 'imp-sub1']);
    expect(restored.pending()).toEqual(['imp-pub', 'imp-sub2', 'imp-sub1']);
    const runtimestate = async (): Promise<string> => (await openCli(model!, 'imp-pub').run('utils dbreplication runtimestate')).text;
    // imp-sub2 restarted before the IM&P publisher: replication setup fails there.
    await openCli(model, 'imp-sub2').run('utils system restart', ['yes']);
    model.runUntil(model.now() + secs(RESTART_SECONDS) + 1000);
    expect(model.node('imp-sub2').replicationState).toBe(4);
    await openCli(model, 'imp-pub').run('utils system restart', ['yes']);
    model.runUntil(model.now() + secs(RESTART_SECONDS) + 1000);
    await openCli(model, 'imp-sub1').run('utils system restart', ['yes']);
    model.runUntil(model.now() + secs(RESTART_SECONDS) + 1000);
    expect(restored.pending()).toEqual([]);
    expect(await runtimestate()).toMatch(/^imp-sub1 .*\(1\) Setup Fired$/m);
    model.runUntil(model.now() + REPLICATION_SETUP_MS + 61_000);
    const after = await runtimestate();
    expect(after).toMatch(/^imp-sub1 .*\(2\) Setup Completed$/m);
    expect(after).toMatch(/^imp-sub2 .*\(4\) Setup Failed$/m);
    await openCli(model, 'imp-pub').run('utils dbreplication reset all');
    model.runUntil(model.now() + 61_000);
    expect(await runtimestate()).toContain('No Errors or Mismatches found.');
  });
});
