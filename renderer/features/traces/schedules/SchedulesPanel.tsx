/**
 * RTMT's Schedule Collection: the schedules (every N hours the files of the last N hours, to a local folder or an
 * SFTP server, keeping the newest N bundles) with their next and last run; run one now, edit, delete.
 */
import { useEffect, useState } from 'react';
import type { TraceSchedule } from '../../../../shared/model/traces.js';
import { formatDateTime } from '../../../app/format.js';
import { AsyncState, ErrorBanner } from '../../../components/AsyncState.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { useT } from '../../../i18n/useT.js';
import { useTracesStore } from '../tracesStore.js';
import { ScheduleEditor } from './ScheduleEditor.js';
import { emptyScheduleForm, scheduleToForm, type ScheduleForm } from './scheduleForm.js';

/** The Schedule Collection tab. */
export function SchedulesPanel() {
  const { t, locale } = useT();
  const { schedules, schedulesLoad, actionError, settings } = useTracesStore();
  const { loadSchedules, deleteSchedule, runSchedule } = useTracesStore.getState();
  const [editing, setEditing] = useState<ScheduleForm>();
  const [deleting, setDeleting] = useState<TraceSchedule>();
  useEffect(() => {
    void loadSchedules();
  }, [loadSchedules]);
  const destination = (s: TraceSchedule): string => (s.destination.kind === 'local' ? s.destination.dir : `sftp://${s.destination.username}@${s.destination.host}:${s.destination.port}${s.destination.directory}`);
  return (
    <div data-testid="trace-schedules">
      <div className="filter-bar">
        <button type="button" className="primary" data-testid="trace-schedule-new" onClick={() => setEditing(emptyScheduleForm(settings?.defaultOutDir ?? ''))}>
          {t('traces.sched.new')}
        </button>
      </div>
      <ErrorBanner error={actionError} />
      {editing ? <ScheduleEditor initial={editing} onClose={() => setEditing(undefined)} /> : null}
      <AsyncState state={schedulesLoad} empty={schedules.length === 0} emptyText={t('traces.sched.empty')} onRetry={() => void loadSchedules()}>
        <table className="data-table trace-schedules">
          <thead>
            <tr>
              <th>{t('traces.sched.name')}</th>
              <th>{t('traces.sched.every')}</th>
              <th>{t('traces.sched.destination')}</th>
              <th>{t('traces.sched.next')}</th>
              <th>{t('traces.sched.last')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id} data-testid="trace-schedule" data-id={s.id}>
                <td className="trace-schedule-name">
                  {s.name} {s.enabled ? null : <span className="tag">{t('traces.sched.off')}</span>}
                  <div className="hint">{s.nodes.map((n) => n.node).join(', ')}</div>
                </td>
                <td className="nowrap">
                  {t('traces.sched.everyN', { n: s.everyHours })}
                  <div className="hint">{t('traces.sched.lastN', { n: s.lastHours })}</div>
                </td>
                <td className="trace-path" title={destination(s)}>
                  <span className="mono">{destination(s)}</span>
                  <div className="hint">
                    {t('traces.sched.keep')} {s.keep} {t('traces.sched.bundles')}
                  </div>
                </td>
                <td className="nowrap">{s.enabled && s.nextRunMs ? formatDateTime(s.nextRunMs, locale) : '—'}</td>
                <td>
                  {s.lastRun ? (
                    <>
                      <span className="nowrap">{formatDateTime(s.lastRun.atMs, locale)}</span> <span className={`trace-badge-text nowrap trace-badge-${s.lastRun.state}`}>{t(`traces.state.${s.lastRun.state}`)}</span>
                      {s.lastRun.error ? <div className="hint trace-bad">{s.lastRun.error.message}</div> : null}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="nowrap">
                  <div className="button-row trace-nowrap-row">
                    <button type="button" data-testid="trace-schedule-run" onClick={() => void runSchedule(s.id)}>
                      {t('traces.sched.runNow')}
                    </button>
                    <button type="button" onClick={() => setEditing(scheduleToForm(s))}>
                      {t('traces.sched.edit')}
                    </button>
                    <button type="button" onClick={() => setDeleting(s)}>
                      {t('traces.sched.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </AsyncState>
      {deleting ? (
        <ConfirmDialog
          title={t('traces.sched.delete')}
          danger
          confirmLabel={t('traces.sched.delete')}
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(undefined);
            void deleteSchedule(id);
          }}
        >
          <p>{t('traces.sched.deleteConfirm', { name: deleting.name })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
