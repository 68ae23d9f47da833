import { Command, Option } from 'commander';
import { integerArg, parseCommandLine, typedPath } from '../base/commandLine.js';
import { AppError } from '../base/errors.js';

/** The command line of `npm run collector`. */
export interface CollectorArgs {
  readonly configPath?: string;
  readonly metricsPort?: number;
  readonly help: boolean;
}

function collectorCommand(): Command {
  return new Command('npm run collector --')
    .usage('[--config FILE] [--metrics-port N]')
    .description('The headless collector: polls the clusters of a config (or the embedded simulated cluster), keeps their history and serves /metrics.')
    .addOption(new Option('--config <FILE>', 'clusters to monitor (YAML or JSON; see README "Headless collector and Prometheus"). Without it the embedded simulated cluster is started and monitored.'))
    .addOption(new Option('--metrics-port <N>', "port of /metrics on 127.0.0.1 (0 = any free port; default: the config's, else 9464)").argParser(integerArg(0, 65_535, '--metrics-port must be an integer in 0..65535')))
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false);
}

/** Usage text of `npm run collector`. */
export function collectorUsage(): string {
  return collectorCommand().helpInformation().trimEnd();
}

/** Parses `--config FILE`, `--metrics-port N` (also `--opt=value`) and `--help`; bad input is a VALIDATION error with the usage. */
export function parseCollectorArgs(argv: readonly string[]): CollectorArgs {
  const r = parseCommandLine<{ config?: string; metricsPort?: number }>(collectorCommand(), argv);
  if (r.kind === 'help') return { help: true };
  if (r.kind === 'usage') throw new AppError('VALIDATION', `${r.message}\n${r.usage}`);
  const { config, metricsPort } = r.options;
  if (config === '') throw new AppError('VALIDATION', `--config needs a file\n${collectorUsage()}`);
  return { help: false, ...(config !== undefined ? { configPath: typedPath(config) } : {}), ...(metricsPort !== undefined ? { metricsPort } : {}) };
}
