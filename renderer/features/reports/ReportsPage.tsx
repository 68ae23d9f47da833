/**
 * Reports and diagnostics (issue 14): one tab per report — the IM and Presence User Session Report (guide
 * L7019-7045), topology and balance, safe-to-enable-HA, the System Troubleshooter (L11224-11250), the user
 * troubleshooter (L8448-8580), certificates (L4833-4858), replication (L2045-2066) and the System Dashboard
 * (L908-910) — plus "Find a user". Each report tab generates, keeps and compares runs (ReportTab).
 */
import { useEffect } from 'react';
import { usePolling } from '../../app/usePolling.js';
import { useT } from '../../i18n/useT.js';
import { useClustersStore } from '../overview/clustersStore.js';
import { FindUserPanel } from './findUser/FindUserPanel.js';
import { ReportTab } from './ReportTab.js';
import { isRunning, REPORT_TABS, useReportsStore } from './reportsStore.js';
import './reports.css';

/** The page. */
export function ReportsPage() {
  const { t } = useT();
  const tab = useReportsStore((s) => s.tab);
  const runs = useReportsStore((s) => s.runs);
  const { setTab, loadRuns } = useReportsStore.getState();
  useEffect(() => {
    void loadRuns();
  }, [loadRuns]);
  // Progress comes as onDidChangeReport; while a run is going the list is also read now and then, so that a
  // missed event (a reconnecting web socket) never leaves a finished run shown as running.
  const anyRunning = runs.some(isRunning);
  // With no cluster monitored a report or a search has nothing to ask: say so before a person tries (a search
  // would otherwise answer "no user matches", as if the users had been looked for).
  const noClusters = useClustersStore((s) => s.load.kind === 'ready' && s.clusters.length === 0);
  usePolling((first) => (first ? undefined : loadRuns()), 5000, [], anyRunning);
  return (
    <section className="page rep-page">
      <header className="page-head">
        <h1>{t('nav.reports')}</h1>
        <span className="hint">{t('reports.lead')}</span>
      </header>
      {noClusters ? (
        <div className="note" role="status" data-testid="reports-no-clusters">
          {t('reports.noClusters')}
        </div>
      ) : null}
      <div className="tabs" role="tablist" aria-label={t('nav.reports')}>
        {REPORT_TABS.map((id) => (
          <button key={id} type="button" role="tab" data-testid={`report-tab-${id}`} aria-selected={id === tab} className={id === tab ? 'active' : undefined} onClick={() => setTab(id)}>
            {t(`reports.tab.${id}`)}
            {id !== 'find-user' && runs.some((r) => r.kind === id && isRunning(r)) ? <span className="rep-running-dot" title={t('reports.running')} /> : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" data-testid={`report-panel-${tab}`}>{tab === 'find-user' ? <FindUserPanel /> : <ReportTab key={tab} kind={tab} />}</div>
    </section>
  );
}
