import type { Event } from '../base/emitter.js';
import type { PollClock } from '../polling/base/pollClock.js';
import { PollError } from '../polling/pollError.js';
import type { SoapResult } from '../polling/soap/perfmonClient.js';
import type { SoapCallOptions, SoapTarget } from '../polling/soap/soapTransport.js';
import type { SshTarget } from '../polling/ssh/sshCliSession.js';
import type { RemoteLogEntry } from '../../../shared/model/traces.js';

/**
 * What the trace engine uses of the protocol clients (main/core/polling: LogCollectionClient, DimeClient,
 * SftpLogClient), as the design declares them: the engine codes against these shapes, TraceNodeClients builds the
 * real clients.
 */

export interface NodeServiceLogList {
  readonly node: string;
  readonly serviceLogs: string[];
  readonly systemLogs: string[];
}

export interface SelectedLogFile {
  readonly log: string;
  readonly name: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly modifiedMs: number;
}

export type LogTimeSelection =
  | { kind: 'relative'; unit: 'Minutes' | 'Hours' | 'Days' | 'Weeks' | 'Months'; count: number }
  | { kind: 'absolute'; fromMs: number; toMs: number };

export interface LogCollectionApi {
  listNodeServiceLogs(opts?: SoapCallOptions): Promise<SoapResult<NodeServiceLogList>>;
  selectLogFiles(q: { serviceLogs: readonly string[]; systemLogs: readonly string[]; searchStr?: string; time: LogTimeSelection }, opts?: SoapCallOptions): Promise<SoapResult<SelectedLogFile[]>>;
}

export interface DimeApi {
  getOneFile(absolutePath: string, sink: NodeJS.WritableStream, opts?: { expectedSize?: number; signal?: AbortSignal; onBytes?: (n: number) => void; deadline?: number }): Promise<SoapResult<{ bytes: number }>>;
}

export interface SftpLogApi {
  readonly root: string;
  list(dir: string): Promise<SoapResult<RemoteLogEntry[]>>;
  stat(path: string): Promise<SoapResult<RemoteLogEntry>>;
  download(path: string, sink: NodeJS.WritableStream, opts: { offset?: number; signal?: AbortSignal; onBytes?: (n: number) => void }): Promise<SoapResult<{ bytes: number; size: number }>>;
  readonly onDidClose: Event<void>;
  dispose(): void;
}

/** How TraceNodeClients builds a node's clients. */
export interface TraceClientFactories {
  logCollection(target: SoapTarget, clock: PollClock): LogCollectionApi & { dispose?(): void };
  dime(target: SoapTarget, clock: PollClock): DimeApi & { dispose?(): void };
  sftp(target: SshTarget): Promise<SoapResult<SftpLogApi>>;
}

const pending = (node: string, what: string): PollError => new PollError('POLL_PROTOCOL', 'soap', node, `${what} is not available in this build yet`);

/** TEMPORARY-UNTIL-H1/H2-LAND: replaced by the real LogCollectionClient, DimeClient and SftpLogClient. */
export const defaultTraceClientFactories: TraceClientFactories = {
  logCollection: (t) => ({
    listNodeServiceLogs: async () => ({ ok: false, error: pending(t.node, 'LogCollection') }),
    selectLogFiles: async () => ({ ok: false, error: pending(t.node, 'LogCollection') }),
  }),
  dime: (t) => ({ getOneFile: async () => ({ ok: false, error: pending(t.node, 'DIME') }) }),
  sftp: async (t) => ({ ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', t.node, 'SFTP log client is not available in this build yet') }),
};
