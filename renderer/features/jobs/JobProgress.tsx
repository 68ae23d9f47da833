/**
 * A job's state and the steps it observed (stopping, stopped, starting, started, dependent services; command,
 * pair states, settled), in place of a percentage nobody can know. A bar only where the job measures a fraction
 * (users moved in a failover). The result, problems and the guide's note in the UI language.
 */
import type { JobStatus } from '../../../shared/model/views.js';
import { formatClock } from '../../app/format.js';
import { useT } from '../../i18n/useT.js';
import './jobProgress.css';
import { isJobDone } from './jobsStore.js';
import { formatJobText, jobMessage, jobNote, jobTitle, stepLabel } from './jobText.js';

const ICON: Readonly<Record<string, string>> = { done: '✓', active: '…', failed: '✗' };

/** The job's state badge (for lists). */
export function JobStateBadge({ job }: { readonly job: JobStatus }) {
  const { t } = useT();
  return (
    <span className={`job-state job-state-${job.state}`} data-testid="job-state" data-state={job.state}>
      {t(`job.${job.state}`)}
    </span>
  );
}

/** State, steps, measured progress (unless the page shows it itself: `showBar`), result and note of a job. */
export function JobProgress({ job, showNote = true, showBar = true }: { readonly job: JobStatus; readonly showNote?: boolean; readonly showBar?: boolean }) {
  const { t, locale } = useT();
  const done = isJobDone(job);
  const message = jobMessage(job, t, locale);
  const note = showNote ? jobNote(job, t, locale) : undefined;
  const pct = showBar && !done && job.progress !== undefined ? Math.round(job.progress * 100) : undefined;
  return (
    <div className={`job-progress job-progress-${job.state}`} data-testid="job-progress" data-state={job.state} aria-live="polite" aria-label={jobTitle(job, t, locale)}>
      <div className="job-head">
        <JobStateBadge job={job} />
        {message ? (
          <span className="job-message" data-testid="job-message" title={message}>
            {message}
          </span>
        ) : null}
      </div>
      {pct !== undefined ? (
        <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={message ?? jobTitle(job, t, locale)}>
          <div className="progress-fill" style={{ width: `${pct}%` }} />
        </div>
      ) : null}
      {job.steps && job.steps.length > 0 ? (
        <ol className="job-steps" data-testid="job-steps">
          {job.steps.map((s, i) => {
            const detail = formatJobText(s.detail, undefined, t, locale);
            return (
              <li key={`${s.key}-${i}`} className={`job-step job-step-${s.state}`} data-step={s.key} data-step-state={s.state}>
                <span className="job-step-icon" aria-hidden="true">
                  {ICON[s.state]}
                </span>
                <span className="job-step-label">{stepLabel(s, t)}</span>
                <span className="job-step-detail" title={detail}>
                  {detail}
                </span>
                <time className="job-step-time">{formatClock(s.atMs, locale)}</time>
              </li>
            );
          })}
        </ol>
      ) : null}
      {job.problems && job.problems.length > 0 ? (
        <div className="job-problems" role="alert" data-testid="job-problems">
          <strong>{t('control.problems')}:</strong> {job.problems.join(', ')}
        </div>
      ) : null}
      {note ? (
        <div className="note" role="note" data-testid="job-note">
          <strong>{t('control.noteTitle')}:</strong> {note}
        </div>
      ) : null}
    </div>
  );
}
