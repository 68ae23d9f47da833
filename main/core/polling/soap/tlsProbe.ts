import { connect } from 'node:tls';
import { PollError } from '../pollError.js';
import { soapNetworkError } from './soapErrors.js';
import type { SoapTarget } from './soapTransport.js';
import { pinnedTlsOptions } from './tlsPinning.js';

/**
 * A cheap liveness check of a node's HTTPS endpoint: a TLS handshake against the pinned certificate, then close.
 * No HTTP request is sent, so it costs nothing of the node's 80 SOAP requests a minute (reference B.0) — the
 * collector uses it where the real SOAP polls are rarer than the system interval (issue 10). Never throws;
 * resolves undefined when the handshake completed, or the PollError.
 */
export function probeTls(target: SoapTarget, timeoutMs = target.timeoutMs ?? 10_000): Promise<PollError | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = connect({ host: target.host, port: target.port, ...pinnedTlsOptions(target.pin) });
    const finish = (error: PollError | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(error);
    };
    const timer = setTimeout(() => finish(new PollError('POLL_TIMEOUT', 'soap', target.node, `no TLS handshake from ${target.node} in ${timeoutMs} ms`)), timeoutMs);
    // Kept for the socket's whole life: a peer may reset after the handshake.
    socket.on('error', (err) => finish(soapNetworkError(target.node, err)));
    socket.once('secureConnect', () => finish(undefined));
    socket.once('close', () => finish(new PollError('POLL_CONNECT', 'soap', target.node, `${target.node} closed the connection during the TLS handshake`)));
  });
}
