import { describe, expect, it } from 'vitest';
import type { CliAnswer } from './sshCliSession.js';
import { DrsCli, type DrsCliSession } from './drsCommands.js';

/**
 * The answers DrsCli gives to a restore's questions. A real UC OS restore asks only the features and the SHA-1 check
 * (reference D.7) and starts once SHA-1 is answered: a pre-check must never answer SHA-1 before the (designed) security
 * password question, or it would start a restore on such a publisher. The end-to-end dialogue is tested over SSH
 * against the simulated publisher in test/integration/drsCli.test.ts; this pins the one rule no simulated node can
 * show failing (every simulated node asks the password).
 */
function recordingSession(): { session: DrsCliSession; answers: () => readonly CliAnswer[] } {
  let seen: readonly CliAnswer[] = [];
  const session = {
    target: { cluster: 'c', node: 'cucm-pub', host: '127.0.0.1', port: 22, username: 'admin', password: 'x', hostKeyFingerprint: 'SHA256:x' },
    run: async (_command: string, _timeout?: number, answers: readonly CliAnswer[] = []) => {
      seen = answers;
      return { ok: true as const, output: 'drfCliMsg: Restore not started.\n' };
    },
  } as unknown as DrsCliSession;
  return { session, answers: () => seen };
}

const request = { servers: ['imp-pub'], fileName: '2026-12-06-10-00-00.tar', device: 'DEV1', features: ['IM&P'], securityPassword: 'Security123!', integrityCheck: false };

describe('DrsCli restore answers', () => {
  it('a pre-check requires the security password question before SHA-1; a real restore may go without it', async () => {
    for (const start of [false, true]) {
      const r = recordingSession();
      await new DrsCli(r.session).restore({ ...request, start });
      const password = r.answers().find((a) => a.when.test('Please enter the cluster security password that was in effect when this backup was taken: '));
      const sha1 = r.answers().findIndex((a) => a.when.test('Do you want DRS to perform a SHA1 file integrity check? (y/n): '));
      expect(password, `start ${start}`).toBeDefined();
      expect(password!.optional === true, `start ${start}`).toBe(start);
      expect(r.answers().indexOf(password!)).toBeLessThan(sha1);
      expect(r.answers().at(-1)!.reply).toBe(start ? 'y' : 'n');
    }
  });
});
