import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { EXECUTED_UNSUCCESSFULLY } from './cliMessages.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

let model: ClusterModel;
afterEach(() => model?.dispose());

function sample(node: string, object: string, counter: string, instance = ''): number {
  const s = model.counters(node).find((c) => c.object === object && c.counter === counter && c.instance === instance);
  if (!s) throw new Error(`no ${object}(${instance})\\${counter}`);
  return Math.round(s.value);
}

describe('show perf', () => {
  it('query counter equals the model counter, quoted or as the guide prints it unquoted', async () => {
    model = testModel();
    model.runUntil(model.now() + 600_000);
    const c = openCli(model, 'imp-sub1');
    const want = sample('imp-sub1', 'Cisco Presence Engine', 'ActiveJsmSessions');
    expect(want).toBeGreaterThan(0);
    const quoted = (await c.run('show perf query counter "Cisco Presence Engine" ActiveJsmSessions')).text;
    expect(quoted).toBe(`\n - Perf class Cisco Presence Engine(ActiveJsmSessions) has values:\n     -> ActiveJsmSessions = ${want}\n`);
    expect((await c.run('show perf query counter Cisco Presence Engine Active JsmSessions')).text).toBe(quoted);
  });

  it('follows the model after a Presence Engine crash', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    model.node('imp-pub').services.crash('Cisco Presence Engine');
    model.runUntil(model.now() + 30_000);
    const got = (await c.run('show perf query counter "Cisco Presence Engine" ActiveJsmSessions')).text;
    expect(got).toContain(`-> ActiveJsmSessions = ${sample('imp-pub', 'Cisco Presence Engine', 'ActiveJsmSessions')}`);
  });

  it('lists one line per instance for a multi-instance counter and for query class', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    const cpu = (await c.run('show perf query counter Processor "% CPU Time"')).text;
    const cpus = model.node('imp-pub').metrics.cpus;
    expect(cpu.split('\n').filter((l) => l.includes('-> % CPU Time ='))).toHaveLength(cpus + 1);
    expect(cpu).toContain(`     _Total -> % CPU Time = ${sample('imp-pub', 'Processor', '% CPU Time', '_Total')}`);
    const mem = (await c.run('show perf query class Memory')).text;
    expect(mem).toMatch(/^==>query class :\n\n- Perf class \(Memory\) has values:\n/);
    expect(mem).toContain(`-> ${'Total KBytes'.padEnd(31)}= ${model.node('imp-pub').metrics.memoryTotalKb}`);
    const inst = (await c.run('show perf query instance Partition Common')).text;
    expect(inst).toContain(`Common           -> ${'Used Mbytes'.padEnd(31)}= ${sample('imp-pub', 'Partition', 'Used Mbytes', 'Common')}`);
    const path = (await c.run('show perf query path \\\\imp-pub\\Partition(Active)\\% Used')).text;
    expect(path).toContain(`     Active -> % Used = ${sample('imp-pub', 'Partition', '% Used', 'Active')}`);
  });

  it('lists classes, counters, instances and categories, and gives counter help', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    const classes = (await c.run('show perf list classes')).text;
    expect(classes).toContain('   Class: Cisco XCP JSM\n');
    expect((await openCli(model, 'cucm-pub').run('show perf list classes')).text).not.toContain('Cisco XCP JSM');
    expect((await c.run('show perf list counters "Cisco XCP MDM"')).text).toContain('   Counter: MDMBufferFlushes\n');
    expect((await c.run('show perf list instances Processor')).text).toContain('   Instance: _Total\n');
    expect((await c.run('show perf list categories')).text).toContain('   Cat: IM and Presence\n');
    const help = (await c.run('show perf counterhelp "Cisco Presence Engine" ActiveJsmSessions')).text;
    expect(help).toContain('should always equal the number of licensed users');
    // Citations belong in code comments, never in what a node prints.
    expect(help).not.toMatch(/guide|\bL\d+/);
  });

  it('fails with the CLI error for an unknown class, counter or instance', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    for (const line of ['show perf query counter "Cisco XCP JSM Session Counters" JsmSessionMessagesOut', 'show perf query counter Memory Bogus', 'show perf query instance Processor 99', 'show perf query class Nope', 'show perf query counter Memory']) {
      expect((await c.run(line)).text).toContain(EXECUTED_UNSUCCESSFULLY);
    }
  });
});
