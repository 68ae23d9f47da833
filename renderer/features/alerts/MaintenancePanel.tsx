/**
 * Alert Central > Maintenance: maintenance windows per node or whole cluster, once or every week (days, start time,
 * duration, IANA time zone), made, edited and deleted here; those of notifications.json are shown read-only. Each
 * row says whether the window is in force (until when) or when it starts next (shared/model/maintenanceSchedule.ts).
 * During a window the node is collected and its alarms raised and shown; notifications are not sent.
 */
import { useEffect, useState } from 'react';
import type { MaintenanceWindow } from '../../../shared/model/alert.js';
import { maintenanceState } from '../../../shared/model/maintenanceSchedule.js';
import { formatDateTime, formatDuration } from '../../app/format.js';
import { clusterLabel } from '../../app/clusterLabel.js';
import { AsyncState, ErrorBanner } from '../../components/AsyncState.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import type { Locale } from '../../i18n/messages.js';
import { useT } from '../../i18n/useT.js';
import { useClustersStore } from '../overview/clustersStore.js';
import { useAlertsStore } from './alertsStore.js';
import { toLocalDateTime } from './ackUntil.js';
import { draftFromWindow, maintenanceInputOf, newMaintenanceDraft, type MaintenanceDraft } from './maintenanceForm.js';
import { useCan } from '../../app/useCan.js';
import { gate, RoleNote } from '../access/gate.js';

/** Weekday names in the UI language (0 = Sunday). */
export function weekdayNames(locale: Locale, style: 'short' | 'long' = 'short'): string[] {
  const f = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en', { weekday: style, timeZone: 'UTC' });
  // 2023-01-01 was a Sunday.
  return [0, 1, 2, 3, 4, 5, 6].map((d) => f.format(Date.UTC(2023, 0, 1 + d)));
}

/** The maintenance tab. */
export function MaintenancePanel() {
  const { t, locale } = useT();
  const canSave = useCan('alerts', 'saveMaintenance');
  const canDelete = useCan('alerts', 'deleteMaintenance');
  const { maintenance, maintenanceLoad, loadMaintenance, deleteMaintenance } = useAlertsStore();
  const clusters = useClustersStore((s) => s.clusters);
  const [editing, setEditing] = useState<MaintenanceDraft>();
  const [deleting, setDeleting] = useState<MaintenanceWindow>();
  useEffect(() => {
    void loadMaintenance();
  }, [loadMaintenance]);
  const now = Date.now();
  const days = weekdayNames(locale);
  const clusterName = (id: string) => {
    const c = clusters.find((x) => x.id === id);
    return c ? clusterLabel(c, t) : id;
  };
  const scheduleText = (w: MaintenanceWindow) => {
    const s = w.schedule;
    if (s.kind === 'once') return `${formatDateTime(s.startsAt, locale)} – ${formatDateTime(s.endsAt, locale)}`;
    const hh = String(Math.floor(s.startMinute / 60)).padStart(2, '0');
    const mm = String(s.startMinute % 60).padStart(2, '0');
    return t('alerts.maint.weeklyText', { days: s.days.map((d) => days[d]).join(locale === 'zh' ? '、' : ', '), time: `${hh}:${mm}`, duration: formatDuration(s.durationMinutes * 60, locale, 'short'), zone: s.timeZone });
  };
  const columns: Column<MaintenanceWindow>[] = [
    {
      id: 'state',
      header: t('alerts.maint.state'),
      cell: (w) => {
        const st = maintenanceState(w, now);
        if (st.active) return <span className="tag warn">{t('alerts.maint.inForce', { time: st.endsAtMs ? formatDateTime(st.endsAtMs, locale) : '…' })}</span>;
        if (st.nextStartMs !== undefined) return <span className="tag">{t('alerts.maint.next', { time: formatDateTime(st.nextStartMs, locale) })}</span>;
        return <span className="tag">{t('alerts.maint.over')}</span>;
      },
      sortValue: (w) => {
        const st = maintenanceState(w, now);
        return st.active ? 0 : st.nextStartMs !== undefined ? st.nextStartMs : Number.MAX_SAFE_INTEGER;
      },
    },
    { id: 'where', header: t('alerts.maint.node'), cell: (w) => `${clusterName(w.cluster)} / ${w.node ?? t('alerts.maint.allNodes')}`, sortValue: (w) => `${w.cluster}/${w.node ?? ''}` },
    { id: 'schedule', header: t('alerts.maint.schedule'), cell: (w) => scheduleText(w), className: 'cell-grow' },
    { id: 'comment', header: t('alerts.comment'), cell: (w) => w.comment, className: 'cell-grow' },
    {
      id: 'by',
      header: t('alerts.createdBy'),
      cell: (w) => (
        <span title={w.updatedAtMs ? `${w.updatedBy ?? ''} ${formatDateTime(w.updatedAtMs, locale)}` : formatDateTime(w.createdAtMs, locale)}>
          {w.source === 'settings' ? `${w.createdBy} (notifications.json)` : w.updatedBy && w.updatedBy !== w.createdBy ? `${w.createdBy}, ${w.updatedBy}` : w.createdBy}
        </span>
      ),
    },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (w) => (
        <span className="button-row">
          <button type="button" data-testid={`maint-edit-${w.id}`} title={w.source === 'settings' ? t('alerts.maint.fromSettings') : undefined} {...gate(canSave, w.source === 'settings')} onClick={() => setEditing(draftFromWindow(w, Date.now()))}>
            {t('alerts.editSilence')}
          </button>
          <button type="button" data-testid={`maint-delete-${w.id}`} {...gate(canDelete, w.source === 'settings')} onClick={() => setDeleting(w)}>
            {t('alerts.maint.delete')}
          </button>
        </span>
      ),
    },
  ];
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>{t('alerts.maint.tab')}</h2>
        <RoleNote can={canSave} />
        <button type="button" className="primary" {...gate(canSave, clusters.length === 0)} onClick={() => setEditing(newMaintenanceDraft(clusters[0]?.id ?? '', Date.now()))} data-testid="maint-new">
          {t('alerts.maint.new')}
        </button>
      </div>
      <p className="hint">{t('alerts.maint.hint')}</p>
      <AsyncState state={maintenanceLoad} empty={maintenance.length === 0} emptyText={maintenanceLoad.kind === 'ready' ? t('alerts.maint.none') : undefined} onRetry={() => void loadMaintenance()}>
        <DataTable rows={maintenance} columns={columns} rowKey={(w) => w.id} label={t('alerts.maint.tab')} initialSort={{ column: 'state', direction: 'asc' }} testId="maintenance-table" />
      </AsyncState>
      {editing ? <MaintenanceDialog initial={editing} onClose={() => setEditing(undefined)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t('alerts.maint.deleteTitle')}
          confirmLabel={t('alerts.maint.delete')}
          danger
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => {
            setDeleting(undefined);
            void deleteMaintenance(deleting.id);
          }}
        >
          <p>
            {clusterName(deleting.cluster)} / {deleting.node ?? t('alerts.maint.allNodes')}: {scheduleText(deleting)}
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function MaintenanceDialog({ initial, onClose }: { readonly initial: MaintenanceDraft; readonly onClose: () => void }) {
  const { t, locale } = useT();
  const clusters = useClustersStore((s) => s.clusters);
  const [d, setD] = useState(initial);
  const [error, setError] = useState<string>();
  /** The backend's refusal of the last save (shown here: the page's banner is behind the dialog). */
  const [tried, setTried] = useState(false);
  const refused = useAlertsStore((s) => s.actionError);
  const up = (patch: Partial<MaintenanceDraft>) => setD({ ...d, ...patch });
  /** "Now, for N hours": the operator on duty takes a node out of notifications at once. */
  const fromNow = (hours: number) => {
    const now = Date.now();
    up({ startsAt: toLocalDateTime(now), endsAt: toLocalDateTime(now + hours * 3_600_000) });
  };
  const nodes = clusters.find((c) => c.id === d.cluster)?.nodes ?? [];
  const days = weekdayNames(locale, 'long');
  const confirm = async () => {
    const r = maintenanceInputOf(d);
    if (!r.input) return setError(t(r.error!));
    setError(undefined);
    setTried(true);
    if (await useAlertsStore.getState().saveMaintenance(r.input)) onClose();
  };
  return (
    <ConfirmDialog title={d.id ? t('alerts.maint.titleEdit') : t('alerts.maint.titleNew')} confirmLabel={t('common.save')} onCancel={onClose} onConfirm={() => void confirm()}>
      <div className="rule-form" data-testid="maint-dialog">
        <label className="form-field">
          <span>{t('alerts.maint.cluster')}</span>
          <select value={d.cluster} onChange={(e) => up({ cluster: e.target.value, node: '' })} data-testid="maint-cluster">
            {clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {clusterLabel(c, t)}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          <span>{t('alerts.maint.node')}</span>
          <select value={d.node} onChange={(e) => up({ node: e.target.value })} data-testid="maint-node">
            <option value="">{t('alerts.maint.allNodes')}</option>
            {nodes.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <div className="form-field">
          <span>{t('alerts.maint.schedule')}</span>
          <span className="check">
            <label className="check">
              <input type="radio" checked={d.kind === 'once'} onChange={() => up({ kind: 'once' })} data-testid="maint-once" /> {t('alerts.maint.once')}
            </label>
            <label className="check">
              <input type="radio" checked={d.kind === 'weekly'} onChange={() => up({ kind: 'weekly' })} data-testid="maint-weekly" /> {t('alerts.maint.weekly')}
            </label>
          </span>
        </div>
        {d.kind === 'once' ? (
          <>
            <div className="form-field">
              <span>{t('alerts.maint.fromNow')}</span>
              <span className="button-row">
                {[1, 2, 4, 8].map((h) => (
                  <button key={h} type="button" onClick={() => fromNow(h)} data-testid={`maint-now-${h}`}>
                    {t('alerts.maint.hours', { n: h })}
                  </button>
                ))}
              </span>
            </div>
            <label className="form-field">
              <span>{t('alerts.maint.start')}</span>
              <input type="datetime-local" value={d.startsAt} onChange={(e) => up({ startsAt: e.target.value })} data-testid="maint-start" />
            </label>
            <label className="form-field">
              <span>{t('alerts.maint.end')}</span>
              <input type="datetime-local" value={d.endsAt} onChange={(e) => up({ endsAt: e.target.value })} data-testid="maint-end" />
            </label>
          </>
        ) : (
          <>
            <div className="form-field">
              <span>{t('alerts.maint.days')}</span>
              <span className="check">
                {days.map((name, i) => (
                  <label key={i} className="check">
                    <input type="checkbox" checked={d.days.includes(i)} onChange={(e) => up({ days: e.target.checked ? [...d.days, i] : d.days.filter((x) => x !== i) })} data-testid={`maint-day-${i}`} /> {name}
                  </label>
                ))}
              </span>
            </div>
            <label className="form-field">
              <span>{t('alerts.maint.startTime')}</span>
              <input type="time" value={d.startTime} onChange={(e) => up({ startTime: e.target.value })} data-testid="maint-time" />
            </label>
            <label className="form-field">
              <span>{t('alerts.maint.duration')}</span>
              <input type="number" min={1} value={Number.isFinite(d.durationMinutes) ? d.durationMinutes : ''} onChange={(e) => up({ durationMinutes: e.target.value === '' ? NaN : Number(e.target.value) })} data-testid="maint-duration" />
            </label>
            <label className="form-field">
              <span>{t('alerts.maint.timeZone')}</span>
              <input className="mono" value={d.timeZone} onChange={(e) => up({ timeZone: e.target.value })} data-testid="maint-tz" />
            </label>
          </>
        )}
        <label className="form-field">
          <span>{t('alerts.comment')}</span>
          <textarea rows={2} value={d.comment} onChange={(e) => up({ comment: e.target.value })} data-testid="maint-comment" />
        </label>
        {error ? (
          <p className="note" role="alert">
            {error}
          </p>
        ) : null}
        {tried && !error && refused ? <ErrorBanner error={refused} /> : null}
      </div>
    </ConfirmDialog>
  );
}
