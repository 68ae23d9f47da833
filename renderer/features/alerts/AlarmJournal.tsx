/**
 * An alarm's journal (NetXMS alarm comments, peers-and-limits.md 2.4/2.5): raised, acknowledged, notes,
 * unacknowledged, cleared … oldest first, each with who and when; a note can be added. Who writes a note is the
 * backend's operator.
 */
import { useEffect, useState } from 'react';
import type { AlarmHistoryEntry } from '../../../shared/model/alert.js';
import { formatDateTime } from '../../app/format.js';
import { AsyncState } from '../../components/AsyncState.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { useT } from '../../i18n/useT.js';
import { useAlertsStore } from './alertsStore.js';
import { useCan } from '../../app/useCan.js';
import { gate } from '../access/gate.js';

/** The journal of `alarmId`, reloaded when the alarm changes (an acknowledgement, a clear). */
export function AlarmJournal({ alarmId, version }: { readonly alarmId: string; readonly version: string }) {
  const { t, locale } = useT();
  const canNote = useCan('alerts', 'addNote');
  const journal = useAlertsStore((s) => (s.journal?.alarmId === alarmId ? s.journal : undefined));
  const { loadJournal, addNote } = useAlertsStore();
  const [note, setNote] = useState('');
  useEffect(() => {
    void loadJournal(alarmId);
  }, [alarmId, version, loadJournal]);
  const columns: Column<AlarmHistoryEntry>[] = [
    { id: 'at', header: t('common.time'), cell: (e) => formatDateTime(e.atMs, locale), nowrap: true },
    { id: 'event', header: t('alerts.journal.event'), cell: (e) => <span className={e.event === 'note' ? 'tag' : undefined}>{t(`alerts.event.${e.event}`)}</span>, nowrap: true },
    { id: 'by', header: t('alerts.journal.by'), cell: (e) => e.by ?? t('common.none'), nowrap: true },
    { id: 'comment', header: t('alerts.comment'), cell: (e) => e.comment ?? '', className: 'cell-grow' },
  ];
  const entries = journal?.entries ?? [];
  return (
    <div data-testid="alarm-journal">
      <AsyncState state={journal?.load ?? { kind: 'loading' }} empty={entries.length === 0} emptyText={t('alerts.journal.empty')} onRetry={() => void loadJournal(alarmId)}>
        <DataTable rows={entries} columns={columns} rowKey={(e) => `${e.atMs}-${e.event}-${e.comment ?? ''}`} label={t('alerts.journal')} testId="journal-table" />
      </AsyncState>
      <form
        className="filter-bar"
        onSubmit={async (e) => {
          e.preventDefault();
          if (note.trim() && (await addNote(alarmId, note.trim()))) setNote('');
        }}
      >
        <input className="cell-grow" style={{ flex: 1, minWidth: 240 }} value={note} placeholder={t('alerts.journal.notePlaceholder')} onChange={(e) => setNote(e.target.value)} disabled={!canNote.allowed} title={canNote.reason} data-testid="journal-note" aria-label={t('alerts.journal.addNote')} />
        <button type="submit" {...gate(canNote, !note.trim())} data-testid="journal-add">
          {t('alerts.journal.addNote')}
        </button>
      </form>
    </div>
  );
}
