import { setSecurityPassword } from '../../polling/ssh/drsCommands.js';
import { drsVerb, lineResult } from './drsVerb.js';

/**
 * `imp drs security-password`: changes the cluster security password (UC OS `set password user security`, dialogue
 * designed: drs-design.md 8). Later backups are encrypted with the new one; a restore of an earlier backup asks for
 * the password in effect when it was taken (guide L10042, L10130, L10256, L10345).
 */
export const securityPassword = drsVerb<Record<string, never>, { line: string }>({
  name: 'security-password',
  summary: 'changes the cluster security password later backups are encrypted with (set password user security)',
  secrets: [
    { name: 'old-password', what: 'the current cluster security password' },
    { name: 'new-password', what: 'the new cluster security password' },
  ],
  help: `Runs set password user security on the CUCM publisher, answering its three questions (old, new, new again;
never echoed, never stored, never printed). Backups taken from now on are encrypted with the new password; a
backup taken before can only be restored with the password in effect when it was taken (guide L10042, L10130,
L10256): keep it. Prints the node's answer.
Exit codes: 0 changed; 1 refused (a wrong old password, a new one the node does not accept: its words on
stderr) or the publisher could not be reached; 2 bad usage.`,
  impact: () => 'Changing the cluster security password: backups taken from now on need the new one; backups taken before need the old one to be restored (guide L10042, L10130, L10256). Take a new backup right after the change.',
  run: async (ctx, { ops, access, recorder, cluster }) => {
    const oldPassword = await ctx.secret('old-password');
    const newPassword = await ctx.secret('new-password');
    const master = ops.masterNode();
    ctx.log(`changing the cluster security password on ${master}: later backups need the new one, earlier backups the old one…`);
    const opened = await access.openCli(master);
    if (!opened.ok) throw opened.error;
    let answer: string;
    try {
      const r = await setSecurityPassword(opened.session, oldPassword, newPassword);
      if (!r.ok) {
        await recorder.record({ action: 'drs.securityPassword.change', cluster: cluster.id, target: master, params: {}, result: r.error.code.startsWith('POLL_') ? 'failed' : 'refused', message: r.error.message });
        throw r.error;
      }
      answer = r.value;
    } finally {
      opened.session.dispose();
    }
    await recorder.record({ action: 'drs.securityPassword.change', cluster: cluster.id, target: master, params: {}, result: 'ok', message: answer });
    return lineResult(ctx, answer);
  },
});
