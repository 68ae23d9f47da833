import { fail } from '../cliMessages.js';
import type { CommandSpec } from '../commandTypes.js';

/**
 * `utils disaster_recovery …`: handed to the DRS hook with everything after the two fixed words. Without a DRS
 * master the CLI prints the error real nodes print when the Master Agent does not answer (reference D.7 [T]).
 */
export const utilsDrsCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'disaster_recovery'],
    syntax: 'utils disaster_recovery <subcommand> [options]',
    run: async (ctx, args) => {
      if (!ctx.hooks.drs) {
        return fail(ctx, `Unable to connect to Master Agent host: ${ctx.model.impPublisher().name}, Port: 4040. This may be due to Master or Local Agent being down.`);
      }
      await ctx.hooks.drs(args, ctx.io);
    },
  },
];
