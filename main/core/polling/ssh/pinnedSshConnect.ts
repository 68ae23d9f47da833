import type { Client } from 'ssh2';
import { PollError } from '../pollError.js';
import { closeSshClient, guardedSshClient } from './guardedSshClient.js';
import { sshKeyFingerprint, type SshTarget } from './sshCliSession.js';
import { hostKeyChangedError, hostKeyNotPinnedError, toSshPollError } from './sshErrors.js';

/** A logged-in ssh2 client, or why there is none. */
export type PinnedConnectResult = { readonly ok: true; readonly client: Client } | { readonly ok: false; readonly error: PollError };

/**
 * Connects and logs in to a node exactly as SshCliSession does (keyboard-interactive or password, the host key
 * checked against the pin BEFORE authentication: no pin, no connection), for the clients that need their own
 * connection (SFTP, `file tail`). The returned client keeps guardedSshClient's error listener for its whole life;
 * the caller owns it and ends it with closeSshClient. An abort signal ends the attempt with POLL_TIMEOUT.
 */
export async function pinnedSshConnect(target: SshTarget, signal?: AbortSignal): Promise<PinnedConnectResult> {
  const node = target.node;
  if (!target.hostKeyFingerprint) return { ok: false, error: hostKeyNotPinnedError(node, undefined) };
  if (signal?.aborted) return { ok: false, error: abortedError(node) };
  let keyError: PollError | undefined;
  let onFailure: ((error: PollError) => void) | undefined;
  const client = guardedSshClient((err) => onFailure?.(keyError ?? toSshPollError(err, node)));
  const failure = await new Promise<PollError | undefined>((resolve) => {
    onFailure = resolve;
    const onAbort = (): void => resolve(abortedError(node));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (e: PollError | undefined): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve(e);
    };
    onFailure = done;
    client.once('ready', () => done(undefined));
    client.once('close', () => done(keyError ?? new PollError('POLL_CONNECT', 'ssh', node, `${node} closed the SSH connection before it was ready`)));
    client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => finish(prompts.map(() => target.password)));
    client.connect({
      host: target.host,
      port: target.port,
      username: target.username,
      password: target.password,
      tryKeyboard: true,
      readyTimeout: target.readyTimeoutMs ?? 20_000,
      hostVerifier: (key: Buffer) => {
        const presented = sshKeyFingerprint(key);
        if (presented === target.hostKeyFingerprint) return true;
        keyError = hostKeyChangedError(node, target.hostKeyFingerprint!, presented);
        return false;
      },
    });
  });
  onFailure = undefined;
  if (failure) {
    closeSshClient(client);
    return { ok: false, error: failure };
  }
  return { ok: true, client };
}

/** The error of an operation the caller aborted (retryable: nothing is wrong with the node). */
export function abortedError(node: string): PollError {
  return new PollError('POLL_TIMEOUT', 'ssh', node, `the SSH operation on ${node} was cancelled`);
}
