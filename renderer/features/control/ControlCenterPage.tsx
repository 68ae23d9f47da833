/**
 * Control Center: the services of every node (or of the node picked in the filter) with Start / Stop / Restart
 * (confirmation first). A running action shows the steps its job observes in ControlCenter (stopping, stopped,
 * starting, started, dependent services) rather than a percentage, then the result; a job that ends with
 * problems names the services that did not come back. A stopped service shows since when (collector's service
 * history) and the guide's note when the change needs another service restarted (seed-inventory.md 13).
 */
import { useState } from 'react';
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { ServiceControlRequest } from '../../../shared/model/views.js';
import { formatDateTime, formatDuration } from '../../app/format.js';
import { useSelectedCluster } from '../../app/selection.js';
import { usePolling } from '../../app/usePolling.js';
import { AsyncState, ErrorBanner } from '../../components/AsyncState.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useT } from '../../i18n/useT.js';
import { JobProgress } from '../jobs/JobProgress.js';
import { isJobDone, useJobsStore } from '../jobs/jobsStore.js';
import { ServiceStatus } from '../server/ServerPage.js';
import { serviceKey, useControlStore } from './controlStore.js';
import { useCan } from '../../app/useCan.js';
import { gate, RoleNote } from '../access/gate.js';

/** The Control Center page. */
export function ControlCenterPage() {
  const { t } = useT();
  const { cluster, nodes } = useSelectedCluster();
  const { services, load, loadServices, control, actionError, nodeFilter, setNodeFilter } = useControlStore();
  const jobs = useJobsStore((s) => s.jobs);
  const jobByService = useControlStore((s) => s.jobByService);
  const [pending, setPending] = useState<ServiceControlRequest>();
  const canControl = useCan('nodes', 'controlService');
  const names = nodes.map((n) => n.name);
  const shown = nodeFilter && names.includes(nodeFilter) ? [nodeFilter] : names;
  const anyRunning = Object.values(jobByService).some((id) => {
    const j = jobs.find((x) => x.id === id);
    return j !== undefined && !isJobDone(j);
  });
  usePolling((first) => (cluster ? loadServices(cluster.id, shown, !first) : undefined), anyRunning ? 1_000 : 5_000, [cluster?.id, shown.join(','), anyRunning]);
  const now = Date.now();
  const actionLabel = (a: ServiceControlRequest['action']) => t(`control.${a}`);
  return (
    <section className="page">
      <header className="page-head">
        <h1>{t('nav.control')}</h1>
        <RoleNote can={canControl} />
        <label className="inline-field">
          {t('control.filterNode')}
          <select data-testid="control-node-filter" value={nodeFilter && names.includes(nodeFilter) ? nodeFilter : ''} onChange={(e) => setNodeFilter(e.target.value || undefined)}>
            <option value="">{t('control.allNodes')}</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </header>
      <ErrorBanner error={actionError} />
      <AsyncState state={load} empty={Object.keys(services).length === 0} onRetry={() => cluster && void loadServices(cluster.id, shown)}>
        {shown.map((node) => (
          <article key={node} className="panel" data-testid={`control-${node}`}>
            <h2>{node}</h2>
            <table className="data-table control-table">
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

/** How long the service is in its state; for a stopped one, since when (or at least since when). */
function TimeInState({ row, now }: { readonly row: ServiceStatusRow; readonly now: number }) {
  const { t, locale } = useT();
  if (!row.sinceMs) return <>{t('common.none')}</>;
  const duration = formatDuration(Math.max(0, now - row.sinceMs) / 1000, locale);
  if (row.status === 'Started') return <>{duration}</>;
  const time = formatDateTime(row.sinceMs, locale);
  const title = row.sinceSource === 'history' ? t('control.stoppedSince', { time }) : t('control.stoppedAtLeast', { time });
  return (
    <span title={title} data-testid="stopped-since" data-source={row.sinceSource}>
      {row.sinceSource === 'history' ? '' : '≥ '}
      {duration}
    </span>
  );
}

function ServiceRow({ row, now, jobId, onAction }: { readonly row: ServiceStatusRow; readonly now: number; readonly jobId?: string; readonly onAction: (a: ServiceControlRequest['action']) => void }) {
  const { t } = useT();
  const job = useJobsStore((s) => (jobId ? s.jobs.find((j) => j.id === jobId) : undefined));
  const busy = job !== undefined && !isJobDone(job);
  const transitional = row.status === 'Starting' || row.status === 'Stopping';
  const canControl = useCan('nodes', 'controlService');
  return (
    <>
      <tr data-testid={`service-${row.name}`} data-status={row.status}>
        <td className="service-name" title={row.name}>
          {row.name}
        </td>
        <td>
          <ServiceStatus row={row} />
        </td>
        <td style={{ textAlign: 'right' }} className="nowrap">
          <TimeInState row={row} now={now} />
        </td>
        <td>
          {/* A flex container inside the cell: a td with display:flex stops being a table cell and skews the columns. */}
          <div className="button-row">
            <button type="button" {...gate(canControl, busy || transitional || !row.activated || row.status === 'Started')} onClick={() => onAction('start')}>
              {t('control.start')}
            </button>
            <button type="button" {...gate(canControl, busy || transitional || !row.activated || row.status === 'Stopped')} onClick={() => onAction('stop')}>
              {t('control.stop')}
            </button>
            <button type="button" {...gate(canControl, busy || transitional || !row.activated)} onClick={() => onAction('restart')}>
              {t('control.restart')}
            </button>
          </div>
        </td>
      </tr>
      {job ? (
        <tr className="job-row">
          <td colSpan={4}>
            <JobProgress job={job} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
