/**
 * Real-time trace of one file: `file tail activelog <file-spec> [lines] [regexp <expression>]` (reference D.6) on
 * an interactive admin CLI shell of its own (the command follows the file until Enter or Ctrl-C, so it holds its
 * session). Lines are delivered as they arrive (complete lines only); the shell's own prompt coming back means the
 * command ended (a missing file, a bad expression): the session closes with the node's reason.
 * Written by H4b to the interface of the design of issue 12 (section H2) when H2's had not landed; H2 owns it.
 */
import type { Client, ClientChannel } from 'ssh2';
import type { Disposable } from '../../base/disposable.js';
import { Emitter, type Event } from '../../base/emitter.js';
import { PollError } from '../pollError.js';
import type { SoapResult } from '../soap/perfmonClient.js';
import { hasCliControlChars, quoteCliArg } from './cliLogCommands.js';
import { closeSshClient } from './guardedSshClient.js';
import { pinnedSshConnect } from './pinnedSshConnect.js';
import { stripAnsi } from './parsers/cliText.js';
import { CLI_PROMPT, type SshTarget } from './sshCliSession.js';
import { toSshPollError } from './sshErrors.js';

/** How long start() waits for the first answer to the command (lines, or the prompt of a failure). */
const FIRST_ANSWER_MS = 1500;

export class LogTail implements Disposable {
  readonly #onDidReceiveLines = new Emitter<string[]>();
  /** Lines that came before anyone listened (the file's last lines, answered while start() ran). */
  #early: string[] = [];
  /** Lines as they arrive; a first listener also gets the lines that came before it subscribed. */
  readonly onDidReceiveLines: Event<string[]> = (listener) => {
    const subscription = this.#onDidReceiveLines.event(listener);
    if (this.#early.length > 0) {
      const early = this.#early;
      this.#early = [];
      queueMicrotask(() => this.#onDidReceiveLines.fire(early));
    }
    return subscription;
  };
  readonly #onDidClose = new Emitter<PollError | undefined>();
  readonly onDidClose: Event<PollError | undefined> = this.#onDidClose.event;
  #partial = '';
  #echoSeen = false;
  #closed = false;
  #started = false;
  #output = '';
  /** Ends start()'s current wait at once (new output, or the session closed). */
  #wake: (() => void) | undefined;

  private constructor(
    private readonly target: SshTarget,
    private readonly client: Client,
    private readonly channel: ClientChannel,
    private readonly command: string,
  ) {}

  /** Logs in, turns pagination off, starts `file tail` on `path` (relative to the active log root). */
  static async start(target: SshTarget, path: string, opts: { regexp?: string; lines?: number } = {}): Promise<SoapResult<LogTail>> {
    const node = target.node;
    if (hasCliControlChars(path) || (opts.regexp !== undefined && hasCliControlChars(opts.regexp))) {
      return { ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', node, `refused to follow ${JSON.stringify(path)} on ${node}: the path or expression holds a line break or control character`) };
    }
    const connected = await pinnedSshConnect(target);
    if (!connected.ok) return connected;
    const client = connected.client;
    const channel = await new Promise<ClientChannel | PollError>((resolve) => {
      client.once('close', () => resolve(new PollError('POLL_CONNECT', 'ssh', node, `${node} closed the SSH connection before the shell opened`)));
      client.shell({ term: 'vt100', cols: 1000, rows: 50 }, (err, ch) => resolve(err ? toSshPollError(err, node) : ch));
    });
    if (channel instanceof PollError) {
      closeSshClient(client);
      return { ok: false, error: channel };
    }
    const spec = path.replace(/^\/+/, '');
    const command = `file tail activelog ${quoteCliArg(spec)}${opts.lines && opts.lines > 0 ? ` ${Math.floor(opts.lines)}` : ''}${opts.regexp ? ` regexp ${quoteCliArg(opts.regexp)}` : ''}`;
    const tail = new LogTail(target, client, channel, command);
    const ready = await tail.#begin(target.readyTimeoutMs ?? 20_000);
    if (!ready.ok) {
      tail.dispose();
      return ready;
    }
    return { ok: true, value: tail };
  }

  /** Prompt, pagination off, the command; resolves once the node answered it or FIRST_ANSWER_MS passed. */
  async #begin(timeoutMs: number): Promise<SoapResult<true>> {
    const node = this.target.node;
    let buffer = '';
    const onData = (d: Buffer): void => {
      if (this.#started) this.#receive(d.toString('utf8'));
      else {
        buffer += d.toString('utf8');
        this.#wake?.();
      }
    };
    this.channel.on('data', onData);
    const closed = (err?: Error): void => this.#close(err ? toSshPollError(err, node) : new PollError('POLL_CONNECT', 'ssh', node, `${node} closed the real-time trace session`));
    this.channel.on('close', () => closed());
    this.channel.on('error', (e: Error) => closed(e));
    this.client.on('close', () => closed());
    const waitFor = async (test: () => boolean, ms: number): Promise<boolean> => {
      const deadline = Date.now() + ms;
      while (!test()) {
        if (this.#closed) return false;
        const left = deadline - Date.now();
        if (left <= 0) return false;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, left);
          function done(): void {
            clearTimeout(timer);
            resolve();
          }
          this.#wake = done;
        });
        this.#wake = undefined;
      }
      return true;
    };
    const prompt = (): boolean => CLI_PROMPT.test(stripAnsi(buffer));
    if (!(await waitFor(prompt, timeoutMs))) return { ok: false, error: new PollError('POLL_TIMEOUT', 'ssh', node, `no admin CLI prompt from ${node} in ${timeoutMs} ms`) };
    buffer = '';
    this.channel.write('set cli pagination off\n');
    if (!(await waitFor(prompt, timeoutMs))) return { ok: false, error: new PollError('POLL_TIMEOUT', 'ssh', node, `no admin CLI prompt from ${node} in ${timeoutMs} ms`) };
    buffer = '';
    this.channel.write(`${this.command}\n`);
    // The first answer: the echo then lines, or a failure and the prompt back.
    await waitFor(() => {
      const lines = stripAnsi(buffer).split('\n');
      const echo = lines.findIndex((l) => l.includes('file tail activelog'));
      return echo >= 0 && (lines.length > echo + 2 || prompt());
    }, FIRST_ANSWER_MS);
    const text = stripAnsi(buffer);
    const afterEcho = text.slice(text.indexOf('file tail activelog'));
    const body = afterEcho.slice(afterEcho.indexOf('\n') + 1);
    if (CLI_PROMPT.test(body) && /unsuccessful|No such file|Invalid|Incorrect syntax/i.test(body)) {
      const reason = body.replace(CLI_PROMPT, '').trim().split('\n').filter(Boolean)[0] ?? 'the command failed';
      return { ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', node, `file tail activelog on ${node}: ${reason}`) };
    }
    this.#started = true;
    this.#receive(buffer);
    return { ok: true, value: true };
  }

  #receive(chunk: string): void {
    if (this.#closed) return;
    const text = this.#partial + stripAnsi(chunk);
    const parts = text.split('\n');
    this.#partial = parts.pop() ?? '';
    const lines: string[] = [];
    for (const line of parts) {
      if (!this.#echoSeen) {
        if (line.includes('file tail activelog')) this.#echoSeen = true;
        continue;
      }
      lines.push(line);
    }
    // The prompt back (no newline after it): the command ended on its own.
    if (this.#echoSeen && CLI_PROMPT.test(`\n${this.#partial}`) && /^[A-Za-z0-9_-]+:\s*$/.test(this.#partial)) {
      this.#deliver(lines);
      this.#output = lines.slice(-3).join(' ');
      this.#close(new PollError('POLL_PROTOCOL', 'ssh', this.target.node, `file tail ended on ${this.target.node}${this.#output ? `: ${this.#output}` : ''}`));
      return;
    }
    this.#deliver(lines);
  }

  #deliver(lines: string[]): void {
    if (lines.length === 0) return;
    if (this.#onDidReceiveLines.listenerCount === 0) this.#early = [...this.#early, ...lines].slice(-10_000);
    else this.#onDidReceiveLines.fire(lines);
  }

  #close(error: PollError | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    // A start() still waiting for the prompt learns it now, not when its timeout ends.
    this.#wake?.();
    this.#onDidClose.fire(error);
    closeSshClient(this.client);
  }

  /** Stops following (Ctrl-C to the command) and closes the session; fires onDidClose(undefined). */
  dispose(): void {
    if (!this.#closed) {
      try {
        this.channel.write('\x03');
      } catch {
        // The channel may already be gone.
      }
      this.#close(undefined);
    }
    this.channel.destroy();
    closeSshClient(this.client);
    this.#onDidReceiveLines.dispose();
    this.#onDidClose.dispose();
  }
}
