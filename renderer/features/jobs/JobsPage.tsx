/** RTMT Tools > Job Status: every job with its state, observed steps and result, newest first, in the UI language. */
import { formatDateTime } from '../../app/format.js';
import { usePolling } from '../../app/usePolling.js';
import { AsyncState } from '../../components/AsyncState.js';
import { useT } from '../../i18n/useT.js';
import { JobProgress } from './JobProgress.js';
import { jobKind, jobTitle } from './jobText.js';
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
        <table className="data-table jobs-table" data-testid="jobs-table">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('jobs.kind')}</th>
              <th>{t('jobs.started')}</th>
              <th>{t('jobs.result')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => {
              const title = jobTitle(j, t, locale);
              return (
                <tr key={j.id} tabIndex={0} data-testid={`job-${j.id}`} data-kind={j.kind}>
                  <td className="job-title" title={title}>
                    {title}
                  </td>
                  <td className="nowrap">{jobKind(j, t)}</td>
                  <td className="nowrap">
                    {formatDateTime(j.startedAtMs, locale)}
                    {j.endedAtMs ? (
                      <div className="muted small">
                        {t('jobs.ended')}: {formatDateTime(j.endedAtMs, locale)}
                      </div>
                    ) : null}
                  </td>
                  <td style={{ minWidth: 320 }}>
                    <JobProgress job={j} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </AsyncState>
    </section>
  );
}
