import { ttloginTables } from '../../model/imDatabase/clientSessionsTable.js';
import { databaseTables } from '../../model/imDatabase/imTables.js';
import { executeSql, formatSqlResult, SqlError, type SqlTableSource } from '../../model/imDatabase/sqlEngine.js';
import { EXECUTED_UNSUCCESSFULLY, invalidCommandText, usage } from '../cliMessages.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';

// `run sql <statement>` and `run pe sql ttlogin <statement>` (real commands; serviceability-reference D.4 lists
// the community scripts' `run pe sql ttlogin select * from clientsessions` and `run sql select * from
// enterprisenode`; the guide queries enduser.primarynodeid / xcp_user_id and rosters, L9176). The table layout is the real one; the SQL subset, the error texts and most columns are
// designed: no real sample (reports-design.md "run sql", "run pe sql"). Fixtures: run-sql-*.txt, pe-*.txt, sql-error-*.txt.

/** Runs a statement over tables and writes the table, or the Informix error line, a blank line and the failure line. */
async function answer(ctx: CommandContext, statement: string, tables: ReadonlyMap<string, SqlTableSource>): Promise<void> {
  let text: string;
  try {
    text = formatSqlResult(executeSql(statement, tables));
  } catch (err) {
    if (!(err instanceof SqlError)) throw err;
    ctx.io.write(`${err.line}\n\n${EXECUTED_UNSUCCESSFULLY}\n`);
    return;
  }
  await ctx.output(text);
}

/** `run sql …` and `run pe sql ttlogin …`. */
export const runSqlCommands: readonly CommandSpec[] = [
  {
    words: ['run', 'sql'],
    syntax: 'run sql <sql statement>',
    rawArgs: true,
    run: async (ctx, args) => {
      const statement = args[0] ?? '';
      if (statement === '') return usage(ctx, 'run sql <sql statement>');
      await answer(ctx, statement, databaseTables(ctx.model, ctx.node));
    },
  },
  {
    words: ['run', 'pe', 'sql'],
    syntax: 'run pe sql <datastore> <sql statement>',
    rawArgs: true,
    run: async (ctx, args) => {
      const rest = args[0] ?? '';
      // The Presence Engine datastore exists on IM&P nodes only: the CUCM publisher has no such command.
      if (ctx.node.isCucm) {
        ctx.io.write(invalidCommandText(`run pe sql ${rest}`.trim()));
        return;
      }
      const m = /^(\S+)\s+([\s\S]+)$/.exec(rest);
      if (!m) return usage(ctx, 'run pe sql <datastore> <sql statement>');
      if (m[1]!.toLowerCase() !== 'ttlogin') {
        // Designed: the only Presence Engine datastore the simulator has is ttlogin.
        ctx.io.write(`Invalid datastore: ${m[1]}\n${EXECUTED_UNSUCCESSFULLY}\n`);
        return;
      }
      await answer(ctx, m[2]!.trim(), ttloginTables(ctx.model, ctx.node));
    },
  },
];
