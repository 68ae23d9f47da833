import { createInterface } from 'node:readline';
import type { CliIo } from './cliIo.js';

/**
 * Asks the person at the terminal to confirm a change, naming its impact (the app's confirmation dialogs, on the
 * command line): the impact and `Proceed? [y/N]` on stderr, one line read from stdin; only "y" or "yes" confirms.
 * With `--yes` the impact is printed and nothing asked. Without a terminal and without --yes it answers
 * 'noTerminal': a script says --yes explicitly, never by default.
 */
export async function confirmImpact(io: CliIo, impact: string, yes: boolean): Promise<'confirmed' | 'declined' | 'noTerminal'> {
  if (yes) {
    io.stderr.write(`${impact}\n`);
    return 'confirmed';
  }
  if (!io.interactive) return 'noTerminal';
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('close', () => resolve(''));
      rl.question(`${impact}\nProceed? [y/N]: `, resolve);
    });
    return /^\s*y(es)?\s*$/i.test(answer) ? 'confirmed' : 'declined';
  } finally {
    rl.close();
  }
}
