import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { ADMIN_COMMANDS } from './adminCli.js';
import { EXECUTED_UNSUCCESSFULLY } from './cliMessages.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

let model: ClusterModel;
afterEach(() => model?.dispose());

describe('admin CLI interpreter', () => {
  it('has the admin: prompt and a banner built from the node hardware', () => {
    model = testModel();
    const { cli } = openCli(model, 'imp-sub1');
    expect(cli.prompt).toBe('admin:');
    const m = model.node('imp-sub1').metrics;
    expect(cli.banner()).toContain(`${m.cpus} vCPU`);
    expect(cli.banner()).toContain(`${Math.round(m.memoryTotalKb / 1024)} Mbytes RAM`);
  });

  it('answers unknown, incomplete and malformed commands with the CLI error text, never a rejection', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    expect((await c.run('foo bar')).text).toBe(`Invalid command: foo bar\n${EXECUTED_UNSUCCESSFULLY}\n`);
    const incomplete = await c.run('utils service');
    expect(incomplete.text).toContain('utils service list');
    expect(incomplete.text).toContain(EXECUTED_UNSUCCESSFULLY);
    expect((await c.run('show perf query counter "Cisco Presence')).text).toContain('Unbalanced quote');
    for (const line of ['show status extra', 'utils users validate everything', 'file build log', 'set cli pagination maybe', '\u0000\u0001']) {
      const r = await c.run(line);
      expect(r.result).toBe('continue');
      expect(r.text).toMatch(/Executed command unsuccessfully|Invalid command/);
    }
  });

  it('leaves on quit and exit, matches words in any case and counts commands for show myself', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    expect((await c.run('quit')).result).toBe('exit');
    expect((await c.run('EXIT')).result).toBe('exit');
    expect((await c.run('SHOW Version ACTIVE')).text).toContain(`Active Master Version: ${model.profile.version}`);
    const me = await c.run('show myself');
    expect(me.text).toContain('Machine Name    : imp-pub');
    expect(me.text).toContain('account name    : admin');
    expect(me.text).toContain('command count   : 4');
  });

  it('lists every command for help and ?, and completions for a prefix', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    const help = (await c.run('help')).text;
    for (const spec of ADMIN_COMMANDS) expect(help).toContain(spec.syntax);
    expect((await c.run('?')).text).toBe(help);
    const perf = (await c.run('show perf ?')).text;
    expect(perf).toContain('show perf query counter');
    expect(perf).not.toContain('utils service list');
  });

  it('paginates long output only in interactive sessions with pagination on', async () => {
    model = testModel();
    const interactive = openCli(model, 'imp-pub', { interactive: true });
    const paged = await interactive.run('utils service list', ['q']);
    expect(paged.io.questions).toHaveLength(1);
    expect(paged.io.questions[0]).toMatch(/^options: q=quit, n=next, p=prev, b=begin, e=end \(lines 1 - 20 of \d+\) : $/);
    expect(paged.text).not.toContain('Primary Node');
    expect((await interactive.run('set cli pagination off')).text).toBe('Automatic pagination is turned off\n');
    const unpaged = await interactive.run('utils service list');
    expect(unpaged.io.questions).toHaveLength(0);
    expect(unpaged.text).toContain('Primary Node =true');
    const exec = openCli(model, 'imp-pub', { interactive: false });
    const execOut = await exec.run('utils service list');
    expect(execOut.io.questions).toHaveLength(0);
    expect(execOut.text).toBe(unpaged.text);
  });

  it('hands utils disaster_recovery to the DRS hook, or prints the Master Agent error without one', async () => {
    model = testModel();
    const seen: string[][] = [];
    const withDrs = openCli(model, 'imp-pub', {
      hooks: {
        drs: async (args, io) => {
          seen.push(args);
          io.write('drfCliMsg: No backup status available\n');
        },
      },
    });
    expect((await withDrs.run('utils disaster_recovery status backup')).text).toBe('drfCliMsg: No backup status available\n');
    expect(seen).toEqual([['status', 'backup']]);
    const without = await openCli(model, 'imp-pub').run('utils disaster_recovery status backup');
    expect(without.text).toContain('Unable to connect to Master Agent host: imp-pub, Port: 4040.');
    expect(without.text).toContain(EXECUTED_UNSUCCESSFULLY);
  });
});
