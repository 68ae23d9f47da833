import { Client } from 'ssh2';

/**
 * An ssh2 `Client` with an 'error' listener attached for its whole life. ssh2 can emit 'error' more than once on
 * one client: after a ready timeout against a peer that accepted the TCP connection but never sent a banner (a
 * powered-off node behind a load balancer, a hung sshd), it emits the timeout and then, when the socket closes,
 * "Connection lost before handshake". An EventEmitter 'error' with no listener is thrown, and a thrown error in
 * a socket callback kills the process, so a `once('error')` that already fired is not enough (issue 10).
 * Every ssh2 client of the data plane is made here; `onError` receives each error (it may be called again after
 * the first). The listener is never removed: errors after `closeSshClient` are dropped.
 */
export function guardedSshClient(onError: (err: Error) => void = () => undefined): Client {
  const client = new Client();
  let closed = false;
  client.on('close', () => (closed = true));
  client.on('error', (err: Error) => {
    if (!closed) onError(err);
  });
  return client;
}

/** Ends a client and frees its socket at once (idempotent; the error listener of guardedSshClient stays). */
export function closeSshClient(client: Client): void {
  try {
    client.end();
  } finally {
    client.destroy();
  }
}
