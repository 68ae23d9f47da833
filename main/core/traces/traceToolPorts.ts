/**
 * What the trace tools (log viewer, Remote Browse, Query Wizard, Real Time Trace, crash dumps) use of the per-node
 * protocol clients (traceNodeClients.ts' TraceNodeClients, design of issue 12 H3a): the subset, written
 * structurally so the tools depend on the methods they call and a test can hand them the real TraceNodeClients.
 */
import type { LogTimeSelection } from '../polling/soap/logCollectionClient.js';
import type { SoapResult } from '../polling/soap/perfmonClient.js';
import type { SshCliSession, SshTarget } from '../polling/ssh/sshCliSession.js';
import type { RemoteLogEntry } from '../../../shared/model/traces.js';

/** The SFTP log client's methods the tools use (polling/ssh/sftpLogClient.ts). */
export interface SftpLogReader {
  readonly root: string;
  list(dir: string): Promise<SoapResult<RemoteLogEntry[]>>;
  stat(path: string): Promise<SoapResult<RemoteLogEntry>>;
  download(path: string, sink: NodeJS.WritableStream, opts: { offset?: number; signal?: AbortSignal; onBytes?: (n: number) => void }): Promise<SoapResult<{ bytes: number; size: number }>>;
}

/** DIME GetOneFile (polling/soap/dimeClient.ts), the fallback when SFTP cannot be had. */
export interface DimeFileReader {
  getOneFile(absolutePath: string, sink: NodeJS.WritableStream, opts?: { expectedSize?: number; signal?: AbortSignal; onBytes?: (n: number) => void }): Promise<SoapResult<{ bytes: number }>>;
}

/** The per-node clients the tools share with collections (one set per node, limits per node). */
export interface TraceToolClients {
  sftp(cluster: string, node: string): Promise<SoapResult<SftpLogReader>>;
  dime(cluster: string, node: string): DimeFileReader;
  cli<T>(cluster: string, node: string, use: (s: SshCliSession) => Promise<T>): Promise<SoapResult<T>>;
  sshTarget(cluster: string, node: string): SshTarget;
  /** LogCollection selectLogFiles (the Query Wizard's files of the chosen services in the range). */
  logCollection(cluster: string, node: string): LogFileSelector;
  /** One of the node's fetch slots shared with collections; resolves with its release (undefined when aborted). */
  fetchSlot?(cluster: string, node: string, signal?: AbortSignal): Promise<(() => void) | undefined>;
}

/** LogCollection's time selection (polling/soap/logCollectionClient.ts). */
export type { LogTimeSelection };

/** LogCollection selectLogFiles (reference B.4), the part the Query Wizard uses. */
export interface LogFileSelector {
  selectLogFiles(
    q: { serviceLogs: readonly string[]; systemLogs: readonly string[]; searchStr?: string; time: LogTimeSelection },
    opts?: { signal?: AbortSignal },
  ): Promise<SoapResult<{ readonly log: string; readonly name: string; readonly absolutePath: string; readonly size: number; readonly modifiedMs: number }[]>>;
}

/** LogCollection's absolutepath of a file named relative to the active log root (design of issue 12, "Paths"). */
export { ACTIVE_LOG_ROOT } from './bundleLayout.js';
