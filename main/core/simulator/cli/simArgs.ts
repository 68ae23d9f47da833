import { Command, Option } from 'commander';
import { numberArg, parseCommandLine, typedPath } from '../../base/commandLine.js';
import { AppError } from '../../base/errors.js';

/** Options of `npm run sim`. */
export interface SimArgs {
  readonly profile?: string;
  readonly scenario?: string;
  readonly speed: number;
  readonly seed: number;
  readonly endpointsFile?: string;
  readonly basePort?: number;
  readonly help: boolean;
}

const ABOUT =
  "Starts the simulated IM and Presence cluster on loopback (each node on its own 127.0.0.0/8 address, the profile's " +
  'endpoints.addressBase + node index; 127.0.0.1 with per-node ports where the OS has no 127/8 aliases) and prints ' +
  "every node's endpoints.";

/** The command line of `npm run sim` (commander; the simulator's own, it shares only main/core/base with the monitor's). */
function simCommand(): Command {
  const trunc = (parse: (v: string) => number) => (v: string) => Math.trunc(parse(v));
  return new Command('npm run sim --')
    .usage('[--profile FILE] [--scenario FILE|NAME] [--speed N] [--seed N]\n                     [--endpoints-file PATH] [--base-port N]')
    .description(ABOUT)
    .addOption(new Option('--profile <FILE>', 'cluster profile (JSON or YAML); default: the shipped 5-node profile'))
    .addOption(new Option('--scenario <FILE|NAME>', 'timeline of faults to play (a file, or a shipped scenario name; "demo" by default with npm start, none with npm run sim)'))
    .addOption(new Option('--speed <N>', 'virtual seconds per real second (1 = real time)').argParser(numberArg(0.001, 100_000, '--speed must be a number from 0.001 to 100000')).default(1, '1'))
    .addOption(new Option('--seed <N>', 'seed of every random series; same seed + scenario = same series').argParser(trunc(numberArg(0, 2 ** 32 - 1, `--seed must be a number from 0 to ${2 ** 32 - 1}`))).default(1, '1'))
    .addOption(new Option('--endpoints-file <PATH>', 'write the endpoints as JSON once every endpoint listens'))
    .addOption(
      new Option('--base-port <N>', 'first port (default from the profile: 42000): SSH N, SNMP N+1, HTTPS SOAP N+2 on every node, backup SFTP N+99; 0 = free ports (free on every node address)').argParser(
        trunc(numberArg(0, 65_000, '--base-port must be a number from 0 to 65000')),
      ),
    )
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false);
}

/** Usage text of `npm run sim`. */
export function simUsage(): string {
  return simCommand().helpInformation().trimEnd();
}

/** Parses `npm run sim` arguments; throws AppError('VALIDATION') with the usage for bad ones. */
export function parseSimArgs(argv: readonly string[]): SimArgs {
  const r = parseCommandLine<{ profile?: string; scenario?: string; speed: number; seed: number; endpointsFile?: string; basePort?: number }>(simCommand(), argv);
  if (r.kind === 'help') return { speed: 1, seed: 1, help: true };
  if (r.kind === 'usage') throw new AppError('VALIDATION', `${r.message}\n\n${r.usage}`);
  const o = r.options;
  for (const [flag, v] of [['--profile', o.profile], ['--scenario', o.scenario], ['--endpoints-file', o.endpointsFile]] as const) {
    if (v === '') throw new AppError('VALIDATION', `${flag} needs a value\n\n${simUsage()}`);
  }
  // Paths are read from the folder the command was typed in; a scenario without a slash or dot is a shipped name.
  const path = (v: string | undefined): string | undefined => (v === undefined ? undefined : typedPath(v));
  const scenario = o.scenario !== undefined && /[\\/.]/.test(o.scenario) ? typedPath(o.scenario) : o.scenario;
  return { profile: path(o.profile), scenario, speed: o.speed, seed: o.seed, endpointsFile: path(o.endpointsFile), basePort: o.basePort, help: false };
}
