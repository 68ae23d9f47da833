import { usage } from '../cliMessages.js';
import type { CommandSpec } from '../commandTypes.js';

/** `set cli pagination on|off` and `show myself`: settings of the session itself. */
export const sessionCommands: readonly CommandSpec[] = [
  {
    words: ['set', 'cli', 'pagination'],
    syntax: 'set cli pagination {on|off}',
    run: (ctx, args) => {
      const v = args[0]?.toLowerCase();
      if (args.length !== 1 || (v !== 'on' && v !== 'off')) return usage(ctx, 'set cli pagination {on|off}');
      ctx.session.pagination = v === 'on';
      ctx.io.write(`Automatic pagination is turned ${v}\n`);
    },
  },
  {
    words: ['show', 'myself'],
    syntax: 'show myself',
    run: (ctx) => {
      ctx.io.write(
        [
          `Machine Name    : ${ctx.node.name}`,
          `account name    : ${ctx.session.username}`,
          'privilege level : 4',
          `command count   : ${ctx.session.commandCount}`,
          'logging setting : disabled',
          '',
        ].join('\n'),
      );
    },
  },
];
