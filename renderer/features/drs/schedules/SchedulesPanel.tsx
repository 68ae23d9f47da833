/**
 * Backup > Backup Scheduler (guide L10126-10182): the Schedule List with Add New, edit by name, Enable Selected
 * Schedules, Disable Selected Schedules and Delete Selected (each confirmed, naming what changes). At most 10.
 */
import { useState } from 'react';
import { DRS_MAX_SCHEDULES, type DrsSchedule } from '../../../../shared/model/drs.js';
import { formatDateTime } from '../../../app/format.js';
import { useSelectedCluster } from '../../../app/selection.js';
import { AsyncState, ErrorBanner } from '../../../components/AsyncState.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { useT, type TranslateFn } from '../../../i18n/useT.js';
import { useDrsStore } from '../drsStore.js';
import { ScheduleForm } from './ScheduleForm.js';
import { clusterLabel } from '../../../app/clusterLabel.js';

type Bulk = 'enable' | 'disable' | 'delete';

/** "Weekly: Tue, Wed …" in the UI language. */
export function frequencyText(s: Pick<DrsSchedule, 'frequency' | 'weekdays'>, t: TranslateFn): string {
  if (!s.frequency) return t('common.none');
  const f = t(`drs.freq.${s.frequency}`);
  return s.frequency === 'weekly' && s.weekdays?.length ? t('drs.freq.withDays', { freq: f, days: s.weekdays.map((d) => t(`drs.day.${d}` as 'drs.day.0')).join(', ') }) : f;
}

/** The Schedules tab. */
export function SchedulesPanel() {
  const { t, locale } = useT();
  const { cluster } = useSelectedCluster();
  const { overview, overviewLoad, busy } = useDrsStore();
  const [checked, setChecked] = useState<readonly string[]>([]);
  const [editing, setEditing] = useState<DrsSchedule | 'new'>();
  const [bulk, setBulk] = useState<Bulk>();
  const schedules = overview?.schedules ?? [];
  const names = checked.filter((n) => schedules.some((s) => s.name === n));
  const full = schedules.length >= DRS_MAX_SCHEDULES;
  const toggle = (n: string) => setChecked(names.includes(n) ? names.filter((x) => x !== n) : [...names, n]);
  return (
    <div data-testid="drs-schedules">
      <div className="filter-bar">
        <button type="button" className="primary" data-testid="drs-schedule-new" disabled={!overview || full || (overview.devices.length === 0)} onClick={() => setEditing('new')}>
          {t('drs.sched.new')}
        </button>
        <button type="button" data-testid="drs-schedule-enable" disabled={names.length === 0 || busy === 'schedule'} onClick={() => setBulk('enable')}>
          {t('drs.sched.enable')}
        </button>
        <button type="button" data-testid="drs-schedule-disable" disabled={names.length === 0 || busy === 'schedule'} onClick={() => setBulk('disable')}>
          {t('drs.sched.disable')}
        </button>
        <button type="button" className="danger" data-testid="drs-schedule-delete" disabled={names.length === 0 || busy === 'schedule'} onClick={() => setBulk('delete')}>
          {t('drs.sched.delete')}
        </button>
        <span className="hint">{overview && overview.devices.length === 0 ? t('drs.sched.needDevice') : t('drs.sched.count', { n: schedules.length, max: DRS_MAX_SCHEDULES })}</span>
      </div>
      {overview?.errors.schedules ? <ErrorBanner error={overview.errors.schedules} /> : null}
      {editing && cluster && overview ? <ScheduleForm key={editing === 'new' ? '' : `edit:${editing.name}`} cluster={cluster.id} initial={editing === 'new' ? undefined : editing} devices={overview.devices.map((d) => d.name)} features={overview.features} onClose={() => setEditing(undefined)} /> : null}
      {editing && schedules.length === 0 ? null : (
      <AsyncState state={overviewLoad} empty={schedules.length === 0} emptyText={t('drs.sched.empty')} onRetry={() => cluster && void useDrsStore.getState().loadOverview(cluster.id)}>
        <table className="data-table drs-table" data-testid="drs-schedule-list">
          <thead>
            <tr>
              <th aria-label={t('drs.select')} />
              <th>{t('drs.sched.name')}</th>
              <th>{t('drs.sched.device')}</th>
              <th>{t('drs.features')}</th>
              <th>{t('drs.sched.frequency')}</th>
              <th>{t('drs.sched.start')}</th>
              <th>{t('drs.sched.next')}</th>
              <th>{t('common.status')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.name} data-testid={`drs-schedule-${s.name}`}>
                <td>
                  <input type="checkbox" checked={names.includes(s.name)} onChange={() => toggle(s.name)} aria-label={s.name} />
                </td>
                <td className="drs-strong">{s.name}</td>
                <td>{s.device}</td>
                <td>{s.features?.join(', ') ?? t('common.none')}</td>
                <td>{frequencyText(s, t)}</td>
                <td className="nowrap">{s.startMs ? formatDateTime(s.startMs, locale) : t('common.none')}</td>
                <td className="nowrap">{s.enabled && s.nextRunMs ? formatDateTime(s.nextRunMs, locale) : t('common.none')}</td>
                <td>
                  <span className={`tag ${s.enabled ? 'ok' : ''}`}>{s.enabled ? t('drs.sched.enabled') : t('drs.sched.disabled')}</span>
                </td>
                <td>
                  <button type="button" onClick={() => setEditing(s)}>
                    {t('drs.sched.editOne')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </AsyncState>
      )}
      {bulk && cluster ? (
        <ConfirmDialog
          title={t(`drs.sched.${bulk}`)}
          danger={bulk === 'delete'}
          confirmLabel={t(`drs.sched.${bulk}`)}
          onCancel={() => setBulk(undefined)}
          onConfirm={() => {
            const b = bulk;
            setBulk(undefined);
            const store = useDrsStore.getState();
            void (b === 'delete' ? store.deleteSchedules(cluster.id, names) : store.setSchedulesEnabled(cluster.id, names, b === 'enable')).then((ok) => ok && setChecked([]));
          }}
        >
          <p>{t(`drs.sched.${bulk}Impact`, { names: names.join(', '), cluster: clusterLabel(cluster, t) })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
