/**
 * New / edit silence (Alertmanager, peers-and-limits.md 2.2): equality matchers on Alert Central's fields, a start
 * (empty: now), a duration with presets or typed minutes, and a comment. The end is shown as it will be.
 */
import { useState } from 'react';
import { SILENCE_MATCH_FIELDS } from '../../../shared/model/alert.js';
import { formatDateTime, formatDuration } from '../../app/format.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useT } from '../../i18n/useT.js';
import { useAlertsStore } from './alertsStore.js';
import { SILENCE_DURATION_PRESETS, silenceInputOf, type SilenceDraft } from './silenceForm.js';

/** Saves the draft as a new silence, or changes the silence `initial.id`. */
export function SilenceDialog({ initial, onClose }: { readonly initial: SilenceDraft; readonly onClose: () => void }) {
  const { t, locale } = useT();
  const [d, setD] = useState(initial);
  const [error, setError] = useState<string>();
  const up = (patch: Partial<SilenceDraft>) => setD({ ...d, ...patch });
  const preview = silenceInputOf(d, Date.now());
  const confirm = async () => {
    const r = silenceInputOf(d, Date.now());
    if (!r.input) return setError(t(r.error!));
    const store = useAlertsStore.getState();
    if (await (d.id ? store.updateSilence(d.id, r.input) : store.silence(r.input))) onClose();
  };
  return (
    <ConfirmDialog title={d.id ? t('alerts.silenceForm.titleEdit') : t('alerts.silenceForm.titleNew')} confirmLabel={t('alerts.silenceForm.save')} onCancel={onClose} onConfirm={() => void confirm()}>
      <div className="rule-form" data-testid="silence-dialog">
        <fieldset>
          <legend>{t('alerts.matchers')}</legend>
          <p className="hint">{t('alerts.silenceForm.matchersHint')}</p>
          {SILENCE_MATCH_FIELDS.map((f) => (
            <label key={f} className="form-field">
              <span>{t(`alerts.silenceForm.field.${f}`)}</span>
              <input className="mono" value={d.matchers[f] ?? ''} onChange={(e) => up({ matchers: { ...d.matchers, [f]: e.target.value } })} data-testid={`silence-matcher-${f}`} />
            </label>
          ))}
        </fieldset>
        <label className="form-field">
          <span>{t('alerts.silenceForm.start')}</span>
          <input type="datetime-local" value={d.startsAt} onChange={(e) => up({ startsAt: e.target.value })} data-testid="silence-start" />
        </label>
        <div className="form-field">
          <span>{t('alerts.silenceForm.duration')}</span>
          <span className="check">
            <select value={SILENCE_DURATION_PRESETS.includes(d.durationMinutes as never) ? String(d.durationMinutes) : ''} onChange={(e) => e.target.value && up({ durationMinutes: Number(e.target.value) })} data-testid="silence-duration-preset" aria-label={t('alerts.silenceForm.duration')}>
              <option value="">…</option>
              {SILENCE_DURATION_PRESETS.map((m) => (
                <option key={m} value={m}>
                  {formatDuration(m * 60, locale, 'short')}
                </option>
              ))}
            </select>
            <input type="number" min={1} value={Number.isFinite(d.durationMinutes) ? d.durationMinutes : ''} onChange={(e) => up({ durationMinutes: e.target.value === '' ? NaN : Number(e.target.value) })} data-testid="silence-duration" aria-label={t('alerts.silenceForm.minutes')} />
            {t('alerts.silenceForm.minutes')}
          </span>
        </div>
        {preview.input ? <p className="hint" data-testid="silence-ends">{t('alerts.silenceForm.endsAt', { time: formatDateTime(preview.input.endsAtMs, locale) })}</p> : null}
        <label className="form-field">
          <span>{t('alerts.comment')}</span>
          <textarea rows={2} value={d.comment} onChange={(e) => up({ comment: e.target.value })} data-testid="silence-comment" />
        </label>
        {error ? (
          <p className="note" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
