import { PollError } from '../pollError.js';

/**
 * Maps ssh2 client errors to PollError (the one SSH error-mapping file, house-style 5.5): `err.level`
 * 'client-timeout' → POLL_TIMEOUT, 'client-authentication' → POLL_AUTH, 'client-socket'/'client-dns' →
 * POLL_CONNECT (ECONNREFUSED, ECONNRESET …), anything else → POLL_PROTOCOL.
 */
export function toSshPollError(err: unknown, node: string): PollError {
  if (err instanceof PollError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  const level = (e as { level?: unknown }).level;
  const code = String((e as { code?: unknown }).code ?? '');
  if (level === 'client-timeout' || code === 'ETIMEDOUT' || /timed out/i.test(e.message)) {
    return new PollError('POLL_TIMEOUT', 'ssh', node, `${node} did not answer over SSH in time`, { cause: e });
  }
  if (level === 'client-authentication') {
    return new PollError('POLL_AUTH', 'ssh', node, `${node} refused the admin CLI credentials`, { cause: e });
  }
  if (level === 'client-socket' || level === 'client-dns' || /^E[A-Z]+$/.test(code)) {
    return new PollError('POLL_CONNECT', 'ssh', node, `cannot reach ${node} over SSH: ${e.message}`, { cause: e });
  }
  return new PollError('POLL_PROTOCOL', 'ssh', node, `SSH error with ${node}: ${e.message}`, { cause: e });
}

/** The pinned host key did not match: never connect (possible man in the middle, or a reinstalled node). */
export function hostKeyChangedError(node: string, pinned: string, presented: string): PollError {
  return new PollError('POLL_AUTH', 'ssh', node, `host key for ${node} changed: it presented ${presented}, pinned is ${pinned}. Not connecting.`);
}

/** No host key pinned yet: the caller must fetch it, show it to the user and pin it first. */
export function hostKeyNotPinnedError(node: string, presented: string | undefined): PollError {
  return new PollError('POLL_AUTH', 'ssh', node, `no host key pinned for ${node}${presented ? ` (it presents ${presented})` : ''}; pin it before connecting`);
}
