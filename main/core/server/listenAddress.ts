/**
 * Where a server listens (`--listen ADDR:PORT`, config `listen`, `metrics.listen`) and the rule that keeps plain
 * HTTP on the machine: a listen address outside 127.0.0.0/8 and ::1 needs TLS (issue 16: "never plain HTTP off the
 * machine"). Checked before anything binds.
 */
import { isIP } from 'node:net';
import { AppError } from '../base/errors.js';

/** A listen address: an IP literal (no host names: what a name resolves to can change) and a TCP port (0 = any free). */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** The server's default: this machine only, port 8443. */
export const DEFAULT_LISTEN: ListenAddress = { host: '127.0.0.1', port: 8443 };

/** Parses `ADDR:PORT` (`127.0.0.1:8443`, `0.0.0.0:443`, `[::1]:8443`); VALIDATION naming `what` otherwise. */
export function parseListen(text: string, what = 'listen'): ListenAddress {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const host = m?.[1] ?? m?.[2];
  const port = Number(m?.[3]);
  if (m === null || host === undefined) throw new AppError('VALIDATION', `${what} must be ADDR:PORT (e.g. 127.0.0.1:8443 or [::1]:8443), got ${JSON.stringify(text)}`);
  if (isIP(host) === 0) throw new AppError('VALIDATION', `${what}: ${JSON.stringify(host)} is not an IP address (listen on an address; clients may use names: publicHosts)`);
  if (!Number.isInteger(port) || port > 65_535) throw new AppError('VALIDATION', `${what}: the port must be 0-65535, got ${m[3]}`);
  if (isIP(host) === 6 && m[1] === undefined) throw new AppError('VALIDATION', `${what}: write an IPv6 address in brackets, e.g. [::1]:8443`);
  return { host, port };
}

/** Whether an address stays on this machine: 127.0.0.0/8 or ::1 (also ::ffff:127.x). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped !== null && mapped[1]!.startsWith('127.');
}

/** The refusal of a listen address that would serve plain HTTP off the machine, or undefined when it may bind. */
export function plainHttpProblem(listen: ListenAddress, hasTls: boolean): string | undefined {
  if (hasTls || isLoopback(listen.host)) return undefined;
  return `listening on ${formatListen(listen)} needs TLS: set tls.certFile and tls.keyFile in the config (never plain HTTP off the machine)`;
}

/** `ADDR:PORT`, IPv6 in brackets. */
export function formatListen(listen: ListenAddress): string {
  return `${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${listen.port}`;
}
