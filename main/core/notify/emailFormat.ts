import type { Notification, NotifiedAlarm } from './notifier.js';

/** Subject and plain-text body of an alert e-mail. */
export interface EmailContent {
  readonly subject: string;
  readonly text: string;
}

function when(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function line(a: NotifiedAlarm): string {
  const inst = a.instance ? ` (${a.instance})` : '';
  const ack = a.status === 'acknowledged' && a.ack ? ` [acknowledged by ${a.ack.by}: ${a.ack.comment}]` : '';
  const flap = a.flapping ? ' [flapping]' : '';
  return `- [${a.severity}] ${a.ruleName} on ${a.cluster}/${a.node}${inst} since ${when(a.raisedAt)}, ${a.occurrences} alert(s)${flap}${ack}\n  ${a.message}`;
}

/**
 * Formats a notification as one e-mail: a single alarm gets RTMT-like "[Severity] Alert on node" subject; a
 * group gets a digest subject with counts, so a storm is one mail, not hundreds (reference F, BLOG-LPM).
 */
export function formatAlertEmail(n: Notification): EmailContent {
  const f = n.firing;
  const r = n.resolved;
  let subject: string;
  if (f.length === 1 && r.length === 0) {
    const a = f[0]!;
    subject = `[IMP Monitor] [${a.severity}] ${a.ruleName} on ${a.node}${a.instance ? ` (${a.instance})` : ''}`;
  } else if (f.length === 0 && r.length === 1) {
    const a = r[0]!;
    subject = `[IMP Monitor] [RESOLVED] ${a.ruleName} on ${a.node}${a.instance ? ` (${a.instance})` : ''}`;
  } else {
    const scope = Object.entries(n.groupLabels).filter(([k]) => k !== 'alertAction').map(([, v]) => v).join(' ');
    subject = `[IMP Monitor] ${f.length} firing, ${r.length} resolved: ${scope}`;
  }
  if (n.reason === 'repeat') subject += ' (reminder)';
  const parts = [`IMP Monitor alert notification (${n.reason}) at ${when(n.atMs)}`, ''];
  if (f.length) parts.push(`FIRING (${f.length}):`, ...f.map(line), '');
  if (r.length) parts.push(`RESOLVED (${r.length}):`, ...r.map((a) => `${line(a)}\n  resolved ${when(a.resolvedAt ?? a.closedAt ?? n.atMs)}`), '');
  return { subject, text: parts.join('\n') };
}
