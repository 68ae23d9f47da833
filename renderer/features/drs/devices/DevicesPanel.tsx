/**
 * Backup > Backup Device (guide L10058-10099): the Backup Device List with Add New, Edit Selected and Delete
 * Selected. At most 10 devices; a device a schedule uses cannot be deleted (L10081). The password is never shown
 * or kept: editing asks for it again.
 */
import { useState } from 'react';
import { DRS_MAX_DEVICES, type DrsDevice } from '../../../../shared/model/drs.js';
import { useSelectedCluster } from '../../../app/selection.js';
import { AsyncState, ErrorBanner } from '../../../components/AsyncState.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { useT } from '../../../i18n/useT.js';
import { useDrsStore } from '../drsStore.js';
import { DeviceForm } from './DeviceForm.js';
import { clusterLabel } from '../../../app/clusterLabel.js';

/** The Backup Devices tab. */
export function DevicesPanel() {
  const { t } = useT();
  const { cluster } = useSelectedCluster();
  const { overview, overviewLoad, busy } = useDrsStore();
  const [selected, setSelected] = useState<string>();
  const [editing, setEditing] = useState<DrsDevice | 'new'>();
  const [deleting, setDeleting] = useState<DrsDevice>();
  const devices = overview?.devices ?? [];
  const chosen = devices.find((d) => d.name === selected);
  const full = devices.length >= DRS_MAX_DEVICES;
  return (
    <div data-testid="drs-devices">
      <div className="filter-bar">
        <button type="button" className="primary" data-testid="drs-device-new" disabled={!overview || full} onClick={() => setEditing('new')}>
          {t('drs.device.new')}
        </button>
        <button type="button" data-testid="drs-device-edit" disabled={!chosen} onClick={() => chosen && setEditing(chosen)}>
          {t('drs.device.edit')}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="drs-device-delete"
          disabled={!chosen || chosen.usedBySchedules.length > 0 || busy === 'device'}
          title={chosen && chosen.usedBySchedules.length > 0 ? t('drs.device.usedBy', { schedules: chosen.usedBySchedules.join(', ') }) : undefined}
          onClick={() => chosen && setDeleting(chosen)}
        >
          {t('drs.device.delete')}
        </button>
        <span className="hint">{full ? t('drs.device.full', { max: DRS_MAX_DEVICES }) : t('drs.device.count', { n: devices.length, max: DRS_MAX_DEVICES })}</span>
      </div>
      {chosen && chosen.usedBySchedules.length > 0 ? (
        <p className="note drs-warn drs-refusal" data-testid="drs-device-in-use">
          {t('drs.device.usedByRefused', { name: chosen.name, schedules: chosen.usedBySchedules.join(', ') })}
        </p>
      ) : null}
      {overview?.errors.devices ? <ErrorBanner error={overview.errors.devices} /> : null}
      {editing && cluster ? <DeviceForm key={editing === 'new' ? '' : `edit:${editing.name}`} cluster={cluster.id} initial={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} /> : null}
      {editing && devices.length === 0 ? null : (
      <AsyncState state={overviewLoad} empty={devices.length === 0} emptyText={t('drs.device.empty')} onRetry={() => cluster && void useDrsStore.getState().loadOverview(cluster.id)}>
        <table className="data-table drs-table" data-testid="drs-device-list">
          <thead>
            <tr>
              <th aria-label={t('drs.select')} />
              <th>{t('drs.device.name')}</th>
              <th>{t('drs.device.host')}</th>
              <th>{t('drs.device.path')}</th>
              <th>{t('drs.device.user')}</th>
              <th className="num">{t('drs.device.keep')}</th>
              <th>{t('drs.device.schedules')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.name} data-testid={`drs-device-${d.name}`} className={d.name === selected ? 'drs-selected' : undefined} onClick={() => setSelected(d.name)}>
                <td>
                  <input type="radio" name="drs-device" checked={d.name === selected} onChange={() => setSelected(d.name)} aria-label={d.name} />
                </td>
                <td className="drs-strong">{d.name}</td>
                <td className="mono">{d.port === 22 ? d.host : `${d.host}:${d.port}`}</td>
                <td className="mono drs-wrap">{d.path}</td>
                <td>{d.username ?? t('common.none')}</td>
                <td className="num">{d.backupsToKeep ?? t('common.none')}</td>
                <td>{d.usedBySchedules.length > 0 ? d.usedBySchedules.join(', ') : t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </AsyncState>
      )}
      {deleting && cluster ? (
        <ConfirmDialog
          title={t('drs.device.deleteTitle')}
          danger
          confirmLabel={t('drs.device.delete')}
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => {
            const d = deleting;
            setDeleting(undefined);
            void useDrsStore.getState().deleteDevice(cluster.id, d.name).then((ok) => ok && setSelected(undefined));
          }}
        >
          <p>{t('drs.device.deleteImpact', { name: deleting.name, cluster: clusterLabel(cluster, t), host: deleting.host, path: deleting.path })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
