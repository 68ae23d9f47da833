/**
 * Query Wizard (RTMT Trace & Log Central, serviceability-reference.md A.6): search a string or regular expression
 * across services and nodes over the last N minutes/hours/days (on the nodes), or in a collected bundle; results
 * with node, file and line, each opening in the log viewer.
 */
import { useEffect, useMemo, useState } from 'react';
import { TRACE_RANGE_UNITS, type TraceSearchHit } from '../../../../shared/model/traces.js';
import { AsyncState } from '../../../components/AsyncState.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { useT } from '../../../i18n/useT.js';
import { sortNodes } from '../../overview/selectors.js';
import { useClustersStore } from '../../overview/clustersStore.js';
import { baseName } from '../collections/progressText.js';
import { nodeKey } from '../collect/wizardModel.js';
import { useTracesStore } from '../tracesStore.js';
import { queryProblem, useQueryStore } from './queryStore.js';
import '../traceTools.css';

/** A hit with its rank (hits of `file search` carry no line number, so two may be alike). */
type Row = TraceSearchHit & { readonly i: number };

/** The Query Wizard tab. */
export function QueryWizardPanel() {
  const { t } = useT();
  const { form, result, load, update, run, openHit, searchedBundle } = useQueryStore();
  const clusters = useClustersStore((s) => s.clusters);
  const services = useTracesStore((s) => s.services);
  const bundles = useTracesStore((s) => s.bundles);
  const [logFilter, setLogFilter] = useState('');
  useEffect(() => {
    if (clusters.length === 0) void useClustersStore.getState().loadClusters();
  }, [clusters.length]);
  // What the chosen nodes list (asked once per cluster).
  const clusterIds = [...new Set(form.nodes.map((k) => k.slice(0, k.indexOf('/'))))].join('\u0000');
  useEffect(() => {
    const traces = useTracesStore.getState();
    for (const c of clusterIds.split('\u0000').filter(Boolean)) if (!traces.servicesLoad[c]) void traces.loadServices(c);
  }, [clusterIds]);
  useEffect(() => {
    if (form.where === 'bundle' && bundles.length === 0) void useTracesStore.getState().loadBundles();
  }, [form.where, bundles.length]);
  const logs = useMemo(() => {
    const names = new Set<string>();
    for (const k of form.nodes) for (const n of [...(services[k]?.serviceLogs ?? []), ...(services[k]?.systemLogs ?? [])]) names.add(n);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [form.nodes, services]);
  const shownLogs = logFilter ? logs.filter((l) => l.toLowerCase().includes(logFilter.toLowerCase())) : logs;
  const problem = queryProblem(form);
  const toggle = <T,>(list: readonly T[], v: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v));
  const rows: Row[] = (result?.hits ?? []).map((h, i) => ({ ...h, i }));
  const columns: Column<Row>[] = [
    { id: 'node', header: t('traceTools.node'), cell: (h) => h.node, sortValue: (h) => h.node, nowrap: true },
    { id: 'file', header: t('traceTools.file'), cell: (h) => <span className="mono" title={h.path}>{searchedBundle ? h.path.slice(h.node.length + 1) : h.path}</span>, sortValue: (h) => h.path, nowrap: true },
    { id: 'line', header: t('traceTools.line'), cell: (h) => (h.line === undefined ? '–' : h.line + 1), sortValue: (h) => h.line, align: 'right' },
    { id: 'text', header: t('traceTools.query.text'), cell: (h) => <span className="query-hit-text">{h.text}</span>, className: 'cell-grow' },
    {
      id: 'open',
      header: '',
      cell: (h) => (
        <button type="button" onClick={() => void openHit(h)}>
          {t('traceTools.view')}
        </button>
      ),
    },
  ];
  return (
    <div className="panel" data-testid="query-wizard">
      <form
        className="query-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(services);
        }}
      >
        <div className="tool-bar" role="radiogroup" aria-label={t('traceTools.query.where')}>
          <label className="check">
            <input type="radio" checked={form.where === 'nodes'} onChange={() => update({ where: 'nodes' })} />
            {t('traceTools.query.onNodes')}
          </label>
          <label className="check">
            <input type="radio" checked={form.where === 'bundle'} onChange={() => update({ where: 'bundle' })} data-testid="query-where-bundle" />
            {t('traceTools.query.inBundle')}
          </label>
        </div>
        {form.where === 'nodes' ? (
          <>
            <fieldset className="trace-cluster">
              <legend>{t('traceTools.query.nodes')}</legend>
              <div className="trace-node-list">
                {clusters.flatMap((c) =>
                  sortNodes(c.nodes).map((n) => {
                    const key = nodeKey(c.id, n.name);
                    return (
                      <label key={key} className="check">
                        <input type="checkbox" checked={form.nodes.includes(key)} onChange={(e) => update({ nodes: toggle(form.nodes, key, e.target.checked) })} data-testid={`query-node-${n.name}`} />
                        {clusters.length > 1 ? `${c.name} / ${n.name}` : n.name}
                      </label>
                    );
                  }),
                )}
              </div>
            </fieldset>
            <fieldset className="trace-cluster">
              <legend>
                {t('traceTools.query.logs', { n: form.logs.length })}{' '}
                <input value={logFilter} onChange={(e) => setLogFilter(e.target.value)} placeholder={t('traceTools.query.filterLogs')} aria-label={t('traceTools.query.filterLogs')} />
              </legend>
              {logs.length === 0 ? <span className="muted">{t('traceTools.query.chooseNodesFirst')}</span> : null}
              <div className="query-services">
                {shownLogs.map((l) => (
                  <label key={l} className="check query-log">
                    <input type="checkbox" checked={form.logs.includes(l)} onChange={(e) => update({ logs: toggle(form.logs, l, e.target.checked) })} />
                    <span>{l}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="tool-bar">
              <label className="inline-field">
                {t('traceTools.query.last')}
                <input type="number" min={1} value={form.amount} onChange={(e) => update({ amount: Number(e.target.value) })} />
              </label>
              <select value={form.unit} onChange={(e) => update({ unit: e.target.value as (typeof TRACE_RANGE_UNITS)[number] })} aria-label={t('traceTools.query.unit')}>
                {TRACE_RANGE_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`traceTools.unit.${u}`)}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : (
          <div className="tool-bar">
            <label className="inline-field tool-grow">
              {t('traceTools.query.bundle')}
              <select value={form.bundlePath} onChange={(e) => update({ bundlePath: e.target.value })} data-testid="query-bundle">
                <option value="">{bundles.length === 0 ? t('traceTools.query.noBundles') : '—'}</option>
                {bundles
                  .filter((b) => !b.problem)
                  .map((b) => (
                    <option key={b.path} value={b.path}>
                      {baseName(b.path)}
                    </option>
                  ))}
              </select>
            </label>
          </div>
        )}
        <div className="tool-bar">
          <label className="inline-field tool-grow">
            {t('traceTools.query.pattern')}
            <input value={form.pattern} onChange={(e) => update({ pattern: e.target.value })} data-testid="query-pattern" />
          </label>
          <label className="check">
            <input type="checkbox" checked={form.regex} onChange={(e) => update({ regex: e.target.checked })} />
            {t('traceTools.regex')}
          </label>
          <label className="check">
            <input type="checkbox" checked={form.ignoreCase} onChange={(e) => update({ ignoreCase: e.target.checked })} />
            {t('traceTools.ignoreCase')}
          </label>
          <button type="submit" className="primary" disabled={problem !== undefined || load.kind === 'loading'} data-testid="query-run">
            {t('traceTools.query.run')}
          </button>
          {problem ? <span className="hint">{t(problem)}</span> : null}
        </div>
      </form>
      {load.kind !== 'idle' ? (
        <AsyncState state={load} empty={!result || result.hits.length === 0} emptyText={t('traceTools.query.noHits')} onRetry={() => void run(services)}>
          <p className="muted" role="status">
            {t('traceTools.query.hits', { n: result?.hits.length ?? 0 })}
            {result?.truncated ? ` · ${t('traceTools.query.truncated')}` : ''}
          </p>
          <DataTable rows={rows} columns={columns} rowKey={(h) => String(h.i)} onActivate={(h) => void openHit(h)} label={t('traces.tab.query')} testId="query-results" />
        </AsyncState>
      ) : null}
      {result && result.errors.length > 0 ? (
        <div className="banner banner-error" role="alert">
          {result.errors.map((e) => (
            <div key={e.node}>
              <b>{e.node}</b>: <span className="error-code">{e.error.code}</span> {e.error.message}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
