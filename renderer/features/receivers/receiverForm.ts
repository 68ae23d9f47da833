/**
 * The receivers' address/ports form as data (issue 15): fields as typed, what is wrong, the ReceiverSettings they
 * make. Port 0 switches a listener off; ports below 1024 (514, 162) need root or the capability (the status then
 * carries the bind error with the `setcap` hint).
 */
import type { ReceiverSettings } from '../../../shared/model/receivers.js';

/** The form's fields. */
export interface ReceiverFormState {
  readonly address: string;
  readonly syslogUdpPort: string;
  readonly syslogTcpPort: string;
  readonly trapPort: string;
  /** Communities, separated by commas or blanks. */
  readonly communities: string;
}

/** A field the form can find wrong. */
export type ReceiverProblem = 'address' | 'syslogUdpPort' | 'syslogTcpPort' | 'trapPort' | 'communities';

/** The form of saved settings. */
export function receiverForm(s: ReceiverSettings): ReceiverFormState {
  return { address: s.address, syslogUdpPort: String(s.syslogUdpPort), syslogTcpPort: String(s.syslogTcpPort), trapPort: String(s.trapPort), communities: s.trapCommunities.join(', ') };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function port(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n <= 65535 ? n : undefined;
}

function communities(text: string): string[] {
  return text.split(/[\s,]+/).filter((c) => c !== '');
}

/** What is wrong with the form; empty when it can be saved. */
export function receiverProblems(f: ReceiverFormState): ReceiverProblem[] {
  const out: ReceiverProblem[] = [];
  const a = f.address.trim();
  if (!(IPV4.test(a) || /^[0-9A-Fa-f:]+$/.test(a) && a.includes(':'))) out.push('address');
  for (const k of ['syslogUdpPort', 'syslogTcpPort', 'trapPort'] as const) if (port(f[k]) === undefined) out.push(k);
  const list = communities(f.communities);
  if ((port(f.trapPort) ?? 0) > 0 && (list.length === 0 || list.some((c) => c.length > 64 || !/^[\x21-\x7e]+$/.test(c)))) out.push('communities');
  return out;
}

/** The settings of a form free of problems. */
export function toReceiverSettings(f: ReceiverFormState): ReceiverSettings {
  return { address: f.address.trim(), syslogUdpPort: port(f.syslogUdpPort) ?? 0, syslogTcpPort: port(f.syslogTcpPort) ?? 0, trapPort: port(f.trapPort) ?? 0, trapCommunities: communities(f.communities) };
}

/** Whether a port needs root or CAP_NET_BIND_SERVICE (below 1024, not 0). */
export function privilegedPort(n: number): boolean {
  return n > 0 && n < 1024;
}
