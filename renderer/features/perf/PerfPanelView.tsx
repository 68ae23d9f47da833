/** One panel of the Performance view: a chart (with zoom) or a table of latest values, its polling rate and CSV export. */
import { useCallback, useState } from 'react';
import { formatClock, formatNumber } from '../../app/format.js';
import { AsyncState } from '../../components/AsyncState.js';
import { TimeSeriesChart, seriesLabel } from '../../charts/TimeSeriesChart.js';
import { latestValue } from '../../charts/toSeries.js';
import { counterUnit } from '../../charts/counterUnits.js';
import { useT } from '../../i18n/useT.js';
import { panelHeading } from './panelTitle.js';
import { MIN_POLL_SEC, pollChoices } from './perfLimits.js';
import { panelWindow, usePerfStore, type PerfPanel } from './perfStore.js';

/** Downloads text as a file through a temporary object URL. */
export function downloadText(name: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Renders a panel. */
export function PerfPanelView({ panel }: { readonly panel: PerfPanel }) {
  const { t, locale } = useT();
  const range = usePerfStore((s) => s.range);
  const { setInterval, removePanel, zoom, resetZoom, exportCsv, queryPanel } = usePerfStore.getState();
  const [exporting, setExporting] = useState(false);
  const [fromMs, toMs] = panelWindow(panel, range, Math.max(Date.now(), ...panel.series.map((s) => s.points.at(-1)?.[0] ?? 0)));
  const onWidth = useCallback(
    (w: number) => {
      if (Math.abs(w - panel.maxPoints) > 20) void queryPanel(panel.id, w);
    },
    [panel.id, panel.maxPoints, queryPanel],
  );
  const min = MIN_POLL_SEC[panel.kind];
  // The rates offered: the presentation's choices (shared limits), plus the panel's own if a layout set another.
  const choices = [...new Set([...pollChoices(panel.kind), panel.intervalSec])].sort((a, b) => a - b);
  const heading = panelHeading(panel.title, panel.series);
  return (
    <article className="panel perf-panel" data-testid={`perf-panel-${panel.kind}`}>
      <header className="panel-head">
        <h2 title={heading} data-testid="perf-panel-title">
          {heading}
        </h2>
        <label className="inline-field" title={t('perf.pollingMin', { seconds: min })}>
          {t('perf.pollingRate')}
          <select data-testid="poll-rate" value={panel.intervalSec} onChange={(e) => void setInterval(panel.id, Number(e.target.value))}>
            {choices.map((sec) => (
              <option key={sec} value={sec}>
                {sec}
              </option>
            ))}
          </select>
        </label>
        {panel.zoom ? (
          <button type="button" onClick={() => void resetZoom(panel.id)}>
            {t('perf.resetZoom')}
          </button>
        ) : null}
        <button
          type="button"
          data-testid="export-csv"
          disabled={exporting}
          onClick={async () => {
            setExporting(true);
            try {
              const csv = await exportCsv(panel.id);
              if (csv !== undefined) downloadText(`${heading.replace(/[^\w.-]+/g, '_')}.csv`, csv);
            } finally {
              setExporting(false);
            }
          }}
        >
          {t('perf.exportCsv')}
        </button>
        <button type="button" data-testid="remove-panel" aria-label={t('perf.removeChart')} title={t('perf.removeChart')} onClick={() => void removePanel(panel.id)}>
          ✕
        </button>
      </header>
      <AsyncState state={panel.load} empty={panel.load.kind === 'error'} onRetry={() => void queryPanel(panel.id)}>
        {panel.kind === 'chart' ? (
          <TimeSeriesChart series={panel.series} fromMs={fromMs} toMs={toMs} locale={locale} onZoom={(a, b) => void zoom(panel.id, a, b)} onWidth={onWidth} testId="perf-chart" />
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('common.name')}</th>
                <th style={{ textAlign: 'right' }}>{t('perf.value')}</th>
                <th style={{ textAlign: 'right' }}>{t('common.time')}</th>
              </tr>
            </thead>
            <tbody>
              {panel.series.map((s) => (
                <tr key={s.key}>
                  <td>{seriesLabel(s)}</td>
                  <td style={{ textAlign: 'right' }} className="mono">
                    {formatNumber(latestValue(s), locale, 2)}
                    {latestValue(s) !== undefined && counterUnit(s.ref.counter) ? ` ${counterUnit(s.ref.counter)}` : ''}
                  </td>
                  <td style={{ textAlign: 'right' }}>{s.points.at(-1) ? formatClock(s.points.at(-1)?.[0] ?? 0, locale) : t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncState>
    </article>
  );
}
