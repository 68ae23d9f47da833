/**
 * Backup > Manual Backup and Current Status (guide L10184-10245): a device, the features (as the cluster registered
 * them), Estimate Size (refused while no backup history exists, L10103-10107), the reminder to keep the cluster
 * security password (L10042, L10256), Start Backup after a confirmation that names what is locked while it runs —
 * OS Administration requests (L10047, L10198) — then the job's status below.
 */
import { useState } from 'react';
import { useSelectedCluster } from '../../../app/selection.js';
import { AsyncState } from '../../../components/AsyncState.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { useT } from '../../../i18n/useT.js';
import { formatBytes } from '../../traces/collections/progressText.js';
import { isJobRunning, latestJob, useDrsStore } from '../drsStore.js';
import { Field } from '../drsParts.js';
import { JobStatusView } from '../status/JobStatusView.js';
import { clusterLabel } from '../../../app/clusterLabel.js';

/** The Manual Backup tab. */
export function BackupPanel() {
  const { t } = useT();
  const { cluster } = useSelectedCluster();
  const { overview, overviewLoad, busy, estimate } = useDrsStore();
  const job = useDrsStore((s) => latestJob(s.jobs, cluster?.id, 'backup'));
  const [device, setDevice] = useState<string>();
  const [chosen, setChosen] = useState<readonly string[]>();
  const [confirming, setConfirming] = useState(false);
  const devices = overview?.devices ?? [];
  const features = overview?.features ?? [];
  const dev = device && devices.some((d) => d.name === device) ? device : devices[0]?.name;
  const picked = (chosen ?? features).filter((f) => features.includes(f));
  const running = (job !== undefined && isJobRunning(job)) || overview?.backup?.state === 'RUNNING' || overview?.restore?.state === 'RUNNING';
  const estimateShown = estimate && estimate.features === picked.join(',') ? estimate : undefined;
  const toggle = (f: string) => {
    useDrsStore.getState().clearEstimate();
    setChosen(picked.includes(f) ? picked.filter((x) => x !== f) : [...picked, f]);
  };
  return (
    <div data-testid="drs-backup" className="drs-stack">
      {running ? <JobStatusView operation="backup" /> : null}
      <AsyncState state={overviewLoad} empty={!overview} onRetry={() => cluster && void useDrsStore.getState().loadOverview(cluster.id)}>
        <section className="panel drs-form">
          <div className="panel-head">
            <h2>{t('drs.backup.title')}</h2>
          </div>
          {devices.length === 0 ? (
            <div className="state state-empty">
              {t('drs.backup.noDevice')}{' '}
              <button type="button" onClick={() => useDrsStore.getState().setTab('devices')}>
                {t('drs.tab.devices')}
              </button>
            </div>
          ) : (
            <>
              <Field label={t('drs.device.name')}>
                <select data-testid="drs-backup-device" value={dev} onChange={(e) => setDevice(e.target.value)}>
                  {devices.map((d) => (
                    <option key={d.name} value={d.name}>
                      {d.name} — {d.host}:{d.path}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('drs.features')} hint={picked.length === 0 ? <span className="drs-bad">{t('drs.needFeature')}</span> : undefined}>
                <span className="drs-checks" data-testid="drs-backup-features">
                  <label className="check drs-strong">
                    <input type="checkbox" checked={picked.length === features.length && features.length > 0} onChange={(e) => { useDrsStore.getState().clearEstimate(); setChosen(e.target.checked ? features : []); }} />
                    {t('common.all')}
                  </label>
                  {features.map((f) => (
                    <label key={f} className="check">
                      <input type="checkbox" data-testid={`drs-backup-feature-${f}`} checked={picked.includes(f)} onChange={() => toggle(f)} />
                      {f}
                    </label>
                  ))}
                </span>
              </Field>
              <Field label={t('drs.backup.estimate')}>
                <span className="drs-inline">
                  <button type="button" data-testid="drs-backup-estimate" disabled={!cluster || picked.length === 0 || estimateShown?.kind === 'loading'} onClick={() => cluster && void useDrsStore.getState().runEstimate(cluster.id, picked)}>
                    {t('drs.backup.estimateButton')}
                  </button>
                  <span data-testid="drs-backup-estimate-result" className="drs-wrap">
                    {estimateShown?.kind === 'loading' ? t('state.loading') : null}
                    {estimateShown?.kind === 'error' ? <span className="drs-bad">{estimateShown.error.message}</span> : null}
                    {estimateShown?.kind === 'ready' ? (estimateShown.value.ok ? t('drs.backup.estimated', { size: formatBytes(estimateShown.value.bytes) }) : <span className="drs-warn">{estimateShown.value.message}</span>) : null}
                  </span>
                </span>
              </Field>
              <p className="note" data-testid="drs-backup-reminder">{t('drs.backup.passwordReminder')}</p>
              <div className="drs-form-foot">
                <span className="hint">{running ? t('drs.backup.busy') : t('drs.backup.timeoutHint')}</span>
                <button type="button" className="primary" data-testid="drs-backup-start" disabled={!cluster || !dev || picked.length === 0 || running || busy === 'backup'} onClick={() => setConfirming(true)}>
                  {busy === 'backup' ? t('drs.backup.starting') : t('drs.backup.start')}
                </button>
              </div>
            </>
          )}
        </section>
      </AsyncState>
      {!running ? <JobStatusView operation="backup" /> : null}
      {confirming && cluster && dev ? (
        <ConfirmDialog
          title={t('drs.backup.confirmTitle')}
          confirmLabel={t('drs.backup.start')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void useDrsStore.getState().startBackup(cluster.id, dev, picked);
          }}
        >
          <p>{t('drs.backup.confirmWhat', { cluster: clusterLabel(cluster, t), features: picked.join(', '), device: dev })}</p>
          <p className="note">{t('drs.backup.confirmLock')}</p>
          <p className="hint">{t('drs.backup.passwordReminder')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
