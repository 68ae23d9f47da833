/** RTMT Tools > Job Status: every job with its state and progress, newest first. */
import { formatDateTime } from '../../app/format.js';
import { usePolling } from '../../app/usePolling.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useT } from '../../i18n/useT.js';
import { useJobsStore } from './jobsStore.js';

/** The Job Status page. */
export function JobsPage() {
  const { t, locale } = useT();
  const { jobs, load, loadJobs } = useJobsStore();
  usePolling(() => loadJobs(), 10_000, []);
  return (
    <section className="page">
      <h1>{t('nav.jobs')}</h1>
      <AsyncState state={load} empty={jobs.length === 0} emptyText={load.kind === 'ready' ? t('jobs.none') : undefined} onRetry={() => void loadJobs()}>
        <table className="data-table" data-testid="jobs-table">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('jobs.kind')}</th>
              <th>{t('jobs.started')}</th>
              <th>{t('jobs.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} tabIndex={0}>
                <td>
                  {j.title}
                  {j.note ? <div className="note">{j.note}</div> : null}
                </td>
                <td>{j.kind}</td>
                <td>{formatDateTime(j.startedAtMs, locale)}</td>
                <td style={{ minWidth: 260 }}>
                  <ProgressBar job={j} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </AsyncState>
    </section>
  );
}
