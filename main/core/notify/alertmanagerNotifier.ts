import type { Notification, NotifiedAlarm, Notifier, NotifyResult } from './notifier.js';
import { networkFailure } from './notifier.js';

/** Where and how to forward to Prometheus Alertmanager (v2 API). */
export interface AlertmanagerConfig {
  /** Base URL, e.g. http://127.0.0.1:9093 */
  readonly url: string;
  readonly timeoutMs?: number;
  /** endsAt of a firing alert, from now: Alertmanager resolves it if we stop re-sending (Prometheus uses ~4 × resend). */
  readonly endsAfterMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The postable alert of Alertmanager's OpenAPI (POST /api/v2/alerts). */
export interface PostableAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly startsAt: string;
  readonly endsAt?: string;
}

/** Converts alarms to Alertmanager alerts; labels identify (rule, cluster, node, instance), annotations describe. */
export function toPostableAlerts(n: Notification, endsAfterMs: number): PostableAlert[] {
  const one = (a: NotifiedAlarm, resolved: boolean): PostableAlert => ({
    labels: { alertname: a.ruleId, cluster: a.cluster, node: a.node, ...(a.instance ? { instance: a.instance } : {}), severity: a.severity.toLowerCase(), group: a.group },
    annotations: { summary: `${a.ruleName} on ${a.node}`, description: a.message, status: a.status },
    startsAt: new Date(a.raisedAt).toISOString(),
    endsAt: new Date(resolved ? (a.resolvedAt ?? a.closedAt ?? n.atMs) : n.atMs + endsAfterMs).toISOString(),
  });
  return [...n.firing.map((a) => one(a, false)), ...n.resolved.map((a) => one(a, true))];
}

/** Forwards notifications to Alertmanager; 5xx and network errors are retryable, 4xx are not. */
export class AlertmanagerNotifier implements Notifier {
  readonly name = 'alertmanager';
  constructor(private readonly config: AlertmanagerConfig) {}

  async notify(n: Notification): Promise<NotifyResult> {
    return postJson(`${this.config.url.replace(/\/+$/, '')}/api/v2/alerts`, toPostableAlerts(n, this.config.endsAfterMs ?? 4 * 3_600_000 + 300_000), this.config);
  }
}

/** A generic webhook: POSTs the notification as JSON (shaped like Alertmanager's webhook payload). */
export class WebhookNotifier implements Notifier {
  readonly name = 'webhook';
  constructor(private readonly config: { readonly url: string; readonly timeoutMs?: number; readonly headers?: Readonly<Record<string, string>> }) {}

  async notify(n: Notification): Promise<NotifyResult> {
    const body = { version: '1', groupKey: n.groupKey, reason: n.reason, status: n.firing.length ? 'firing' : 'resolved', groupLabels: n.groupLabels, firing: n.firing, resolved: n.resolved, atMs: n.atMs };
    return postJson(this.config.url, body, this.config);
  }

  /** Posts the settings page's test payload (marked `test: true`). */
  async postTest(body: Readonly<Record<string, unknown>>): Promise<NotifyResult> {
    return postJson(this.config.url, body, this.config);
  }
}

async function postJson(url: string, body: unknown, c: { readonly timeoutMs?: number; readonly headers?: Readonly<Record<string, string>> }): Promise<NotifyResult> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...c.headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(c.timeoutMs ?? 10_000) });
    if (res.ok) {
      await res.arrayBuffer();
      return { ok: true };
    }
    const text = (await res.text()).slice(0, 300);
    return { ok: false, retryable: res.status >= 500 || res.status === 429, error: `HTTP ${res.status}: ${text}` };
  } catch (err) {
    return networkFailure(err);
  }
}
