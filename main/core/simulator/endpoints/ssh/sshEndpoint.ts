import type { Connection, PseudoTtyInfo, ServerChannel, Session } from 'ssh2';
import type { AsyncDisposable, Disposable } from '../../../base/disposable.js';
import { AppError } from '../../../base/errors.js';
import type { VirtualFileTree } from '../../model/logs/virtualFileTree.js';
import type { CliInterpreter } from './cliInterpreter.js';
import { ResponseGate, type EndpointDegradation } from './degradation.js';
import { runExecSession } from './execSession.js';
import { hostKeyFingerprint } from './hostKey.js';
import { serveReadOnlySftp } from './sftp/readOnlySftpServer.js';
import { attachAuthentication, type SshAuthMethod, type SshCredential } from './sshAuthentication.js';
import { startSshListener } from './sshListener.js';
import { runShellSession } from './shellSession.js';

/** Options of {@link startSshEndpoint}. */
export interface SshEndpointOptions {
  /** Loopback address; default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Host private key text, e.g. from deriveHostKey(profile seed). */
  readonly hostKey: string;
  /** Accounts of the node's OS administrator (CLI) users. */
  readonly credentials: readonly SshCredential[];
  /** Offered methods; default keyboard-interactive then password (real nodes: keyboard-interactive). */
  readonly authMethods?: readonly SshAuthMethod[];
  /** The node's admin CLI. */
  readonly cli: CliInterpreter;
  /** The node's log tree, served read-only over SFTP. */
  readonly files: VirtualFileTree;
  /** Degradation from the start (default healthy). */
  readonly degradation?: EndpointDegradation;
  /** Time to authenticate before the connection is closed (OpenSSH LoginGraceTime); default 120 s, 0 = none. */
  readonly loginGraceTimeMs?: number;
  /** Failed authentication attempts per connection before "Too many authentication failures" (OpenSSH MaxAuthTries); default 6. */
  readonly maxAuthTries?: number;
}

/** A running simulated node SSH endpoint. */
export interface SshEndpoint extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  /** "SHA256:…" as OpenSSH prints the host key fingerprint. */
  readonly hostKeyFingerprint: string;
  /** Open TCP connections (for leak checks). */
  readonly openConnections: number;
  /** Makes every answer late, or the endpoint unresponsive; undefined restores it. */
  setDegradation(degradation: EndpointDegradation | undefined): void;
  /** Closes the listener and every open connection. */
  dispose(): Promise<void>;
}

/**
 * Starts a node's SSH endpoint on loopback: admin CLI shell and exec (through `cli`), and a read-only SFTP
 * subsystem over `files`. Authentication by password and keyboard-interactive (serviceability-reference.md D).
 * Throws AppError VALIDATION for a bad host key, host or credentials, CONFLICT when the port is taken.
 */
export async function startSshEndpoint(options: SshEndpointOptions): Promise<SshEndpoint> {
  if (options.credentials.length === 0) throw new AppError('VALIDATION', 'an SSH endpoint needs at least one credential');
  if (options.maxAuthTries !== undefined && !(Number.isInteger(options.maxAuthTries) && options.maxAuthTries >= 1)) {
    throw new AppError('VALIDATION', `maxAuthTries must be a whole number of at least 1, got ${options.maxAuthTries}`);
  }
  if (options.loginGraceTimeMs !== undefined && !(Number.isFinite(options.loginGraceTimeMs) && options.loginGraceTimeMs >= 0)) {
    throw new AppError('VALIDATION', `loginGraceTimeMs must be 0 (no limit) or a positive number, got ${options.loginGraceTimeMs}`);
  }
  const fingerprint = hostKeyFingerprint(options.hostKey);
  const gate = new ResponseGate();
  gate.set(options.degradation);
  const sessions = new Set<Disposable>();
  const track = (d: Disposable, channel: ServerChannel): void => {
    sessions.add(d);
    channel.on('close', () => sessions.delete(d));
  };
  const methods = options.authMethods ?? ['keyboard-interactive', 'password'];

  const onConnection = (client: Connection): void => {
    let username = '';
    attachAuthentication(client, {
      credentials: options.credentials,
      methods,
      gate,
      maxAuthTries: options.maxAuthTries,
      onAuthenticated: (name) => {
        username = name;
      },
    });
    client.on('session', (accept) => {
      const session: Session = accept();
      let terminal = false;
      session.on('pty', (acceptPty, _reject, _info: PseudoTtyInfo) => {
        terminal = true;
        acceptPty?.();
      });
      session.on('window-change', (acceptChange) => acceptChange?.());
      session.on('env', (acceptEnv) => acceptEnv?.());
      session.on('shell', (acceptShell) => {
        const channel = acceptShell();
        track(runShellSession({ channel, cli: options.cli, username, terminal, gate }), channel);
      });
      session.on('exec', (acceptExec, _reject, info) => {
        const channel = acceptExec();
        track(runExecSession({ channel, cli: options.cli, username, command: info.command, terminal, gate }), channel);
      });
      session.on('sftp', (acceptSftp) => {
        serveReadOnlySftp(acceptSftp(), { files: options.files, gate });
      });
    });
  };

  let listener;
  try {
    listener = await startSshListener({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      hostKey: options.hostKey,
      gate,
      onConnection,
      loginGraceTimeMs: options.loginGraceTimeMs,
    });
  } catch (err) {
    gate.dispose();
    throw err;
  }
  const bound = listener;
  let disposed: Promise<void> | undefined;
  return {
    host: bound.host,
    port: bound.port,
    hostKeyFingerprint: fingerprint,
    get openConnections() {
      return bound.openConnections;
    },
    setDegradation: (d) => gate.set(d),
    dispose() {
      disposed ??= (async () => {
        gate.dispose();
        for (const s of [...sessions]) s.dispose();
        sessions.clear();
        await bound.dispose();
      })();
      return disposed;
    },
  };
}
