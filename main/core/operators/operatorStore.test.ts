import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../base/errors.js';
import { Database } from '../storage/sqlite/database.js';
import { OperatorStore, tokenHash } from './operatorStore.js';
import { verifyPassword } from './passwordHash.js';

const PW = 'a long enough password';
const HOUR = 3_600_000;

describe('OperatorStore', () => {
  let db: Database;
  let t = Date.UTC(2026, 11, 6, 9, 0, 0);
  const open = (): OperatorStore => {
    db = Database.open(':memory:');
    return OperatorStore.open(db, { now: () => t, idleTimeoutMs: HOUR });
  };
  afterEach(() => db.dispose());

  const code = async (p: Promise<unknown> | (() => unknown)): Promise<string> => {
    try {
      await (typeof p === 'function' ? p() : p);
    } catch (err) {
      return err instanceof AppError ? `${err.code}: ${err.message}` : String(err);
    }
    return 'no error';
  };

  it('adds accounts (names, roles and passwords checked; a taken name is a CONFLICT) and lists them without secrets', async () => {
    const s = open();
    expect(s.hasEnabledAdmin()).toBe(false);
    const a = await s.add({ name: 'alice', role: 'admin', password: PW });
    expect(a).toEqual({ name: 'alice', role: 'admin', disabled: false, createdAtMs: t, passwordChangedAtMs: t, failedLogins: 0, sessions: 0 });
    await s.add({ name: 'bob.v@noc', role: 'viewer', password: PW });
    expect(s.hasEnabledAdmin()).toBe(true);
    expect(s.list().map((o) => `${o.name}:${o.role}`)).toEqual(['alice:admin', 'bob.v@noc:viewer']);
    expect(JSON.stringify(s.list())).not.toMatch(/scrypt|password_hash|passwordHash/);
    expect(await code(s.add({ name: 'alice', role: 'viewer', password: PW }))).toMatch(/^CONFLICT: operator alice exists already/);
    expect(await code(s.add({ name: 'bad name', role: 'viewer', password: PW }))).toMatch(/^VALIDATION: "bad name" is not an operator name/);
    expect(await code(s.add({ name: 'carol', role: 'root' as never, password: PW }))).toMatch(/^VALIDATION: "root" is not a role/);
    expect(await code(s.add({ name: 'carol', role: 'viewer', password: 'short' }))).toMatch(/^VALIDATION: the password needs at least 10 characters/);
    expect(await code(s.add({ name: 'carolcarol', role: 'viewer', password: 'CAROLCAROL' }))).toMatch(/must not be the operator name/);
    expect(s.get('carol')).toBeUndefined();
    expect(await verifyPassword(PW, s.account('alice')!.passwordHash)).toBe(true);
  });

  it('refuses to disable or demote the last enabled admin, and allows it once another admin is enabled', async () => {
    const s = open();
    await s.add({ name: 'alice', role: 'admin', password: PW });
    await s.add({ name: 'bob', role: 'admin', password: PW });
    s.setDisabled('bob', true);
    // A disabled admin does not count.
    expect(await code(() => s.setDisabled('alice', true))).toMatch(/^PRECONDITION: alice is the last enabled admin: disabling it would leave nobody/);
    expect(await code(() => s.setRole('alice', 'operator'))).toMatch(/^PRECONDITION: alice is the last enabled admin: making it an operator/);
    expect(s.get('alice')).toMatchObject({ role: 'admin', disabled: false });
    // A disabled admin may be demoted (it is not what keeps the server manageable).
    expect(s.setRole('bob', 'viewer').role).toBe('viewer');
    expect(s.setRole('bob', 'admin').role).toBe('admin');
    s.setDisabled('bob', false);
    expect(s.setDisabled('alice', true).disabled).toBe(true);
    expect(await code(() => s.setRole('bob', 'viewer'))).toMatch(/^PRECONDITION: bob is the last enabled admin/);
    expect(await code(() => s.setRole('nobody', 'viewer'))).toMatch(/^NOT_FOUND: no operator named nobody/);
    expect(await code(() => s.unlock('nobody'))).toMatch(/^NOT_FOUND/);
    expect(await code(s.resetPassword('nobody', PW))).toMatch(/^NOT_FOUND/);
  });

  it('ends the sessions of an account whose role, state or password changes; counts only open sessions', async () => {
    const s = open();
    await s.add({ name: 'alice', role: 'admin', password: PW });
    await s.add({ name: 'op', role: 'operator', password: PW });
    const open1 = (): string => s.openSession('op', tokenHash(`t${Math.random()}`), 12 * HOUR, '127.0.0.1').id;
    const ended = (id: string): string | undefined => (db.connection.prepare('SELECT end_reason FROM sessions WHERE id = ?').get(id) as { end_reason: string | null }).end_reason ?? undefined;

    const a = open1();
    open1();
    expect(s.get('op')!.sessions).toBe(2);
    s.setRole('op', 'viewer');
    expect(ended(a)).toBe('role changed');
    expect(s.get('op')!.sessions).toBe(0);

    const b = open1();
    s.setRole('op', 'viewer'); // no change: the session stays
    expect(ended(b)).toBeUndefined();
    s.setDisabled('op', true);
    expect(ended(b)).toBe('disabled');
    s.setDisabled('op', false);

    const c = open1();
    const keep = open1();
    s.setPasswordHash('op', s.account('op')!.passwordHash, 'password changed', keep);
    expect(ended(c)).toBe('password changed');
    expect(ended(keep)).toBeUndefined();
    await s.resetPassword('op', 'another long password');
    expect(ended(keep)).toBe('password reset');

    // Idle (past idleTimeoutMs without a touch) and expired sessions are not counted as open.
    open1();
    expect(s.get('op')!.sessions).toBe(1);
    t += HOUR;
    expect(s.get('op')!.sessions).toBe(0);
  });

  it('locks at the maxFailures-th wrong password, starts the count over after a lock ran out, and unlock/reset lift it', async () => {
    const s = open();
    await s.add({ name: 'op', role: 'operator', password: PW });
    for (let i = 1; i < 5; i++) expect(s.recordFailedLogin('op', 5, 15 * 60_000)).toEqual({ failures: i, lockedNow: false });
    expect(s.recordFailedLogin('op', 5, 15 * 60_000)).toEqual({ failures: 5, lockedUntilMs: t + 15 * 60_000, lockedNow: true });
    // Guesses checked in parallel while the lock holds change nothing (the lock is not pushed further, nor audited again).
    t += 60_000;
    expect(s.recordFailedLogin('op', 5, 15 * 60_000)).toEqual({ failures: 5, lockedUntilMs: t + 14 * 60_000, lockedNow: false });
    t -= 60_000;
    expect(s.get('op')).toMatchObject({ failedLogins: 5, lockedUntilMs: t + 15 * 60_000 });
    expect(s.unlock('op')).toMatchObject({ failedLogins: 0 });
    expect(s.get('op')!.lockedUntilMs).toBeUndefined();

    for (let i = 0; i < 5; i++) s.recordFailedLogin('op', 5, 15 * 60_000);
    t += 16 * 60_000;
    expect(s.get('op')!.lockedUntilMs).toBeUndefined(); // ran out
    expect(s.recordFailedLogin('op', 5, 15 * 60_000)).toEqual({ failures: 1, lockedNow: false });
    for (let i = 0; i < 4; i++) s.recordFailedLogin('op', 5, 15 * 60_000);
    expect(s.get('op')!.lockedUntilMs).toBe(t + 15 * 60_000);
    await s.resetPassword('op', 'another long password');
    expect(s.get('op')).toMatchObject({ failedLogins: 0 });
    expect(s.get('op')!.lockedUntilMs).toBeUndefined();

    s.recordFailedLogin('op', 5, 15 * 60_000);
    s.recordGoodLogin('op');
    expect(s.get('op')).toMatchObject({ failedLogins: 0, lastLoginAtMs: t });
    expect(s.recordFailedLogin('nobody', 5, 1)).toEqual({ failures: 0, lockedNow: false });
  });

  it('keeps only the sha256 of a token and removes sessions ended more than 30 days ago', async () => {
    const s = open();
    await s.add({ name: 'op', role: 'operator', password: PW });
    const token = 'a-session-token-that-must-never-be-stored-as-is';
    const session = s.openSession('op', tokenHash(token), HOUR);
    const rows = db.connection.prepare('SELECT * FROM sessions').all();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(s.sessionByTokenHash(tokenHash(token))!.id).toBe(session.id);
    expect(s.sessionByTokenHash(token)).toBeUndefined();
    expect(s.endSession(session.id, 'logout')).toBe(true);
    expect(s.endSession(session.id, 'logout')).toBe(false);
    t += 31 * 24 * HOUR;
    expect(s.pruneSessions()).toBe(1);
    expect(s.sessionByTokenHash(tokenHash(token))).toBeUndefined();
  });
});
