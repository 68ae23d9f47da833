import { InvalidArgumentError, Option, type Command } from 'commander';
import { OPERATOR_NAME_PATTERN, ROLES, passwordProblem, type OperatorView, type Role } from '../../../../shared/model/access.js';
import { AppError } from '../../base/errors.js';
import type { Column } from '../conventions/outputFormat.js';
import { promptSecret } from '../conventions/promptSecret.js';
import { defineVerb, type AreaDefinition, type VerbContext, type VerbResult } from '../conventions/verb.js';
import { isoSeconds } from './drsOptions.js';
import { openOperatorsFolder, readOperatorsFolder, type OperatorChange } from './operatorsFolder.js';

/**
 * `imp operators …` (issue 16 "Operators"): the named accounts of a server's data folder — add, list, disable,
 * enable, set-role, reset-password, unlock — on the server's machine (whoever can write its data folder). The first
 * admin is made here, never from an open web page. A running server on the same folder sees every change at the
 * next login or request (SQLite WAL; no restart); a change of role, state or password ends the account's sessions.
 * Each change is recorded in the folder's audit log as the OS user who ran the command (source cli).
 */

const columns: Column<OperatorView>[] = [
  { header: 'NAME', value: (o) => o.name },
  { header: 'ROLE', value: (o) => o.role },
  { header: 'STATE', value: (o) => (o.disabled ? 'disabled' : o.lockedUntilMs !== undefined ? `locked until ${isoSeconds(o.lockedUntilMs)}` : 'enabled') },
  { header: 'SESSIONS', value: (o) => o.sessions },
  { header: 'FAILED LOGINS', value: (o) => o.failedLogins },
  { header: 'LAST LOGIN', value: (o) => isoSeconds(o.lastLoginAtMs) },
  { header: 'PASSWORD CHANGED', value: (o) => isoSeconds(o.passwordChangedAtMs) },
  { header: 'CREATED', value: (o) => isoSeconds(o.createdAtMs) },
];

const JSON_SHAPE = `--format json prints the account(s): {name, role (viewer|operator|admin), disabled, createdAtMs,
passwordChangedAtMs, lastLoginAtMs?, failedLogins, lockedUntilMs?, sessions (open now)}; never a password or hash.`;

const CHANGE_HELP = `${JSON_SHAPE}
The change is made in <data-dir>/history.db (beside a running server: it applies at the account's next request)
and recorded in the folder's audit log as the OS user who ran this command. Changing a role, disabling or
resetting a password ends the account's open sessions. The last enabled admin can be neither disabled nor demoted.
Exit codes: 0 done; 1 failure (no such operator, the last admin, the audit log cannot be written), one line on
stderr; 2 bad usage.`;

const PASSWORD_SECRET = [{ name: 'password', what: 'the new password (at least 10 characters)' }] as const;

function addDataDir(cmd: Command): void {
  cmd.addOption(new Option('--data-dir <DIR>', "the server's data folder (default: the server's and the app's, $IMP_MONITOR_STATE_DIR or ~/.imp-monitor)"));
}

function addName(cmd: Command): void {
  cmd.addOption(
    new Option('--name <NAME>', 'the operator (letters, digits, . _ @ -; at most 64 characters)')
      .argParser((v: string) => {
        if (!OPERATOR_NAME_PATTERN.test(v)) throw new InvalidArgumentError('an operator name has letters, digits, . _ @ -, at most 64 characters, starting with a letter or digit');
        return v;
      })
      .makeOptionMandatory(),
  );
}

function addRole(cmd: Command, what: string): void {
  cmd.addOption(new Option('--role <ROLE>', what).choices(ROLES).makeOptionMandatory());
}

/**
 * The new password: from `--password-env VAR`, else asked twice at a terminal (the two must match). Its rules are
 * checked before anything is opened.
 */
async function newPassword(ctx: VerbContext<{ name: string; passwordEnv?: string }>): Promise<string> {
  const password = await ctx.secret('password');
  const problem = passwordProblem(password, ctx.options.name);
  if (problem) throw new AppError('VALIDATION', `${problem}; nothing was changed`);
  if (ctx.options.passwordEnv === undefined) {
    const again = await promptSecret(ctx.io, 'The same password again', 'the password is needed twice at a terminal');
    if (again !== password) throw new AppError('VALIDATION', 'the two passwords differ; nothing was changed');
  }
  return password;
}

/** Runs one change on the verb's data folder and prints the account. */
async function change(ctx: VerbContext<{ name: string }>, what: Omit<OperatorChange, 'name'>, fn: (store: Awaited<ReturnType<typeof openOperatorsFolder>>['store']) => Promise<OperatorView> | OperatorView, done: string): Promise<VerbResult<OperatorView>> {
  const folder = await openOperatorsFolder(ctx.where.dataDir, ctx.log);
  try {
    const view = await folder.change({ ...what, name: ctx.options.name }, () => fn(folder.store));
    ctx.log(`${done} (${folder.dbPath})`);
    return { rows: [view], columns };
  } finally {
    await folder.dispose();
  }
}

const add = defineVerb<{ name: string; role: Role; passwordEnv?: string }, OperatorView>({
  name: 'add',
  summary: 'add an operator account with a role (the first admin of a server is made with this)',
  output: true,
  secrets: PASSWORD_SECRET,
  help: `Without --password-env the password is asked for twice at a terminal.\n${CHANGE_HELP.replace('Exit codes: 0 done; 1 failure (', 'Exit codes: 0 done; 1 failure (the name is taken, ')}`,
  options: (c) => {
    addName(c);
    addRole(c, 'viewer (sees everything, changes nothing), operator (acknowledge, silence, collect traces) or admin (everything, operators included)');
    addDataDir(c);
  },
  run: async (ctx) => {
    const password = await newPassword(ctx);
    const { name, role } = ctx.options;
    return change(ctx, { action: 'operators.add', params: { role } }, (store) => store.add({ name, role, password }), `operator ${name} added as ${role}`);
  },
});

const list = defineVerb<Record<string, never>, OperatorView>({
  name: 'list',
  summary: 'the operator accounts of the data folder: role, state, open sessions, last login',
  output: true,
  help: `${JSON_SHAPE}\nExit codes: 0 listed; 1 history.db cannot be read; 2 bad usage.`,
  options: (c) => addDataDir(c),
  run: async (ctx) => {
    const folder = readOperatorsFolder(ctx.where.dataDir);
    if (!folder) {
      ctx.log(`no operators: ${ctx.where.dataDir} has no history.db (add the first admin with imp operators add --role admin)`);
      return { rows: [], columns };
    }
    try {
      const rows = folder.store.list();
      if (!rows.some((o) => o.role === 'admin' && !o.disabled)) ctx.log('no enabled admin: a server on this folder refuses every login until one is added (imp operators add --role admin)');
      return { rows, columns };
    } finally {
      folder.dispose();
    }
  },
});

const disable = defineVerb<{ name: string }, OperatorView>({
  name: 'disable',
  summary: 'disable an account: its sessions end and its logins are refused',
  output: true,
  help: CHANGE_HELP,
  options: (c) => {
    addName(c);
    addDataDir(c);
  },
  run: (ctx) => change(ctx, { action: 'operators.setDisabled', params: { disabled: true } }, (s) => s.setDisabled(ctx.options.name, true), `operator ${ctx.options.name} disabled`),
});

const enable = defineVerb<{ name: string }, OperatorView>({
  name: 'enable',
  summary: 'enable a disabled account again',
  output: true,
  help: CHANGE_HELP,
  options: (c) => {
    addName(c);
    addDataDir(c);
  },
  run: (ctx) => change(ctx, { action: 'operators.setDisabled', params: { disabled: false } }, (s) => s.setDisabled(ctx.options.name, false), `operator ${ctx.options.name} enabled`),
});

const setRole = defineVerb<{ name: string; role: Role }, OperatorView>({
  name: 'set-role',
  summary: "change an account's role (its sessions end: it logs in again with the new role)",
  output: true,
  help: CHANGE_HELP,
  options: (c) => {
    addName(c);
    addRole(c, 'the new role: viewer, operator or admin');
    addDataDir(c);
  },
  run: (ctx) => change(ctx, { action: 'operators.setRole', params: { role: ctx.options.role } }, (s) => s.setRole(ctx.options.name, ctx.options.role), `operator ${ctx.options.name} is now ${ctx.options.role}`),
});

const resetPassword = defineVerb<{ name: string; passwordEnv?: string }, OperatorView>({
  name: 'reset-password',
  summary: "set a new password for an account (also lifts a lockout; its sessions end)",
  output: true,
  secrets: PASSWORD_SECRET,
  help: `Without --password-env the password is asked for twice at a terminal.\n${CHANGE_HELP}`,
  options: (c) => {
    addName(c);
    addDataDir(c);
  },
  run: async (ctx) => {
    const password = await newPassword(ctx);
    return change(ctx, { action: 'operators.resetPassword', params: {} }, (s) => s.resetPassword(ctx.options.name, password), `password of ${ctx.options.name} reset`);
  },
});

const unlock = defineVerb<{ name: string }, OperatorView>({
  name: 'unlock',
  summary: 'lift the lockout of an account after too many wrong passwords',
  output: true,
  help: CHANGE_HELP,
  options: (c) => {
    addName(c);
    addDataDir(c);
  },
  run: (ctx) => change(ctx, { action: 'operators.unlock', params: {} }, (s) => s.unlock(ctx.options.name), `operator ${ctx.options.name} unlocked`),
});

/** `imp operators …`: the named accounts of a server's data folder. */
export const operatorsArea: AreaDefinition = {
  name: 'operators',
  summary: "a server's operator accounts: add, list, disable, enable, set-role, reset-password, unlock",
  verbs: [add, list, disable, enable, setRole, resetPassword, unlock],
};
