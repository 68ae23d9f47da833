import type { Disposable } from '../../base/disposable.js';
import { PollError } from '../pollError.js';
import { toSshPollError } from './sshErrors.js';
import { SshCliSession, type CliAnswer, type CliCommandResult, type SshTarget } from './sshCliSession.js';

/**
 * One admin CLI session per node, opened on first use and re-opened after it closed. Commands to a node run one
 * at a time (the session's queue). A failed connect is not cached: the next `run` tries again.
 */
export class SshSessionPool implements Disposable {
  readonly #sessions = new Map<string, Promise<{ ok: true; session: SshCliSession } | { ok: false; error: PollError }>>();
  #disposed = false;

  /** Runs `command` on the target's node. */
  async run(target: SshTarget, command: string, timeoutMs?: number, answers: readonly CliAnswer[] = []): Promise<CliCommandResult> {
    if (this.#disposed) return { ok: false, error: new PollError('POLL_CONNECT', 'ssh', target.node, 'the SSH pool is disposed') };
    const key = `${target.host}:${target.port}|${target.username}|${target.hostKeyFingerprint}`;
    let pending = this.#sessions.get(key);
    if (!pending) {
      // A connect that throws (it should not) is a failed connect too: the pool never leaves a rejection unhandled.
      pending = SshCliSession.connect(target).catch((err: unknown) => ({ ok: false as const, error: toSshPollError(err, target.node) }));
      this.#sessions.set(key, pending);
      void pending.then((r) => {
        if (!r.ok || this.#disposed) {
          if (this.#sessions.get(key) === pending) this.#sessions.delete(key);
          if (r.ok) r.session.dispose();
          return;
        }
        r.session.onDidClose(() => {
          if (this.#sessions.get(key) === pending) this.#sessions.delete(key);
        });
      });
    }
    const r = await pending;
    if (!r.ok) return r;
    return r.session.run(command, timeoutMs, answers);
  }

  /**
   * A cheap liveness check of a node's SSH (issue 10): `show myself` (the logged-in account; read-only, answered
   * by the CLI itself) on the pooled admin CLI session. Without a session it logs in once and keeps the session
   * pooled, so later probes and commands reuse it. A probe that gets no prompt back drops the session.
   */
  probe(target: SshTarget, timeoutMs = 10_000): Promise<CliCommandResult> {
    return this.run(target, 'show myself', timeoutMs);
  }

  /** Open sessions (for tests and diagnostics). */
  get size(): number {
    return this.#sessions.size;
  }

  dispose(): void {
    this.#disposed = true;
    for (const p of this.#sessions.values()) void p.then((r) => r.ok && r.session.dispose());
    this.#sessions.clear();
  }
}
