/**
 * Trace & Log Central (issue 12): RTMT's tree as tabs (serviceability-reference.md A.6) — Collect Files,
 * the collections' progress, Local Browse, Schedule Collection, and the trace tools (Remote Browse, Real Time Trace,
 * Query Wizard, Crash Dumps, Log Viewer) mounted from features/traces/toolTabs.ts.
 */
import { useEffect } from 'react';
import { useT } from '../../i18n/useT.js';
import { CollectWizard } from './collect/CollectWizard.js';
import { CollectionsPanel } from './collections/CollectionsPanel.js';
import { isFinal } from './collections/progressText.js';
import { LocalBrowsePanel } from './local/LocalBrowsePanel.js';
import { SchedulesPanel } from './schedules/SchedulesPanel.js';
import { TOOL_TABS } from './toolTabs.js';
import { useTracesStore, type TracesTab } from './tracesStore.js';
import './traces.css';
import { useCan } from '../../app/useCan.js';
import { RoleGate } from '../access/gate.js';

const OWN_TABS: Partial<Record<TracesTab, () => React.JSX.Element>> = {
  collect: CollectWizard,
  collections: CollectionsPanel,
  local: LocalBrowsePanel,
  schedules: SchedulesPanel,
};

/** The page. */
export function TracesPage() {
  const { t } = useT();
  const tab = useTracesStore((s) => s.tab);
  // Every tab but the collections' list needs the operator role (collect, browse, read logs, query, tail); the
  // schedules' list is a viewer's, changing one is not.
  const canCollect = useCan('traces', 'collect');
  const canSchedule = useCan('traces', 'saveSchedule');
  const running = useTracesStore((s) => s.collections.filter((c) => !isFinal(c.state)).length);
  const { setTab, loadMeta, loadCollections } = useTracesStore.getState();
  useEffect(() => {
    void loadMeta();
    void loadCollections();
  }, [loadMeta, loadCollections]);
  const panels: Partial<Record<TracesTab, () => React.JSX.Element>> = { ...OWN_TABS, ...TOOL_TABS };
  const tabs = (Object.keys(panels) as TracesTab[]).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const shown = panels[tab] ? tab : 'collect';
  const Panel = panels[shown]!;
  return (
    <section className="page trace-page">
      <header className="page-head">
        <h1>{t('nav.traces')}</h1>
      </header>
      <div className="tabs" role="tablist" aria-label={t('nav.traces')}>
        {tabs.map((id) => (
          <button key={id} type="button" role="tab" data-testid={`trace-tab-${id}`} aria-selected={id === shown} className={id === shown ? 'active' : undefined} onClick={() => setTab(id)}>
            {t(`traces.tab.${id}`)}
            {id === 'collections' && running > 0 ? <span className="alarm-pill trace-running-pill" title={t('traces.running', { n: running })}>{running}</span> : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" data-testid={`trace-panel-${shown}`}>
        {shown === 'collections' ? <Panel /> : <RoleGate can={shown === 'schedules' ? canSchedule : canCollect} mode={shown === 'schedules' ? 'disable' : 'hide'}><Panel /></RoleGate>}
      </div>
    </section>
  );
}

/** RTMT's order of the tree. */
const ORDER: readonly TracesTab[] = ['collect', 'collections', 'query', 'schedules', 'cores', 'local', 'remote', 'tail', 'viewer'];
