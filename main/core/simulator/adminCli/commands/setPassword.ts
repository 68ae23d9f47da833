import { AppError } from '../../../base/errors.js';
import { fail, usage } from '../cliMessages.js';
import type { CommandSpec } from '../commandTypes.js';

// `set password user security` (UC OS CLI; dialogue designed): changes the cluster security password, which DRS
// uses to encrypt later backups (guide L10042, L10130, L10256). Backups taken before need the old password.

/** Prompts and answers of `set password user security`. */
export const SET_PASSWORD_TEXT = {
  old: 'Please enter the old password: ',
  new: 'Please enter the new password: ',
  confirm: 'Re-enter new password to confirm: ',
  updated: 'Password updated successfully.',
  mismatch: 'The passwords do not match.',
} as const;

export const setPasswordCommands: readonly CommandSpec[] = [
  {
    words: ['set', 'password', 'user', 'security'],
    syntax: 'set password user security',
    run: async (ctx, args) => {
      if (args.length > 0) return usage(ctx, 'set password user security');
      const hook = ctx.hooks.securityPassword;
      if (!hook) return fail(ctx, 'The security password cannot be changed: the platform service does not answer.');
      const oldPassword = (await ctx.io.readLine(SET_PASSWORD_TEXT.old, { secret: true })) ?? '';
      const newPassword = (await ctx.io.readLine(SET_PASSWORD_TEXT.new, { secret: true })) ?? '';
      const confirm = (await ctx.io.readLine(SET_PASSWORD_TEXT.confirm, { secret: true })) ?? '';
      if (newPassword !== confirm) return fail(ctx, SET_PASSWORD_TEXT.mismatch);
      try {
        hook.change(oldPassword, newPassword);
      } catch (err) {
        if (err instanceof AppError) return fail(ctx, err.message);
        throw err;
      }
      ctx.model.event('security', `cluster security password changed by ${ctx.session.username}`, ctx.node.name);
      ctx.io.write(`${SET_PASSWORD_TEXT.updated}\n`);
    },
  },
];
