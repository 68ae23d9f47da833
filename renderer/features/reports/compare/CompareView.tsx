/** Two runs side by side: each figure of the shown run (A) and the chosen one (B), changed ones highlighted. */
import { useMemo } from 'react';
import type { Report, ReportData, ReportRunInfo } from '../../../../shared/model/reports.js';
import { formatDateTime, formatNumber } from '../../../app/format.js';
import { useT } from '../../../i18n/useT.js';
import { tryT } from '../reportParts.js';
import type { Keyed } from '../reportsStore.js';
import { TROUBLESHOOT_CATEGORY_TITLES, troubleshootTestEntry } from '../../../../shared/reports/troubleshootCatalog.js';
import { compareRows, WORSE_WHEN_UP, type CompareRow } from './compareRows.js';

/** Props of CompareView. */
export interface CompareViewProps {
  readonly a: { readonly run: ReportRunInfo; readonly data: ReportData };
  readonly b?: { readonly run: ReportRunInfo; readonly data?: ReportData };
  readonly bState?: Keyed<Report>;
  readonly onlyChanges: boolean;
  setOnlyChanges(v: boolean): void;
}

/** The comparison table. */
export function CompareView({ a, b, bState, onlyChanges, setOnlyChanges }: CompareViewProps) {
  const { t, locale } = useT();
  const rows = useMemo(() => (b?.data ? compareRows(a.data, b.data) : []), [a.data, b?.data]);
  const shown = onlyChanges ? rows.filter((r) => r.changed) : rows;
  const value = (v: CompareRow['a']) => {
    if (v === undefined) return t('common.none');
    if (typeof v === 'number') return formatNumber(v, locale, 1);
    return tryT(t, `reports.value.${v}`, v);
  };
  // A troubleshooter test by its title and category in the page's language (its ids in the tooltip).
  const subject = (r: CompareRow) => {
    if (!r.test) return r.subject;
    const title = troubleshootTestEntry(r.test.category, r.test.test)?.title[locale] ?? r.test.test;
    const category = TROUBLESHOOT_CATEGORY_TITLES[r.test.category]?.[locale] ?? r.test.category;
    return `${r.test.cluster} / ${category} / ${title}`;
  };
  const deltaClass = (r: CompareRow) => {
    if (!r.delta) return '';
    const up = r.delta > 0;
    return (WORSE_WHEN_UP.has(r.metric) ? !up : up) ? ' rep-up' : ' rep-down';
  };
  return (
    <div className="rep-compare" data-testid="report-compare-view">
      <div className="panel-head">
        <h3>{t('reports.compareTitle')}</h3>
        <label className="inline-field">
          <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />
          {t('reports.onlyChanges')}
        </label>
      </div>
      {bState?.kind === 'error' ? (
        <div className="state state-error" role="alert">
          <span className="error-code">{bState.error.code}</span> {bState.error.message}
        </div>
      ) : !b?.data ? (
        <div className="state state-loading">{t('state.loading')}</div>
      ) : shown.length === 0 ? (
        <div className="state state-empty">{t('reports.noChanges')}</div>
      ) : (
        <div className="rep-table-wrap rep-compare-wrap">
          <table className="data-table rep-table">
            <thead>
              <tr>
                <th>{t('reports.col.subject')}</th>
                <th>{t('reports.col.metric')}</th>
                <th className="num">{t('reports.compareA', { time: formatDateTime(a.run.finishedAtMs ?? a.run.startedAtMs, locale) })}</th>
                <th className="num">{t('reports.compareB', { time: formatDateTime(b.run.finishedAtMs ?? b.run.startedAtMs, locale) })}</th>
                <th className="num">{t('reports.col.delta')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.key} className={r.changed ? 'rep-changed' : undefined} data-changed={r.changed}>
                  <td className="rep-wrap" title={r.test ? r.subject : undefined}>
                    {subject(r)}
                  </td>
                  <td>{t(`reports.metric.${r.metric}`)}</td>
                  <td className="num">{value(r.a)}</td>
                  <td className="num">{value(r.b)}</td>
                  <td className={`num${deltaClass(r)}`}>{r.delta === undefined ? (r.changed ? '≠' : '') : r.delta > 0 ? `+${formatNumber(r.delta, locale, 1)}` : formatNumber(r.delta, locale, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
