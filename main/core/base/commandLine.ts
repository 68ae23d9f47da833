import { resolve } from 'node:path';
import { CommanderError, InvalidArgumentError, type Command } from 'commander';

/**
 * The small pieces every command line of ours shares on top of commander (npm start, npm run collector,
 * npm run sim, npm run imp): number arguments checked with a message that says what is expected, and one reading
 * of commander's outcome as ok / help / bad usage. Bad usage is exit code 2 everywhere (house convention).
 */

/** Exit code of bad usage (unknown option, missing or invalid value): the usage text goes with it. */
export const USAGE_EXIT_CODE = 2;

/**
 * A path given on a command line, absolute: a relative one resolves against the folder the command was typed in.
 * `npm run` starts every script in the project folder and names the caller's folder in INIT_CWD.
 */
export function typedPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.INIT_CWD ?? process.cwd(), path);
}

/**
 * An integer option value in [min, max] (digits only, so "-1", "1e3" and "0x10" are refused). `message` says what
 * is expected; it is followed by what was given.
 */
export function integerArg(min: number, max: number, message = `needs an integer ${min}-${max}`): (value: string) => number {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${message}, got ${value === '' ? 'nothing' : value}`);
    return n;
  };
}

/** A finite number option value in [min, max]; `message` as for integerArg. */
export function numberArg(min: number, max: number, message = `needs a number ${min}-${max}`): (value: string) => number {
  return (value: string): number => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${message}, got ${value === '' ? 'nothing' : value}`);
    return n;
  };
}

/** What a commander error means for the process: help asked for (0) or bad usage (2). */
export function exitCodeOf(err: CommanderError): number {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
  // `help({ error: true })`: a command called without its subcommand; `imp help` exits 0.
  if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
  return USAGE_EXIT_CODE;
}

/** The outcome of parsing one command line. */
export type CommandLineResult<T> =
  | { readonly kind: 'ok'; readonly options: T; readonly operands: readonly string[] }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'usage'; readonly message: string; readonly usage: string };

/**
 * Parses argv (without node and script) with a command that has no action: nothing is printed and the process
 * never exits here; the caller prints the help or the message with the usage and picks the exit code.
 */
export function parseCommandLine<T>(command: Command, argv: readonly string[]): CommandLineResult<T> {
  let out = '';
  command.exitOverride();
  command.configureOutput({ writeOut: (s) => (out += s), writeErr: () => undefined, outputError: () => undefined });
  try {
    command.parse([...argv], { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    if (exitCodeOf(err) === 0) return { kind: 'help', text: out.trimEnd() };
    return { kind: 'usage', message: err.message.replace(/^error: /, ''), usage: command.helpInformation().trimEnd() };
  }
  return { kind: 'ok', options: command.opts<T & Record<string, unknown>>() as T, operands: command.args };
}
