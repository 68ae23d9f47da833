import type { CliIo } from '../endpoints/ssh/cliInterpreter.js';
import type { ClusterModel } from '../model/clusterModel.js';
import type { SimNode } from '../model/node/simNode.js';
import type { SftpUploader } from './sftpUpload.js';
import type { RemoteDestinationsControl } from './commands/utilsRemoteDestinations.js';

/** Result of a Server Recovery Manager action. */
export interface HaActionResult {
  readonly ok: boolean;
  readonly message: string;
}

/** The Server Recovery Manager controls behind `utils ha` (owned by the SRM, not by the CLI). */
export interface HaControl {
  /** The text `utils ha status` prints for a presence redundancy group. */
  status(group: string): string;
  failover(node: string): HaActionResult;
  fallback(node: string): HaActionResult;
  recover(group: string): HaActionResult;
}

/** The pieces other parts of the simulator own, handed to the CLI. */
export interface AdminCliHooks {
  /** Server Recovery Manager; without it `utils ha` answers as on a node without High Availability. */
  readonly ha?: HaControl;
  /** Everything after `utils disaster_recovery`; without it the command fails with the CLI's error. */
  readonly drs?: (args: string[], io: CliIo) => Promise<void>;
  /** Pushes files for `file get` (an ssh2 SFTP client by default; tests inject their own). */
  readonly sftpUpload?: SftpUploader;
  /** The cluster security password behind `set password user security` (kept by DRS, which encrypts with it). */
  readonly securityPassword?: { change(oldPassword: string, newPassword: string): void };
  /** The node's remote syslog servers and trap destinations (`utils remotesyslog`, `utils snmp config 2c trap`). */
  readonly remoteDestinations?: RemoteDestinationsControl;
  /** Lines per page when pagination is on (20 by default). */
  readonly pageLines?: number;
}

/** Per-session settings and counters. */
export interface SessionState {
  readonly username: string;
  readonly interactive: boolean;
  /** `set cli pagination on|off`; on by default for interactive sessions. */
  pagination: boolean;
  /** Commands run so far (`show myself`). */
  commandCount: number;
  /** Set by a command that ends the session (`utils system restart`): the channel closes after it. */
  closeAfterCommand?: boolean;
}

/** Everything a command needs: the model, its node, the channel and the session. */
export interface CommandContext {
  readonly model: ClusterModel;
  readonly node: SimNode;
  readonly hooks: AdminCliHooks;
  readonly io: CliIo;
  readonly session: SessionState;
  /** State shared by every session of this node's CLI. */
  readonly shared: SharedCliState;
  /** Writes `text` through the pager (pages only when interactive and pagination is on). */
  output(text: string): Promise<void>;
  /** Registers cleanup run when the session closes (a running `file tail`). */
  onClose(fn: () => void): () => void;
}

/** State of one node's CLI that outlives a session. */
export interface SharedCliState {
  /** Virtual time of the last `utils dbreplication status` run. */
  lastReplicationCheckMs?: number;
  /** Sessions open right now (`show status` "N users"). */
  openSessions: number;
}

/** One command of the dispatch table. */
export interface CommandSpec {
  /** The fixed words, lower case ("utils", "service", "list"). */
  readonly words: readonly string[];
  /** Syntax shown by `help` and on usage errors, e.g. "utils service stop <service name>". */
  readonly syntax: string;
  /**
   * The command takes the rest of the line as it was typed (an SQL statement with its quotes): `run` gets it,
   * trimmed, as its only argument, and the line is not split into words (commandTable.ts matchRawCommand).
   */
  readonly rawArgs?: boolean;
  /** Runs the command with the tokens after `words` (or the raw rest of the line, see rawArgs). */
  run(ctx: CommandContext, args: string[]): Promise<void> | void;
}
