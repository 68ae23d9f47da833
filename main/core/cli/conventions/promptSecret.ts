import { AppError } from '../../base/errors.js';
import type { CliIo } from './cliIo.js';

/**
 * Asks a person at the terminal for a secret without echoing it (the question on stderr, the answer read from
 * stdin in raw mode). Refuses, naming what is missing, when nobody is at a terminal: a script gives its secrets
 * with `--<name>-env VAR` or in the environment a config names.
 */
export async function promptSecret(io: CliIo, question: string, whenNoTerminal: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (!io.interactive || typeof stdin.setRawMode !== 'function') throw new AppError('VALIDATION', whenNoTerminal);
  // Raw mode (no echo) before the question shows: an answer typed at once is never echoed.
  stdin.setRawMode(true);
  io.stderr.write(`${question}: `);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let answer = '';
      const onData = (chunk: string): void => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            stdin.off('data', onData);
            resolve(answer);
            return;
          }
          if (ch === '\u0003') {
            stdin.off('data', onData);
            reject(new AppError('PRECONDITION', 'cancelled at the secret prompt (Ctrl+C)'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
          else answer += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    io.stderr.write('\n');
  }
}
