/**
 * Set Alert/Properties: every setting of a rule (enable, severity, description, threshold over/under with
 * hysteresis, value as absolute/delta/delta %, duration, frequency, schedule, keep-firing, missing-data and
 * error policies, e-mail, alert action, trace download on alert, disabled nodes), validated before save.
 */
import { useState, type ReactNode } from 'react';
import { ALERT_SEVERITIES } from '../../../shared/model/alert.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useT } from '../../i18n/useT.js';
import { minuteToTime, parseNodeList, timeToMinute, validateDraft, type RuleDraft } from './ruleForm.js';

const POLICIES = ['noData', 'error', 'alerting', 'ok', 'keepLast'] as const;
/** RTMT's default alert action name (the value stored in the rule). */
const DEFAULT_ACTION = 'Default';

/** Props of RuleEditor. */
export interface RuleEditorProps {
  readonly initial: RuleDraft;
  readonly onSave: (draft: RuleDraft) => Promise<boolean>;
  readonly onClose: () => void;
}

function Field({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <label className="form-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** The editor dialog. */
export function RuleEditor({ initial, onSave, onClose }: RuleEditorProps) {
  const { t } = useT();
  const [d, setD] = useState<RuleDraft>(initial);
  const [issues, setIssues] = useState<readonly string[]>([]);
  const [nodesText, setNodesText] = useState(initial.disabledNodes.join(', '));
  const [traceServicesText, setTraceServicesText] = useState(initial.traceDownload?.serviceLogs.join(', ') ?? '');
  const [traceSystemText, setTraceSystemText] = useState(initial.traceDownload?.systemLogs.join(', ') ?? '');
  const up = (change: Partial<RuleDraft>) => setD({ ...d, ...change });
  const cond = d.condition;
  const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  const save = async () => {
    const draft = {
      ...d,
      disabledNodes: parseNodeList(nodesText),
      ...(d.traceDownload ? { traceDownload: { ...d.traceDownload, serviceLogs: parseNodeList(traceServicesText), systemLogs: parseNodeList(traceSystemText) } } : {}),
    };
    const r = validateDraft(draft);
    if (!r.ok) return setIssues(r.issues);
    setIssues([]);
    if (await onSave(draft)) onClose();
  };
  return (
    <ConfirmDialog title={`${t('alerts.edit')}: ${d.name}`} confirmLabel={t('common.save')} onCancel={onClose} onConfirm={() => void save()}>
      <div className="rule-form" data-testid="rule-editor">
        <Field label={t('alerts.field.name')}>
          <input value={d.name} onChange={(e) => up({ name: e.target.value })} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={d.enabled} onChange={(e) => up({ enabled: e.target.checked })} /> {t('alerts.enabled')}
        </label>
        <Field label={t('alerts.severity')}>
          <select value={d.severity} onChange={(e) => up({ severity: e.target.value as RuleDraft['severity'] })}>
            {ALERT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`sev.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('alerts.field.description')}>
          <textarea rows={2} value={d.description} onChange={(e) => up({ description: e.target.value })} />
        </Field>
        <Field label={t('alerts.field.recommendedAction')}>
          <textarea rows={2} value={d.recommendedAction ?? ''} onChange={(e) => up({ recommendedAction: e.target.value || undefined })} />
        </Field>
        {cond.kind === 'threshold' ? (
          <fieldset>
            <legend>{t('alerts.threshold')}</legend>
            <Field label={t('alerts.field.object')}>
              <input value={cond.metric.object} onChange={(e) => up({ condition: { ...cond, metric: { ...cond.metric, object: e.target.value } } })} />
            </Field>
            <Field label={t('alerts.field.counter')}>
              <input value={cond.metric.counter} onChange={(e) => up({ condition: { ...cond, metric: { ...cond.metric, counter: e.target.value } } })} />
            </Field>
            <Field label={t('alerts.field.instance')}>
              <input value={cond.metric.instance ?? ''} onChange={(e) => up({ condition: { ...cond, metric: { ...cond.metric, instance: e.target.value || undefined } } })} />
            </Field>
            <Field label={t('alerts.field.direction')}>
              <select value={cond.direction} onChange={(e) => up({ condition: { ...cond, direction: e.target.value as 'over' | 'under' } })}>
                <option value="over">{t('alerts.field.over')}</option>
                <option value="under">{t('alerts.field.under')}</option>
              </select>
            </Field>
            <Field label={t('alerts.threshold')}>
              <input type="number" value={Number.isFinite(cond.threshold) ? cond.threshold : ''} onChange={(e) => up({ condition: { ...cond, threshold: num(e.target.value) } })} data-testid="rule-threshold" />
            </Field>
            <Field label={t('alerts.field.recovery')}>
              <input type="number" value={cond.recoveryThreshold ?? ''} onChange={(e) => up({ condition: { ...cond, recoveryThreshold: e.target.value === '' ? undefined : num(e.target.value) } })} />
            </Field>
            <Field label={t('alerts.field.valueAs')}>
              <select value={cond.valueAs} onChange={(e) => up({ condition: { ...cond, valueAs: e.target.value as typeof cond.valueAs } })}>
                <option value="absolute">{t('alerts.field.absolute')}</option>
                <option value="delta">{t('alerts.field.delta')}</option>
                <option value="deltaPercent">{t('alerts.field.deltaPercent')}</option>
              </select>
            </Field>
          </fieldset>
        ) : (
          <Field label={t('alerts.field.syslogMatch')}>
            <input value={cond.match.contains ?? cond.match.msgName ?? ''} onChange={(e) => up({ condition: { ...cond, match: { ...cond.match, contains: e.target.value || undefined } } })} />
          </Field>
        )}
        <fieldset>
          <legend>{t('alerts.field.duration')}</legend>
          <label className="check">
            <input type="radio" checked={d.duration.kind === 'immediate'} onChange={() => up({ duration: { kind: 'immediate' } })} /> {t('alerts.field.immediate')}
          </label>
          <label className="check">
            <input type="radio" checked={d.duration.kind === 'sustained'} onChange={() => up({ duration: { kind: 'sustained', seconds: 60 } })} /> {t('alerts.field.sustained')}
            {d.duration.kind === 'sustained' ? <input type="number" min={1} value={d.duration.seconds} onChange={(e) => up({ duration: { kind: 'sustained', seconds: num(e.target.value) } })} /> : null}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('alerts.field.frequency')}</legend>
          <label className="check">
            <input type="radio" checked={d.frequency.kind === 'everyPoll'} onChange={() => up({ frequency: { kind: 'everyPoll' } })} /> {t('alerts.field.everyPoll')}
          </label>
          <label className="check">
            <input type="radio" checked={d.frequency.kind === 'limited'} onChange={() => up({ frequency: { kind: 'limited', maxAlerts: 3, withinMinutes: 30 } })} /> {t('alerts.field.limited')}
            {d.frequency.kind === 'limited' ? (
              <>
                <input type="number" min={1} aria-label="N" value={d.frequency.maxAlerts} onChange={(e) => d.frequency.kind === 'limited' && up({ frequency: { ...d.frequency, maxAlerts: num(e.target.value) } })} />
                <input type="number" min={1} aria-label="M" value={d.frequency.withinMinutes} onChange={(e) => d.frequency.kind === 'limited' && up({ frequency: { ...d.frequency, withinMinutes: num(e.target.value) } })} />
              </>
            ) : null}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('alerts.field.schedule')}</legend>
          <label className="check">
            <input type="radio" checked={d.schedule.kind === 'always'} onChange={() => up({ schedule: { kind: 'always' } })} /> {t('alerts.field.always')}
          </label>
          <label className="check">
            <input type="radio" checked={d.schedule.kind === 'daily'} onChange={() => up({ schedule: { kind: 'daily', startMinute: 480, endMinute: 1080, utcOffsetMinutes: -new Date().getTimezoneOffset() } })} /> {t('alerts.field.daily')}
            {d.schedule.kind === 'daily' ? (
              <>
                <input type="time" value={minuteToTime(d.schedule.startMinute)} onChange={(e) => d.schedule.kind === 'daily' && up({ schedule: { ...d.schedule, startMinute: timeToMinute(e.target.value) ?? 0 } })} />
                <input type="time" value={minuteToTime(d.schedule.endMinute)} onChange={(e) => d.schedule.kind === 'daily' && up({ schedule: { ...d.schedule, endMinute: timeToMinute(e.target.value) ?? 0 } })} />
              </>
            ) : null}
          </label>
        </fieldset>
        <Field label={t('alerts.field.keepFiring')}>
          <input type="number" min={0} value={d.keepFiringForSeconds} onChange={(e) => up({ keepFiringForSeconds: num(e.target.value) })} />
        </Field>
        <Field label={t('alerts.field.noData')}>
          <select value={d.noDataPolicy} onChange={(e) => up({ noDataPolicy: e.target.value as RuleDraft['noDataPolicy'] })}>
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {t(`alerts.policy.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('alerts.field.onError')}>
          <select value={d.errorPolicy} onChange={(e) => up({ errorPolicy: e.target.value as RuleDraft['errorPolicy'] })}>
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {t(`alerts.policy.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <label className="check">
          <input type="checkbox" checked={d.emailEnabled} onChange={(e) => up({ emailEnabled: e.target.checked })} /> {t('alerts.field.email')}
        </label>
        <Field label={t('alerts.field.action')}>
          {/* RTMT's alert action is named "Default" unless configured otherwise: the name stays, the label is translated. */}
          <select value={d.alertAction} onChange={(e) => up({ alertAction: e.target.value })} data-testid="rule-action">
            {[...new Set([DEFAULT_ACTION, d.alertAction])].map((a) => (
              <option key={a} value={a}>
                {a === DEFAULT_ACTION ? t('alerts.action.Default') : a}
              </option>
            ))}
          </select>
        </Field>
        <fieldset data-testid="rule-trace-download">
          {/* RTMT "Enable Trace Download" (serviceability-reference.md A.3): the node's traces when the alarm is raised. */}
          <legend>{t('alerts.traceDownload.legend')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={d.traceDownload !== undefined}
              onChange={(e) => {
                if (e.target.checked) return up({ traceDownload: { serviceLogs: parseNodeList(traceServicesText), systemLogs: parseNodeList(traceSystemText), lastMinutes: 15, maxPerDay: 1 } });
                const { traceDownload: _off, ...rest } = d;
                setD(rest);
              }}
            />{' '}
            {t('alerts.traceDownload.enable')}
          </label>
          {d.traceDownload ? (
            <>
              <p className="muted">{t('alerts.traceDownload.caution')}</p>
              <Field label={t('alerts.traceDownload.services')}>
                <input value={traceServicesText} onChange={(e) => setTraceServicesText(e.target.value)} placeholder="Cisco XCP Router, Cisco Presence Engine" data-testid="rule-trace-services" />
              </Field>
              <Field label={t('alerts.traceDownload.systemLogs')}>
                <input value={traceSystemText} onChange={(e) => setTraceSystemText(e.target.value)} />
              </Field>
              <Field label={t('alerts.traceDownload.lastMinutes')}>
                <input type="number" min={1} max={1440} value={Number.isFinite(d.traceDownload.lastMinutes) ? d.traceDownload.lastMinutes : ''} onChange={(e) => d.traceDownload && up({ traceDownload: { ...d.traceDownload, lastMinutes: num(e.target.value) } })} />
              </Field>
              <Field label={t('alerts.traceDownload.maxPerDay')}>
                <input type="number" min={1} max={24} value={Number.isFinite(d.traceDownload.maxPerDay) ? d.traceDownload.maxPerDay : ''} onChange={(e) => d.traceDownload && up({ traceDownload: { ...d.traceDownload, maxPerDay: num(e.target.value) } })} />
              </Field>
            </>
          ) : null}
        </fieldset>
        <Field label={t('alerts.field.disabledNodes')}>
          <input value={nodesText} onChange={(e) => setNodesText(e.target.value)} />
        </Field>
        {issues.length ? (
          <div className="banner banner-error" role="alert" data-testid="rule-issues">
            {t('alerts.invalid')}
            <ul>
              {issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
