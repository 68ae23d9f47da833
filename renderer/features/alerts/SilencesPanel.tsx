/**
 * Alert Central > Silences (Alertmanager's model): what is silenced, by whom, why and until when; a silence is made
 * here with matchers and a duration the person chooses, and a silence made here can be edited or ended early. Silenced alarms stay in the active list (marked); only their notifications stop.
 */
import { useEffect, useState } from 'react';
import type { Silence } from '../../../shared/model/alert.js';
import { formatDateTime } from '../../app/format.js';
import { AsyncState } from '../../components/AsyncState.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { useT } from '../../i18n/useT.js';
import { useAlertsStore } from './alertsStore.js';
import { SilenceDialog } from './SilenceDialog.js';
import { draftFromSilence, silenceEditable, type SilenceDraft } from './silenceForm.js';
import { useCan } from '../../app/useCan.js';
import { gate, RoleNote } from '../access/gate.js';

/** In force, pending (starts later) or ended, at `now`. */
export function silenceState(s: Silence, now: number): 'active' | 'pending' | 'ended' {
  return now >= s.endsAt ? 'ended' : now < s.startsAt ? 'pending' : 'active';
}

/** Matchers as people write them: ruleId="CpuPegging", node=~"imp-.*". */
export function matcherText(s: Silence): string {
  return s.matchers.map((m) => `${m.field}${m.op}"${m.value}"`).join(', ');
}

/** The Silences tab. */
export function SilencesPanel() {
  const { t, locale } = useT();
  const canNew = useCan('alerts', 'silence');
  const canUpdate = useCan('alerts', 'updateSilence');
  const canExpire = useCan('alerts', 'expireSilence');
  const { silences, silencesLoad, loadSilences, expireSilence } = useAlertsStore();
  const [editing, setEditing] = useState<SilenceDraft>();
  useEffect(() => {
    void loadSilences();
  }, [loadSilences]);
  const now = Date.now();
  const columns: Column<Silence>[] = [
    {
      id: 'state',
      header: t('common.status'),
      cell: (s) => {
        const st = silenceState(s, now);
        return <span className={`tag${st === 'active' ? ' warn' : ''}`}>{t(`alerts.silenceState.${st}`)}</span>;
      },
      sortValue: (s) => ['active', 'pending', 'ended'].indexOf(silenceState(s, now)),
    },
    { id: 'matchers', header: t('alerts.matchers'), cell: (s) => <span className="mono">{matcherText(s)}</span>, className: 'cell-grow' },
    { id: 'starts', header: t('alerts.starts'), cell: (s) => formatDateTime(s.startsAt, locale), sortValue: (s) => s.startsAt },
    { id: 'ends', header: t('alerts.ends'), cell: (s) => formatDateTime(s.endsAt, locale), sortValue: (s) => s.endsAt },
    { id: 'by', header: t('alerts.createdBy'), cell: (s) => (s.source === 'settings' ? `${s.createdBy} (notifications.json)` : s.createdBy), sortValue: (s) => s.createdBy },
    { id: 'comment', header: t('alerts.comment'), cell: (s) => s.comment, className: 'cell-grow' },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (s) => (
        <span className="button-row">
        <button type="button" data-testid={`edit-silence-${s.id}`} title={s.source === 'settings' ? t('alerts.silenceFromSettings') : undefined} {...gate(canUpdate, !silenceEditable(s, now))} onClick={() => setEditing(draftFromSilence(s, Date.now()))}>
          {t('alerts.editSilence')}
        </button>
        <button type="button" data-testid={`expire-${s.id}`} title={s.source === 'settings' ? t('alerts.silenceFromSettings') : undefined} {...gate(canExpire, s.source === 'settings' || silenceState(s, now) === 'ended')} onClick={() => void expireSilence(s.id)}>
          {t('alerts.expireSilence')}
        </button>
        </span>
      ),
    },
  ];
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>{t('alerts.silences')}</h2>
        <RoleNote can={canNew} />
        <button type="button" className="primary" {...gate(canNew)} onClick={() => setEditing({ matchers: {}, startsAt: '', durationMinutes: 120, comment: '' })} data-testid="silence-new">
          {t('alerts.newSilence')}
        </button>
      </div>
      <p className="hint">{t('alerts.silencesHint')}</p>
      <AsyncState state={silencesLoad} empty={silences.length === 0} emptyText={silencesLoad.kind === 'ready' ? t('alerts.noSilences') : undefined} onRetry={() => void loadSilences()}>
        <DataTable rows={silences} columns={columns} rowKey={(s) => s.id} label={t('alerts.silences')} testId="silences" />
      </AsyncState>
      {editing ? <SilenceDialog initial={editing} onClose={() => setEditing(undefined)} /> : null}
    </div>
  );
}
