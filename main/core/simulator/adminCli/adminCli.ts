import type { CliInterpreter, CliIo, CliSession, CliSessionContext } from '../endpoints/ssh/cliInterpreter.js';
import type { ClusterModel } from '../model/clusterModel.js';
import { EXECUTED_UNSUCCESSFULLY, fail, invalidCommandText } from './cliMessages.js';
import { tokenize } from './commandLine.js';
import { completions, matchCommand, matchRawCommand } from './commandTable.js';
import type { AdminCliHooks, CommandContext, CommandSpec, SessionState, SharedCliState } from './commandTypes.js';
import { fileBuildLogCommands } from './commands/fileBuildLog.js';
import { fileCommands } from './commands/fileCommands.js';
import { sessionCommands } from './commands/sessionCommands.js';
import { showNetworkClusterCommands } from './commands/showNetworkCluster.js';
import { showPerfCommands } from './commands/showPerf.js';
import { showProcessCommands } from './commands/showProcess.js';
import { showStatusCommands } from './commands/showStatus.js';
import { showVersionCommands } from './commands/showVersion.js';
import { utilsCoreCommands } from './commands/utilsCore.js';
import { utilsDbreplicationCommands } from './commands/utilsDbreplication.js';
import { utilsDbreplicationResetCommands } from './commands/utilsDbreplicationReset.js';
import { setPasswordCommands } from './commands/setPassword.js';
import { utilsSystemCommands } from './commands/utilsSystem.js';
import { utilsDrsCommands } from './commands/utilsDrs.js';
import { utilsHaCommands } from './commands/utilsHa.js';
import { utilsNtpCommands } from './commands/utilsNtp.js';
import { utilsServiceCommands } from './commands/utilsService.js';
import { utilsUsersCommands } from './commands/utilsUsers.js';
import { runSqlCommands } from './commands/runSql.js';
import { showCertCommands } from './commands/showCert.js';
import { utilsDiagnoseCommands } from './commands/utilsDiagnose.js';
import { utilsRemoteDestinationCommands } from './commands/utilsRemoteDestinations.js';
import { DEFAULT_PAGE_LINES, pageOutput } from './pager.js';

export type { AdminCliHooks, HaActionResult, HaControl } from './commandTypes.js';

/** Every command of the simulated admin CLI. */
export const ADMIN_COMMANDS: readonly CommandSpec[] = [
  ...showStatusCommands,
  ...showNetworkClusterCommands,
  ...showVersionCommands,
  ...showPerfCommands,
  ...showProcessCommands,
  ...utilsServiceCommands,
  ...utilsDbreplicationCommands,
  ...utilsDbreplicationResetCommands,
  ...utilsSystemCommands,
  ...setPasswordCommands,
  ...utilsHaCommands,
  ...utilsUsersCommands,
  ...utilsNtpCommands,
  ...utilsCoreCommands,
  ...utilsDrsCommands,
  ...fileCommands,
  ...fileBuildLogCommands,
  ...sessionCommands,
  ...runSqlCommands,
  ...showCertCommands,
  ...utilsDiagnoseCommands,
  ...utilsRemoteDestinationCommands,
];

/**
 * The UC OS admin CLI of one simulated node (`admin:`), reading and driving the cluster model. Output layouts
 * follow serviceability-reference.md section D; where no real sample exists the layout is ours and kept as a
 * fixture under ./fixtures. Unknown or malformed commands print the CLI's error text, never throw.
 */
export function createAdminCli(model: ClusterModel, nodeName: string, hooks: AdminCliHooks = {}): CliInterpreter {
  const node = model.node(nodeName);
  const shared: SharedCliState = { openSessions: 0 };
  return {
    prompt: 'admin:',
    banner: () => bannerText(model, nodeName),
    openSession: (context) => new AdminCliSession(model, node.name, hooks, shared, context),
  };
}

/** The welcome text of an interactive shell (layout of a VMware-installed UC OS node). */
function bannerText(model: ClusterModel, nodeName: string): string {
  const m = model.node(nodeName).metrics;
  const diskGb = Math.round(m.partitions.reduce((s, p) => s + p.totalMb, 0) / 1024);
  return [
    '',
    'Command Line Interface is starting up, please wait ...',
    '',
    '   Welcome to the Platform Command Line Interface',
    '',
    'VMware Installation:',
    `\t${m.cpus} vCPU: Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz`,
    `\tDisk 1: ${diskGb}GB, Partitions aligned`,
    `\t${Math.round(m.memoryTotalKb / 1024)} Mbytes RAM`,
    '',
    '',
  ].join('\n');
}

/** One shell or exec channel of the admin CLI. */
class AdminCliSession implements CliSession {
  readonly #state: SessionState;
  readonly #cleanups = new Set<() => void>();
  #closed = false;

  constructor(
    private readonly model: ClusterModel,
    private readonly nodeName: string,
    private readonly hooks: AdminCliHooks,
    private readonly shared: SharedCliState,
    context: CliSessionContext,
  ) {
    this.#state = { username: context.username, interactive: context.interactive, pagination: context.interactive, commandCount: 0 };
    shared.openSessions++;
  }

  async execute(line: string, io: CliIo): Promise<'continue' | 'exit'> {
    try {
      return await this.#execute(line, io);
    } catch (err) {
      io.write(`${err instanceof Error ? err.message : String(err)}\n${EXECUTED_UNSUCCESSFULLY}\n`);
      return 'continue';
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.shared.openSessions = Math.max(0, this.shared.openSessions - 1);
    for (const fn of [...this.#cleanups]) fn();
    this.#cleanups.clear();
  }

  async #execute(line: string, io: CliIo): Promise<'continue' | 'exit'> {
    const raw = matchRawCommand(ADMIN_COMMANDS, line);
    if (raw) {
      this.#state.commandCount++;
      await raw.spec.run(this.#context(io), [raw.rest]);
      return this.#state.closeAfterCommand ? 'exit' : 'continue';
    }
    const parsed = tokenize(line);
    if (!parsed.ok) {
      fail({ io }, parsed.error);
      return 'continue';
    }
    const tokens = parsed.tokens;
    if (tokens.length === 0) return 'continue';
    this.#state.commandCount++;
    const first = tokens[0]!.toLowerCase();
    if (tokens.length === 1 && (first === 'quit' || first === 'exit')) return 'exit';
    const ctx = this.#context(io);
    if (first === 'help' || first === '?') {
      await this.#help(ctx, tokens.slice(1));
      return 'continue';
    }
    if (tokens[tokens.length - 1] === '?') {
      await this.#help(ctx, tokens.slice(0, -1));
      return 'continue';
    }
    const match = matchCommand(ADMIN_COMMANDS, tokens);
    if (match.kind === 'unknown') {
      io.write(invalidCommandText(line.trim()));
    } else if (match.kind === 'incomplete') {
      fail(ctx, `Incomplete command. Valid options:\n${match.candidates.map((c) => `  ${c.syntax}`).join('\n')}`);
    } else {
      await match.spec.run(ctx, match.args);
    }
    return this.#state.closeAfterCommand ? 'exit' : 'continue';
  }

  async #help(ctx: CommandContext, prefix: string[]): Promise<void> {
    const list = completions(ADMIN_COMMANDS, prefix);
    if (list.length === 0) {
      ctx.io.write(invalidCommandText(prefix.join(' ')));
      return;
    }
    const extra = prefix.length === 0 ? ['help [command]', 'quit', 'exit'] : [];
    await ctx.output(`${[...list.map((c) => c.syntax), ...extra].map((s) => `  ${s}`).join('\n')}\n`);
  }

  #context(io: CliIo): CommandContext {
    const state = this.#state;
    const pageLines = this.hooks.pageLines ?? DEFAULT_PAGE_LINES;
    return {
      model: this.model,
      node: this.model.node(this.nodeName),
      hooks: this.hooks,
      io,
      session: state,
      shared: this.shared,
      output: (text) => pageOutput(io, text, { enabled: state.interactive && state.pagination, pageLines }),
      onClose: (fn) => {
        this.#cleanups.add(fn);
        return () => this.#cleanups.delete(fn);
      },
    };
  }
}
