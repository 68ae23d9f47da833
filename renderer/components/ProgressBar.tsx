/** A job progress bar: determinate when progress is known, indeterminate stripes otherwise. */
import type { JobStatus } from '../../shared/model/views.js';
import { useT } from '../i18n/useT.js';

/** Renders the progress and state of a job. */
export function ProgressBar({ job }: { readonly job: JobStatus }) {
  const { t } = useT();
  const done = job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled';
  const pct = done ? 100 : job.progress === undefined ? undefined : Math.round(job.progress * 100);
  return (
    <div className={`progress progress-${job.state}`} data-testid="job-progress" data-state={job.state}>
      <div
        className={`progress-track${pct === undefined ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-label={job.title}
      >
        <div className="progress-fill" style={{ width: pct === undefined ? '40%' : `${pct}%` }} />
      </div>
      <span className="progress-text">
        {t(`job.${job.state}`)}
        {pct !== undefined && !done ? ` ${pct}%` : ''}
        {job.message ? ` — ${job.message}` : ''}
      </span>
    </div>
  );
}
