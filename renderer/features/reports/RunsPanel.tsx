/** The kept runs of one report kind with their time stamps, state and one-line summary (a Watch run marked so); a click shows a run. */
import { useState } from 'react';
import type { ReportKind, ReportRunInfo, ReportState } from '../../../shared/model/reports.js';
import { formatDateTime } from '../../app/format.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useT } from '../../i18n/useT.js';
import { Chip, type Tone } from './reportParts.js';
import { runSummary } from './runSummary.js';
import { useReportsStore } from './reportsStore.js';
import { useCan } from '../../app/useCan.js';
import { gate } from '../access/gate.js';

/** The chip tone of a run's state. */
export function stateTone(state: ReportState): Tone {
  return state === 'done' ? 'ok' : state === 'running' ? 'run' : state === 'failed' ? 'bad' : 'idle';
}

/** The runs panel. */
export function RunsPanel({ kind, runs, shownId }: { readonly kind: ReportKind; readonly runs: readonly ReportRunInfo[]; readonly shownId?: string }) {
  const { t, locale } = useT();
  const canRemove = useCan('reports', 'remove');
  const runsLoad = useReportsStore((s) => s.runsLoad);
  const busy = useReportsStore((s) => s.busy);
  const { select, remove, loadRuns } = useReportsStore.getState();
  const [askRemove, setAskRemove] = useState<ReportRunInfo>();
  return (
    <section className="panel rep-runs" data-testid="report-runs">
      <div className="panel-head">
        <h2>{t('reports.runs')}</h2>
        <span className="hint">{t('reports.runsKept')}</span>
      </div>
      {runsLoad.kind === 'error' ? (
        <div className="state state-error" role="alert">
          <span className="error-code">{runsLoad.error.code}</span> {t('state.error', { message: runsLoad.error.message })}
          <button type="button" onClick={() => void loadRuns()}>
            {t('state.retry')}
          </button>
        </div>
      ) : runs.length === 0 ? (
        <div className="hint rep-runs-empty">{runsLoad.kind === 'loading' ? t('state.loading') : t('reports.noRunsYet')}</div>
      ) : (
        <ul className="rep-run-list">
          {runs.map((r) => (
            <li key={r.id} className={[r.id === shownId ? 'selected' : '', r.watch ? 'rep-run-watch' : ''].filter(Boolean).join(' ') || undefined} data-testid={`report-run-${r.id}`} data-state={r.state} data-watch={r.watch ? 'true' : undefined}>
              <button type="button" className="rep-run-main" aria-pressed={r.id === shownId} onClick={() => select(kind, r.id)}>
                <span className="rep-run-time">{formatDateTime(r.finishedAtMs ?? r.startedAtMs, locale)}</span>
                <span className="rep-run-chips">
                  <Chip tone={stateTone(r.state)}>{t(`reports.state.${r.state}`)}</Chip>
                  {r.watch ? (
                    <Chip tone="run" title={t('reports.watchRunHint')} testId="report-run-watch">
                      {t('reports.watchRun')}
                    </Chip>
                  ) : null}
                </span>
                <span className="rep-run-summary">
                  {r.error ? `${r.error.code}: ${r.error.message}` : runSummary(r, t, locale)}
                </span>
              </button>
              {r.state !== 'running' ? (
                <button type="button" className="rep-run-remove" title={t('reports.remove')} aria-label={t('reports.remove')} {...gate(canRemove, busy === `remove:${r.id}`)} onClick={() => setAskRemove(r)}>
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {askRemove ? (
        <ConfirmDialog
          title={t('reports.removeTitle')}
          confirmLabel={t('reports.remove')}
          danger
          onCancel={() => setAskRemove(undefined)}
          onConfirm={() => {
            const id = askRemove.id;
            setAskRemove(undefined);
            void remove(id);
          }}
        >
          <p>{t('reports.removeBody', { time: formatDateTime(askRemove.finishedAtMs ?? askRemove.startedAtMs, locale), kind: t(`reports.tab.${kind}`) })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
