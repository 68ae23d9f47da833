import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthContext, Connection } from 'ssh2';
import type { ResponseGate } from './degradation.js';
import { DISCONNECT_PROTOCOL_ERROR, disconnectWithMessage } from './sshDisconnect.js';

/** OpenSSH's MaxAuthTries default (sshd_config(5)): failed attempts allowed per connection. */
export const DEFAULT_MAX_AUTH_TRIES = 6;
/** What sshd sends when a connection used up its tries (auth2.c auth_maxtries_exceeded). */
export const TOO_MANY_AUTH_FAILURES = 'Too many authentication failures';

/** One account the simulated server accepts. */
export interface SshCredential {
  readonly username: string;
  readonly password: string;
}

/** The password methods a simulated server offers. */
export type SshAuthMethod = 'password' | 'keyboard-interactive';

/** Options of {@link attachAuthentication}. */
export interface SshAuthenticationOptions {
  readonly credentials: readonly SshCredential[];
  /** Offered methods, in the order advertised to the client. */
  readonly methods: readonly SshAuthMethod[];
  /** Delays or withholds every answer. */
  readonly gate: ResponseGate;
  /** Called once with the account name when authentication succeeds. */
  readonly onAuthenticated: (username: string) => void;
  /**
   * Failed attempts allowed on one connection (OpenSSH MaxAuthTries, default 6); at that many failures the
   * connection is disconnected with "Too many authentication failures", as sshd does.
   */
  readonly maxAuthTries?: number;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Whether `username`/`password` match one of `credentials` (compared in constant time per entry). */
export function credentialsMatch(credentials: readonly SshCredential[], username: string, password: string): boolean {
  const u = digest(username);
  const p = digest(password);
  let ok = false;
  for (const c of credentials) {
    const match = timingSafeEqual(u, digest(c.username)) && timingSafeEqual(p, digest(c.password));
    ok = ok || match;
  }
  return ok;
}

/**
 * Answers a connection's authentication requests: password and/or keyboard-interactive with one
 * "Password:" prompt (real CUCM/IM&P nodes require keyboard-interactive; serviceability-reference.md D,
 * CT-MCP `src/ssh.ts`). Other methods are refused with the list of offered methods.
 */
export function attachAuthentication(client: Connection, options: SshAuthenticationOptions): void {
  const offered = [...options.methods];
  const maxTries = options.maxAuthTries ?? DEFAULT_MAX_AUTH_TRIES;
  let done = false;
  let failures = 0;
  let cut = false;
  // sshd counts every failed method except the initial "none" probe (auth2.c input_userauth_request).
  const refuse = (ctx: AuthContext): void => {
    if (cut) return;
    if (ctx.method !== 'none') failures += 1;
    if (failures >= maxTries) {
      cut = true;
      disconnectWithMessage(client, DISCONNECT_PROTOCOL_ERROR, TOO_MANY_AUTH_FAILURES);
      return;
    }
    ctx.reject(offered);
  };
  client.on('authentication', (ctx: AuthContext) => {
    if (cut) return;
    const decide = (password: string | undefined): void => {
      const ok = password !== undefined && credentialsMatch(options.credentials, ctx.username, password);
      options.gate.run(() => {
        if (ok) {
          if (!done) {
            done = true;
            options.onAuthenticated(ctx.username);
          }
          ctx.accept();
        } else {
          refuse(ctx);
        }
      });
    };
    if (ctx.method === 'password' && offered.includes('password')) {
      decide(ctx.password);
    } else if (ctx.method === 'keyboard-interactive' && offered.includes('keyboard-interactive')) {
      ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers: string[]) => decide(answers[0]));
    } else {
      options.gate.run(() => refuse(ctx));
    }
  });
}
