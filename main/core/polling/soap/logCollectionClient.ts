import { realPollClock, type PollClock } from '../base/pollClock.js';
import { PollError } from '../pollError.js';
import { LogCollectionParseError, parseNodeServiceLogs, parseSelectedLogFiles, type NodeServiceLogList, type SelectedLogFile } from './logCollectionParse.js';
import type { SoapResult } from './perfmonClient.js';
import { RequestBudget } from './requestBudget.js';
import { soapParseError } from './soapErrors.js';
import { SoapTransport, type SoapCallOptions, type SoapTarget } from './soapTransport.js';
import { soapLeaf } from './soapXml.js';

export type { NodeServiceLogList, SelectedLogFile } from './logCollectionParse.js';

/** The path of LogCollectionPortTypeService (serviceability-reference.md B.0/B.4). */
export const LOG_COLLECTION_PATH = '/logcollectionservice2/services/LogCollectionPortTypeService';

/**
 * LogCollection requests a node is asked per minute by this monitor. [designed] Cisco documents no figure for
 * LogCollectionPortTypeService (reference B.4 and B.6 name none; the Rate Control parameters the reference cites
 * are Perfmon's 80/min, B.1, and RisPort's "Allowed Device Queries Per Minute", B.2). A collection asks
 * listNodeServiceLogs once and selectLogFiles once per node, so 30 a minute is generous for several collections at
 * once and small beside Perfmon's 80. The simulated node enforces the same default (soapServer.ts
 * `logCollectionPerMinute`).
 */
export const LOG_COLLECTION_REQUESTS_PER_MIN = 30;

/** A time range of selectLogFiles: the last N units (RelText/RelTime), or absolute bounds. */
export type LogTimeSelection =
  | { readonly kind: 'relative'; readonly unit: 'Minutes' | 'Hours' | 'Days' | 'Weeks' | 'Months'; readonly count: number }
  | { readonly kind: 'absolute'; readonly fromMs: number; readonly toMs: number };

/** What selectLogFiles is asked for. */
export interface LogFileQuery {
  readonly serviceLogs: readonly string[];
  readonly systemLogs: readonly string[];
  /** Only files containing this text (the node searches them, gzipped ones uncompressed). */
  readonly searchStr?: string;
  readonly time: LogTimeSelection;
}

/** `RelTime` is an xsd:byte in the WSDL (reference B.4). */
export const MAX_REL_TIME = 127;

/** The time zone field as cisco-dime sends it (wire-notes.md "LogCollection"); our absolute dates are in UTC. */
const UTC_TIME_ZONE = 'Client: (GMT+0:0)Greenwich Mean Time-Europe/London';

const pad = (n: number): string => String(n).padStart(2, '0');

/** RTMT's `MM/dd/yy hh:mm AM` form of a UTC time (wire-notes.md; minute precision). */
export function rtmtDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
}

const items = (names: readonly string[]): string => (names.length === 0 ? '<soap:item></soap:item>' : names.map((n) => soapLeaf('item', n)).join(''));

/**
 * The FileSelectionCriteria of a query in the field order of CT-MCP's raw envelope (reference B.4: ToDate before
 * FromDate, RelText None and RelTime 0 for absolute ranges). Absolute bounds are widened to whole minutes, the
 * precision of the date form. Throws a RangeError for a query the node cannot be asked.
 */
export function fileSelectionCriteria(q: LogFileQuery): string {
  if (q.serviceLogs.length === 0 && q.systemLogs.length === 0) throw new RangeError('choose at least one service log or system log');
  let from = '';
  let to = '';
  let relText = 'None';
  let relTime = 0;
  if (q.time.kind === 'relative') {
    const { count, unit } = q.time;
    if (!Number.isInteger(count) || count < 1 || count > MAX_REL_TIME) throw new RangeError(`a relative range counts 1 to ${MAX_REL_TIME} ${unit.toLowerCase()} (got ${count})`);
    relText = unit;
    relTime = count;
  } else {
    const { fromMs, toMs } = q.time;
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs <= fromMs) throw new RangeError('the time range is empty: its end must come after its start');
    from = rtmtDate(Math.floor(fromMs / 60_000) * 60_000);
    to = rtmtDate(Math.ceil(toMs / 60_000) * 60_000);
  }
  return (
    '<soap:FileSelectionCriteria>' +
    `<soap:ServiceLogs>${items(q.serviceLogs)}</soap:ServiceLogs><soap:SystemLogs>${items(q.systemLogs)}</soap:SystemLogs>` +
    soapLeaf('SearchStr', q.searchStr ?? '') +
    soapLeaf('Frequency', 'OnDemand') + soapLeaf('JobType', 'DownloadtoClient') +
    soapLeaf('ToDate', to) + soapLeaf('FromDate', from) + soapLeaf('TimeZone', UTC_TIME_ZONE) +
    soapLeaf('RelText', relText) + soapLeaf('RelTime', relTime) +
    '<soap:Port></soap:Port><soap:IPAddress></soap:IPAddress><soap:UserName></soap:UserName><soap:Password></soap:Password>' +
    '<soap:ZipInfo></soap:ZipInfo><soap:RemoteFolder></soap:RemoteFolder>' +
    '</soap:FileSelectionCriteria>'
  );
}

/**
 * A node's SoapTransport for LogCollectionPortTypeService with its own budget of
 * {@link LOG_COLLECTION_REQUESTS_PER_MIN} (not shared with Perfmon's, nor with DIME's: wire-notes.md "DIME GetOneFile").
 */
export function createLogCollectionTransport(target: SoapTarget, options: { clock?: PollClock; budget?: RequestBudget } = {}): SoapTransport {
  const clock = options.clock ?? realPollClock;
  return new SoapTransport(target, { clock, budget: options.budget ?? new RequestBudget({ limit: LOG_COLLECTION_REQUESTS_PER_MIN, clock }) });
}

/**
 * LogCollectionPortTypeService client of one node (reference B.4): which service and system logs the node has, and
 * which files of them fall in a time range. Every request goes through the transport's budget; a rate-limit fault
 * is retried with backoff and ends as POLL_RATE_LIMIT, as Perfmon's (soapTransport.ts).
 */
export class LogCollectionClient {
  constructor(readonly transport: SoapTransport) {}

  /**
   * listNodeServiceLogs: the service and system logs of the node (the entry named after the target node when the
   * node lists several, as a CUCM publisher does for its cluster; else the first).
   */
  async listNodeServiceLogs(opts?: SoapCallOptions): Promise<SoapResult<NodeServiceLogList>> {
    const node = this.transport.target.node;
    const r = await this.transport.call(LOG_COLLECTION_PATH, 'listNodeServiceLogs', soapLeaf('ListRequest', ''), opts);
    if (!r.ok) return { ok: false, error: r.error };
    try {
      const lists = await parseNodeServiceLogs(r.xml);
      if (lists.length === 0) return { ok: false, error: soapParseError(node, 'the service logs (the answer lists no node)') };
      const mine = lists.find((l) => l.node.toLowerCase() === node.toLowerCase() || l.node.toLowerCase() === this.transport.target.host.toLowerCase()) ?? lists[0]!;
      return { ok: true, value: mine };
    } catch (err) {
      return { ok: false, error: parseError(node, 'the service logs', err) };
    }
  }

  /** selectLogFiles: the files of the chosen logs in the range, as the node lists them (path, size, modified time). */
  async selectLogFiles(q: LogFileQuery, opts?: SoapCallOptions): Promise<SoapResult<SelectedLogFile[]>> {
    const node = this.transport.target.node;
    let criteria: string;
    try {
      criteria = fileSelectionCriteria(q);
    } catch (err) {
      return { ok: false, error: new PollError('POLL_PROTOCOL', 'soap', node, `cannot ask ${node} for log files: ${err instanceof Error ? err.message : String(err)}`) };
    }
    const r = await this.transport.call(LOG_COLLECTION_PATH, 'selectLogFiles', criteria, opts);
    if (!r.ok) return { ok: false, error: r.error };
    try {
      return { ok: true, value: await parseSelectedLogFiles(r.xml) };
    } catch (err) {
      return { ok: false, error: parseError(node, 'the log file list', err) };
    }
  }
}

function parseError(node: string, what: string, err: unknown): PollError {
  const detail = err instanceof LogCollectionParseError || (err instanceof Error && err.name === 'MultipartError') ? `: ${err.message}` : '';
  return new PollError('POLL_PARSE', 'soap', node, `cannot read ${what} from ${node}${detail}`, { cause: err });
}
