/**
 * RTMT System > Performance: the counter browser per node, charts and tables of counters, the range, zoom
 * reset (R key), and saved layouts (serviceability-reference.md A.2).
 */
import { useEffect, useState } from 'react';
import { useSelectedNode } from '../../app/selection.js';
import { ErrorBanner } from '../../components/AsyncState.js';
import { useT } from '../../i18n/useT.js';
import { NodePicker } from '../server/ServerPage.js';
import { CounterBrowser } from './CounterBrowser.js';
import { RANGES_MS, type RangeName } from './perfLimits.js';
import { PerfPanelView } from './PerfPanelView.js';
import { usePerfStore } from './perfStore.js';
import { useCan } from '../../app/useCan.js';
import { gate } from '../access/gate.js';

/** The Performance page. */
export function PerfPage() {
  const { t } = useT();
  const { cluster, node, nodes } = useSelectedNode();
  const { panels, range, layouts, loadedLayout, actionError, setRange, resetZoom, saveLayout, loadLayouts, applyLayout, deleteLayout } = usePerfStore();
  const [layoutName, setLayoutName] = useState('');
  const canSave = useCan('perf', 'saveLayout');
  const canDelete = useCan('perf', 'deleteLayout');
  useEffect(() => {
    void loadLayouts();
  }, [loadLayouts]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if ((e.key === 'r' || e.key === 'R') && !e.ctrlKey && !e.metaKey && target?.tagName !== 'INPUT' && target?.tagName !== 'TEXTAREA') void resetZoom();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [resetZoom]);
  return (
    <section className="page perf-page">
      <div className="page-head">
        <h1>{t('nav.performance')}</h1>
        <NodePicker names={nodes.map((n) => n.name)} value={node?.name} />
        <label className="inline-field">
          {t('perf.range')}
          <select data-testid="perf-range" value={range} onChange={(e) => void setRange(e.target.value as RangeName)}>
            {(Object.keys(RANGES_MS) as RangeName[]).map((r) => (
              <option key={r} value={r}>
                {t(`perf.rangeName.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void resetZoom()} disabled={!panels.some((p) => p.zoom)} data-testid="perf-reset-zoom">
          {t('perf.resetZoom')}
        </button>
        <label className="inline-field">
          {t('perf.layoutName')}
          <input data-testid="layout-name" value={layoutName} onChange={(e) => setLayoutName(e.target.value)} maxLength={80} disabled={!canSave.allowed} title={canSave.reason} />
        </label>
        <button type="button" data-testid="save-layout" {...gate(canSave, !layoutName.trim() || panels.length === 0)} onClick={() => void saveLayout(layoutName.trim())}>
          {t('perf.saveLayout')}
        </button>
        <button type="button" data-testid="delete-layout" {...gate(canDelete, !layouts.some((l) => l.name === layoutName.trim()))} onClick={() => void deleteLayout(layoutName.trim())}>
          {t('perf.deleteLayout')}
        </button>
        <label className="inline-field">
          {t('perf.loadLayout')}
          <select
            data-testid="load-layout"
            value={loadedLayout !== undefined && layouts.some((l) => l.name === loadedLayout) ? loadedLayout : ''}
            onChange={(e) => {
              const layout = layouts.find((l) => l.name === e.target.value);
              if (!layout) return;
              // The name field shows the layout in use: Save overwrites it, Delete removes it.
              setLayoutName(layout.name);
              void applyLayout(layout);
            }}
          >
            <option value="">—</option>
            {layouts.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={actionError} />
      <p className="hint">{t('perf.zoomHint')}</p>
      <div className="perf-layout">
        <aside className="panel">{cluster && node ? <CounterBrowser cluster={cluster.id} node={node.name} /> : null}</aside>
        <div className="perf-panels">
          {panels.length === 0 ? <div className="state state-empty">{t('perf.noCharts')}</div> : panels.map((p) => <PerfPanelView key={p.id} panel={p} />)}
        </div>
      </div>
    </section>
  );
}
