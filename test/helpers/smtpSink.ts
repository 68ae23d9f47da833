/**
 * A real SMTP server for notification tests (smtp-server on 127.0.0.1, a free port, plain SMTP with AUTH LOGIN/PLAIN
 * for one user): it keeps every mail it accepts and every user name that tried to log in.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as received: envelope recipients, the whole message and its Subject (folded lines joined). */
export interface SinkMail {
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly data: string;
}

/** A listening SMTP sink. */
export interface SmtpSink {
  readonly port: number;
  readonly mails: SinkMail[];
  /** User names of every AUTH attempt, good or bad. */
  readonly logins: string[];
  close(): Promise<void>;
}

/** Starts the sink; only `user`/`password` may log in (anything else is refused as a real server does). */
export async function startSmtpSink(account: { readonly user: string; readonly password: string }): Promise<SmtpSink> {
  const mails: SinkMail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    secure: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, cb) {
      logins.push(auth.username ?? '');
      if (auth.username === account.user && auth.password === account.password) cb(null, { user: account.user });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const data = Buffer.concat(chunks).toString('utf8');
        const head = data.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
        const from = session.envelope.mailFrom;
        mails.push({ from: from ? from.address : '', to: session.envelope.rcptTo.map((r) => r.address), subject: /^Subject: (.*)$/m.exec(head)?.[1] ?? '', data });
        cb();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
