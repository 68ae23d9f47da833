/**
 * The acknowledge dialog (RTMT Acknowledge + NetXMS timed acknowledgement): a comment and an optional "until" —
 * none, a preset span, or a date and time — after which the alarm is outstanding again. Who acknowledges is the
 * backend's operator.
 */
import { useState } from 'react';
import type { AlarmRecord } from '../../../shared/model/alert.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useT } from '../../i18n/useT.js';
import { ACK_UNTIL_PRESETS, ackUntilMs, toLocalDateTime, type AckUntilPreset } from './ackUntil.js';
import { useAlertsStore } from './alertsStore.js';

/** Acknowledges `alarm` on confirm; closes when done (stays open with the error when refused). */
export function AckDialog({ alarm, onClose }: { readonly alarm: AlarmRecord; readonly onClose: () => void }) {
  const { t } = useT();
  const [comment, setComment] = useState('');
  const [preset, setPreset] = useState<AckUntilPreset>('none');
  const [custom, setCustom] = useState(() => toLocalDateTime(Date.now() + 2 * 3_600_000));
  const [error, setError] = useState<string>();
  const confirm = async () => {
    const until = ackUntilMs(preset, custom, Date.now());
    if (until.error) return setError(t(until.error));
    if (await useAlertsStore.getState().acknowledge(alarm.id, comment.trim() || undefined, until.untilMs)) onClose();
  };
  return (
    <ConfirmDialog title={t('alerts.ack.title', { rule: alarm.ruleName })} confirmLabel={t('alerts.acknowledge')} onCancel={onClose} onConfirm={() => void confirm()}>
      <div className="rule-form" data-testid="ack-dialog">
        <label className="form-field">
          <span>{t('alerts.ack.comment')}</span>
          <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="ack-comment" />
        </label>
        <label className="form-field">
          <span>{t('alerts.ack.until')}</span>
          <select value={preset} onChange={(e) => setPreset(e.target.value as AckUntilPreset)} data-testid="ack-until">
            {ACK_UNTIL_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`alerts.ack.preset.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {preset === 'custom' ? (
          <label className="form-field">
            <span />
            <input type="datetime-local" value={custom} onChange={(e) => setCustom(e.target.value)} data-testid="ack-until-custom" />
          </label>
        ) : null}
        <p className="hint">{t('alerts.ack.untilHint')}</p>
        {error ? (
          <p className="note" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}

/** Unacknowledge or clear with an optional comment. */
export function CommentActionDialog({ alarm, action, onClose }: { readonly alarm: AlarmRecord; readonly action: 'unacknowledge' | 'clear'; readonly onClose: () => void }) {
  const { t } = useT();
  const [comment, setComment] = useState('');
  const confirm = async () => {
    const store = useAlertsStore.getState();
    const ok = action === 'clear' ? await store.clear(alarm.id, comment.trim() || undefined) : await store.unacknowledge(alarm.id, comment.trim() || undefined);
    if (ok) onClose();
  };
  const title = action === 'clear' ? t('alerts.clearDialog.title', { rule: alarm.ruleName }) : t('alerts.unack.title', { rule: alarm.ruleName });
  return (
    <ConfirmDialog title={title} confirmLabel={action === 'clear' ? t('alerts.clear') : t('alerts.unacknowledge')} danger={action === 'clear'} onCancel={onClose} onConfirm={() => void confirm()}>
      <div className="rule-form" data-testid={`${action}-dialog`}>
        <p>{action === 'clear' ? t('alerts.clearDialog.body') : t('alerts.unack.body')}</p>
        <label className="form-field">
          <span>{t('alerts.ack.comment')}</span>
          <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} data-testid={`${action}-comment`} />
        </label>
      </div>
    </ConfirmDialog>
  );
}
