/**
 * Watch mode: regenerates a report on a timer while its tab is open, and stops when the tab (or the page) is left
 * or Watch is unticked. HA readiness every 20 s (a person waiting to enable HA after a restart, guide
 * L9942-9968); the System Dashboard every 60 s (a wall screen: users, devices, Sync Agent, L908-910). A run still
 * going is not doubled; the last finished run stays shown until the next one finished. Watch runs are generated
 * with `watch: true`: the backend keeps only the latest one per kind and clusters, apart from the runs a person
 * generates, so watching never pushes out a run kept to compare with (reportRuns.ts).
 */
import { useEffect, useState } from 'react';
import type { ReportKind, ReportOptions } from '../../../../shared/model/reports.js';
import { useT } from '../../../i18n/useT.js';
import { isRunning, useReportsStore } from '../reportsStore.js';

/** Milliseconds between two runs while watching, per kind that can be watched. */
export const WATCH_INTERVAL_MS: Readonly<Partial<Record<ReportKind, number>>> = { 'ha-readiness': 20_000, dashboard: 60_000 };

/** The Watch checkbox and its timer (nothing for a kind that is not watched). */
export function ReportWatch({ kind, options }: { readonly kind: ReportKind; readonly options: ReportOptions }) {
  const { t } = useT();
  const [on, setOn] = useState(false);
  const interval = WATCH_INTERVAL_MS[kind];
  const ova = options.ovaUsers;
  const aa = options.activeActive;
  useEffect(() => {
    if (!on || !interval) return;
    const tick = () => {
      const s = useReportsStore.getState();
      const opts: ReportOptions = ova !== undefined ? { ovaUsers: ova, activeActive: aa } : {};
      if (!s.runs.some((r) => r.kind === kind && isRunning(r))) void s.generate(kind, opts, true);
    };
    tick();
    const timer = setInterval(tick, interval);
    return () => clearInterval(timer);
  }, [on, kind, interval, ova, aa]);
  if (!interval) return null;
  const seconds = interval / 1000;
  return (
    <label className="inline-field rep-watch" title={t('reports.watchHint', { seconds })}>
      <input type="checkbox" data-testid="report-watch" checked={on} onChange={(e) => setOn(e.target.checked)} />
      {t('reports.watch', { seconds })}
      {on ? <span className="rep-running-dot" aria-hidden="true" /> : null}
    </label>
  );
}
