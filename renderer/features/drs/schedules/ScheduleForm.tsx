/**
 * Add or edit a backup schedule (guide L10145-10171): name (fixed once saved: the cluster keys schedules by name),
 * device, at least one feature, the start, the frequency — once, once a day, weekly with its days, monthly — and
 * "Set Default" (weekly, Tuesday through Saturday, L10161). The start is typed in this computer's time zone.
 */
import { useState } from 'react';
import { DRS_DEFAULT_WEEKDAYS, DRS_FREQUENCIES, DRS_NAME_PATTERN, type DrsFrequency, type DrsSchedule } from '../../../../shared/model/drs.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { useT } from '../../../i18n/useT.js';
import { useDrsStore } from '../drsStore.js';
import { Field } from '../drsParts.js';
import { frequencyText } from './SchedulesPanel.js';

/** A datetime-local value (this computer's zone) of an instant. */
export function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The schedule form. */
export function ScheduleForm({ cluster, initial, devices, features, onClose }: { readonly cluster: string; readonly initial?: DrsSchedule; readonly devices: readonly string[]; readonly features: readonly string[]; readonly onClose: () => void }) {
  const { t } = useT();
  const busy = useDrsStore((s) => s.busy === 'schedule');
  const nextHour = Math.ceil(Date.now() / 3600_000) * 3600_000 + 3600_000;
  const [name, setName] = useState(initial?.name ?? '');
  const [device, setDevice] = useState(initial?.device ?? devices[0] ?? '');
  const [chosen, setChosen] = useState<readonly string[]>(initial?.features ?? features);
  const [start, setStart] = useState(localInput(initial?.startMs ?? nextHour));
  const [frequency, setFrequency] = useState<DrsFrequency>(initial?.frequency ?? 'daily');
  const [weekdays, setWeekdays] = useState<readonly number[]>(initial?.weekdays ?? DRS_DEFAULT_WEEKDAYS);
  const [enable, setEnable] = useState(initial?.enabled ?? true);
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const startMs = new Date(start).getTime();
  const problems = {
    name: !DRS_NAME_PATTERN.test(name.trim()),
    device: device === '',
    features: chosen.length === 0,
    start: !Number.isFinite(startMs),
    days: frequency === 'weekly' && weekdays.length === 0,
  };
  const ok = !Object.values(problems).some(Boolean);
  const toggle = <T,>(list: readonly T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <form
      className="panel drs-form"
      data-testid="drs-schedule-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (ok) setConfirming(true);
      }}
    >
      <div className="panel-head">
        <h2>{initial ? t('drs.sched.editTitle', { name: initial.name }) : t('drs.sched.newTitle')}</h2>
        <button type="button" data-testid="drs-schedule-default" onClick={() => { setFrequency('weekly'); setWeekdays(DRS_DEFAULT_WEEKDAYS); }}>
          {t('drs.sched.setDefault')}
        </button>
      </div>
      <Field label={t('drs.sched.name')} hint={tried && problems.name ? <span className="drs-bad">{t('drs.device.badName')}</span> : initial ? t('drs.sched.nameFixed') : undefined}>
        <input type="text" data-testid="drs-schedule-name" value={name} readOnly={initial !== undefined} maxLength={64} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('drs.sched.device')}>
        <select data-testid="drs-schedule-device" value={device} onChange={(e) => setDevice(e.target.value)}>
          {devices.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('drs.features')} hint={tried && problems.features ? <span className="drs-bad">{t('drs.needFeature')}</span> : undefined}>
        <span className="drs-checks">
          {features.map((f) => (
            <label key={f} className="check">
              <input type="checkbox" checked={chosen.includes(f)} onChange={() => setChosen(toggle(chosen, f))} />
              {f}
            </label>
          ))}
        </span>
      </Field>
      <Field label={t('drs.sched.start')} hint={t('drs.sched.zone', { zone })}>
        <input type="datetime-local" data-testid="drs-schedule-start" value={start} onChange={(e) => setStart(e.target.value)} />
      </Field>
      <Field label={t('drs.sched.frequency')} hint={tried && problems.days ? <span className="drs-bad">{t('drs.sched.needDay')}</span> : undefined}>
        <span className="drs-field-col">
          <span className="drs-checks">
            {DRS_FREQUENCIES.map((f) => (
              <label key={f} className="check">
                <input type="radio" name="drs-frequency" checked={frequency === f} onChange={() => setFrequency(f)} />
                {t(`drs.freq.${f}`)}
              </label>
            ))}
          </span>
          {frequency === 'weekly' ? (
            <span className="drs-checks" data-testid="drs-schedule-days">
              {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                <label key={d} className="check">
                  <input type="checkbox" checked={weekdays.includes(d)} onChange={() => setWeekdays(toggle(weekdays, d))} />
                  {t(`drs.day.${d}` as 'drs.day.0')}
                </label>
              ))}
            </span>
          ) : null}
        </span>
      </Field>
      <label className="check">
        <input type="checkbox" checked={enable} onChange={(e) => setEnable(e.target.checked)} />
        {t('drs.sched.enableAfter')}
      </label>
      <div className="drs-form-foot">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="drs-schedule-save" disabled={busy}>
          {busy ? t('drs.saving') : t('common.save')}
        </button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={t('drs.sched.saveTitle')}
          confirmLabel={t('common.save')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void useDrsStore
              .getState()
              .saveSchedule({ cluster, name: name.trim(), device, features: [...chosen], startMs, frequency, ...(frequency === 'weekly' ? { weekdays: [...weekdays].sort() } : {}), enabled: enable, replace: initial !== undefined })
              .then((done) => done && onClose());
          }}
        >
          <p>{t('drs.sched.saveImpact', { name: name.trim(), device, features: chosen.join(', '), frequency: frequencyText({ frequency, weekdays }, t) })}</p>
          {initial ? <p className="note">{t('drs.sched.replaceNote')}</p> : null}
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
