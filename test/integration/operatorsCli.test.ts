// `npm run imp -- operators …` as a process (issue 16 "Operators") on a data folder, beside a "server" in this test
// process: the operator parts a server builds (createOperatorParts over history.db, its audit log from the same
// folder). Accounts made, changed, locked and unlocked on the command line are seen by the running server at the
// next login or request (SQLite WAL, no restart); every change is in the audit log as the OS user, source cli, and
// the chain verifies; no password is ever in a process argument, the audit log or the database file; bad usage
// exits 2, failures exit 1 with one line.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperatorView } from '../../shared/model/access.js';
import { openAuditLog, type OpenedAuditLog } from '../../main/core/audit/auditKey.js';
import { createOperatorParts, type OperatorParts } from '../../main/core/backend/operatorParts.js';
import { secureDatabaseFile } from '../../main/core/credentials/stateFolderHygiene.js';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { imp, type ImpRun } from './impTracesHarness.js';

const ME = userInfo().username;
const PASSWORDS = { ADMIN_PW: 'admin password one', VIEWER_PW: 'viewer password one', NEW_PW: 'a brand new password' };
const FROM = { address: '127.0.0.1' };

describe('imp operators', () => {
  let dir: string;
  let db: Database | undefined;
  let audit: OpenedAuditLog | undefined;
  let server: OperatorParts;
  const run = (...args: string[]): Promise<ImpRun> => imp(['operators', ...args, '--data-dir', dir], join(dir, 'unused-state'), { timeoutMs: 90_000, env: PASSWORDS });
  const ok = (r: ImpRun): OperatorView[] => {
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as OperatorView[];
  };
  const failure = (r: ImpRun, code: number, line: RegExp): void => {
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout).toBe('');
    if (code === 1) expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(line);
  };
  const login = async (name: string, password: string): Promise<string> => {
    const r = await server.sessions.login(name, password, FROM);
    return r.ok ? r.token : `${r.error.code}: ${r.error.message}`;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'imp-operators-'));
  });
  afterAll(async () => {
    await audit?.dispose();
    db?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists nothing in a folder without history.db and creates nothing', async () => {
    const r = await run('list', '--json');
    expect(ok(r)).toEqual([]);
    expect(r.stderr).toMatch(/no operators: .* has no history\.db/);
    expect(existsSync(join(dir, 'history.db'))).toBe(false);
  });

  it('manages the accounts of a running server: the first admin, roles, disable, reset, unlock — seen without a restart', { timeout: 600_000 }, async () => {
    // A viewer first: the folder (0700) and history.db (0600) are made by the command.
    const [viewer] = ok(await run('add', '--name', 'viewer1', '--role', 'viewer', '--password-env', 'VIEWER_PW', '--json'));
    expect(viewer).toMatchObject({ name: 'viewer1', role: 'viewer', disabled: false, failedLogins: 0, sessions: 0 });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'history.db')).mode & 0o777).toBe(0o600);

    // The server starts on the folder: no admin yet, every login refused with the setup line.
    for (const w of secureDatabaseFile(join(dir, 'history.db'))) throw new Error(w);
    db = Database.open(join(dir, 'history.db'));
    audit = await openAuditLog({ stateDir: dir, db });
    const setupCommand = `npm run imp -- operators add --name admin --role admin --password-env IMP_ADMIN_PASSWORD --data-dir ${dir}`;
    server = createOperatorParts({ db, audit: audit.log, setupCommand });
    expect(await login('viewer1', PASSWORDS.VIEWER_PW)).toBe(`PRECONDITION: No admin account exists yet, so every login is refused. On the server's machine, create one with: ${setupCommand}`);

    ok(await run('add', '--name', 'admin', '--role', 'admin', '--password-env', 'ADMIN_PW', '--json'));
    const adminToken = await login('admin', PASSWORDS.ADMIN_PW);
    expect(server.sessions.resolve(adminToken, FROM)).toMatchObject({ operator: 'admin', role: 'admin', source: 'server' });
    let viewerToken = await login('viewer1', PASSWORDS.VIEWER_PW);
    expect(server.sessions.resolve(viewerToken, FROM)?.role).toBe('viewer');

    const listed = ok(await run('list', '--format', 'json'));
    expect(listed.map((o) => [o.name, o.role, o.sessions])).toEqual([['admin', 'admin', 1], ['viewer1', 'viewer', 1]]);
    const table = await run('list');
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+ROLE\s+STATE\s+SESSIONS/);
    expect(table.stdout).toMatch(/viewer1\s+viewer\s+enabled\s+1/);

    // set-role: the session ends at once; the next login has the new role.
    ok(await run('set-role', '--name', 'viewer1', '--role', 'operator', '--json'));
    expect(server.sessions.resolve(viewerToken, FROM)).toBeUndefined();
    viewerToken = await login('viewer1', PASSWORDS.VIEWER_PW);
    expect(server.sessions.resolve(viewerToken, FROM)?.role).toBe('operator');

    // disable / enable.
    expect(ok(await run('disable', '--name', 'viewer1', '--json'))[0]!.disabled).toBe(true);
    expect(server.sessions.resolve(viewerToken, FROM)).toBeUndefined();
    expect(await login('viewer1', PASSWORDS.VIEWER_PW)).toBe('AUTH_FAILED: Wrong operator name or password');
    expect(ok(await run('enable', '--name', 'viewer1', '--json'))[0]!.disabled).toBe(false);

    // Five wrong passwords on the server lock the account; the command line shows and lifts the lock.
    for (let i = 0; i < 5; i++) await login('viewer1', 'not the password');
    expect(await login('viewer1', PASSWORDS.VIEWER_PW)).toMatch(/^ACCOUNT_LOCKED: This account is locked until \d\d:\d\d UTC after 5 wrong passwords/);
    const [locked] = ok(await run('list', '--json')).filter((o) => o.name === 'viewer1');
    expect(locked).toMatchObject({ failedLogins: 5 });
    expect(locked!.lockedUntilMs).toBeGreaterThan(Date.now());
    expect(ok(await run('unlock', '--name', 'viewer1', '--json'))[0]).toMatchObject({ failedLogins: 0 });
    expect(await login('viewer1', PASSWORDS.VIEWER_PW)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // reset-password: the old one stops working, the new one works, sessions end.
    viewerToken = await login('viewer1', PASSWORDS.VIEWER_PW);
    ok(await run('reset-password', '--name', 'viewer1', '--password-env', 'NEW_PW', '--json'));
    expect(server.sessions.resolve(viewerToken, FROM)).toBeUndefined();
    expect(await login('viewer1', PASSWORDS.VIEWER_PW)).toBe('AUTH_FAILED: Wrong operator name or password');
    expect(await login('viewer1', PASSWORDS.NEW_PW)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Refusals: the last enabled admin, a taken name, an unknown operator (exit 1, one line, nothing on stdout).
    failure(await run('disable', '--name', 'admin'), 1, /^imp: PRECONDITION: admin is the last enabled admin: disabling it would leave nobody/);
    failure(await run('set-role', '--name', 'admin', '--role', 'viewer'), 1, /^imp: PRECONDITION: admin is the last enabled admin/);
    failure(await run('add', '--name', 'admin', '--role', 'viewer', '--password-env', 'NEW_PW'), 1, /^imp: CONFLICT: operator admin exists already/);
    failure(await run('unlock', '--name', 'ghost'), 1, /^imp: NOT_FOUND: no operator named ghost/);
    expect(server.sessions.resolve(adminToken, FROM)?.role).toBe('admin');

    // The audit log: every change, as the OS user from the command line, failures with their code; the server's
    // logins in the same chain; no password anywhere; the chain verifies.
    const entries = (await audit.log.list({})).reverse();
    const cli = entries.filter((e) => e.source === 'cli');
    expect(cli.map((e) => `${e.action} ${e.target} ${e.result}${e.errorCode ? ` ${e.errorCode}` : ''}`)).toEqual([
      'operators.add viewer1 ok',
      'operators.add admin ok',
      'operators.setRole viewer1 ok',
      'operators.setDisabled viewer1 ok',
      'operators.setDisabled viewer1 ok',
      'operators.unlock viewer1 ok',
      'operators.resetPassword viewer1 ok',
      'operators.setDisabled admin failed PRECONDITION',
      'operators.setRole admin failed PRECONDITION',
      'operators.add admin failed CONFLICT',
      'operators.unlock ghost failed NOT_FOUND',
    ]);
    for (const e of cli) expect(e).toMatchObject({ operator: ME, role: 'admin', source: 'cli' });
    expect(cli[2]!.params).toEqual({ name: 'viewer1', role: 'operator' });
    expect(cli[3]!.params).toEqual({ name: 'viewer1', disabled: true });
    expect(entries.filter((e) => e.action === 'session.lockout')).toHaveLength(1);
    expect(entries.some((e) => e.action === 'session.login' && e.result === 'ok' && e.operator === 'admin' && e.source === 'server')).toBe(true);
    const verification = await audit.log.verify();
    expect(verification).toMatchObject({ ok: true, entries: entries.length });
    const files = ['history.db', 'history.db-wal'].filter((f) => existsSync(join(dir, f))).map((f) => readFileSync(join(dir, f)).toString('latin1'));
    for (const pw of Object.values(PASSWORDS)) {
      expect(JSON.stringify(entries)).not.toContain(pw);
      for (const f of files) expect(f).not.toContain(pw);
    }
  });

  it('takes passwords only from the environment or a terminal; bad usage exits 2', { timeout: 300_000 }, async () => {
    failure(await run('add', '--name', 'x1', '--role', 'viewer'), 1, /^imp: VALIDATION: the new password \(at least 10 characters\) is needed: give it with --password-env VAR \(no terminal to ask on\)/);
    failure(await run('add', '--name', 'x1', '--role', 'viewer', '--password-env', 'UNSET_VARIABLE_HOP'), 1, /^imp: VALIDATION: environment variable UNSET_VARIABLE_HOP \(--password-env\) is not set/);
    failure(await run('add', '--name', 'x1', '--role', 'viewer', '--password-env', 'admin password one'), 1, /takes the name of an environment variable, not the secret itself/);
    failure(await run('add', '--name', 'x1', '--role', 'root', '--password-env', 'NEW_PW'), 2, /argument 'root' is invalid/);
    failure(await run('add', '--name', 'bad name', '--role', 'viewer', '--password-env', 'NEW_PW'), 2, /is invalid\. an operator name has letters, digits/);
    failure(await run('add', '--name', 'x1', '--role', 'viewer', '--password', 'x'), 2, /unknown option '--password'/);
    failure(await run('disable'), 2, /required option '--name <NAME>' not specified/);
    const short = await imp(['operators', 'add', '--name', 'x1', '--role', 'viewer', '--password-env', 'SHORT', '--data-dir', dir], join(dir, 'unused-state'), { env: { SHORT: 'too short' } });
    failure(short, 1, /^imp: VALIDATION: the password needs at least 10 characters; nothing was changed/);
    expect(ok(await run('list', '--json')).map((o) => o.name)).toEqual(['admin', 'viewer1']);
  });
});
