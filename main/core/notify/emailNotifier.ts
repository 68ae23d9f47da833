import nodemailer, { type Transporter } from 'nodemailer';
import type { Disposable } from '../base/disposable.js';
import { enabledRecipients, type AlertAction } from './alertActions.js';
import { formatAlertEmail } from './emailFormat.js';
import { networkFailure, type Notification, type Notifier, type NotifyResult } from './notifier.js';

/** RTMT "Config Email Server" plus TLS and authentication. */
export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (465); otherwise STARTTLS when offered, required with requireTLS. */
  readonly secure?: boolean;
  readonly requireTLS?: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Accept self-signed server certificates (lab servers); default false. */
  readonly allowSelfSigned?: boolean;
  readonly from: string;
  readonly timeoutMs?: number;
}

/** Sends one mail per notification to the enabled recipients of the group's alert action (nodemailer). */
export class EmailNotifier implements Notifier, Disposable {
  readonly name = 'email';
  readonly #transport: Transporter;

  constructor(
    private readonly smtp: SmtpConfig,
    private readonly actions: () => readonly AlertAction[],
  ) {
    const t = smtp.timeoutMs ?? 20_000;
    this.#transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure ?? false,
      requireTLS: smtp.requireTLS ?? false,
      ...(smtp.auth ? { auth: { user: smtp.auth.user, pass: smtp.auth.pass } } : {}),
      tls: { rejectUnauthorized: !smtp.allowSelfSigned },
      connectionTimeout: t,
      greetingTimeout: t,
      socketTimeout: t,
    });
  }

  async notify(n: Notification): Promise<NotifyResult> {
    const firing = n.firing.filter((a) => a.emailEnabled);
    const resolved = n.resolved.filter((a) => a.emailEnabled);
    if (firing.length === 0 && resolved.length === 0) return { ok: true };
    const to = enabledRecipients(this.actions(), n.groupLabels.alertAction ?? 'Default');
    if (to.length === 0) return { ok: true };
    return this.send(to, formatAlertEmail({ ...n, firing, resolved }));
  }

  /** Sends one mail (a notification, or the settings page's test) to `to`. */
  async send(to: readonly string[], { subject, text }: { readonly subject: string; readonly text: string }): Promise<NotifyResult> {
    try {
      await this.#transport.sendMail({ from: this.smtp.from, to: [...to], subject, text });
      return { ok: true };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      // 5xx SMTP replies are permanent (RFC 5321 §4.2.1); 4xx and network errors are worth a retry.
      if (code !== undefined && code >= 500) return { ok: false, retryable: false, error: (err as Error).message };
      return networkFailure(err);
    }
  }

  dispose(): void {
    this.#transport.close();
  }
}
