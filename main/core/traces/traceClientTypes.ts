import type { Event } from '../base/emitter.js';
import type { PollClock } from '../polling/base/pollClock.js';
import { SftpLogClient } from '../polling/ssh/sftpLogClient.js';
import type { SoapResult } from '../polling/soap/perfmonClient.js';
import type { SoapTarget } from '../polling/soap/soapTransport.js';
import { createLogCollectionTransport, LogCollectionClient } from '../polling/soap/logCollectionClient.js';
import { createDimeTransport, DimeClient } from '../polling/soap/dimeClient.js';
import type { SshTarget } from '../polling/ssh/sshCliSession.js';
import type { RemoteLogEntry } from '../../../shared/model/traces.js';

/**
 * What the trace engine uses of the protocol clients (main/core/polling: LogCollectionClient, DimeClient,
 * SftpLogClient), as the design declares them: the engine codes against these shapes, TraceNodeClients builds the
 * real clients.
 */

export type { NodeServiceLogList, SelectedLogFile } from '../polling/soap/logCollectionParse.js';
export type { LogTimeSelection, LogFileQuery } from '../polling/soap/logCollectionClient.js';

/** LogCollectionPortTypeService as the engine uses it (H1's LogCollectionClient). */
export type LogCollectionApi = Pick<LogCollectionClient, 'listNodeServiceLogs' | 'selectLogFiles'>;

/** DimeGetFileService as the engine uses it (H1's DimeClient). */
export type DimeApi = Pick<DimeClient, 'getOneFile'>;

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

/** The real clients: LogCollection and DIME each on their own SoapTransport and budget (H1), SFTP pinned (H2). */
export const defaultTraceClientFactories: TraceClientFactories = {
  logCollection: (target, clock) => {
    const transport = createLogCollectionTransport(target, { clock });
    return Object.assign(new LogCollectionClient(transport), { dispose: () => transport.dispose() });
  },
  dime: (target, clock) => {
    const transport = createDimeTransport(target, { clock });
    return Object.assign(new DimeClient(transport), { dispose: () => transport.dispose() });
  },
  sftp: (target) => SftpLogClient.connect(target),
};
