import { StringDecoder } from 'node:string_decoder';
import type { ServerChannel } from 'ssh2';
import { toDisposable, type Disposable } from '../../../base/disposable.js';
import type { CliInterpreter, CliIo, CliSession } from './cliInterpreter.js';
import type { ResponseGate } from './degradation.js';
import { LineEditor, lineTooLongText } from './lineEditor.js';
import { toWireText } from './terminalText.js';

/** Options of {@link runShellSession}. */
export interface ShellSessionOptions {
  readonly channel: ServerChannel;
  readonly cli: CliInterpreter;
  readonly username: string;
  /** Whether the client allocated a pty: echo typed characters and write CRLF. */
  readonly terminal: boolean;
  readonly gate: ResponseGate;
}

type ReadResult =
  | { readonly kind: 'line'; readonly line: string }
  | { readonly kind: 'interrupt' }
  | { readonly kind: 'overflow' }
  | { readonly kind: 'eof' };

/** Text UC OS prints when a command fails unexpectedly. */
const COMMAND_FAILED = 'Executed command unsuccessfully\n';

/**
 * Most typed-ahead characters held while a command runs (designed). Beyond it the channel is paused, so SSH
 * flow control (the channel window) stops the client instead of the node buffering without bound.
 */
export const MAX_TYPEAHEAD_CHARS = 64 * 1024;

/**
 * Runs an interactive CLI shell on a channel: banner, prompt, line editing, one command at a time.
 * Typed-ahead input waits until the CLI reads it (like jline on a raw pty), so transcripts are stable.
 * The session ends on Ctrl-D, on `quit`/`exit` (or the interpreter answering 'exit'), or when the client
 * closes the channel; the channel then gets exit status 0 and is closed. The returned Disposable ends it early.
 */
export function runShellSession(options: ShellSessionOptions): Disposable {
  const { channel, terminal } = options;
  const decoder = new StringDecoder('utf8');
  const editor = new LineEditor();
  // Typed-ahead input as received chunks; `offset` is the next UTF-16 index in chunks[0].
  const chunks: string[] = [];
  let offset = 0;
  let queued = 0;
  let paused = false;
  let waiter: ((r: ReadResult) => void) | undefined;
  let closed = false;
  let inputEnded = false;
  let session: CliSession | undefined;
  /** The pending read is a password: typed characters are not echoed. */
  let secret = false;

  const out = (text: string): void => {
    if (!closed && text.length > 0) channel.write(toWireText(text, terminal));
  };
  /** The next code point of the typed-ahead input, or undefined when there is none. */
  const nextChar = (): string | undefined => {
    while (chunks.length > 0) {
      const chunk = chunks[0] as string;
      if (offset < chunk.length) {
        const cp = chunk.codePointAt(offset) as number;
        const ch = String.fromCodePoint(cp);
        offset += ch.length;
        queued -= ch.length;
        return ch;
      }
      chunks.shift();
      offset = 0;
    }
    return undefined;
  };
  const pump = (): void => {
    // Echo is gathered and written once per pump: one SSH packet per received chunk, not one per character.
    let echo = '';
    const flushEcho = (): void => {
      if (terminal && echo.length > 0 && !closed) channel.write(echo);
      echo = '';
    };
    while (waiter !== undefined) {
      const ch = nextChar();
      if (ch === undefined) break;
      const ev = editor.feed(ch);
      if (ev === undefined) continue;
      if (ev.type === 'echo') {
        if (!secret) echo += ev.text;
        continue;
      }
      flushEcho();
      const resolve = waiter;
      waiter = undefined;
      if (ev.type === 'line') {
        if (terminal) out('\n');
        resolve({ kind: 'line', line: ev.line });
      } else if (ev.type === 'overflow') {
        out(`${terminal ? '\n' : ''}${lineTooLongText(ev.length, ev.limit)}`);
        resolve({ kind: 'overflow' });
      } else if (ev.type === 'interrupt') {
        if (terminal) out('^C\n');
        resolve({ kind: 'interrupt' });
      } else {
        resolve({ kind: 'eof' });
      }
    }
    flushEcho();
    if (paused && queued <= MAX_TYPEAHEAD_CHARS / 2 && !closed) {
      paused = false;
      channel.resume();
    }
    if (waiter !== undefined && inputEnded && queued === 0) {
      const resolve = waiter;
      waiter = undefined;
      resolve({ kind: 'eof' });
    }
  };
  const read = (): Promise<ReadResult> =>
    new Promise((resolve) => {
      if (closed) return resolve({ kind: 'eof' });
      waiter = resolve;
      pump();
    });
  const shutdown = (): void => {
    if (closed) return;
    closed = true;
    const w = waiter;
    waiter = undefined;
    w?.({ kind: 'eof' });
    session?.close();
  };

  channel.on('data', (chunk: Buffer) => {
    const text = decoder.write(chunk);
    if (text.length > 0) {
      chunks.push(text);
      queued += text.length;
    }
    pump();
    if (!paused && queued > MAX_TYPEAHEAD_CHARS) {
      paused = true;
      channel.pause();
    }
  });
  channel.on('end', () => {
    // Client sent EOF: what was typed still runs, then the session ends.
    inputEnded = true;
    pump();
  });
  channel.on('close', shutdown);
  channel.on('error', shutdown);

  const io: CliIo = {
    write: out,
    readLine: async (question, opts) => {
      out(question);
      secret = opts?.secret === true;
      const r = await read().finally(() => (secret = false));
      // An over-long answer was discarded (and said so): answered as an empty line.
      return r.kind === 'line' ? r.line : r.kind === 'overflow' ? '' : null;
    },
  };

  const loop = async (): Promise<void> => {
    session = options.cli.openSession({ username: options.username, interactive: true });
    await new Promise<void>((resolve) => options.gate.run(resolve));
    out(options.cli.banner());
    while (!closed) {
      out(options.cli.prompt);
      const r = await read();
      if (r.kind === 'eof') break;
      if (r.kind === 'interrupt' || r.kind === 'overflow') continue;
      const line = r.line.trim();
      if (line === '') continue;
      await new Promise<void>((resolve) => options.gate.run(resolve));
      let result: 'continue' | 'exit';
      try {
        result = await session.execute(line, io);
      } catch {
        out(COMMAND_FAILED);
        result = 'continue';
      }
      if (result === 'exit' || /^(quit|exit)$/i.test(line)) break;
    }
  };
  void loop()
    .catch(() => out(COMMAND_FAILED))
    .finally(() => {
      if (!closed) {
        channel.exit(0);
        channel.end();
      }
      shutdown();
    });
  return toDisposable(() => {
    if (!closed) channel.close();
    shutdown();
  });
}
