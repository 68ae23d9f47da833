import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditEntryInput } from '../../../shared/model/audit.js';
import { AppError } from '../base/errors.js';
import { Database } from '../storage/sqlite/database.js';
import { createOperatorParts } from './operatorParts.js';

describe('createOperatorParts', () => {
  let db: Database;
  afterEach(() => db.dispose());

  it('builds the store, the operators service and a session authority with the policy given, over one history.db', async () => {
    db = Database.open(':memory:');
    const kept: AuditEntryInput[] = [];
    const audit = { append: async (e: AuditEntryInput): Promise<AuditEntry | undefined> => (kept.push(e), undefined) };
    const parts = createOperatorParts({ db, audit, setupCommand: 'npm run imp -- operators add …', policy: { idleTimeoutMs: 120_000, maxAgeMs: undefined } });
    expect(parts.sessions.maxAgeMs).toBe(12 * 3_600_000);
    expect(parts.sessions.state(undefined)).toMatchObject({ mode: 'server', loggedIn: false, idleTimeoutMs: 120_000, setupCommand: 'npm run imp -- operators add …' });

    const added = await parts.service.add({ name: 'alice', role: 'admin', password: 'alice has a password' });
    expect(added).toMatchObject({ name: 'alice', role: 'admin', sessions: 0 });
    const login = await parts.sessions.login('alice', 'alice has a password', { address: '127.0.0.1' });
    expect(login.ok).toBe(true);
    expect((await parts.service.list()).map((o) => [o.name, o.sessions])).toEqual([['alice', 1]]);
    await parts.service.add({ name: 'bob', role: 'viewer', password: 'bob has a password' });
    expect((await parts.service.setRole('bob', 'operator')).role).toBe('operator');
    expect((await parts.service.setDisabled('bob', true)).disabled).toBe(true);
    await expect(parts.service.setDisabled('alice', true)).rejects.toMatchObject({ code: 'PRECONDITION' });
    expect((await parts.service.resetPassword('bob', 'bob has another one')).failedLogins).toBe(0);
    expect((await parts.service.unlock('bob')).name).toBe('bob');
    // The service itself audits nothing (the router does); the authority audited the login.
    expect(kept.map((e) => e.action)).toEqual(['session.login']);
    expect(parts.store.hasEnabledAdmin()).toBe(true);
  });

  it('refuses a policy that is not positive whole numbers, naming the field', () => {
    db = Database.open(':memory:');
    expect(() => createOperatorParts({ db, audit: { append: async () => undefined }, setupCommand: 'x', policy: { lockMs: 0 } })).toThrow(new AppError('VALIDATION', 'session policy lockMs must be a positive whole number, not 0'));
  });
});
