/** One node of one cluster, chosen from the clusters the collector knows (Remote Browse, Real Time Trace, Crash Dumps). */
import { useEffect } from 'react';
import { useT } from '../../../i18n/useT.js';
import { sortNodes } from '../../overview/selectors.js';
import { useClustersStore } from '../../overview/clustersStore.js';

export interface NodeRef {
  readonly cluster: string;
  readonly node: string;
}

/** A select of `cluster / node`; picks the first node when none is chosen yet. */
export function NodeSelect({ value, onChange, testId }: { readonly value?: NodeRef; readonly onChange: (ref: NodeRef) => void; readonly testId?: string }) {
  const { t } = useT();
  const clusters = useClustersStore((s) => s.clusters);
  const loadClusters = useClustersStore((s) => s.loadClusters);
  useEffect(() => {
    if (clusters.length === 0) void loadClusters();
  }, [clusters.length, loadClusters]);
  const options = clusters.flatMap((c) => sortNodes(c.nodes).map((n) => ({ cluster: c.id, clusterName: c.name, node: n.name, role: n.role })));
  const first = options[0];
  useEffect(() => {
    if (!value && first) onChange({ cluster: first.cluster, node: first.node });
  }, [value, first, onChange]);
  const key = value ? `${value.cluster}\u0000${value.node}` : '';
  return (
    <label className="inline-field">
      {t('traceTools.node')}
      <select
        data-testid={testId}
        value={key}
        onChange={(e) => {
          const [cluster, node] = e.target.value.split('\u0000') as [string, string];
          onChange({ cluster, node });
        }}
      >
        {options.length === 0 ? <option value="">{t('traceTools.noNodes')}</option> : null}
        {options.map((o) => (
          <option key={`${o.cluster}\u0000${o.node}`} value={`${o.cluster}\u0000${o.node}`}>
            {clusters.length > 1 ? `${o.clusterName} / ${o.node}` : o.node}
          </option>
        ))}
      </select>
    </label>
  );
}
