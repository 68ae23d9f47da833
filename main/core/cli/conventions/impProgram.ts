import { Command, CommanderError } from 'commander';
import { AsyncDisposableStore } from '../../base/disposable.js';
import { exitCodeOf, USAGE_EXIT_CODE } from '../../base/commandLine.js';
import type { CliIo } from './cliIo.js';
import { failureLine } from './failureLine.js';
import { openClusters } from './openClusters.js';
import { addFormatOptions, formatOf, renderRows } from './outputFormat.js';
import { addSecretOption, readSecretOption } from './secretOptions.js';
import type { AreaDefinition, VerbContext, VerbDefinition } from './verb.js';
import { addWhereOptions, whereOf } from './whereOptions.js';

const CONVENTIONS = `
Conventions (every verb):
  Where it acts   --config FILE     the clusters of a collector config (as npm run collector)
                  --endpoints FILE  a running \`npm run sim -- --endpoints-file FILE\`
                  neither           the embedded simulated cluster, started in this process on free ports
                  --data-dir DIR    state folder (default: the app's, $IMP_MONITOR_STATE_DIR or ~/.imp-monitor)
  Output          --format table|csv|json (table by default), --json = --format json; data on stdout only,
                  progress and messages on stderr
  Secrets         only --<name>-env VAR (the name of an environment variable) or a prompt at a terminal;
                  a config's { env: NAME } secrets are asked for at a terminal when NAME is not set
  Exit codes      0 success; 1 failure, with one line on stderr; 2 bad usage, with the usage text`;

/** Builds `imp` from its areas; every verb's outcome (exit code) goes to `setExitCode`. */
export function buildImpProgram(areas: readonly AreaDefinition[], io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('imp')
    .usage('<area> <verb> [options]   (npm run imp -- <area> <verb> [options])')
    .description('IMP Monitor on the command line: every capability a person may script.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) })
    .showHelpAfterError()
    .helpCommand(false)
    .addHelpText('after', CONVENTIONS);
  for (const area of areas) {
    const areaCmd = program.command(area.name).description(area.summary).usage('<verb> [options]');
    for (const verb of area.verbs) addVerb(areaCmd, verb, io, setExitCode);
  }
  return program;
}

function addVerb(areaCmd: Command, verb: VerbDefinition, io: CliIo, setExitCode: (code: number) => void): void {
  const cmd = areaCmd.command(verb.name).description(verb.summary).allowExcessArguments(false);
  verb.options?.(cmd);
  if (verb.where) addWhereOptions(cmd);
  if (verb.output) addFormatOptions(cmd);
  for (const s of verb.secrets ?? []) addSecretOption(cmd, s.name, s.what);
  if (verb.help) cmd.addHelpText('after', `\n${verb.help}`);
  // commander passes the positional arguments first, then the options, then the command itself (last).
  cmd.action(async (...params: unknown[]) => setExitCode(await runVerb(verb, params[params.length - 1] as Command, io)));
}

async function runVerb(verb: VerbDefinition, cmd: Command, io: CliIo): Promise<number> {
  const options = cmd.opts();
  const log = (line: string): void => void io.stderr.write(`${line}\n`);
  const opened = new AsyncDisposableStore();
  const ctx: VerbContext<Record<string, unknown>> = {
    io,
    options,
    args: cmd.processedArgs.map(String),
    where: whereOf(options, io.env),
    log,
    openClusters: async () => opened.add(await openClusters(ctx.where, io, log)),
    secret: (name) => {
      const s = verb.secrets?.find((x) => x.name === name);
      if (!s) throw new RangeError(`verb ${verb.name} declares no secret ${name}`);
      return readSecretOption(io, options, s.name, s.what);
    },
    usageError: (message) => cmd.error(message, { exitCode: USAGE_EXIT_CODE, code: 'imp.usage' }),
  };
  let code = 0;
  try {
    const result = await verb.run(ctx);
    if (!result.written) io.stdout.write(renderRows(result.rows, result.columns, verb.output ? formatOf(options) : 'table', result.json));
    if (result.failure !== undefined) {
      log(`imp: ${result.failure}`);
      code = 1;
    }
  } catch (err) {
    if (err instanceof CommanderError) throw err;
    log(`imp: ${failureLine(err)}`);
    code = 1;
  } finally {
    try {
      await opened.dispose();
    } catch (err) {
      log(`imp: while closing: ${failureLine(err)}`);
      code = 1;
    }
  }
  return code;
}

/** Runs `imp` with argv (without node and script); resolves to the exit code (0, 1 or 2). */
export async function runImp(argv: readonly string[], areas: readonly AreaDefinition[], io: CliIo): Promise<number> {
  let code = 0;
  const program = buildImpProgram(areas, io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return exitCodeOf(err);
    io.stderr.write(`imp: ${failureLine(err)}\n`);
    return 1;
  }
  return code;
}
