import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../base/errors.js';
import type { CliIo } from './cliIo.js';
import { failureLine } from './failureLine.js';
import { runImp } from './impProgram.js';
import { addFormatOptions, formatOf, renderRows, type Column } from './outputFormat.js';
import { addSecretOption, readSecretOption } from './secretOptions.js';
import { defineVerb, type AreaDefinition } from './verb.js';
import { whereOf } from './whereOptions.js';

interface Row {
  readonly name: string;
  readonly count: number | null;
}

const columns: Column<Row>[] = [
  { header: 'NAME', value: (r) => r.name },
  { header: 'COUNT', value: (r) => r.count },
];

function io(env: NodeJS.ProcessEnv = {}): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdout, stderr, stdin: new PassThrough(), env, interactive: false, out: () => out, err: () => err };
}

describe('output formats', () => {
  const rows: Row[] = [{ name: 'imp-pub', count: 3 }, { name: 'a "quoted", name', count: null }];

  it('renders a padded table, RFC 4180 CSV and the JSON form', () => {
    expect(renderRows(rows, columns, 'table')).toBe('NAME              COUNT\nimp-pub           3\na "quoted", name  -\n');
    expect(renderRows(rows, columns, 'csv')).toBe('NAME,COUNT\nimp-pub,3\n"a ""quoted"", name",\n');
    expect(JSON.parse(renderRows(rows, columns, 'json', (r) => ({ n: r.name })))).toEqual([{ n: 'imp-pub' }, { n: 'a "quoted", name' }]);
    expect(renderRows([], columns, 'json')).toBe('[]\n');
  });

  it('--json means --format json, table by default', () => {
    const cmd = addFormatOptions(new Command().exitOverride());
    expect(formatOf(cmd.parse(['--json'], { from: 'user' }).opts())).toBe('json');
    expect(formatOf(addFormatOptions(new Command()).parse(['--format', 'csv'], { from: 'user' }).opts())).toBe('csv');
    expect(formatOf(addFormatOptions(new Command()).parse([], { from: 'user' }).opts())).toBe('table');
  });
});

describe('where options', () => {
  it('resolves relative paths against the folder the command was typed in (npm run names it in INIT_CWD)', () => {
    const w = whereOf({ config: 'lab.yaml', dataDir: '../state' }, { INIT_CWD: '/home/op/site', IMP_MONITOR_STATE_DIR: '/x' });
    expect(w).toEqual({ configPath: '/home/op/site/lab.yaml', dataDir: '/home/op/state' });
    // The default data folder is the app's, as the app reads it (from its own working folder), not the caller's.
    expect(whereOf({ endpoints: '/tmp/e.json' }, { INIT_CWD: '/home/op', IMP_MONITOR_STATE_DIR: '/srv/imp' })).toEqual({ endpointsPath: '/tmp/e.json', dataDir: '/srv/imp' });
  });
});

describe('failure lines', () => {
  it('puts a multi-line message on one line with its code', () => {
    expect(failureLine(new AppError('VALIDATION', 'collector config x.yaml is not valid:\n  - clusters.0.id: bad\n  - clusters.0.admin: Required'))).toBe(
      'VALIDATION: collector config x.yaml is not valid: clusters.0.id: bad; clusters.0.admin: Required',
    );
    expect(failureLine(new Error('plain'))).toBe('plain');
  });
});

describe('secret options', () => {
  const cmd = (): Command => addSecretOption(new Command().exitOverride().configureOutput({ writeErr: () => undefined }), 'security-password', 'the cluster security password');

  it('reads the secret from the variable --<name>-env names, never from the argument itself', async () => {
    const opts = cmd().parse(['--security-password-env', 'SEC_PW'], { from: 'user' }).opts();
    await expect(readSecretOption(io({ SEC_PW: 's3cret' }), opts, 'security-password', 'the cluster security password')).resolves.toBe('s3cret');
    await expect(readSecretOption(io({}), opts, 'security-password', 'x')).rejects.toThrow(/environment variable SEC_PW \(--security-password-env\) is not set/);
    const literal = cmd().parse(['--security-password-env', 'p@ss word!'], { from: 'user' }).opts();
    await expect(readSecretOption(io({}), literal, 'security-password', 'x')).rejects.toThrow(/takes the name of an environment variable, not the secret itself/);
    expect(() => cmd().parse(['--security-password', 'x'], { from: 'user' })).toThrow(/unknown option/);
  });

  it('asks at a terminal only: without one the error says how to give it', async () => {
    const opts = cmd().parse([], { from: 'user' }).opts();
    await expect(readSecretOption(io({}), opts, 'security-password', 'the cluster security password')).rejects.toThrow(
      /the cluster security password is needed: give it with --security-password-env VAR \(no terminal to ask on\)/,
    );
  });
});

describe('a verb plugged into the conventions', () => {
  const area: AreaDefinition = {
    name: 'things',
    summary: 'test things',
    verbs: [
      defineVerb<{ fail?: boolean; secretEnv?: string }, Row>({
        name: 'list',
        summary: 'lists things',
        output: true,
        secrets: [{ name: 'secret', what: 'a secret' }],
        options: (c) => void c.option('--fail', 'fail'),
        run: async (ctx) => {
          if (ctx.options.fail) throw new AppError('PRECONDITION', 'it failed\non two lines');
          const s = await ctx.secret('secret');
          ctx.log('progress');
          return { rows: [{ name: s, count: 1 }], columns };
        },
      }),
    ],
  };

  it('prints data on stdout and progress on stderr, exit 0', async () => {
    const x = io({ S: 'value' });
    expect(await runImp(['things', 'list', '--secret-env', 'S', '--format', 'csv'], [area], x)).toBe(0);
    expect(x.out()).toBe('NAME,COUNT\nvalue,1\n');
    expect(x.err()).toBe('progress\n');
  });

  it('gives a verb its positional arguments, and lets a verb write stdout itself', async () => {
    const withArg: AreaDefinition = {
      name: 'things',
      summary: 'test things',
      verbs: [
        defineVerb<Record<string, unknown>, Row>({
          name: 'show',
          summary: 'shows a thing',
          options: (c) => void c.argument('<NAME>', 'its name'),
          run: async (ctx) => {
            ctx.io.stdout.write(`written ${ctx.args.join(' ')}\n`);
            return { rows: [{ name: 'not printed', count: 0 }], columns, written: true };
          },
        }),
      ],
    };
    const x = io();
    expect(await runImp(['things', 'show', 'imp-pub'], [withArg], x)).toBe(0);
    expect(x.out()).toBe('written imp-pub\n');
    const missing = io();
    expect(await runImp(['things', 'show'], [withArg], missing)).toBe(2);
    expect(missing.err()).toMatch(/missing required argument 'NAME'/);
  });

  it('exit 1 with one line, 2 with the usage and nothing on stdout', async () => {
    const failed = io({ S: 'v' });
    expect(await runImp(['things', 'list', '--fail'], [area], failed)).toBe(1);
    expect(failed.out()).toBe('');
    expect(failed.err()).toBe('imp: PRECONDITION: it failed; on two lines\n');
    const usage = io();
    expect(await runImp(['things', 'list', '--format', 'yaml'], [area], usage)).toBe(2);
    expect(usage.out()).toBe('');
    expect(usage.err()).toMatch(/argument 'yaml' is invalid[\s\S]*Usage: imp things list/);
    const help = io();
    expect(await runImp(['things', 'list', '--help'], [area], help)).toBe(0);
    expect(help.out()).toMatch(/--secret-env <VAR>\s+environment variable holding a secret/);
  });
});
