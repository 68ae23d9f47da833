import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { engineKit } from '../kits/engineTestKit.js';
import { EmailNotifier } from '../../main/core/notify/emailNotifier.js';
import { InhibitMuter } from '../../main/core/notify/muting.js';
import { NotificationPipeline } from '../../main/core/notify/notificationPipeline.js';

interface Mail {
  from: string;
  to: string[];
  data: string;
}

async function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: Mail[]; logins: string[] }> {
  const mails: Mail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, cb) {
      logins.push(auth.username ?? '');
      if (auth.username === 'rtmt' && auth.password === 'secret') cb(null, { user: 'rtmt' });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return { server, port: (server.server.address() as AddressInfo).port, mails, logins };
}

/** Unfolds headers (RFC 5322 §2.2.3) and decodes a quoted-printable body (RFC 2045 §6.7). */
function readMail(data: string): { subject: string; body: string } {
  const [head = '', ...rest] = data.split('\r\n\r\n');
  const subject = /^Subject: (.*)$/m.exec(head.replace(/\r\n[ \t]+/g, ' '))?.[1] ?? '';
  const body = rest.join('\r\n\r\n').replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return { subject, body };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('alert e-mail through a real SMTP server', () => {
  it('CriticalServiceDown mails the enabled recipients of the Default action with the expected subject and body', async () => {
    const smtp = await startSmtp();
    cleanups.push(() => new Promise<void>((r) => smtp.server.close(() => r())));
    const k = engineKit();
    cleanups.push(() => k.engine.dispose());
    const email = new EmailNotifier({ host: '127.0.0.1', port: smtp.port, auth: { user: 'rtmt', pass: 'secret' }, from: 'imp-monitor@example.com' }, () => [
      { id: 'Default', recipients: [{ address: 'noc@example.com', enabled: true }, { address: 'off@example.com', enabled: false }] },
    ]);
    cleanups.push(() => email.dispose());
    const failures: string[] = [];
    const pipeline = new NotificationPipeline(k.scheduler, [email], [new InhibitMuter()], {}, (_n, e) => failures.push(e));
    cleanups.push(() => pipeline.dispose());
    pipeline.attach(k.engine.onDidChangeAlarm);

    k.engine.updateNodeStatus([k.nodeStatus('imp-pub')]);
    k.engine.updateServiceStatus([k.service('imp-pub', 'Cisco XCP Router', 'Stopped')]);
    k.engine.evaluate();
    k.scheduler.advance(30_000); // group_wait
    for (let i = 0; i < 100 && smtp.mails.length === 0 && failures.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(failures).toEqual([]);
    expect(smtp.mails).toHaveLength(1);
    const m = smtp.mails[0]!;
    expect(smtp.logins).toEqual(['rtmt']);
    expect(m.to).toEqual(['noc@example.com']);
    const { subject, body } = readMail(m.data);
    expect(subject).toBe('[IMP Monitor] [Critical] CriticalServiceDown on imp-pub (Cisco XCP Router)');
    expect(body).toContain('FIRING (1):');
    expect(body).toContain('- [Critical] CriticalServiceDown on c1/imp-pub (Cisco XCP Router) since 2025-01-06 08:00:00 UTC, 1 alert(s)');
    expect(body).toContain('value 1 over threshold 0.5 (IMP Monitor Service\\Down)');
  });

  it('a wrong password is a permanent failure reported, not thrown', async () => {
    const smtp = await startSmtp();
    cleanups.push(() => new Promise<void>((r) => smtp.server.close(() => r())));
    const email = new EmailNotifier({ host: '127.0.0.1', port: smtp.port, auth: { user: 'rtmt', pass: 'wrong' }, from: 'a@example.com' }, () => [{ id: 'Default', recipients: [{ address: 'noc@example.com', enabled: true }] }]);
    cleanups.push(() => email.dispose());
    const r = await email.notify({ groupKey: 'g', groupLabels: { alertAction: 'Default' }, firing: [{ id: '1', key: 'k', ruleId: 'r', ruleName: 'r', group: 'System', severity: 'Critical', cluster: 'c', node: 'n', instance: '', status: 'outstanding', message: 'm', origin: 'poll', raisedAt: 0, lastOccurrenceAt: 0, occurrences: 1, flapping: false, emailEnabled: true, alertAction: 'Default' }], resolved: [], reason: 'new', atMs: 0 });
    expect(r).toMatchObject({ ok: false, retryable: false });
  });
});
