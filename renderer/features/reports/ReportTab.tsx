/**
 * One report's tab: its options and Generate (with progress; the guide warns a session report can take two
 * minutes, L7025), the kept runs with their time stamps, the run shown with what could not be read, the CSV of
 * it, and "Compare with" another run of the same kind side by side.
 */
import { useEffect, useState } from 'react';
import type { ReportKind, ReportOptions, ReportRunInfo } from '../../../shared/model/reports.js';
import { REPORT_OVA_USERS } from '../../../shared/validation/reports.js';
import { formatDateTime } from '../../app/format.js';
import { ErrorBanner } from '../../components/AsyncState.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useT } from '../../i18n/useT.js';
import { useSelectedCluster } from '../../app/selection.js';
import { clusterOvaDefault } from '../imp/nodeOva.js';
import { impNodes } from '../overview/selectors.js';
import { ReportWatch } from './views/ReportWatch.js';
import { RunsPanel } from './RunsPanel.js';
import { ShownReport } from './ShownReport.js';
import { RunProgress } from './reportParts.js';
import { isRunning, runsOf, shownRunId, useReportsStore } from './reportsStore.js';
import { useCan } from '../../app/useCan.js';
import { gate } from '../access/gate.js';

/** The options a kind takes, with the OVA the selected cluster's IM&P nodes have as the default (NodeStatus.ova). */
export function useEffectiveOptions(kind: ReportKind): ReportOptions {
  const set = useReportsStore((s) => s.options[kind]);
  const { cluster } = useSelectedCluster();
  const nodes = clusterOvaDefault(impNodes(cluster));
  if (kind === 'topology' || kind === 'ha-readiness') return { ovaUsers: set?.ovaUsers ?? nodes.ovaUsers ?? 15000, activeActive: set?.activeActive ?? nodes.activeActive ?? false };
  if (kind === 'certificates') return { warnDays: set?.warnDays ?? 30 };
  return {};
}

/** The tab of one report kind. */
export function ReportTab({ kind }: { readonly kind: ReportKind }) {
  const { t, locale } = useT();
  const canGenerate = useCan('reports', 'generate');
  const canCancel = useCan('reports', 'cancel');
  const runs = useReportsStore((s) => s.runs);
  const selected = useReportsStore((s) => s.selected);
  const busy = useReportsStore((s) => s.busy);
  const actionError = useReportsStore((s) => s.actionError);
  const reports = useReportsStore((s) => s.reports);
  const { generate, cancel, loadReport, clearActionError } = useReportsStore.getState();
  const options = useEffectiveOptions(kind);
  const list = runsOf(runs, kind);
  const running = list.find(isRunning);
  const shownId = shownRunId({ runs, selected }, kind);
  const shown = list.find((r) => r.id === shownId);
  const [askCancel, setAskCancel] = useState<ReportRunInfo>();
  // The run shown is loaded once it has finished (the newest one when the tab opens).
  useEffect(() => {
    if (shown && !isRunning(shown) && !useReportsStore.getState().reports[shown.id]) void loadReport(shown.id);
  }, [shown, loadReport]);
  return (
    <div className="rep-stack" data-testid={`report-${kind}`}>
      <div className="rep-top">
        <section className="panel rep-controls">
          <div className="panel-head">
            <h2>{t(`reports.title.${kind}`)}</h2>
          </div>
          <p className="hint rep-about">{t(`reports.about.${kind}`)}</p>
          <div className="rep-toolbar">
            <OptionsBar kind={kind} options={options} />
            <button type="button" className="primary" data-testid="report-generate" {...gate(canGenerate, busy === `generate:${kind}` || !!running)} onClick={() => void generate(kind, options)}>
              {running ? t('reports.generating') : t('reports.generate')}
            </button>
            <ReportWatch kind={kind} options={options} />
          </div>
          {running ? (
            <div className="rep-running">
              <RunProgress run={running} />
              <button type="button" data-testid="report-cancel" {...gate(canCancel, busy === `cancel:${running.id}`)} onClick={() => setAskCancel(running)}>
                {t('reports.cancel')}
              </button>
            </div>
          ) : null}
          <ErrorBanner error={actionError} />
          {actionError ? (
            <button type="button" onClick={clearActionError}>
              {t('common.close')}
            </button>
          ) : null}
        </section>
        <RunsPanel kind={kind} runs={list} shownId={shownId} />
      </div>
      {shown ? <ShownReport kind={kind} run={shown} report={reports[shown.id]} /> : <div className="state state-empty">{t('reports.noRuns')}</div>}
      {askCancel ? (
        <ConfirmDialog
          title={t('reports.cancelTitle')}
          confirmLabel={t('reports.cancelConfirm')}
          cancelLabel={t('reports.cancelKeep')}
          danger
          onCancel={() => setAskCancel(undefined)}
          onConfirm={() => {
            const id = askCancel.id;
            setAskCancel(undefined);
            void cancel(id);
          }}
        >
          <p>{t('reports.cancelBody', { started: formatDateTime(askCancel.startedAtMs, locale) })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function OptionsBar({ kind, options }: { readonly kind: ReportKind; readonly options: ReportOptions }) {
  const { t } = useT();
  const setOptions = useReportsStore((s) => s.setOptions);
  if (kind === 'topology' || kind === 'ha-readiness') {
    return (
      <>
        <label className="inline-field">
          {t('reports.opt.ova')}
          <select data-testid="report-ova" value={options.ovaUsers} onChange={(e) => setOptions(kind, { ovaUsers: Number(e.target.value) })}>
            {REPORT_OVA_USERS.map((n) => (
              <option key={n} value={n}>
                {t('reports.opt.ovaUsers', { n: n.toLocaleString('en-US') })}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <input type="checkbox" checked={options.activeActive === true} onChange={(e) => setOptions(kind, { activeActive: e.target.checked })} />
          {t('reports.opt.activeActive')}
        </label>
      </>
    );
  }
  if (kind === 'certificates') return <WarnDays value={options.warnDays ?? 30} onChange={(warnDays) => setOptions(kind, { warnDays })} />;
  return null;
}

/** Warn days: a whole number 1-3650 (shared/validation/reports.ts); a bad entry is kept with its error, not sent. */
function WarnDays({ value, onChange }: { readonly value: number; readonly onChange: (n: number) => void }) {
  const { t } = useT();
  const [text, setText] = useState(String(value));
  const n = Number(text);
  const bad = !/^\d+$/.test(text.trim()) || n < 1 || n > 3650;
  return (
    <label className="inline-field">
      {t('reports.opt.warnDays')}
      <input
        type="number"
        min={1}
        max={3650}
        data-testid="report-warn-days"
        value={text}
        aria-invalid={bad}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (/^\d+$/.test(e.target.value.trim()) && v >= 1 && v <= 3650) onChange(v);
        }}
      />
      {bad ? <span className="rep-bad-text">{t('reports.opt.warnDaysBad')}</span> : null}
    </label>
  );
}
