/**
 * Watch mode of the HA readiness check: regenerates the checklist every 20 s while the tab is open (a person
 * waiting to enable HA after a restart, guide L9942-9968), and stops when the tab is left or Watch is unticked.
 * A run still going is not doubled; the last finished run stays shown until the next one finished.
 */
import { useEffect, useState } from 'react';
import type { ReportOptions } from '../../../../shared/model/reports.js';
import { useT } from '../../../i18n/useT.js';
import { isRunning, useReportsStore } from '../reportsStore.js';

/** Seconds between two runs while watching. */
export const WATCH_INTERVAL_MS = 20_000;

/** The Watch checkbox and its timer. */
export function HaWatch({ options }: { readonly options: ReportOptions }) {
  const { t } = useT();
  const [on, setOn] = useState(false);
  const ova = options.ovaUsers;
  const aa = options.activeActive;
  useEffect(() => {
    if (!on) return;
    const tick = () => {
      const s = useReportsStore.getState();
      if (!s.runs.some((r) => r.kind === 'ha-readiness' && isRunning(r))) void s.generate('ha-readiness', { ovaUsers: ova, activeActive: aa }, true);
    };
    tick();
    const timer = setInterval(tick, WATCH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [on, ova, aa]);
  return (
    <label className="inline-field rep-watch" title={t('reports.ha.watchHint')}>
      <input type="checkbox" data-testid="report-watch" checked={on} onChange={(e) => setOn(e.target.checked)} />
      {t('reports.ha.watch')}
      {on ? <span className="rep-running-dot" aria-hidden="true" /> : null}
    </label>
  );
}
