import { BOOT_SECONDS, SHUTDOWN_SECONDS } from '../../model/clusterModel.js';
import { fail, usage } from '../cliMessages.js';
import type { CommandSpec } from '../commandTypes.js';

// `utils system restart` (UC OS CLI; the dialogue is designed, in the CLI reference's wording). The node shuts
// down (SHUTDOWN_SECONDS), is off, boots (BOOT_SECONDS of virtual time) and starts its services; the session
// closes at once. An IM&P subscriber that boots while the CUCM publisher is down cannot start its services
// (guide L10618; ClusterModel.powerOn). After a restore the restored nodes need this restart (L10594-10624).

/** The question and the answers of `utils system restart`. */
export const RESTART_TEXT = {
  question: 'Do you really want to restart ?\n',
  prompt: 'Enter (yes/no)? ',
  restarting: 'Appliance is being Restarted ...',
  cancelled: 'Restart cancelled.',
} as const;

/** Virtual seconds from `yes` until the node answers again (shutdown + boot). */
export const RESTART_SECONDS = SHUTDOWN_SECONDS + BOOT_SECONDS;

export const utilsSystemCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'system', 'restart'],
    syntax: 'utils system restart',
    run: async (ctx, args) => {
      if (args.length > 0) return usage(ctx, 'utils system restart');
      if (ctx.node.power !== 'on') return fail(ctx, `The system is already ${ctx.node.power === 'shuttingDown' ? 'shutting down' : 'restarting'}.`);
      ctx.io.write(RESTART_TEXT.question);
      const answer = (await ctx.io.readLine(RESTART_TEXT.prompt))?.trim().toLowerCase();
      if (answer !== 'yes' && answer !== 'y') return ctx.io.write(`${RESTART_TEXT.cancelled}\n`);
      ctx.io.write(`${RESTART_TEXT.restarting}\n`);
      ctx.model.event('power', `${ctx.node.name} restart requested from the CLI by ${ctx.session.username}`, ctx.node.name);
      ctx.model.reboot(ctx.node.name);
      ctx.session.closeAfterCommand = true;
    },
  },
];
