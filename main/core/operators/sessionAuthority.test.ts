import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditEntryInput } from '../../../shared/model/audit.js';
import type { AuditSink } from '../base/callerContext.js';
import { AppError } from '../base/errors.js';
import { Database } from '../storage/sqlite/database.js';
import { OperatorStore } from './operatorStore.js';
import { TOUCH_INTERVAL_MS, WRONG_CREDENTIALS, createSessionAuthority, type OperatorSessions } from './sessionAuthority.js';

const PW = 'the right password';
const MIN = 60_000;
const SETUP = 'npm run imp -- operators add --name admin --role admin --password-env IMP_ADMIN_PASSWORD --data-dir /srv/imp';
const FROM = { address: '192.0.2.7' };

/** An AuditSink that keeps what it is given, in order (the real log's chain is HAU's; here: what is recorded). */
class KeptEntries implements AuditSink {
  readonly entries: AuditEntry[] = [];
  async append(e: AuditEntryInput): Promise<AuditEntry> {
    const entry = { ...e, seq: this.entries.length + 1, atMs: e.atMs ?? 0 };
    this.entries.push(entry);
    return entry;
  }
  actions(): string[] {
    return this.entries.map((e) => `${e.action}:${e.result}${e.errorCode ? `:${e.errorCode}` : ''}`);
  }
}

describe('session authority', () => {
  let db: Database;
  let t: number;
  let store: OperatorStore;
  let audit: KeptEntries;
  let auth: OperatorSessions;
  afterEach(() => db.dispose());

  const setUp = async (admin = true): Promise<void> => {
    t = Date.UTC(2026, 11, 6, 9, 0, 0);
    db = Database.open(':memory:');
    store = OperatorStore.open(db, { now: () => t, idleTimeoutMs: 30 * MIN });
    audit = new KeptEntries();
    auth = createSessionAuthority({ store, audit, setupCommand: SETUP, now: () => t, policy: { idleTimeoutMs: 30 * MIN, maxAgeMs: 12 * 60 * MIN, maxFailures: 5, lockMs: 15 * MIN } });
    if (admin) await store.add({ name: 'alice', role: 'admin', password: PW });
    await store.add({ name: 'op', role: 'operator', password: PW });
  };

  const login = async (name: string, password: string): Promise<string> => {
    const r = await auth.login(name, password, FROM);
    if (!r.ok) throw new AppError(r.error.code, r.error.message);
    return r.token;
  };
  const refusal = async (name: string, password: string): Promise<string> => {
    const r = await auth.login(name, password, FROM);
    return r.ok ? 'logged in' : `${r.error.code}: ${r.error.message}`;
  };

  it('refuses every login while no enabled admin exists, naming the setup command', async () => {
    await setUp(false);
    expect(auth.hasAdmin()).toBe(false);
    expect(await refusal('op', PW)).toBe(`PRECONDITION: No admin account exists yet, so every login is refused. On the server's machine, create one with: ${SETUP}`);
    expect(auth.state(undefined)).toEqual({ mode: 'server', loggedIn: false, idleTimeoutMs: 30 * MIN, setupCommand: SETUP });
    expect(audit.actions()).toEqual(['session.login:refused:PRECONDITION']);
    // An admin added meanwhile (imp operators add) is seen at the next login.
    await store.add({ name: 'alice', role: 'admin', password: PW });
    expect(auth.hasAdmin()).toBe(true);
    expect(await refusal('op', PW)).toBe('logged in');
    expect(auth.state(undefined).setupCommand).toBeUndefined();
  });

  it('logs in with a 256-bit token of which only the hash is stored; resolve gives the caller with the role read now', async () => {
    await setUp();
    const token = await login('op', PW);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(db.connection.prepare('SELECT * FROM sessions').all())).not.toContain(token);
    const caller = auth.resolve(token, { address: '192.0.2.8' });
    expect(caller).toMatchObject({ operator: 'op', role: 'operator', source: 'server', address: '192.0.2.8' });
    expect(caller!.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(auth.state(token)).toEqual({ mode: 'server', loggedIn: true, operator: 'op', role: 'operator', expiresAtMs: t + 12 * 60 * MIN, idleTimeoutMs: 30 * MIN });
    expect(store.get('op')).toMatchObject({ lastLoginAtMs: t, sessions: 1 });
    expect(auth.resolve('not-a-token', FROM)).toBeUndefined();
    expect(auth.resolve(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, FROM)).toBeUndefined();
    expect(audit.entries[0]).toMatchObject({ action: 'session.login', operator: 'op', role: 'operator', source: 'server', address: '192.0.2.7', target: 'op', result: 'ok', params: { sessionId: caller!.sessionId } });
    // A role change ends the session: the next request needs a login, which brings the new role.
    store.setRole('op', 'viewer');
    expect(auth.resolve(token, FROM)).toBeUndefined();
    expect(auth.resolve(await login('op', PW), FROM)!.role).toBe('viewer');
  });

  it('answers an unknown name, a wrong password and a disabled account with the same words', async () => {
    await setUp();
    store.setDisabled('op', true);
    expect(await refusal('nobody', PW)).toBe(`AUTH_FAILED: ${WRONG_CREDENTIALS}`);
    expect(await refusal('alice', 'wrong password')).toBe(`AUTH_FAILED: ${WRONG_CREDENTIALS}`);
    expect(await refusal('op', PW)).toBe(`AUTH_FAILED: ${WRONG_CREDENTIALS}`);
    expect(await refusal('not a name!', PW)).toBe(`AUTH_FAILED: ${WRONG_CREDENTIALS}`);
    expect(audit.entries.map((e) => [e.operator, e.role, e.result, e.errorCode])).toEqual([
      ['nobody', 'none', 'refused', 'AUTH_FAILED'],
      ['alice', 'none', 'refused', 'AUTH_FAILED'],
      ['op', 'none', 'refused', 'AUTH_FAILED'],
      ['not a name!', 'none', 'refused', 'AUTH_FAILED'],
    ]);
    // A disabled account's wrong guesses do not lock it (it cannot log in anyway); an unknown name has nothing to lock.
    expect(store.get('op')!.failedLogins).toBe(0);
    expect(store.get('alice')!.failedLogins).toBe(1);
  });

  it('locks an account at the 5th wrong password in a row, refuses even the right one until the lock ends, and audits the lock once', async () => {
    await setUp();
    for (let i = 0; i < 4; i++) expect(await refusal('op', `wrong ${i}`)).toBe(`AUTH_FAILED: ${WRONG_CREDENTIALS}`);
    expect(await refusal('op', 'wrong 5')).toBe(`ACCOUNT_LOCKED: ${WRONG_CREDENTIALS}. This account is locked until 09:15 UTC after 5 wrong passwords; an admin can unlock it`);
    t += 5 * MIN;
    expect(await refusal('op', PW)).toBe('ACCOUNT_LOCKED: This account is locked until 09:15 UTC after 5 wrong passwords; an admin can unlock it');
    expect(audit.actions()).toEqual([...Array(4).fill('session.login:refused:AUTH_FAILED'), 'session.lockout:refused:ACCOUNT_LOCKED', 'session.login:refused:ACCOUNT_LOCKED', 'session.login:refused:ACCOUNT_LOCKED']);
    expect(audit.entries[4]).toMatchObject({ operator: 'op', role: 'operator', target: 'op', params: { failures: 5, lockedUntilMs: Date.UTC(2026, 11, 6, 9, 15) } });
    t += 10 * MIN; // 09:15: the lock ran out
    expect(await refusal('op', PW)).toBe('logged in');
    expect(store.get('op')!.failedLogins).toBe(0);
    // A good login starts the count over: 4 wrong, 1 right, 4 wrong do not lock.
    for (let i = 0; i < 4; i++) await refusal('op', 'wrong');
    await login('op', PW);
    for (let i = 0; i < 4; i++) await refusal('op', 'wrong');
    expect(await refusal('op', PW)).toBe('logged in');
    // An admin's unlock lifts a lock at once.
    for (let i = 0; i < 5; i++) await refusal('op', 'wrong');
    store.unlock('op');
    expect(await refusal('op', PW)).toBe('logged in');
    // Eight guesses checked in parallel (all read the account before any is counted): one lock, audited once.
    const lockouts = (): number => audit.actions().filter((a) => a.startsWith('session.lockout')).length;
    const before = lockouts();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => refusal('op', `parallel guess ${i}`)));
    expect(lockouts()).toBe(before + 1);
    expect(answers.filter((a) => a.startsWith('ACCOUNT_LOCKED')).length).toBeGreaterThanOrEqual(1);
    expect(store.get('op')!.lockedUntilMs).toBe(t + 15 * MIN);
  });

  it('ends a session after the idle timeout, records activity at most every 30 s, and ends it at its maximum age whatever the activity', async () => {
    await setUp();
    const token = await login('op', PW);
    const lastSeen = (): number => (db.connection.prepare('SELECT last_seen_ms AS v FROM sessions').get() as { v: number }).v;
    const start = t;
    t += TOUCH_INTERVAL_MS - 1;
    expect(auth.resolve(token, FROM)).toBeDefined();
    expect(lastSeen()).toBe(start); // not written for a request within 30 s
    t += 1;
    auth.resolve(token, FROM);
    expect(lastSeen()).toBe(t);
    // Requests every 29 min keep it for up to 12 h.
    while (t + 29 * MIN < start + 12 * 60 * MIN) {
      t += 29 * MIN;
      expect(auth.resolve(token, FROM), new Date(t).toISOString()).toBeDefined();
    }
    t = start + 12 * 60 * MIN;
    expect(auth.resolve(token, FROM)).toBeUndefined();
    expect(auth.state(token).loggedIn).toBe(false);
    expect(audit.actions().filter((a) => a.startsWith('session.expired'))).toEqual(['session.expired:ok']);
    expect(audit.entries.at(-1)).toMatchObject({ operator: 'op', role: 'operator', params: { reason: 'max age' } });

    const idle = await login('op', PW);
    t += 30 * MIN;
    expect(auth.resolve(idle, FROM)).toBeUndefined();
    expect(auth.resolve(idle, FROM)).toBeUndefined();
    expect(audit.actions().filter((a) => a.startsWith('session.expired'))).toHaveLength(2); // once per session
    expect(audit.entries.at(-1)).toMatchObject({ action: 'session.expired', params: { reason: 'idle' }, message: 'no request for 30 min' });
  });

  it('logs out (audited once) and ends the sessions of a disabled account', async () => {
    await setUp();
    const a = await login('op', PW);
    const b = await login('op', PW);
    await auth.logout(a, FROM);
    await auth.logout(a, FROM);
    expect(auth.resolve(a, FROM)).toBeUndefined();
    expect(auth.resolve(b, FROM)).toBeDefined();
    expect(audit.actions().filter((x) => x.startsWith('session.logout'))).toEqual(['session.logout:ok']);
    store.setDisabled('op', true);
    expect(auth.resolve(b, FROM)).toBeUndefined();
  });

  it('changes a password: the current one is checked (and counts toward the lockout), the new one must be acceptable, the other sessions end', async () => {
    await setUp();
    const mine = await login('op', PW);
    const other = await login('op', PW);
    const fails = async (p: Promise<void>): Promise<string> => p.then(() => 'changed', (err: AppError) => `${err.code}: ${err.message}`);
    expect(await fails(auth.changePassword(mine, 'not it', 'a brand new password', FROM))).toBe('AUTH_FAILED: The current password is wrong; nothing was changed');
    expect(store.get('op')!.failedLogins).toBe(1);
    expect(await fails(auth.changePassword(mine, PW, 'short', FROM))).toBe('VALIDATION: The new password is refused: the password needs at least 10 characters; nothing was changed');
    expect(await fails(auth.changePassword('x'.repeat(43), PW, 'a brand new password', FROM))).toMatch(/^AUTH_REQUIRED/);
    expect(await fails(auth.changePassword(mine, PW, 'a brand new password', FROM))).toBe('changed');
    expect(auth.resolve(mine, FROM)).toBeDefined();
    expect(auth.resolve(other, FROM)).toBeUndefined();
    expect(await refusal('op', PW)).toBe(`AUTH_FAILED: ${WRONG_CREDENTIALS}`);
    expect(await refusal('op', 'a brand new password')).toBe('logged in');
    expect(audit.actions().filter((x) => x.startsWith('session.changePassword'))).toEqual(['session.changePassword:failed:AUTH_FAILED', 'session.changePassword:failed:VALIDATION', 'session.changePassword:ok']);
    // No password, old or new, in any entry.
    const all = JSON.stringify(audit.entries);
    for (const secret of [PW, 'a brand new password', 'not it', 'short']) expect(all).not.toContain(secret);
  });
});
