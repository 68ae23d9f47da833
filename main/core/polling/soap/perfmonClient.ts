import { realPollClock, type PollClock } from '../base/pollClock.js';
import type { PollError } from '../pollError.js';
import type { PollResult } from '../poller.js';
import { formatCounterPath, type CounterPath } from '../../../../shared/model/counterPath.js';
import { counterInfosToSamples, parseCounterInfos, parseObjectInfos, type PerfmonObjectInfo } from './perfmonParse.js';
import { isSessionGoneFault, soapParseError } from './soapErrors.js';
import type { SoapCallOptions, SoapTransport } from './soapTransport.js';
import { escapeXml, parseRecords, recordText, soapLeaf } from './soapXml.js';

/** The path of PerfmonService (reference B.1). */
export const PERFMON_PATH = '/perfmonservice2/services/PerfmonService';

/** A value or the PollError that prevented it. */
export type SoapResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PollError };

const counterXml = (names: readonly string[]): string => names.map((n) => `<soap:Counter>${soapLeaf('Name', n)}</soap:Counter>`).join('');

/**
 * PerfmonService client of one node (reference B.1). Every request goes through the transport, hence the
 * node's shared request budget. `host` is the Perfmon `Host` argument (the node's name as the cluster knows it).
 */
export class PerfmonClient {
  constructor(
    readonly transport: SoapTransport,
    readonly host: string = transport.target.node,
    private readonly clock: PollClock = realPollClock,
  ) {}

  /** perfmonCollectCounterData: every counter and instance of an object in one request (absolute counters only are valid). */
  async collectObject(object: string, options?: SoapCallOptions): Promise<PollResult> {
    const ts = this.clock.now();
    const r = await this.transport.call(PERFMON_PATH, 'perfmonCollectCounterData', soapLeaf('Host', this.host) + soapLeaf('Object', object), options);
    if (!r.ok) return r;
    const infos = await this.#parse(() => parseCounterInfos(r.xml, 'perfmonCollectCounterData'), `${object} counter data`);
    if (!infos.ok) return infos;
    return { ok: true, ...counterInfosToSamples(infos.value, { cluster: this.transport.target.cluster, node: this.transport.target.node, ts }) };
  }

  /** perfmonListCounter: objects with their counters (for browsing). */
  async listCounters(options?: SoapCallOptions): Promise<SoapResult<PerfmonObjectInfo[]>> {
    const r = await this.transport.call(PERFMON_PATH, 'perfmonListCounter', soapLeaf('Host', this.host), options);
    if (!r.ok) return r;
    return this.#parse(() => parseObjectInfos(r.xml), 'the counter list');
  }

  /** perfmonListInstance: the instances of a multi-instance object. */
  async listInstances(object: string, options?: SoapCallOptions): Promise<SoapResult<string[]>> {
    const r = await this.transport.call(PERFMON_PATH, 'perfmonListInstance', soapLeaf('Host', this.host) + soapLeaf('Object', object), options);
    if (!r.ok) return r;
    return this.#parse(async () => (await parseRecords(r.xml, ['perfmonListInstanceReturn', 'item'])).map((x) => recordText(x, 'Name')), `${object} instances`);
  }

  /** perfmonQueryCounterDescription: the help text of one counter. */
  async describeCounter(path: CounterPath, options?: SoapCallOptions): Promise<SoapResult<string>> {
    const r = await this.transport.call(PERFMON_PATH, 'perfmonQueryCounterDescription', `<soap:Counter>${escapeXml(formatCounterPath(path))}</soap:Counter>`, options);
    if (!r.ok) return r;
    const m = /<(?:[\w.-]+:)?perfmonQueryCounterDescriptionReturn>([\s\S]*?)<\//.exec(r.xml);
    return { ok: true, value: m ? m[1]!.trim() : '' };
  }

  /** perfmonOpenSession: a new session handle. */
  async openSession(options?: SoapCallOptions): Promise<SoapResult<string>> {
    const r = await this.transport.call(PERFMON_PATH, 'perfmonOpenSession', '', options);
    if (!r.ok) return r;
    const m = /<(?:[\w.-]+:)?perfmonOpenSessionReturn>([^<]+)</.exec(r.xml);
    return m ? { ok: true, value: m[1]!.trim() } : { ok: false, error: soapParseError(this.transport.target.node, 'a session handle') };
  }

  /** perfmonAddCounter: adds counters (full paths) to a session in ONE request. */
  async addCounters(handle: string, names: readonly string[], options?: SoapCallOptions): Promise<SoapResult<void> & { sessionGone?: boolean }> {
    const r = await this.transport.call(PERFMON_PATH, 'perfmonAddCounter', soapLeaf('SessionHandle', handle) + `<soap:ArrayOfCounter>${counterXml(names)}</soap:ArrayOfCounter>`, options);
    if (!r.ok) return { ...r, sessionGone: isSessionGoneFault(r.fault) };
    return { ok: true, value: undefined };
  }

  /** perfmonRemoveCounter. */
  async removeCounters(handle: string, names: readonly string[], options?: SoapCallOptions): Promise<SoapResult<void>> {
    const r = await this.transport.call(PERFMON_PATH, 'perfmonRemoveCounter', soapLeaf('SessionHandle', handle) + `<soap:ArrayOfCounter>${counterXml(names)}</soap:ArrayOfCounter>`, options);
    return r.ok ? { ok: true, value: undefined } : r;
  }

  /** perfmonCollectSessionData: raw counter infos of a session; `sessionGone` when the server forgot it. */
  async collectSession(handle: string, options?: SoapCallOptions): Promise<(SoapResult<Awaited<ReturnType<typeof parseCounterInfos>>>) & { sessionGone?: boolean }> {
    const r = await this.transport.call(PERFMON_PATH, 'perfmonCollectSessionData', soapLeaf('SessionHandle', handle), options);
    if (!r.ok) return { ...r, sessionGone: isSessionGoneFault(r.fault) };
    return this.#parse(() => parseCounterInfos(r.xml, 'perfmonCollectSessionData'), 'session data');
  }

  /** perfmonCloseSession (best effort: a forgotten session is already closed). */
  async closeSession(handle: string, options?: SoapCallOptions): Promise<SoapResult<void>> {
    const r = await this.transport.call(PERFMON_PATH, 'perfmonCloseSession', soapLeaf('SessionHandle', handle), options);
    if (!r.ok && isSessionGoneFault(r.fault)) return { ok: true, value: undefined };
    return r.ok ? { ok: true, value: undefined } : r;
  }

  async #parse<T>(fn: () => Promise<T>, what: string): Promise<SoapResult<T>> {
    try {
      return { ok: true, value: await fn() };
    } catch (err) {
      return { ok: false, error: soapParseError(this.transport.target.node, what, err) };
    }
  }
}
