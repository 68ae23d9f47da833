import type { CommandContext } from './commandTypes.js';

/** Printed by UC OS when a command fails (reference D; seen in Cisco's CLI guide examples). */
export const EXECUTED_UNSUCCESSFULLY = 'Executed command unsuccessfully';

/** Printed for a line that is no command at all (ours: UC OS names the bad word in its own wording). */
export function invalidCommandText(line: string): string {
  return `Invalid command: ${line}\n${EXECUTED_UNSUCCESSFULLY}\n`;
}

/** Writes a failure reason followed by the CLI's failure line. */
export function fail(ctx: Pick<CommandContext, 'io'>, reason: string): void {
  ctx.io.write(`${reason}\n${EXECUTED_UNSUCCESSFULLY}\n`);
}

/** Writes a usage error naming the expected syntax. */
export function usage(ctx: Pick<CommandContext, 'io'>, syntax: string): void {
  fail(ctx, `Incorrect syntax. Usage: ${syntax}`);
}
