import { createHash } from 'node:crypto';
import type { Client, ClientChannel } from 'ssh2';
import type { Disposable } from '../../base/disposable.js';
import { Emitter, type Event } from '../../base/emitter.js';
import { PollError } from '../pollError.js';
import type { PollTarget } from '../poller.js';
import { stripAnsi } from './parsers/cliText.js';
import { closeSshClient, guardedSshClient } from './guardedSshClient.js';
import { hostKeyChangedError, hostKeyNotPinnedError, toSshPollError } from './sshErrors.js';

/** A node's admin CLI over SSH. */
export interface SshTarget extends PollTarget {
  readonly username: string;
  readonly password: string;
  /** The pinned host key, "SHA256:<base64>" as OpenSSH prints it. Required to connect. */
  readonly hostKeyFingerprint: string | undefined;
  /** Connect + login timeout, ms (default 20 000). */
  readonly readyTimeoutMs?: number;
  /** Per-command timeout, ms (default 60 000). */
  readonly commandTimeoutMs?: number;
}

/** The admin CLI prompt (`admin:`), matched after stripping ANSI (reference D, CT-MCP `src/ssh.ts`). */
export const CLI_PROMPT = /(?:^|\n)[A-Za-z0-9_-]+:\s*$/;

/** An answer to a question a command asks before the prompt returns (e.g. "(yes/no)" of `utils ha failover`). */
export interface CliAnswer {
  readonly when: RegExp;
  readonly reply: string;
  /**
   * A question the node asks only sometimes (the CCMDB question of the designed DRS restore dialogue): when a later
   * answer's question appears first, this one is skipped. Answers stay in order.
   */
  readonly optional?: boolean;
}

/** How one command ends (additive to the prompt rule). */
export interface CliRunOptions {
  /**
   * The node closing the session ends the command successfully with the output so far (`utils system restart`
   * closes the session after "Appliance is being Restarted ..."); the session is closed afterwards either way.
   */
  readonly closeEndsCommand?: boolean;
}

/** A command's output, or why there is none. */

export type CliCommandResult = { readonly ok: true; readonly output: string } | { readonly ok: false; readonly error: PollError };

/** SHA-256 fingerprint of an SSH public key blob, OpenSSH style. */
export function sshKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Reads a server's host key fingerprint without logging in (the handshake stops at host key verification),
 * for "pin on first use with the user's consent".
 */
export function fetchSshHostKeyFingerprint(host: string, port: number, node = host, timeoutMs = 10_000): Promise<{ ok: true; fingerprint: string } | { ok: false; error: PollError }> {
  return new Promise((resolve) => {
    let fingerprint: string | undefined;
    let settled = false;
    const settle = (r: { ok: true; fingerprint: string } | { ok: false; error: PollError }): void => {
      if (settled) return;
      settled = true;
      closeSshClient(client);
      resolve(r);
    };
    const finish = (): void => settle(fingerprint ? { ok: true, fingerprint } : { ok: false, error: new PollError('POLL_CONNECT', 'ssh', node, `${node} presented no host key`) });
    // The error listener stays for the client's whole life (ssh2 may emit more than one error, see guardedSshClient).
    const client = guardedSshClient((err) => (fingerprint ? finish() : settle({ ok: false, error: toSshPollError(err, node) })));
    client.on('close', finish);
    client.connect({ host, port, readyTimeout: timeoutMs, username: 'fingerprint-only', hostVerifier: (key: Buffer) => ((fingerprint = sshKeyFingerprint(key)), false) });
  });
}

/**
 * One interactive admin CLI shell on a node: keyboard-interactive or password login, host key checked against
 * the pin BEFORE authentication, prompt detection, `set cli pagination off` first, then one command at a time
 * (a queue). `onDidClose` fires when the server or network ends the session.
 */
export class SshCliSession implements Disposable {
  readonly #onDidClose = new Emitter<void>();
  /** Fires once when the connection closes (for the pool to reconnect next time). */
  readonly onDidClose: Event<void> = this.#onDidClose.event;
  #buffer = '';
  #answeredAt = 0;
  #waiter: (() => void) | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(
    readonly target: SshTarget,
    private readonly client: Client,
    private readonly channel: ClientChannel,
  ) {
    channel.on('data', (d: Buffer) => {
      this.#buffer += d.toString('utf8');
      this.#waiter?.();
    });
    const closed = (): void => {
      if (this.#closed) return;
      this.#closed = true;
      this.#waiter?.();
      this.#onDidClose.fire();
    };
    channel.on('close', closed);
    channel.on('error', closed);
    client.on('close', closed);
    // The client's own error listener (guardedSshClient) stays; an error also ends the session.
    client.on('error', closed);
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** Connects, logs in, waits for the prompt and turns pagination off. */
  static async connect(target: SshTarget): Promise<{ ok: true; session: SshCliSession } | { ok: false; error: PollError }> {
    const node = target.node;
    if (!target.hostKeyFingerprint) return { ok: false, error: hostKeyNotPinnedError(node, undefined) };
    let keyError: PollError | undefined;
    // Until the session owns the client, errors go to whoever waits (the handshake, the shell request); the
    // listener itself is never removed: after a ready timeout ssh2 emits a second error ("Connection lost before
    // handshake") when the socket closes, and an 'error' nobody listens to kills the process (issue 10).
    let onFailure: ((error: PollError) => void) | undefined;
    const client = guardedSshClient((err) => onFailure?.(keyError ?? toSshPollError(err, node)));
    const closedEarly = (): PollError => keyError ?? new PollError('POLL_CONNECT', 'ssh', node, `${node} closed the SSH connection before the session was ready`);
    const ready = await new Promise<PollError | undefined>((resolve) => {
      onFailure = resolve;
      client.once('ready', () => resolve(undefined));
      client.once('close', () => resolve(closedEarly()));
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
    if (ready) {
      onFailure = undefined;
      closeSshClient(client);
      return { ok: false, error: ready };
    }
    const channel = await new Promise<ClientChannel | PollError>((resolve) => {
      onFailure = resolve;
      client.once('close', () => resolve(closedEarly()));
      // ssh2 throws "Not connected" at once when the connection closed between login and here: a failure, not a throw.
      try {
        client.shell({ term: 'vt100', cols: 250, rows: 50 }, (err, ch) => resolve(err ? toSshPollError(err, node) : ch));
      } catch (err) {
        resolve(toSshPollError(err, node));
      }
    });
    onFailure = undefined;
    if (channel instanceof PollError) {
      closeSshClient(client);
      return { ok: false, error: channel };
    }
    const session = new SshCliSession(target, client, channel);
    const prompt = await session.#readUntilPrompt(target.readyTimeoutMs ?? 20_000);
    if (!prompt.ok) {
      session.dispose();
      return prompt;
    }
    const pager = await session.run('set cli pagination off');
    if (!pager.ok) {
      session.dispose();
      return pager;
    }
    return { ok: true, session };
  }

  /** Runs one command (queued behind any running one) and returns its output without echo and prompt. */
  run(command: string, timeoutMs = this.target.commandTimeoutMs ?? 60_000, answers: readonly CliAnswer[] = [], options: CliRunOptions = {}): Promise<CliCommandResult> {
    const turn = this.#queue.then(async (): Promise<CliCommandResult> => {
      if (this.#closed) return { ok: false, error: new PollError('POLL_CONNECT', 'ssh', this.target.node, `the SSH session to ${this.target.node} is closed`) };
      this.#buffer = '';
      this.channel.write(`${command}\n`);
      const r = await this.#readUntilPrompt(timeoutMs, answers, options);
      if (!r.ok) {
        // The shell's state is unknown after a timeout (a late prompt would answer the next command): drop it.
        this.dispose();
        return r;
      }
      const lines = r.output.split('\n');
      if (lines[0]?.trim() === command.trim() || lines[0]?.includes(command.trim())) lines.shift();
      return { ok: true, output: lines.join('\n') };
    });
    this.#queue = turn;
    return turn;
  }

  dispose(): void {
    if (!this.#closed) {
      this.#closed = true;
      this.#onDidClose.fire();
    }
    this.channel.destroy();
    closeSshClient(this.client);
    this.#onDidClose.dispose();
  }

  /** Waits until the stripped output ends with a prompt; returns the text before it. */
  async #readUntilPrompt(timeoutMs: number, answers: readonly CliAnswer[] = [], options: CliRunOptions = {}): Promise<CliCommandResult> {
    const node = this.target.node;
    const deadline = Date.now() + timeoutMs;
    let answered = 0;
    for (;;) {
      const text = stripAnsi(this.#buffer);
      // Answer each question once, in order, when its text appears after what was already answered; an optional
      // question not asked is passed over when a later one appears.
      const next = nextAnswer(answers, answered, text.slice(this.#answeredAt));
      if (next !== undefined) {
        this.#answeredAt = text.length;
        answered = next + 1;
        this.channel.write(`${answers[next]!.reply}\n`);
        continue;
      }
      const m = CLI_PROMPT.exec(text);
      // A question just answered ("Password: " of `file get`) looks like a prompt until the node writes on: only a
      // prompt after the last answer ends the command.
      if (m && (answered === 0 || m.index >= this.#answeredAt)) {
        this.#buffer = '';
        this.#answeredAt = 0;
        return { ok: true, output: text.slice(0, m.index) };
      }
      if (this.#closed) {
        if (options.closeEndsCommand) {
          this.#buffer = '';
          this.#answeredAt = 0;
          return { ok: true, output: text };
        }
        return { ok: false, error: new PollError('POLL_CONNECT', 'ssh', node, `${node} closed the SSH session`) };
      }
      const left = deadline - Date.now();
      if (left <= 0) return { ok: false, error: new PollError('POLL_TIMEOUT', 'ssh', node, `no admin CLI prompt from ${node} in ${timeoutMs} ms`) };
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.#waiter = undefined;
          resolve();
        };
        const timer = setTimeout(done, left);
        this.#waiter = done;
      });
    }
  }
}

/** The index of the answer whose question `pending` shows: the next one, or a later one past optional ones. */
function nextAnswer(answers: readonly CliAnswer[], from: number, pending: string): number | undefined {
  for (let i = from; i < answers.length; i++) {
    if (answers[i]!.when.test(pending)) return i;
    if (!answers[i]!.optional) return undefined;
  }
  return undefined;
}
