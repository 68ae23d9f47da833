import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/messages.js';
import type { TranslateFn } from '../../i18n/useT.js';
import { canCall } from '../../app/useCan.js';
import { lockedUntil, loginProblem, newPasswordProblem } from './loginErrors.js';

const t: TranslateFn = (key, params) => translate('en', key, params);
const zh: TranslateFn = (key, params) => translate('zh', key, params);

describe('login problems', () => {
  it('a wrong name and a wrong password read the same; a lockout names the time with its zone', () => {
    expect(loginProblem({ code: 'AUTH_FAILED', message: 'wrong name or password', retryable: false }, t).text).toBe('Wrong operator name or password.');
    expect(lockedUntil('This account is locked until 22:03 UTC after 5 wrong passwords; an admin can unlock it')).toBe('22:03 UTC');
    expect(lockedUntil('locked until 07:15 after 5 wrong passwords')).toBe('07:15');
    expect(loginProblem({ code: 'ACCOUNT_LOCKED', message: 'This account is locked until 22:03 UTC after 5 wrong passwords', retryable: false }, zh).text).toBe('密码错误次数过多，此帐户已锁定至 22:03 UTC。管理员可以提前解锁。');
    // No time in the words: ours without one, and the backend's under it.
    expect(loginProblem({ code: 'ACCOUNT_LOCKED', message: 'locked', retryable: false }, t)).toEqual({ text: 'This account is locked after too many wrong passwords. An admin can unlock it.', detail: 'locked' });
  });

  it('no admin yet: the setup line is not repeated when the page shows it', () => {
    const err = { code: 'PRECONDITION' as const, message: 'No admin account exists yet: npm run imp -- operators add …', retryable: false };
    expect(loginProblem(err, t, true).text).toBe('Refused: the server has no admin account yet (see the command above).');
    expect(loginProblem(err, t, false).text).toBe(err.message);
  });

  it('a new password: length, not the name, typed twice alike', () => {
    expect(newPasswordProblem('short', 'short', 'ada', t)).toBe('The new password needs at least 10 characters.');
    expect(newPasswordProblem('Ada-Lovelace', 'Ada-Lovelace', 'ada-lovelace', t)).toBe('The password must not be the operator name.');
    expect(newPasswordProblem('long-enough-1', 'long-enough-2', 'ada', t)).toBe('The two new passwords differ.');
    expect(newPasswordProblem('long-enough-1', 'long-enough-1', 'ada', t)).toBeUndefined();
  });
});

describe('canCall', () => {
  it('follows API_METHODS: a viewer reads, an operator acknowledges, only an admin controls services', () => {
    expect(canCall('viewer', 'alerts', 'listActive', t)).toEqual({ allowed: true });
    expect(canCall('viewer', 'alerts', 'acknowledge', t)).toEqual({ allowed: false, reason: 'Needs the operator role; you are a viewer.' });
    expect(canCall('operator', 'alerts', 'acknowledge', t).allowed).toBe(true);
    expect(canCall('operator', 'nodes', 'controlService', t)).toEqual({ allowed: false, reason: 'Needs the admin role; you are an operator.' });
    expect(canCall('operator', 'nodes', 'controlService', zh).reason).toBe('需要管理员角色；您是操作员。');
    expect(canCall(undefined, 'audit', 'list', t)).toEqual({ allowed: false, reason: 'Log in first.' });
    expect(canCall(undefined, 'session', 'login', t).allowed).toBe(true);
  });
});
