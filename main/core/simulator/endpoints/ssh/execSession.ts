import { StringDecoder } from 'node:string_decoder';
import type { ServerChannel } from 'ssh2';
import { toDisposable, type Disposable } from '../../../base/disposable.js';
import type { CliInterpreter, CliIo, CliSession } from './cliInterpreter.js';
import type { ResponseGate } from './degradation.js';
import { MAX_LINE_CHARS, lineTooLongText } from './lineEditor.js';
import { MAX_TYPEAHEAD_CHARS } from './shellSession.js';
import { toWireText } from './terminalText.js';

/** Options of {@link runExecSession}. */
export interface ExecSessionOptions {
  readonly channel: ServerChannel;
  readonly cli: CliInterpreter;
  readonly username: string;
  readonly command: string;
  /** Whether the client allocated a pty (`ssh -t host cmd`): write CRLF. */
  readonly terminal: boolean;
  readonly gate: ResponseGate;
}

/**
 * Runs one command of an SSH exec request through a non-interactive CLI session. `readLine` answers from
 * the channel's stdin, one line at a time, and resolves null once stdin reached EOF. When the command is
 * done the channel gets exit status 0 and is closed. The returned Disposable ends it early.
 */
export function runExecSession(options: ExecSessionOptions): Disposable {
  const { channel, terminal } = options;
  const decoder = new StringDecoder('utf8');
  let buffered = '';
  let inputEnded = false;
  let closed = false;
  let waiter: ((line: string | null) => void) | undefined;
  let session: CliSession | undefined;
  let paused = false;
  /** Set while an over-long stdin line is being skipped up to its line end: its length so far. */
  let skipping: number | undefined;

  const out = (text: string): void => {
    if (!closed && text.length > 0) channel.write(toWireText(text, terminal));
  };
  const resumeIfDrained = (): void => {
    if (paused && buffered.length <= MAX_TYPEAHEAD_CHARS / 2 && !closed) {
      paused = false;
      channel.resume();
    }
  };
  const pump = (): void => {
    if (waiter === undefined) return resumeIfDrained();
    // A stdin line may not exceed the CLI's line limit: the rest of it is skipped, and the answer is empty.
    if (skipping !== undefined || (buffered.length > MAX_LINE_CHARS && buffered.lastIndexOf('\n', MAX_LINE_CHARS) < 0)) {
      const nl = buffered.indexOf('\n');
      if (nl < 0) {
        skipping = (skipping ?? 0) + buffered.length;
        buffered = '';
        if (!inputEnded && !closed) return resumeIfDrained();
      } else {
        skipping = (skipping ?? 0) + nl;
        buffered = buffered.slice(nl + 1);
      }
      out(lineTooLongText(skipping, MAX_LINE_CHARS));
      skipping = undefined;
      const resolve = waiter;
      waiter = undefined;
      resolve('');
      return resumeIfDrained();
    }
    resumeIfDrained();
    const nl = buffered.indexOf('\n');
    let line: string | null;
    if (nl >= 0) {
      line = buffered.slice(0, nl).replace(/\r$/, '');
      buffered = buffered.slice(nl + 1);
    } else if (inputEnded || closed) {
      line = buffered.length > 0 ? buffered : null;
      buffered = '';
    } else {
      return;
    }
    const resolve = waiter;
    waiter = undefined;
    resolve(line);
  };
  const shutdown = (): void => {
    if (closed) return;
    closed = true;
    pump();
    session?.close();
  };
  channel.on('data', (chunk: Buffer) => {
    buffered += decoder.write(chunk);
    pump();
    if (!paused && buffered.length > MAX_TYPEAHEAD_CHARS) {
      paused = true;
      channel.pause();
    }
  });
  channel.on('end', () => {
    inputEnded = true;
    pump();
  });
  channel.on('close', shutdown);
  channel.on('error', shutdown);

  const io: CliIo = {
    write: out,
    readLine: (question) => {
      out(question);
      return new Promise((resolve) => {
        waiter = resolve;
        pump();
      });
    },
  };
  const run = async (): Promise<void> => {
    session = options.cli.openSession({ username: options.username, interactive: false });
    await new Promise<void>((resolve) => options.gate.run(resolve));
    const command = options.command.trim();
    if (command.length > MAX_LINE_CHARS) return out(lineTooLongText(command.length, MAX_LINE_CHARS));
    await session.execute(command, io);
  };
  void run()
    .catch(() => out('Executed command unsuccessfully\n'))
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
