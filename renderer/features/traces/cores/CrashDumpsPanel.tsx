/**
 * Collect Crash Dump (RTMT Trace & Log Central, serviceability-reference.md A.6): a node's core files with size
 * and date, the process each is of and the services whose traces go with it; chosen cores are collected with those
 * traces (an hour before to a quarter of an hour after the crash) as one bundle.
 */
import { useCallback } from 'react';
import type { CoreDumpInfo } from '../../../../shared/model/traces.js';
import { formatDateTime } from '../../../app/format.js';
import { AsyncState, ErrorBanner } from '../../../components/AsyncState.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { useT } from '../../../i18n/useT.js';
import { formatBytes } from '../collections/progressText.js';
import { nodeKey } from '../collect/wizardModel.js';
import { NodeSelect, type NodeRef } from '../remote/NodeSelect.js';
import { useTracesStore } from '../tracesStore.js';
import { coreProcess, matchingServices } from './coreTraceMatch.js';
import { useCoresStore } from './coresStore.js';
import '../traceTools.css';

/** The Crash Dumps tab. */
export function CrashDumpsPanel() {
  const { t, locale } = useT();
  const { target, cores, load, selected, unplaced, elsewhere, setTarget, refresh, toggle, collect } = useCoresStore();
  const services = useTracesStore((s) => (target ? s.services[nodeKey(target.cluster, target.node)] : undefined));
  const starting = useTracesStore((s) => s.starting);
  const actionError = useTracesStore((s) => s.actionError);
  const onTarget = useCallback((ref: NodeRef) => {
    setTarget(ref);
    const traces = useTracesStore.getState();
    if (!traces.services[nodeKey(ref.cluster, ref.node)] && traces.servicesLoad[ref.cluster]?.kind !== 'loading') void traces.loadServices(ref.cluster);
  }, [setTarget]);
  const chosen = new Set(selected);
  const columns: Column<CoreDumpInfo>[] = [
    { id: 'pick', header: '', cell: (c) => <input type="checkbox" aria-label={t('traceTools.remote.pick', { name: c.name })} checked={chosen.has(c.name)} onChange={(e) => toggle(c.name, e.target.checked)} data-testid={`core-${c.name}`} /> },
    { id: 'name', header: t('traceTools.name'), cell: (c) => <span className="mono" title={c.path ?? t('traceTools.cores.noPath')}>{c.name}</span>, sortValue: (c) => c.name },
    { id: 'process', header: t('traceTools.cores.process'), cell: (c) => coreProcess(c.name) ?? '–', sortValue: (c) => coreProcess(c.name) },
    { id: 'traces', header: t('traceTools.cores.traces'), cell: (c) => matchingServices(c, services?.serviceLogs ?? []).join(', ') || '–', className: 'cell-grow' },
    { id: 'size', header: t('traceTools.size'), cell: (c) => formatBytes(c.size), sortValue: (c) => c.size, align: 'right', nowrap: true },
    { id: 'date', header: t('traceTools.modified'), cell: (c) => formatDateTime(c.modifiedMs, locale), sortValue: (c) => c.modifiedMs, nowrap: true },
  ];
  return (
    <div className="panel" data-testid="crash-dumps">
      <div className="tool-bar">
        <NodeSelect value={target} onChange={onTarget} testId="cores-node" />
        <button type="button" onClick={() => void refresh()} disabled={!target}>
          {t('traceTools.refresh')}
        </button>
      </div>
      <ErrorBanner error={actionError} />
      <AsyncState state={load} empty={cores.length === 0} emptyText={t('traceTools.cores.none')} onRetry={() => void refresh()}>
        <DataTable rows={cores} columns={columns} rowKey={(c) => c.name} label={t('traces.tab.cores')} initialSort={{ column: 'date', direction: 'desc' }} testId="cores-table" />
      </AsyncState>
      {cores.length === 0 && elsewhere.length > 0 ? (
        <div className="tool-bar" data-testid="cores-elsewhere">
          <span>{t('traceTools.cores.elsewhere')}</span>
          {elsewhere.map((o) => (
            <button key={`${o.cluster}/${o.node}`} type="button" className="link-button" onClick={() => onTarget(o)}>
              {t('traceTools.cores.elsewhereNode', { node: o.node, n: o.count })}
            </button>
          ))}
        </div>
      ) : null}
      <div className="cores-actions">
        <button type="button" className="primary" disabled={selected.length === 0 || starting} onClick={() => void collect()} data-testid="cores-collect">
          {t('traceTools.cores.collect', { n: selected.length })}
        </button>
        <span className="hint">{t('traceTools.cores.window')}</span>
        {unplaced.length > 0 ? <span className="tag tag-warn">{t('traceTools.cores.unplaced', { names: unplaced.join(', ') })}</span> : null}
      </div>
    </div>
  );
}
