/**
 * Backup > History and Restore > History (guide L10235-10245, L10642-10648): the last 20 of each with file name,
 * device, completion date, result as DRS states it, version, features done and failed; then the backup files
 * present on a device (`show_backupfiles`) with what each one's descriptor says.
 */
import { useEffect, useState } from 'react';
import type { DrsHistoryEntry, DrsOperation } from '../../../../shared/model/drs.js';
import { formatDateTime } from '../../../app/format.js';
import { useSelectedCluster } from '../../../app/selection.js';
import { AsyncState } from '../../../components/AsyncState.js';
import { useT } from '../../../i18n/useT.js';
import { useDrsStore } from '../drsStore.js';
import { StateBadge } from '../drsParts.js';
import { BackupFilesTable } from './BackupFilesTable.js';

/** The History tab. */
export function HistoryPanel() {
  const { t } = useT();
  const { cluster } = useSelectedCluster();
  const { history, historyLoad, overview, files } = useDrsStore();
  const [device, setDevice] = useState<string>();
  const devices = overview?.devices ?? [];
  const dev = device && devices.some((d) => d.name === device) ? device : devices[0]?.name;
  useEffect(() => {
    if (cluster) void useDrsStore.getState().loadHistory(cluster.id);
  }, [cluster]);
  useEffect(() => {
    if (cluster && dev) void useDrsStore.getState().loadFiles(cluster.id, dev);
  }, [cluster, dev]);
  const list = dev ? files[dev] : undefined;
  return (
    <div data-testid="drs-history" className="drs-stack">
      {(['backup', 'restore'] as const).map((op) => (
        <section key={op} className="panel">
          <div className="panel-head">
            <h2>{t(op === 'backup' ? 'drs.history.backupTitle' : 'drs.history.restoreTitle')}</h2>
            <button type="button" onClick={() => cluster && void useDrsStore.getState().loadHistory(cluster.id)}>
              {t('common.refresh')}
            </button>
          </div>
          <AsyncState state={historyLoad} empty={history.filter((h) => h.operation === op).length === 0} emptyText={t('drs.history.empty')} onRetry={() => cluster && void useDrsStore.getState().loadHistory(cluster.id)}>
            <HistoryTable entries={history.filter((h) => h.operation === op)} op={op} />
          </AsyncState>
        </section>
      ))}
      <section className="panel">
        <div className="panel-head">
          <h2>{t('drs.history.filesTitle')}</h2>
          {devices.length > 0 ? (
            <select data-testid="drs-files-device" value={dev} onChange={(e) => setDevice(e.target.value)} aria-label={t('drs.device.name')}>
              {devices.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name}
                </option>
              ))}
            </select>
          ) : null}
          <button type="button" disabled={!dev} onClick={() => cluster && dev && void useDrsStore.getState().loadFiles(cluster.id, dev)}>
            {t('common.refresh')}
          </button>
        </div>
        {devices.length === 0 ? <div className="state state-empty">{t('drs.device.empty')}</div> : <BackupFilesTable list={list} />}
      </section>
    </div>
  );
}

function HistoryTable({ entries, op }: { readonly entries: readonly DrsHistoryEntry[]; readonly op: DrsOperation }) {
  const { t, locale } = useT();
  return (
    <div className="drs-table-wrap">
    <table className="data-table drs-table drs-history-table" data-testid={`drs-history-${op}`}>
      <thead>
        <tr>
          <th>{t('drs.history.file')}</th>
          <th>{t('drs.history.device')}</th>
          <th>{t('drs.history.completed')}</th>
          <th>{t('drs.history.result')}</th>
          <th>{t('drs.history.version')}</th>
          <th>{t('drs.history.kind')}</th>
          <th>{t(op === 'backup' ? 'drs.history.featuresBackedUp' : 'drs.history.featuresRestored')}</th>
          <th>{t('drs.history.failed')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((h) => (
          <tr key={`${h.fileName}/${h.completedAt}`}>
            <td className="mono nowrap">{h.fileName}</td>
            <td>{h.device}</td>
            <td>{formatDateTime(h.completedAt, locale)}</td>
            <td>
              <StateBadge state={h.result} />
            </td>
            <td className="mono nowrap">{h.version}</td>
            <td>{t(`drs.kind.${h.kind}`)}</td>
            <td>{h.features.join(', ') || t('common.none')}</td>
            <td className={h.failedFeatures.length > 0 ? 'drs-bad' : undefined}>{h.failedFeatures.join(', ') || t('common.none')}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
