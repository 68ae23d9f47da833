import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { EXECUTED_UNSUCCESSFULLY } from './cliMessages.js';
import type { HaControl } from './commandTypes.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

let model: ClusterModel;
afterEach(() => model?.dispose());

function fakeHa(log: string[]): HaControl {
  return {
    status: (g) => `Subcluster Name: ${g}\nNode 1 Name : imp-pub State: Normal\nNode 2 Name : imp-sub1 State: Normal`,
    failover: (n) => (log.push(`failover ${n}`), { ok: true, message: `Failover of ${n} initiated` }),
    fallback: (n) => (log.push(`fallback ${n}`), { ok: false, message: `${n} is not failed over` }),
    recover: (g) => (log.push(`recover ${g}`), { ok: true, message: 'Stopping services... Stopped\nStarting services... Started' }),
  };
}

describe('utils ha', () => {
  it('prints the SRM status of the node group, and the not-enabled state without an SRM', async () => {
    model = testModel();
    const log: string[] = [];
    expect((await openCli(model, 'imp-sub1', { hooks: { ha: fakeHa(log) } }).run('utils ha status')).text).toBe(
      'Subcluster Name: DefaultCUPSubcluster\nNode 1 Name : imp-pub State: Normal\nNode 2 Name : imp-sub1 State: Normal\n',
    );
    expect((await openCli(model, 'imp-sub2').run('utils ha status')).text).toBe(
      'Subcluster Name: Subcluster-2\nNode 1 Name : imp-sub2 State: Unknown Reason: High Availability Not Enabled\nNode 2 Name : imp-sub3 State: Unknown Reason: High Availability Not Enabled\n',
    );
    expect((await openCli(model, 'cucm-pub').run('utils ha status')).text).toContain('Invalid command');
  });

  it('asks (yes/no) before a failover and only acts on yes', async () => {
    model = testModel();
    const log: string[] = [];
    const c = openCli(model, 'imp-pub', { hooks: { ha: fakeHa(log) } });
    const no = await c.run('utils ha failover imp-sub1', ['no']);
    expect(no.io.questions[0]).toMatch(/moves the users of imp-sub1 to imp-pub\. Do you want to continue\? \(yes\/no\): $/);
    expect(no.text).toContain('Operation cancelled');
    expect(await c.run('utils ha failover imp-sub1')).toMatchObject({ text: expect.stringContaining('Operation cancelled') });
    expect(log).toEqual([]);
    expect((await c.run('utils ha failover IMP-SUB1', ['yes'])).text).toContain('Failover of imp-sub1 initiated\n');
    const fb = await c.run('utils ha fallback imp-sub1', ['y']);
    expect(fb.text).toContain(`imp-sub1 is not failed over\n${EXECUTED_UNSUCCESSFULLY}\n`);
    expect(log).toEqual(['failover imp-sub1', 'fallback imp-sub1']);
  });

  it('recovers a group named in any case and refuses unknown nodes, groups and a missing SRM', async () => {
    model = testModel();
    const log: string[] = [];
    const c = openCli(model, 'imp-pub', { hooks: { ha: fakeHa(log) } });
    expect((await c.run('utils ha recover defaultcupsubcluster')).text).toBe('Stopping services... Stopped\nStarting services... Started\n');
    expect(log).toEqual(['recover DefaultCUPSubcluster']);
    expect((await c.run('utils ha recover NoSuchGroup')).text).toContain(EXECUTED_UNSUCCESSFULLY);
    expect((await c.run('utils ha failover cucm-pub', ['yes'])).text).toContain(EXECUTED_UNSUCCESSFULLY);
    const bare = openCli(model, 'imp-pub');
    expect((await bare.run('utils ha failover imp-sub1', ['yes'])).text).toBe(`imp-sub1: High Availability Not Enabled\n${EXECUTED_UNSUCCESSFULLY}\n`);
    expect((await bare.run('utils ha recover DefaultCUPSubcluster')).text).toContain('High Availability Not Enabled');
  });
});
