import { realPollClock, type PollClock } from '../base/pollClock.js';
import { PollError } from '../pollError.js';
import type { SoapResult } from './perfmonClient.js';
import type { SoapCallOptions, SoapTransport } from './soapTransport.js';
import { escapeXml, parseRecords, recordText, soapLeaf } from './soapXml.js';

/** The path of ControlCenterServices (reference B.3). */
export const CONTROL_CENTER_PATH = '/controlcenterservice2/services/ControlCenterServices';

/** ServiceStatus values (reference B.3). */
export type ControlCenterStatus = 'Started' | 'Stopped' | 'Starting' | 'Stopping' | 'Unknown';

/** One ServiceInformation item (reference B.3). */
export interface ControlCenterServiceInfo {
  readonly name: string;
  readonly status: ControlCenterStatus;
  readonly reasonCode: number;
  readonly reasonString: string;
  readonly startTime: string;
  readonly upTimeSeconds: number;
}

/** Start | Stop | Restart (soapDoControlServices ControlType). */
export type ControlType = 'Start' | 'Stop' | 'Restart';

const STATUSES: readonly ControlCenterStatus[] = ['Started', 'Stopped', 'Starting', 'Stopping', 'Unknown'];

/** Reads the ServiceInfoList items of a ServiceInformationResponse. */
export async function parseServiceInfos(xml: string): Promise<ControlCenterServiceInfo[]> {
  return (await parseRecords(xml, ['item']))
    .filter((r) => recordText(r, 'ServiceName') !== '')
    .map((r) => {
      const status = recordText(r, 'ServiceStatus') as ControlCenterStatus;
      return {
        name: recordText(r, 'ServiceName'),
        status: STATUSES.includes(status) ? status : 'Unknown',
        reasonCode: Number(recordText(r, 'ReasonCode') || 0),
        reasonString: recordText(r, 'ReasonCodeString'),
        startTime: recordText(r, 'StartTime'),
        upTimeSeconds: Number(recordText(r, 'UpTime') || -1),
      };
    });
}

/**
 * ControlCenterServices client of one node (reference B.3): service status and start/stop/restart with the
 * restart-then-poll pattern of Cisco's ZEEP sample (poll soapGetServiceStatus every 5 s until the target state).
 * Requests share the node's request budget through the transport.
 */
export class ControlCenterClient {
  constructor(
    readonly transport: SoapTransport,
    private readonly clock: PollClock = realPollClock,
  ) {}

  /** soapGetServiceStatus; no names = every service of the node. */
  async serviceStatus(names: readonly string[] = [], options?: SoapCallOptions): Promise<SoapResult<ControlCenterServiceInfo[]>> {
    const inner = names.length === 0 ? '<soap:ServiceStatus></soap:ServiceStatus>' : names.map((n) => soapLeaf('ServiceStatus', n)).join('');
    const r = await this.transport.call(CONTROL_CENTER_PATH, 'soapGetServiceStatus', inner, options);
    if (!r.ok) return r;
    return { ok: true, value: await parseServiceInfos(r.xml) };
  }

  /** soapDoControlServices: asks the node to Start/Stop/Restart services; returns the immediate statuses. */
  async control(type: ControlType, services: readonly string[], options?: SoapCallOptions): Promise<SoapResult<ControlCenterServiceInfo[]>> {
    const inner = `<soap:ControlServiceRequest>${soapLeaf('NodeName', this.transport.target.node)}${soapLeaf('ControlType', type)}<soap:ServiceList>${services
      .map((s) => `<soap:item>${escapeXml(s)}</soap:item>`)
      .join('')}</soap:ServiceList></soap:ControlServiceRequest>`;
    const r = await this.transport.call(CONTROL_CENTER_PATH, 'soapDoControlServices', inner, options);
    if (!r.ok) return r;
    return { ok: true, value: await parseServiceInfos(r.xml) };
  }

  /**
   * Sends `type` for `services`, then polls their status every `pollIntervalMs` (default 5 s, ZEEP sample) until
   * each reaches the target state (Started for Start/Restart, Stopped for Stop) or `timeoutMs` (default 5 min)
   * passes, which is POLL_TIMEOUT. Resolves with the final statuses.
   */
  async controlAndWait(
    type: ControlType,
    services: readonly string[],
    options: { readonly pollIntervalMs?: number; readonly timeoutMs?: number; readonly signal?: AbortSignal } = {},
  ): Promise<SoapResult<ControlCenterServiceInfo[]>> {
    const target: ControlCenterStatus = type === 'Stop' ? 'Stopped' : 'Started';
    const deadline = this.clock.now() + (options.timeoutMs ?? 300_000);
    const call = { deadline, ...(options.signal ? { signal: options.signal } : {}) };
    const sent = await this.control(type, services, call);
    if (!sent.ok) return sent;
    for (;;) {
      await this.clock.sleep(options.pollIntervalMs ?? 5000, options.signal);
      const st = await this.serviceStatus(services, call);
      if (!st.ok) return st;
      if (services.every((s) => st.value.find((i) => i.name === s)?.status === target)) return st;
      if (this.clock.now() >= deadline || options.signal?.aborted) {
        const node = this.transport.target.node;
        const pending = st.value.filter((i) => i.status !== target).map((i) => `${i.name}: ${i.status}`).join(', ');
        return { ok: false, error: new PollError('POLL_TIMEOUT', 'soap', node, `${type} on ${node} did not reach ${target} in time (${pending})`) };
      }
    }
  }
}
