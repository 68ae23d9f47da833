/**
 * The app shell: header (title, cluster, language, theme, who am I), the RTMT-style navigation and the current view.
 * Asks the session first (issue 16): a server (or the app as its client) shows the login page until an operator logs
 * in, and again when the session ends. Then loads clusters, alarms and app info once; announces new critical alarms
 * as desktop notifications.
 */
import { StorageBanner } from './StorageBanner.js';
import { useEffect, useRef } from 'react';
import { AuditPage } from '../features/audit/AuditPage.js';
import { LoginPage } from '../features/access/LoginPage.js';
import { SessionBar } from '../features/access/SessionBar.js';
import { hasLogins, useSessionStore } from './sessionStore.js';
import { translate } from '../i18n/messages.js';
import { useT } from '../i18n/useT.js';
import { call } from '../ipc/api.js';
import { AlertCentralPage } from '../features/alerts/AlertCentralPage.js';
import { useAlertsStore } from '../features/alerts/alertsStore.js';
import { notifyAlarms } from '../features/alerts/desktopNotifier.js';
import { ClustersPage } from '../features/clusters/ClustersPage.js';
import { ControlCenterPage } from '../features/control/ControlCenterPage.js';
import { DrsPage } from '../features/drs/DrsPage.js';
import { HaPage } from '../features/ha/HaPage.js';
import { ImpPage } from '../features/imp/ImpPage.js';
import { JobsPage } from '../features/jobs/JobsPage.js';
import { useJobsStore } from '../features/jobs/jobsStore.js';
import { useClustersStore } from '../features/overview/clustersStore.js';
import { countActiveBySeverity, worstSeverity } from '../features/overview/selectors.js';
import { OverviewPage } from '../features/overview/OverviewPage.js';
import { PerfPage } from '../features/perf/PerfPage.js';
import { ReportsPage } from '../features/reports/ReportsPage.js';
import { ServerPage } from '../features/server/ServerPage.js';
import { SystemSummaryPage } from '../features/server/SystemSummaryPage.js';
import { SyslogPage } from '../features/syslog/SyslogPage.js';
import { TracesPage } from '../features/traces/TracesPage.js';
import { severityColor, severityTextOn } from '../components/severityScale.js';
import { useAppStore, VIEWS, type ViewId } from './appStore.js';
import { useSelectedCluster } from './selection.js';
import { clusterLabel } from './clusterLabel.js';

const PAGES: Readonly<Record<ViewId, () => React.JSX.Element>> = {
  overview: OverviewPage,
  system: SystemSummaryPage,
  server: ServerPage,
  performance: PerfPage,
  imp: ImpPage,
  ha: HaPage,
  control: ControlCenterPage,
  alerts: AlertCentralPage,
  syslog: SyslogPage,
  traces: TracesPage,
  drs: DrsPage,
  reports: ReportsPage,
  jobs: JobsPage,
  clusters: ClustersPage,
  audit: AuditPage,
};

/** The root component: the session first, then the app (or the login page). */
export function App() {
  const { t } = useT();
  const { session, loadError, load } = useSessionStore();
  useEffect(() => {
    void load();
  }, [load]);
  if (!session) {
    return (
      <div className="login-screen">
        {loadError ? (
          <div className="state state-error" role="alert" data-testid="session-error">
            <span className="error-code">{loadError.code}</span>
            <span>{t('access.login.unreachable', { message: loadError.message })}</span>
            <button type="button" onClick={() => void load()}>
              {t('access.login.retry')}
            </button>
          </div>
        ) : (
          <div className="state state-loading" aria-busy="true">
            <span className="spinner" aria-hidden="true" />
            {t('state.loading')}
          </div>
        )}
      </div>
    );
  }
  if (hasLogins(session) && !session.loggedIn) return <LoginPage />;
  // Keyed by who is logged in: another operator starts from fresh stores' loads.
  return <Shell key={`${session.operator ?? ''}:${session.role ?? ''}`} />;
}

function Shell() {
  const { t, locale } = useT();
  const { view, theme, showView, chooseLocale, chooseTheme, selectCluster, applySystemLocale } = useAppStore();
  const clusters = useClustersStore((s) => s.clusters);
  const { cluster } = useSelectedCluster();
  const active = useAlertsStore((s) => s.active);
  const toAnnounce = useAlertsStore((s) => s.toAnnounce);
  const nav = useRef<HTMLElement>(null);
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    void useClustersStore.getState().loadClusters();
    void useAlertsStore.getState().loadActive();
    void useJobsStore.getState().loadJobs();
    call('app', 'info')
      .then((info) => applySystemLocale(info.systemLocale))
      .catch(() => undefined);
  }, [applySystemLocale]);
  // A view opens at its top: the scroller is shared by every view, and kept the last view's position.
  useEffect(() => {
    main.current?.scrollTo(0, 0);
  }, [view]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
  }, [theme, locale, t]);
  useEffect(() => {
    if (toAnnounce.length === 0) return;
    const list = useAlertsStore.getState().takeAnnouncements();
    notifyAlarms(list, (a) => translate(locale, 'alerts.notifyTitle', { severity: translate(locale, `sev.${a.severity}`), rule: a.ruleName }));
  }, [toAnnounce, locale]);

  const worst = worstSeverity(countActiveBySeverity(active));
  const Page = PAGES[view];
  const onNavKey = (e: React.KeyboardEvent) => {
    const i = VIEWS.indexOf(view);
    const next = e.key === 'ArrowDown' ? VIEWS[(i + 1) % VIEWS.length] : e.key === 'ArrowUp' ? VIEWS[(i - 1 + VIEWS.length) % VIEWS.length] : undefined;
    if (next) {
      e.preventDefault();
      showView(next);
      nav.current?.querySelector<HTMLButtonElement>(`[data-view="${next}"]`)?.focus();
    }
  };
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" style={{ background: worst ? severityColor(worst) : 'var(--ok)' }} aria-hidden="true" />
          {t('app.title')}
        </div>
        <label className="inline-field">
          {t('app.cluster')}
          <select value={cluster?.id ?? ''} onChange={(e) => selectCluster(e.target.value)} data-testid="cluster-picker">
            {clusters.length === 0 ? <option value="">{t('app.noCluster')}</option> : null}
            {clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {clusterLabel(c, t)}
              </option>
            ))}
          </select>
        </label>
        <div className="header-spacer" />
        <SessionBar />
        <label className="inline-field">
          {t('app.language')}
          <select value={locale} onChange={(e) => chooseLocale(e.target.value === 'zh' ? 'zh' : 'en')} data-testid="language-picker">
            <option value="en">English</option>
            <option value="zh">中文</option>
          </select>
        </label>
        <button type="button" onClick={() => chooseTheme(theme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle">
          {theme === 'dark' ? t('app.theme.light') : t('app.theme.dark')}
        </button>
      </header>
      <nav className="app-nav" ref={nav} aria-label="Views" onKeyDown={onNavKey}>
        {VIEWS.map((v) => (
          <button key={v} type="button" data-view={v} className={v === view ? 'active' : undefined} aria-current={v === view ? 'page' : undefined} tabIndex={v === view ? 0 : -1} onClick={() => showView(v)}>
            {t(`nav.${v}`)}
            {v === 'alerts' && active.length > 0 ? (
              <span className="alarm-pill" style={worst ? { background: severityColor(worst), color: severityTextOn(worst) } : undefined}>
                {active.length}
              </span>
            ) : null}
          </button>
        ))}
      </nav>
      <main className="app-main" ref={main} data-testid={`view-${view}`}>
        <StorageBanner />
        <Page />
      </main>
    </div>
  );
}
