/**
 * Remote Browse (RTMT Trace & Log Central, serviceability-reference.md A.6): a node's active log tree, folder by
 * folder, with size and date; view a file in the log viewer, follow it live, or download chosen files as a bundle.
 */
import { useCallback } from 'react';
import type { RemoteLogEntry } from '../../../../shared/model/traces.js';
import { formatDateTime } from '../../../app/format.js';
import { AsyncState, ErrorBanner } from '../../../components/AsyncState.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { useT } from '../../../i18n/useT.js';
import { formatBytes } from '../collections/progressText.js';
import { useTracesStore } from '../tracesStore.js';
import { useTailStore } from '../tail/tailStore.js';
import { openInViewer } from '../viewer/viewerStore.js';
import { NodeSelect, type NodeRef } from './NodeSelect.js';
import { crumbs, parentDir, useRemoteStore } from './remoteStore.js';
import '../traceTools.css';

/** The Remote Browse tab. */
export function RemoteBrowsePanel() {
  const { t, locale } = useT();
  const { target, dir, entries, load, selected, setTarget, browse, toggle, download } = useRemoteStore();
  const starting = useTracesStore((s) => s.starting);
  const actionError = useTracesStore((s) => s.actionError);
  const onTarget = useCallback((ref: NodeRef) => setTarget(ref), [setTarget]);
  const chosen = new Set(selected);
  const columns: Column<RemoteLogEntry>[] = [
    {
      id: 'pick',
      header: '',
      cell: (e) => (e.kind === 'file' ? <input type="checkbox" aria-label={t('traceTools.remote.pick', { name: e.name })} checked={chosen.has(e.path)} onChange={(ev) => toggle(e.path, ev.target.checked)} /> : null),
    },
    {
      id: 'name',
      header: t('traceTools.name'),
      cell: (e) =>
        e.kind === 'directory' ? (
          <button type="button" className="link-button" data-testid={`remote-dir-${e.name}`} onClick={() => void browse(e.path)}>
            📁 {e.name}/
          </button>
        ) : (
          <span className="mono">{e.name}</span>
        ),
      sortValue: (e) => `${e.kind === 'directory' ? 0 : 1}${e.name}`,
      className: 'cell-grow',
    },
    { id: 'size', header: t('traceTools.size'), cell: (e) => (e.kind === 'file' ? formatBytes(e.size) : ''), sortValue: (e) => e.size, align: 'right', nowrap: true },
    { id: 'date', header: t('traceTools.modified'), cell: (e) => formatDateTime(e.modifiedMs, locale), sortValue: (e) => e.modifiedMs, nowrap: true },
    {
      id: 'actions',
      header: '',
      cell: (e) =>
        e.kind === 'file' && target ? (
          <span className="row-actions">
            <button type="button" data-testid={`remote-view-${e.name}`} onClick={() => void openInViewer({ kind: 'remote', cluster: target.cluster, node: target.node, path: e.path })}>
              {t('traceTools.view')}
            </button>
            <button type="button" disabled={starting} onClick={() => void download([e.path])}>
              {t('traceTools.download')}
            </button>
            {!e.name.toLowerCase().endsWith('.gz') ? (
              <button type="button" onClick={() => useTailStore.getState().follow(target, e.path)}>
                {t('traceTools.remote.follow')}
              </button>
            ) : null}
          </span>
        ) : null,
    },
  ];
  return (
    <div className="panel" data-testid="remote-browse">
      <div className="tool-bar">
        <NodeSelect value={target} onChange={onTarget} testId="remote-node" />
        <nav className="remote-path" aria-label={t('traceTools.remote.path')}>
          {crumbs(dir).map(([label, path], i) => (
            <span key={path}>
              {i > 1 ? '/' : ''}
              <button type="button" onClick={() => void browse(path)}>
                {label}
              </button>
            </span>
          ))}
        </nav>
        <button type="button" disabled={dir === '/'} onClick={() => void browse(parentDir(dir))}>
          ↑ {t('traceTools.remote.up')}
        </button>
        <button type="button" onClick={() => void browse(dir)}>
          {t('traceTools.refresh')}
        </button>
        <button type="button" className="primary" disabled={selected.length === 0 || starting} onClick={() => void download()}>
          {t('traceTools.remote.downloadChosen', { n: selected.length })}
        </button>
      </div>
      <ErrorBanner error={actionError} />
      <AsyncState state={load} empty={entries.length === 0} emptyText={t('traceTools.remote.emptyDir')} onRetry={() => void browse(dir)}>
        <DataTable rows={entries} columns={columns} rowKey={(e) => e.path} label={t('traces.tab.remote')} testId="remote-table" />
      </AsyncState>
    </div>
  );
}
