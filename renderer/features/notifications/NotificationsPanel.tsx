/**
 * Alert Central > Notifications (issue 15): RTMT's "Config Email Server" (host, port, TLS, authentication, sender)
 * and "Config Alert Action" (named recipient lists, each recipient enabled one by one; serviceability-reference.md
 * A.3), the Alertmanager and webhook URLs with bearer tokens, Alertmanager's timing (peers-and-limits.md 2.2), each
 * notifier with "Send a test" and its result, and the persisted notification log. Secrets are write-only here.
 */
import { useEffect, useState } from 'react';
import type { NotificationLogEntry, NotificationTestRequest } from '../../../shared/model/notifications.js';
import { formatDateTime } from '../../app/format.js';
import { AsyncState, ErrorBanner } from '../../components/AsyncState.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { useT } from '../../i18n/useT.js';
import { draftFromView, settingsInputOf, type HttpDraft, type NotificationDraft, type SecretDraft } from './notificationForm.js';
import { useNotificationsStore } from './notificationsStore.js';
import { testAdvice } from './testAdvice.js';
import './notifications.css';
import { useCan } from '../../app/useCan.js';
import { gate, RoleNote } from '../access/gate.js';

function Field({ label, children }: { readonly label: string; readonly children: React.ReactNode }) {
  return (
    <label className="form-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A write-only secret: a password field, whether one is stored, and "remove". */
function SecretField({ label, value, onChange, testId }: { readonly label: string; readonly value: SecretDraft; readonly onChange: (v: SecretDraft) => void; readonly testId: string }) {
  const { t } = useT();
  return (
    <>
      <Field label={label}>
        <input type="password" autoComplete="new-password" value={value.text} disabled={value.remove} placeholder={value.stored ? t('notify.secretStored') : t('notify.secretNone')} onChange={(e) => onChange({ ...value, text: e.target.value })} data-testid={testId} />
      </Field>
      {value.stored ? (
        <label className="check form-indent">
          <input type="checkbox" checked={value.remove} onChange={(e) => onChange({ ...value, remove: e.target.checked, text: '' })} data-testid={`${testId}-remove`} /> {t('notify.secretRemove')}
        </label>
      ) : null}
    </>
  );
}

/** A failed test: what to do first (when the cause is recognised), then the error as the backend gave it. */
function Failure({ code, message }: { readonly code: string; readonly message: string }) {
  const { t } = useT();
  const advice = testAdvice(code, message);
  return (
    <span className="tag warn">
      {advice ? (
        <>
          <b>{t(advice)}</b>{' '}
        </>
      ) : null}
      {t('notify.testFailed', { code, message })}
    </span>
  );
}

/** "Send a test" for one target and its result. */
function TestButton({ target, draft, alertAction }: { readonly target: NotificationTestRequest['target']; readonly draft: NotificationDraft; readonly alertAction?: string }) {
  const { t } = useT();
  const canTest = useCan('notifications', 'test');
  const state = useNotificationsStore((s) => s.tests[target]);
  const [formError, setFormError] = useState<string>();
  const run = () => {
    const r = settingsInputOf(draft);
    if (!r.input) return setFormError(t(r.error!));
    setFormError(undefined);
    void useNotificationsStore.getState().test({ target, settings: r.input, ...(alertAction ? { alertAction } : {}) });
  };
  return (
    <div className="button-row test-row" data-testid={`test-${target}`}>
      <button type="button" {...gate(canTest, state?.kind === 'running')} onClick={run} data-testid={`test-${target}-send`}>
        {state?.kind === 'running' ? t('notify.testing') : t('notify.sendTest')}
      </button>
      <span data-testid={`test-${target}-result`} role="status">
        {formError ? <span className="tag warn">{formError}</span> : null}
        {state?.kind === 'done' ? (
          state.result.ok ? (
            <span className="tag ok">{t('notify.testOk', { to: state.result.sentTo.join(', '), ms: state.result.durationMs })}</span>
          ) : (
            <Failure code={state.result.error?.code ?? ''} message={state.result.error?.message ?? ''} />
          )
        ) : state?.kind === 'error' ? (
          <Failure code={state.error.code} message={state.error.message} />
        ) : null}
      </span>
    </div>
  );
}

/** The Notifications tab. */
export function NotificationsPanel() {
  const { settings, settingsLoad, load, loadLog } = useNotificationsStore();
  useEffect(() => {
    void load();
    void loadLog();
  }, [load, loadLog]);
  return (
    <>
      <AsyncState state={settingsLoad} onRetry={() => void load()}>
        {settings ? <SettingsForm key={`${settings.file}|${JSON.stringify(settings)}`} /> : null}
      </AsyncState>
      <NotificationLog />
    </>
  );
}

function SettingsForm() {
  const { t } = useT();
  const canSave = useCan('notifications', 'save');
  const { settings, saving, saveError, savedAtMs, save, edited } = useNotificationsStore();
  const [d, setD] = useState<NotificationDraft>(() => draftFromView(settings!));
  const [formError, setFormError] = useState<string>();
  const [testAction, setTestAction] = useState(d.alertActions[0]?.id ?? 'Default');
  const up = (patch: Partial<NotificationDraft>) => {
    setD({ ...d, ...patch });
    setFormError(undefined);
    edited();
  };
  const upSmtp = (patch: Partial<NotificationDraft['smtp']>) => up({ smtp: { ...d.smtp, ...patch } });
  const upAction = (i: number, patch: Partial<NotificationDraft['alertActions'][number]>) => up({ alertActions: d.alertActions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const submit = async () => {
    const r = settingsInputOf(d);
    if (!r.input) return setFormError(t(r.error!));
    await save(r.input);
  };
  const http = (which: 'alertmanager' | 'webhook', label: string) => {
    const h: HttpDraft = d[which];
    return (
      <fieldset data-testid={`notify-${which}`}>
        <legend>{t(`notify.${which}`)}</legend>
        <Field label={label}>
          <input className="mono" value={h.url} placeholder="https://…" onChange={(e) => up({ [which]: { ...h, url: e.target.value } })} data-testid={`notify-${which}-url`} />
        </Field>
        <p className="hint form-indent">{t('notify.urlHint')}</p>
        <SecretField label={t('notify.token')} value={h.token} onChange={(token) => up({ [which]: { ...h, token } })} testId={`notify-${which}-token`} />
        <TestButton target={which} draft={d} />
      </fieldset>
    );
  };
  const s = settings!;
  return (
    <form
      noValidate
      className="panel rule-form"
      data-testid="notify-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="panel-head">
        <h2>{t('notify.tab')}</h2>
      </div>
      <p className="hint">{t('notify.file', { file: s.file })}</p>
      <p className="hint" data-testid="notify-active">
        {s.active.error ? t('notify.notRunning', { error: s.active.error }) : s.active.notifiers.length > 0 ? t('notify.running', { list: s.active.notifiers.join(', ') }) : t('notify.runningNone')}
      </p>
      <p className="hint">{t('notify.testUsesForm')}</p>
      {/* A role that cannot save sees the settings but cannot edit them (a form it could type into but never save misleads). */}
      {canSave.allowed ? null : (
        <p className="role-gate-note">
          <RoleNote can={canSave} testId="notify-role-note" />
        </p>
      )}
      <fieldset className="role-fieldset" disabled={!canSave.allowed} title={canSave.reason} data-testid="notify-fields">
      <fieldset data-testid="notify-smtp">
        <legend>{t('notify.smtp')}</legend>
        <label className="check">
          <input type="checkbox" checked={d.smtpOn} onChange={(e) => up({ smtpOn: e.target.checked })} data-testid="notify-smtp-on" /> {t('notify.smtpOn')}
        </label>
        {d.smtpOn ? (
          <>
            <Field label={t('notify.host')}>
              <input value={d.smtp.host} onChange={(e) => upSmtp({ host: e.target.value })} data-testid="notify-smtp-host" />
            </Field>
            <Field label={t('notify.port')}>
              <input type="number" min={1} max={65535} value={Number.isFinite(d.smtp.port) ? d.smtp.port : ''} onChange={(e) => upSmtp({ port: e.target.value === '' ? NaN : Number(e.target.value) })} data-testid="notify-smtp-port" />
            </Field>
            <label className="check form-indent">
              <input type="checkbox" checked={d.smtp.secure} onChange={(e) => upSmtp({ secure: e.target.checked })} data-testid="notify-smtp-secure" /> {t('notify.secure')}
            </label>
            <label className="check form-indent">
              <input type="checkbox" checked={d.smtp.requireTLS} onChange={(e) => upSmtp({ requireTLS: e.target.checked })} data-testid="notify-smtp-starttls" /> {t('notify.requireTLS')}
            </label>
            <label className="check form-indent">
              <input type="checkbox" checked={d.smtp.allowSelfSigned} onChange={(e) => upSmtp({ allowSelfSigned: e.target.checked })} /> {t('notify.allowSelfSigned')}
            </label>
            <Field label={t('notify.from')}>
              <input value={d.smtp.from} onChange={(e) => upSmtp({ from: e.target.value })} data-testid="notify-smtp-from" />
            </Field>
            <Field label={t('notify.user')}>
              <input value={d.smtp.user} autoComplete="off" onChange={(e) => upSmtp({ user: e.target.value })} data-testid="notify-smtp-user" />
            </Field>
            <SecretField label={t('notify.password')} value={d.smtp.password} onChange={(password) => upSmtp({ password })} testId="notify-smtp-password" />
          </>
        ) : null}
      </fieldset>
      <fieldset data-testid="notify-actions">
        <legend>{t('notify.actions')}</legend>
        <p className="hint">{t('notify.actionsHint')}</p>
        {d.alertActions.map((a, i) => (
          <div key={i} className="action-block" data-testid={`notify-action-${i}`}>
            <Field label={t('notify.actionId')}>
              <span className="check">
                <input value={a.id} onChange={(e) => upAction(i, { id: e.target.value })} data-testid={`notify-action-${i}-id`} />
                <button type="button" disabled={d.alertActions.length <= 1} onClick={() => up({ alertActions: d.alertActions.filter((_, j) => j !== i) })}>
                  {t('notify.removeAction')}
                </button>
              </span>
            </Field>
            <Field label={t('notify.actionDescription')}>
              <input value={a.description ?? ''} onChange={(e) => upAction(i, { description: e.target.value })} />
            </Field>
            {a.recipients.length === 0 ? <p className="hint form-indent">{t('notify.noRecipient')}</p> : null}
            {a.recipients.map((r, k) => (
              <div key={k} className="form-field">
                <span>{t('notify.recipient')}</span>
                <span className="check">
                  <input type="email" value={r.address} onChange={(e) => upAction(i, { recipients: a.recipients.map((x, m) => (m === k ? { ...x, address: e.target.value } : x)) })} data-testid={`notify-action-${i}-recipient-${k}`} aria-label={t('notify.recipient')} />
                  <label className="check">
                    <input type="checkbox" checked={r.enabled} onChange={(e) => upAction(i, { recipients: a.recipients.map((x, m) => (m === k ? { ...x, enabled: e.target.checked } : x)) })} data-testid={`notify-action-${i}-recipient-${k}-enabled`} /> {t('notify.enabled')}
                  </label>
                  <button type="button" onClick={() => upAction(i, { recipients: a.recipients.filter((_, m) => m !== k) })}>
                    {t('notify.removeRecipient')}
                  </button>
                </span>
              </div>
            ))}
            <div className="form-indent">
              <button type="button" onClick={() => upAction(i, { recipients: [...a.recipients, { address: '', enabled: true }] })} data-testid={`notify-action-${i}-add-recipient`}>
                {t('notify.addRecipient')}
              </button>
            </div>
          </div>
        ))}
        <div className="button-row">
          <button type="button" onClick={() => up({ alertActions: [...d.alertActions, { id: '', recipients: [] }] })} data-testid="notify-add-action">
            {t('notify.addAction')}
          </button>
        </div>
        <div className="check">
          <span>{t('notify.testAction')}</span>
          <select value={testAction} onChange={(e) => setTestAction(e.target.value)} data-testid="test-email-action" aria-label={t('notify.testAction')}>
            {d.alertActions
              .filter((a) => a.id.trim())
              .map((a) => (
                <option key={a.id} value={a.id.trim()}>
                  {a.id}
                </option>
              ))}
          </select>
          <TestButton target="email" draft={d} alertAction={testAction} />
        </div>
      </fieldset>
      {http('alertmanager', t('notify.alertmanagerUrl'))}
      {http('webhook', t('notify.webhookUrl'))}
      <fieldset>
        <legend>{t('notify.timing')}</legend>
        <p className="hint">{t('notify.timingHint')}</p>
        <Field label={t('notify.groupWait')}>
          <input type="number" min={0} value={Number.isFinite(d.groupWaitSeconds) ? d.groupWaitSeconds : ''} onChange={(e) => up({ groupWaitSeconds: e.target.value === '' ? NaN : Number(e.target.value) })} data-testid="notify-group-wait" />
        </Field>
        <Field label={t('notify.groupInterval')}>
          <input type="number" min={1} value={Number.isFinite(d.groupIntervalSeconds) ? d.groupIntervalSeconds : ''} onChange={(e) => up({ groupIntervalSeconds: e.target.value === '' ? NaN : Number(e.target.value) })} data-testid="notify-group-interval" />
        </Field>
        <Field label={t('notify.repeatInterval')}>
          <input type="number" min={60} value={Number.isFinite(d.repeatIntervalSeconds) ? d.repeatIntervalSeconds : ''} onChange={(e) => up({ repeatIntervalSeconds: e.target.value === '' ? NaN : Number(e.target.value) })} data-testid="notify-repeat-interval" />
        </Field>
      </fieldset>
      </fieldset>
      {/* Save and what became of it, always in sight while the form is (the form is taller than a screen). */}
      <div className="notify-savebar">
        <div className="notify-savebar-status">
          {formError ? (
            <p className="note" role="alert" data-testid="notify-form-error">
              {formError}
            </p>
          ) : null}
          <ErrorBanner error={saveError} />
          {savedAtMs && !formError && !saveError ? (
            <span className="tag ok" role="status" data-testid="notify-saved">
              {t('notify.saved')}
            </span>
          ) : null}
        </div>
        <RoleNote can={canSave} />
        <button type="submit" className="primary" {...gate(canSave, saving)} data-testid="notify-save">
          {saving ? t('notify.saving') : t('notify.save')}
        </button>
      </div>
    </form>
  );
}

function NotificationLog() {
  const { t, locale } = useT();
  const { log, logLoad, loadLog } = useNotificationsStore();
  const columns: Column<NotificationLogEntry>[] = [
    { id: 'at', header: t('notify.log.at'), cell: (e) => formatDateTime(e.atMs, locale), sortValue: (e) => e.atMs, nowrap: true },
    { id: 'notifier', header: t('notify.log.notifier'), cell: (e) => (['email', 'alertmanager', 'webhook'].includes(e.notifier) ? t(`notify.target.${e.notifier as 'email'}`) : e.notifier), sortValue: (e) => e.notifier, nowrap: true },
    { id: 'reason', header: t('notify.log.reason'), cell: (e) => t(`notify.reason.${e.reason}`), sortValue: (e) => e.reason, nowrap: true },
    { id: 'group', header: t('notify.log.group'), cell: (e) => <span className="mono" title={e.groupKey}>{Object.entries(e.groupLabels).map(([k, v]) => `${k}=${v}`).join(' ') || e.groupKey}</span>, className: 'cell-grow' },
    { id: 'firing', header: t('notify.log.firing'), cell: (e) => e.firing.length, sortValue: (e) => e.firing.length, align: 'right' },
    { id: 'resolved', header: t('notify.log.resolved'), cell: (e) => e.resolved.length, sortValue: (e) => e.resolved.length, align: 'right' },
    {
      id: 'result',
      header: t('notify.log.result'),
      cell: (e) => (e.ok ? <span className="tag ok">{t('notify.log.ok')}</span> : <span className="tag warn" title={e.error}>{t('notify.log.failed', { n: e.attempts })}</span>),
      sortValue: (e) => (e.ok ? 0 : 1),
    },
  ];
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>{t('notify.log')}</h2>
        <button type="button" onClick={() => void loadLog()} data-testid="notify-log-refresh">
          {t('common.refresh')}
        </button>
      </div>
      <p className="hint">{t('notify.logHint')}</p>
      <AsyncState state={logLoad} empty={log.length === 0} emptyText={logLoad.kind === 'ready' ? t('notify.logEmpty') : undefined} onRetry={() => void loadLog()}>
        <DataTable rows={log} columns={columns} rowKey={(e) => String(e.id)} label={t('notify.log')} initialSort={{ column: 'at', direction: 'desc' }} testId="notify-log" />
      </AsyncState>
    </div>
  );
}
