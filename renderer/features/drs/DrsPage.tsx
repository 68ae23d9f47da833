/**
 * Disaster Recovery System (issue 13): the guide's Backup and Restore menus as tabs — Backup Devices, Schedules,
 * Manual Backup with its Current Status, History, the Restore Wizard, Restore status and After Restore (guide
 * L10015-10648; seed-inventory.md 7). Everything is done through the CUCM publisher's admin CLI, where the Master
 * Agent works (L10321-10323); the header names that node.
 */
import { useEffect } from 'react';
import { useSelectedCluster } from '../../app/selection.js';
import { usePolling } from '../../app/usePolling.js';
import { ErrorBanner } from '../../components/AsyncState.js';
import { useT } from '../../i18n/useT.js';
import { AfterRestorePanel } from './after/AfterRestorePanel.js';
import { BackupPanel } from './backup/BackupPanel.js';
import { DevicesPanel } from './devices/DevicesPanel.js';
import { DRS_TABS, isJobRunning, useDrsStore, type DrsTab } from './drsStore.js';
import { HistoryPanel } from './history/HistoryPanel.js';
import { RestoreStatusPanel } from './restore/RestoreStatusPanel.js';
import { RestoreWizardPanel } from './restore/RestoreWizardPanel.js';
import { SchedulesPanel } from './schedules/SchedulesPanel.js';
import './drs.css';
import { useCan } from '../../app/useCan.js';
import { RoleGate } from '../access/gate.js';

const PANELS: Readonly<Record<DrsTab, () => React.JSX.Element>> = {
  devices: DevicesPanel,
  schedules: SchedulesPanel,
  backup: BackupPanel,
  history: HistoryPanel,
  restore: RestoreWizardPanel,
  restoreStatus: RestoreStatusPanel,
  after: AfterRestorePanel,
};

/** Tabs without changes (history, restore status): the others' controls are the admin's (shared/ipc/channels.ts). */
const READ_ONLY_TABS: ReadonlySet<DrsTab> = new Set(['history', 'restoreStatus']);

/** The page. */
export function DrsPage() {
  const { t } = useT();
  const { cluster } = useSelectedCluster();
  const tab = useDrsStore((s) => s.tab);
  const canChange = useCan('drs', 'startBackup');
  const overview = useDrsStore((s) => s.overview);
  const actionError = useDrsStore((s) => s.actionError);
  const jobs = useDrsStore((s) => s.jobs);
  const running = jobs.filter((j) => j.cluster === cluster?.id && isJobRunning(j));
  const { setTab, loadOverview, loadJobs, clearActionError } = useDrsStore.getState();
  useEffect(() => {
    if (cluster) void loadJobs(cluster.id);
  }, [cluster, loadJobs]);
  // The overview (devices, schedules, current status) is read again now and then: another person or a schedule changes it too.
  usePolling((first) => (cluster ? loadOverview(cluster.id, !first) : undefined), 20_000, [cluster?.id]);
  const Panel = PANELS[tab];
  const runningOf = (op: 'backup' | 'restore') => running.some((j) => j.operation === op);
  return (
    <section className="page drs-page">
      <header className="page-head">
        <h1>{t('nav.drs')}</h1>
        {overview?.masterNode ? <span className="hint" data-testid="drs-master">{t('drs.masterAgent', { node: overview.masterNode })}</span> : null}
      </header>
      {!cluster ? <div className="state state-empty">{t('drs.noCluster')}</div> : null}
      <div className="tabs" role="tablist" aria-label={t('nav.drs')}>
        {DRS_TABS.map((id) => (
          <button key={id} type="button" role="tab" data-testid={`drs-tab-${id}`} aria-selected={id === tab} className={id === tab ? 'active' : undefined} onClick={() => setTab(id)}>
            {t(`drs.tab.${id}`)}
            {(id === 'backup' && runningOf('backup')) || (id === 'restoreStatus' && runningOf('restore')) ? <span className="drs-running-dot" title={t('drs.running')} /> : null}
          </button>
        ))}
      </div>
      {Object.entries(overview?.errors ?? {})
        .filter(([part]) => part !== 'devices' && part !== 'schedules')
        .map(([part, error]) => (
          <div key={part} className="banner banner-error" role="alert" data-testid={`drs-part-error-${part}`}>
            <span className="error-code">{error.code}</span> {t('drs.partFailed', { part })} {error.message}
          </div>
        ))}
      <ErrorBanner error={actionError} />
      {actionError ? (
        <div className="drs-dismiss">
          <button type="button" onClick={clearActionError}>
            {t('common.close')}
          </button>
        </div>
      ) : null}
      <div role="tabpanel" data-testid={`drs-panel-${tab}`}>
        {READ_ONLY_TABS.has(tab) ? (
          <Panel />
        ) : (
          <RoleGate can={canChange} mode="disable">
            <Panel />
          </RoleGate>
        )}
      </div>
    </section>
  );
}
