/**
 * Control Center: the services of every node with Start / Stop / Restart (confirmation first), a progress bar
 * until the service reaches its new state (JobStatus via onDidChangeJob), and the guide's note when the change
 * needs another service restarted (JobStatus.note; seed-inventory.md 13).
 */
import { useState } from 'react';
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { ServiceControlRequest } from '../../../shared/model/views.js';
import { formatDuration } from '../../app/format.js';
import { useSelectedCluster } from '../../app/selection.js';
import { usePolling } from '../../app/usePolling.js';
import { AsyncState, ErrorBanner } from '../../components/AsyncState.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useT } from '../../i18n/useT.js';
import { isJobDone, useJobsStore } from '../jobs/jobsStore.js';
import { ServiceStatus } from '../server/ServerPage.js';
import { serviceKey, useControlStore } from './controlStore.js';

/** The Control Center page. */
export function ControlCenterPage() {
  const { t } = useT();
  const { cluster, nodes } = useSelectedCluster();
  const { services, load, loadServices, control, actionError } = useControlStore();
  const jobs = useJobsStore((s) => s.jobs);
  const jobByService = useControlStore((s) => s.jobByService);
  const [pending, setPending] = useState<ServiceControlRequest>();
  const names = nodes.map((n) => n.name);
  const anyRunning = Object.values(jobByService).some((id) => {
    const j = jobs.find((x) => x.id === id);
    return j !== undefined && !isJobDone(j);
  });
  usePolling((first) => (cluster ? loadServices(cluster.id, names, !first) : undefined), anyRunning ? 1_000 : 5_000, [cluster?.id, names.join(','), anyRunning]);
  const now = Date.now();
  const actionLabel = (a: ServiceControlRequest['action']) => t(`control.${a}`);
  return (
    <section className="page">
      <h1>{t('nav.control')}</h1>
      <ErrorBanner error={actionError} />
      <AsyncState state={load} empty={Object.keys(services).length === 0} onRetry={() => cluster && void loadServices(cluster.id, names)}>
        {names.map((node) => (
          <article key={node} className="panel" data-testid={`control-${node}`}>
            <h2>{node}</h2>
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t('common.name')}</th>
                  <th>{t('common.status')}</th>
                  <th style={{ textAlign: 'right' }}>{t('server.timeInState')}</th>
                  <th>{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {(services[node] ?? []).map((row) => (
                  <ServiceRow key={row.name} row={row} now={now} jobId={jobByService[serviceKey(node, row.name)]} onAction={(action) => cluster && setPending({ cluster: cluster.id, node, service: row.name, action })} />
                ))}
              </tbody>
            </table>
          </article>
        ))}
      </AsyncState>
      {pending ? (
        <ConfirmDialog
          title={actionLabel(pending.action)}
          danger={pending.action !== 'start'}
          confirmLabel={actionLabel(pending.action)}
          onCancel={() => setPending(undefined)}
          onConfirm={() => {
            const r = pending;
            setPending(undefined);
            void control(r);
          }}
        >
          <p>{t('control.confirm', { action: actionLabel(pending.action), service: pending.service, node: pending.node })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function ServiceRow({ row, now, jobId, onAction }: { readonly row: ServiceStatusRow; readonly now: number; readonly jobId?: string; readonly onAction: (a: ServiceControlRequest['action']) => void }) {
  const { t } = useT();
  const job = useJobsStore((s) => (jobId ? s.jobs.find((j) => j.id === jobId) : undefined));
  const busy = job !== undefined && !isJobDone(job);
  const transitional = row.status === 'Starting' || row.status === 'Stopping';
  return (
    <>
      <tr data-testid={`service-${row.name}`} data-status={row.status}>
        <td>{row.name}</td>
        <td>
          <ServiceStatus row={row} />
        </td>
        <td style={{ textAlign: 'right' }}>{row.sinceMs ? formatDuration((now - row.sinceMs) / 1000) : t('common.none')}</td>
        <td>
          {/* A flex container inside the cell: a td with display:flex stops being a table cell and skews the columns. */}
          <div className="button-row">
            <button type="button" disabled={busy || transitional || !row.activated || row.status === 'Started'} onClick={() => onAction('start')}>
              {t('control.start')}
            </button>
            <button type="button" disabled={busy || transitional || !row.activated || row.status === 'Stopped'} onClick={() => onAction('stop')}>
              {t('control.stop')}
            </button>
            <button type="button" disabled={busy || transitional || !row.activated} onClick={() => onAction('restart')}>
              {t('control.restart')}
            </button>
          </div>
        </td>
      </tr>
      {job ? (
        <tr className="job-row">
          <td colSpan={4}>
            <ProgressBar job={job} />
            {job.note ? (
              <div className="note" role="note" data-testid="job-note">
                <strong>{t('control.noteTitle')}:</strong> {job.note}
              </div>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
