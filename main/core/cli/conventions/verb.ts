import type { Command } from 'commander';
import type { CliIo } from './cliIo.js';
import type { OpenClusters } from './openClusters.js';
import type { Column } from './outputFormat.js';
import type { Where } from './whereOptions.js';

/** What a verb's run gets: its own options, the conventions' choices, and the streams. */
export interface VerbContext<O> {
  readonly io: CliIo;
  /** The verb's own options (commander's camel-cased names), the conventions' options included. */
  readonly options: O;
  /** The verb's positional arguments (declared with `cmd.argument` in `options`), in order. */
  readonly args: readonly string[];
  /** Where it acts (verbs declared with `where: true`). */
  readonly where: Where;
  /** A progress or warning line on stderr. */
  log(line: string): void;
  /** Opens where it acts (the embedded cluster is started here); closed when the verb ends. */
  openClusters(): Promise<OpenClusters>;
  /** Asks for a secret declared with `secrets` (from `--<name>-env VAR`, else a terminal prompt). */
  secret(name: string): Promise<string>;
  /** Bad usage found after parsing (options that do not go together): exit code 2 with the usage text. */
  usageError(message: string): never;
}

/** What a verb hands back: rows for stdout, printed in the chosen format, and optionally a failure (exit 1). */
export interface VerbResult<R> {
  readonly rows: readonly R[];
  /** Columns of the table and CSV formats. */
  readonly columns: readonly Column<R>[];
  /** The JSON form of a row (default the row itself). */
  readonly json?: (row: R) => unknown;
  /** The data is printed, then this one line goes to stderr and the exit code is 1. */
  readonly failure?: string;
  /** The verb wrote its data on stdout itself (streamed lines, a bundle path as the last line): rows are not printed. */
  readonly written?: boolean;
}

/** A verb of an area (`imp <area> <verb>`): a few lines that plug into the conventions. */
export interface VerbDefinition<O = Record<string, unknown>, R = unknown> {
  readonly name: string;
  /** One line for the area's help. */
  readonly summary: string;
  /** Text after the options in the verb's help: what it prints (JSON shape, states), exit codes. */
  readonly help?: string;
  /** Takes `--config FILE` | `--endpoints FILE` | neither, and `--data-dir DIR`. */
  readonly where?: boolean;
  /** Prints rows: takes `--format table|csv|json` and `--json`. */
  readonly output?: boolean;
  /** Secrets it needs: `--<name>-env VAR` each; `what` says what it is ("the cluster security password"). */
  readonly secrets?: ReadonlyArray<{ readonly name: string; readonly what: string }>;
  /** The verb's own options and arguments. */
  readonly options?: (cmd: Command) => void;
  run(ctx: VerbContext<O>): Promise<VerbResult<R>>;
}

/** An area of `imp`: `clusters`, `nodes`, and later `traces`, `drs`, `report`, `audit`, `operators`. */
export interface AreaDefinition {
  readonly name: string;
  readonly summary: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each verb has its own option and row types
  readonly verbs: ReadonlyArray<VerbDefinition<any, any>>;
}

/** Declares a verb with its option and row types checked (an identity function, for inference). */
export function defineVerb<O, R>(verb: VerbDefinition<O, R>): VerbDefinition<O, R> {
  return verb;
}
