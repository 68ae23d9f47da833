/**
 * Current Status of a backup or restore (guide L10211-10233, L10626-10640): DRS's state and message, the tar file
 * and where it goes, the percentage, progress per server (one bar of segments, a segment per component), per
 * feature, and per component with its log (a link opens it in the Trace Log Viewer on that node), Cancel Backup
 * (takes effect after the current component, L10227), the 20-hour timeout (L10217), the result and the DRF alarms
 * raised meanwhile (also in Alert Central). Shows the job the app follows, else what `status` says.
 */
import { useState } from 'react';
import type { DrsComponentRow, DrsJobView, DrsOperation, DrsStatus } from '../../../../shared/model/drs.js';
import { formatDateTime } from '../../../app/format.js';
import { useAppStore } from '../../../app/appStore.js';
import { useSelectedCluster } from '../../../app/selection.js';
import { usePolling } from '../../../app/usePolling.js';
import { ErrorBanner } from '../../../components/AsyncState.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { SeverityBadge } from '../../../components/SeverityBadge.js';
import { useT } from '../../../i18n/useT.js';
import { openInViewer } from '../../traces/viewer/viewerStore.js';
import { isJobRunning, latestJob, useDrsStore } from '../drsStore.js';
import { PercentBar, StateBadge, stateTone } from '../drsParts.js';
import { groupProgress, logViewerPath, rowDone } from './statusRows.js';
import { clusterLabel } from '../../../app/clusterLabel.js';

/** The status panel of an operation. */
export function JobStatusView({ operation }: { readonly operation: DrsOperation }) {
  const { t, locale } = useT();
  const { cluster } = useSelectedCluster();
  const job = useDrsStore((s) => latestJob(s.jobs, cluster?.id, operation));
  const fromOverview = useDrsStore((s) => (operation === 'backup' ? s.overview?.backup : s.overview?.restore));
  const busy = useDrsStore((s) => s.busy);
  const [cancelling, setCancelling] = useState(false);
  const status: DrsStatus | undefined = job?.status ?? fromOverview;
  const running = job ? isJobRunning(job) : status?.state === 'RUNNING';
  // Nobody pushes the status of a job the app does not follow (started elsewhere): read it every few seconds.
  usePolling(() => (cluster ? useDrsStore.getState().loadOverview(cluster.id, true) : undefined), 3_000, [cluster?.id], !job && running);
  const title = t(operation === 'backup' ? 'drs.status.backupTitle' : 'drs.status.restoreTitle');
  if (!status && !job) {
    return (
      <section className="panel" data-testid={`drs-status-${operation}`}>
        <div className="panel-head">
          <h2>{title}</h2>
        </div>
        <div className="state state-empty">{t(operation === 'backup' ? 'drs.status.noBackup' : 'drs.status.noRestore')}</div>
      </section>
    );
  }
  const rows = status?.rows ?? [];
  const state = status?.state ?? 'RUNNING';
  return (
    <section className="panel drs-status" data-testid={`drs-status-${operation}`} data-state={state}>
      <div className="panel-head">
        <h2>{title}</h2>
        <StateBadge state={state} label={t(`drs.jobState.${state}`)} />
        {job?.cancelRequested && running ? <span className="tag warn">{t('drs.status.cancelRequested')}</span> : null}
        {operation === 'backup' && running && cluster ? (
          <button type="button" className="danger" data-testid="drs-backup-cancel" disabled={busy === 'cancel' || job?.cancelRequested === true} onClick={() => setCancelling(true)}>
            {t('drs.status.cancel')}
          </button>
        ) : null}
      </div>
      <div className="drs-overall">
        <PercentBar percent={status?.percentage ?? 0} state={state} label={title} />
        <span className="drs-percent" data-testid={`drs-${operation}-percent`}>
          {Math.round(status?.percentage ?? 0)}%
        </span>
      </div>
      {status?.message ? (
        <p className={`drs-message drs-${stateTone(state)}-text`} data-testid={`drs-${operation}-message`}>
          {status.message}
        </p>
      ) : null}
      <dl className="drs-facts">
        <Fact label={t('drs.status.file')} value={status?.tarFilename || t('common.none')} mono />
        <Fact label={t('drs.status.location')} value={status?.storageLocation || job?.device || t('common.none')} mono />
        {job ? <Fact label={t('drs.status.started')} value={formatDateTime(job.startedMs, locale)} /> : null}
        {job?.endedMs ? <Fact label={t('drs.status.ended')} value={formatDateTime(job.endedMs, locale)} /> : null}
        {job?.timeoutAtMs && running ? <Fact label={t('drs.status.timeout')} value={formatDateTime(job.timeoutAtMs, locale)} title={t('drs.status.timeoutHint')} /> : null}
        {job?.features.length ? <Fact label={t('drs.features')} value={job.features.join(', ')} wide /> : null}
        {job?.servers?.length ? <Fact label={t('drs.status.servers')} value={job.servers.join(', ')} wide /> : null}
      </dl>
      {job?.error ? <ErrorBanner error={job.error} /> : null}
      {rows.length > 0 ? <ServerChart rows={rows} /> : null}
      {rows.length > 0 ? <FeatureBars rows={rows} /> : null}
      {rows.length > 0 ? <ComponentTable rows={rows} cluster={cluster?.id} /> : null}
      <Alarms job={job} />
      {cancelling && cluster ? (
        <ConfirmDialog
          title={t('drs.status.cancel')}
          danger
          // Not "Cancel Backup" beside the dialog's own "Cancel": which one stops the backup must be unmistakable.
          confirmLabel={t('drs.status.cancelConfirm')}
          cancelLabel={t('drs.status.keepRunning')}
          onCancel={() => setCancelling(false)}
          onConfirm={() => {
            setCancelling(false);
            void useDrsStore.getState().cancelBackup(cluster.id);
          }}
        >
          <p>{t('drs.status.cancelImpact', { cluster: clusterLabel(cluster, t) })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function Fact({ label, value, mono = false, title, wide = false }: { readonly label: string; readonly value: string; readonly mono?: boolean; readonly title?: string; readonly wide?: boolean }) {
  return (
    <div title={title} className={wide ? 'drs-fact-wide' : undefined}>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}

/** Per server: a bar of one segment per component, filled by its progress and colored by its state. */
function ServerChart({ rows }: { readonly rows: readonly DrsComponentRow[] }) {
  const { t } = useT();
  const servers = groupProgress(rows, 'server');
  return (
    <div className="drs-chart" data-testid="drs-server-chart">
      <h3>{t('drs.status.byServer')}</h3>
      {servers.map((g) => (
        <div key={g.key} className="drs-chart-row" data-testid={`drs-server-${g.key}`} data-percent={Math.round(g.percent)}>
          <span className="drs-chart-label" title={g.key}>
            {g.key}
          </span>
          <div className="drs-segments" role="img" aria-label={t('drs.status.serverAria', { server: g.key, done: g.done, total: g.total })}>
            {rows
              .filter((r) => r.server === g.key)
              .map((r) => (
                <div key={`${r.feature}/${r.component}`} className={`drs-segment drs-seg-${stateTone(r.state)}`} title={`${r.feature} ${r.component}: ${r.state}${r.state === 'ACTIVE' ? ` ${r.percent}%` : ''}`}>
                  <div className="drs-segment-fill" style={{ width: `${rowDone(r)}%` }} />
                </div>
              ))}
          </div>
          <span className="drs-chart-value">
            {g.done}/{g.total}
          </span>
        </div>
      ))}
    </div>
  );
}

/** Per feature: one bar each. */
function FeatureBars({ rows }: { readonly rows: readonly DrsComponentRow[] }) {
  const { t } = useT();
  return (
    <div className="drs-chart" data-testid="drs-feature-bars">
      <h3>{t('drs.status.byFeature')}</h3>
      {groupProgress(rows, 'feature').map((g) => (
        <div key={g.key} className="drs-chart-row">
          <span className="drs-chart-label">{g.key}</span>
          <PercentBar percent={g.percent} state={g.state} label={g.key} />
          <span className="drs-chart-value">{Math.round(g.percent)}%</span>
        </div>
      ))}
    </div>
  );
}

/** Every component: server, feature, state, its progress and its log. */
function ComponentTable({ rows, cluster }: { readonly rows: readonly DrsComponentRow[]; readonly cluster?: string }) {
  const { t, locale } = useT();
  const openLog = (r: DrsComponentRow) => {
    if (!cluster || !r.logFile) return;
    useAppStore.getState().showView('traces');
    void openInViewer({ kind: 'remote', cluster, node: r.server, path: logViewerPath(r.logFile) });
  };
  return (
    <details className="drs-details" open={rows.length <= 24}>
      <summary>{t('drs.status.components', { n: rows.length })}</summary>
      <table className="data-table drs-table drs-components" data-testid="drs-components">
        <thead>
          <tr>
            <th>{t('drs.status.server')}</th>
            <th>{t('drs.status.feature')}</th>
            <th>{t('drs.status.component')}</th>
            <th>{t('common.status')}</th>
            <th className="drs-progress-col">{t('drs.status.progress')}</th>
            <th>{t('drs.status.startedAt')}</th>
            <th>{t('drs.status.log')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.server}/${r.feature}/${r.component}`} data-state={r.state}>
              <td>{r.server}</td>
              <td>{r.feature}</td>
              <td className="mono">{r.component}</td>
              <td>
                <StateBadge state={r.state} label={t(`drs.compState.${r.state}`)} />
              </td>
              <td className="drs-progress-col">
                <PercentBar percent={rowDone(r)} state={r.state} label={r.component} />
              </td>
              <td className="nowrap">{r.startedMs ? formatDateTime(r.startedMs, locale) : t('common.none')}</td>
              <td>
                {r.logFile ? (
                  <button type="button" className="link-button drs-log-link" data-testid="drs-log-link" title={r.logFile} onClick={() => openLog(r)}>
                    {baseName(r.logFile)}
                  </button>
                ) : (
                  t('common.none')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** The DRF alarms raised since the job started. */
function Alarms({ job }: { readonly job?: DrsJobView }) {
  const { t, locale } = useT();
  if (!job) return null;
  return (
    <div className="drs-alarms" data-testid="drs-alarms">
      <h3>{t('drs.status.alarms')}</h3>
      {job.alarms.length === 0 ? (
        <span className="hint">{t('drs.status.noAlarms')}</span>
      ) : (
        <ul>
          {job.alarms.map((a) => (
            <li key={a.id}>
              <SeverityBadge severity={a.severity} /> <strong>{a.ruleName}</strong> {a.node ? `(${a.node}) ` : ''}
              {a.message} <span className="hint">{formatDateTime(a.raisedAt, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
