/**
 * The run shown: its time stamp (the guide's "date and time stamp", L7027), what could not be read (partial
 * failures are data), a CSV of it (shared/reports/reportCsv.ts, the same as `imp report … --format csv`), the
 * report itself, and — when chosen — another run of the same kind beside it with the differences highlighted.
 */
import { useState } from 'react';
import type { Report, ReportKind, ReportRunInfo } from '../../../shared/model/reports.js';
import { reportCsv, reportLevels, type ReportLevel } from '../../../shared/reports/reportCsv.js';
import { formatDateTime } from '../../app/format.js';
import { useT } from '../../i18n/useT.js';
import { CompareView } from './compare/CompareView.js';
import { ReportDataView } from './views/ReportDataView.js';
import { Chip, downloadText, fileStamp } from './reportParts.js';
import { isRunning, runsOf, useReportsStore, type Keyed } from './reportsStore.js';

/** The shown run of a kind. */
export function ShownReport({ kind, run, report }: { readonly kind: ReportKind; readonly run: ReportRunInfo; readonly report?: Keyed<Report> }) {
  const { t, locale } = useT();
  const runs = useReportsStore((s) => s.runs);
  const compareId = useReportsStore((s) => s.compareWith[kind]);
  const reports = useReportsStore((s) => s.reports);
  const { setCompare, loadReport } = useReportsStore.getState();
  const [onlyChanges, setOnlyChanges] = useState(true);
  const levels = reportLevels(kind);
  const [level, setLevel] = useState<ReportLevel | undefined>(levels[0]);
  const others = runsOf(runs, kind).filter((r) => r.id !== run.id && r.state === 'done');
  const other = compareId && others.some((r) => r.id === compareId) ? compareId : undefined;
  const otherRun = others.find((r) => r.id === other);
  const data = report?.kind === 'ready' ? report.value.data : undefined;
  if (isRunning(run)) return <div className="state state-loading">{t('reports.runningShown')}</div>;
  return (
    <section className="rep-shown" data-testid="report-shown" data-run={run.id}>
      <div className="rep-shown-head">
        <h2>{t('reports.generatedAt', { time: formatDateTime(run.finishedAtMs ?? run.startedAtMs, locale) })}</h2>
        {run.state !== 'done' ? <Chip tone={run.state === 'failed' ? 'bad' : 'idle'}>{t(`reports.state.${run.state}`)}</Chip> : null}
        {others.length > 0 && data ? (
          <label className="inline-field">
            {t('reports.compareWith')}
            <select data-testid="report-compare" value={other ?? ''} onChange={(e) => setCompare(kind, e.target.value || undefined)}>
              <option value="">{t('reports.compareNone')}</option>
              {others.map((r) => (
                <option key={r.id} value={r.id}>
                  {formatDateTime(r.finishedAtMs ?? r.startedAtMs, locale)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {data && levels.length > 1 ? (
          <label className="inline-field">
            {t('reports.csvLevel')}
            <select data-testid="report-csv-level" value={level} onChange={(e) => setLevel(e.target.value as ReportLevel)}>
              {levels.map((l) => (
                <option key={l} value={l}>
                  {t(`reports.level.${l}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {data ? (
          <button type="button" data-testid="report-csv" onClick={() => downloadText(`${kind}${level ? `-${level}` : ''}-${fileStamp(run.finishedAtMs ?? run.startedAtMs)}.csv`, reportCsv(data, level))}>
            {t('reports.csv')}
          </button>
        ) : null}
      </div>
      {run.error ? (
        <div className="banner banner-error" role="alert">
          <span className="error-code">{run.error.code}</span> {run.error.message}
        </div>
      ) : null}
      {!report || report.kind === 'loading' ? (
        <div className="state state-loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          {t('state.loading')}
        </div>
      ) : report.kind === 'error' ? (
        <div className="state state-error" role="alert">
          <span className="error-code">{report.error.code}</span>
          <span>{t('state.error', { message: report.error.message })}</span>
          <button type="button" onClick={() => void loadReport(run.id)}>
            {t('state.retry')}
          </button>
        </div>
      ) : (
        <>
          {report.value.problems.length > 0 ? (
            <div className="rep-problems" role="alert" data-testid="report-problems">
              <strong>{t('reports.problems', { n: report.value.problems.length })}</strong>
              <ul>
                {report.value.problems.map((p, i) => (
                  <li key={i}>
                    <span className="error-code">{p.error.code}</span> {p.node ? `${p.cluster} / ${p.node}` : p.cluster} — <span className="mono">{p.source}</span>: {p.error.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {!data ? <div className="state state-empty">{t('reports.noData')}</div> : null}
          {data && otherRun ? (
            <CompareView
              a={{ run, data }}
              b={reports[otherRun.id]?.kind === 'ready' ? { run: otherRun, data: (reports[otherRun.id] as { value: Report }).value.data } : undefined}
              bState={reports[otherRun.id]}
              onlyChanges={onlyChanges}
              setOnlyChanges={setOnlyChanges}
            />
          ) : null}
          {data ? <ReportDataView data={data} run={run} /> : null}
        </>
      )}
    </section>
  );
}
