/** Parses `npm start -- [--web] [--port N] [--renderer DIR] [--sim-base-port N] [--scenario NAME|FILE]` with commander. */
import { Command, Option } from 'commander';
import { integerArg, parseCommandLine } from '../core/base/commandLine.js';

/** The launcher's options. */
export interface LaunchArgs {
  readonly web: boolean;
  readonly port?: number;
  readonly rendererDir?: string;
  /** First port of the embedded simulated cluster (default the profile's 42000; 0 = free ports). */
  readonly simBasePort?: number;
  /** Scenario the embedded cluster plays: a shipped name or a scenario file (default "demo"). */
  readonly scenario?: string;
}

/** Parsed arguments, the help text (`--help`), or what is wrong with them (with the usage). */
export type LaunchArgsResult =
  | { readonly ok: true; readonly value: LaunchArgs; readonly help?: string }
  | { readonly ok: false; readonly message: string; readonly usage: string };

/** The one-line synopsis printed with a bad usage. */
export const LAUNCH_SYNOPSIS = 'npm start -- [--web] [--port N] [--renderer DIR] [--sim-base-port N] [--scenario NAME|FILE]';

function launchCommand(): Command {
  return new Command('npm start --')
    .usage('[--web] [--port N] [--renderer DIR] [--sim-base-port N] [--scenario NAME|FILE]')
    .description('IMP Monitor: the Electron window where Electron and a display exist, otherwise web mode (prints its URL with the access token).')
    .addOption(new Option('--web', 'force web mode (a URL for any browser on this machine)'))
    .addOption(new Option('--port <N>', 'port of web mode on 127.0.0.1 (default: any free port)').argParser(integerArg(0, 65_535, '--port needs a number 0-65535')))
    .addOption(new Option('--renderer <DIR>', 'built UI to serve (default dist/renderer)'))
    .addOption(new Option('--sim-base-port <N>', "first port of the embedded simulated cluster (default the profile's 42000; 0 = free ports)").argParser(integerArg(0, 65_000, '--sim-base-port needs a number 0-65000 (0 = free ports)')))
    .addOption(new Option('--scenario <NAME|FILE>', 'scenario the embedded cluster plays: a shipped name (demo, ha-row-01 … ha-row-24) or a scenario file (YAML or JSON); default demo'))
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false);
}

/** Parses argv (without node and script). `--port` implies nothing else; `--web` forces web mode. */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgsResult {
  const r = parseCommandLine<{ web?: boolean; port?: number; renderer?: string; simBasePort?: number; scenario?: string }>(launchCommand(), argv);
  if (r.kind === 'usage') return { ok: false, message: r.message, usage: r.usage };
  if (r.kind === 'help') return { ok: true, value: { web: false }, help: r.text };
  const o = r.options;
  if (o.renderer === '') return { ok: false, message: '--renderer needs a directory', usage: launchCommand().helpInformation().trimEnd() };
  if (o.scenario === '') return { ok: false, message: '--scenario needs a name or a file', usage: launchCommand().helpInformation().trimEnd() };
  return {
    ok: true,
    value: {
      web: o.web === true,
      ...(o.port !== undefined ? { port: o.port } : {}),
      ...(o.renderer !== undefined ? { rendererDir: o.renderer } : {}),
      ...(o.simBasePort !== undefined ? { simBasePort: o.simBasePort } : {}),
      ...(o.scenario !== undefined ? { scenario: o.scenario } : {}),
    },
  };
}
