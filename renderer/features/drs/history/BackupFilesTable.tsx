/**
 * Backup files on a device with their date, version, kind, features and servers; a file whose descriptor could not
 * be read keeps its row with the reason. With `pick`, a radio selects one (Restore Wizard step 2).
 */
import type { DrsBackupFile } from '../../../../shared/model/drs.js';
import { formatDateTime } from '../../../app/format.js';
import { useT } from '../../../i18n/useT.js';
import { useDrsStore, type Keyed } from '../drsStore.js';
import { StateBadge } from '../drsParts.js';

/** The files table, or its loading / error / empty state. */
export function BackupFilesTable({ list, picked, onPick }: { readonly list?: Keyed<DrsBackupFile[]>; readonly picked?: string; readonly onPick?: (f: DrsBackupFile) => void }) {
  const { t, locale } = useT();
  const history = useDrsStore((s) => s.history);
  if (!list || list.kind === 'loading') {
    return (
      <div className="state state-loading" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        {t('state.loading')}
      </div>
    );
  }
  if (list.kind === 'error') {
    return (
      <div className="state state-error" role="alert">
        <span className="error-code">{list.error.code}</span> {list.error.message}
      </div>
    );
  }
  if (list.value.length === 0) return <div className="state state-empty">{t('drs.files.empty')}</div>;
  const files = [...list.value].sort((a, b) => b.createdMs - a.createdMs);
  return (
    <table className="data-table drs-table" data-testid="drs-files">
      <thead>
        <tr>
          {onPick ? <th aria-label={t('drs.select')} /> : null}
          <th>{t('drs.history.file')}</th>
          <th>{t('drs.files.created')}</th>
          <th>{t('drs.history.version')}</th>
          <th>{t('drs.history.kind')}</th>
          <th>{t('drs.features')}</th>
          <th>{t('drs.status.servers')}</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.fileName} data-testid={`drs-file-${f.fileName}`} className={f.fileName === picked ? 'drs-selected' : undefined} onClick={onPick ? () => onPick(f) : undefined}>
            {onPick ? (
              <td>
                <input type="radio" name="drs-file" checked={f.fileName === picked} onChange={() => onPick(f)} aria-label={f.fileName} />
              </td>
            ) : null}
            <td className="mono nowrap">
              {f.fileName}
              {(() => {
                // A file left by a backup that was cancelled, failed or timed out is marked: DRS does not restore it whole.
                const h = history.find((e) => e.operation === 'backup' && e.fileName === f.fileName);
                return h && h.result !== 'SUCCESS' ? (
                  <span className="drs-tag" title={t('drs.files.notSuccess')} data-testid={`drs-file-result-${f.fileName}`}>
                    <StateBadge state={h.result} />
                  </span>
                ) : null;
              })()}
            </td>
            <td className="nowrap">{formatDateTime(f.createdMs, locale)}</td>
            {f.error ? (
              <td colSpan={4} className="drs-bad">
                {f.error.message}
              </td>
            ) : (
              <>
                <td className="mono">{f.version ?? t('common.none')}</td>
                <td>{f.kind ? t(`drs.kind.${f.kind}`) : t('common.none')}</td>
                <td>
                  {f.features?.join(', ') ?? t('common.none')}
                  {f.hasCcmdb ? <span className="tag drs-tag">CCMDB</span> : null}
                </td>
                <td>{f.servers?.map((s) => s.hostname).join(', ') ?? t('common.none')}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
