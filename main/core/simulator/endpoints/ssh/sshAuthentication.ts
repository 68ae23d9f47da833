import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthContext, Connection } from 'ssh2';
import type { ResponseGate } from './degradation.js';

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
  let done = false;
  client.on('authentication', (ctx: AuthContext) => {
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
          ctx.reject(offered);
        }
      });
    };
    if (ctx.method === 'password' && offered.includes('password')) {
      decide(ctx.password);
    } else if (ctx.method === 'keyboard-interactive' && offered.includes('keyboard-interactive')) {
      ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers: string[]) => decide(answers[0]));
    } else {
      options.gate.run(() => ctx.reject(offered));
    }
  });
}
