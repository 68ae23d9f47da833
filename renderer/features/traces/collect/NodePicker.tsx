/**
 * Nodes of one or several clusters, as checkboxes per cluster with "all nodes of the cluster"; a node whose
 * service listing failed says why (failures are data).
 */
import type { ClusterSummary } from '../../../../shared/model/cluster.js';
import type { NodeTraceServices } from '../../../../shared/model/traces.js';
import { useT } from '../../../i18n/useT.js';
import { sortNodes } from '../../overview/selectors.js';
import { nodeKey, type NodeKey } from './wizardModel.js';
import { clusterLabel } from '../../../app/clusterLabel.js';

export interface NodePickerProps {
  readonly clusters: readonly ClusterSummary[];
  readonly selected: readonly NodeKey[];
  readonly services: Readonly<Record<NodeKey, NodeTraceServices>>;
  readonly listing: (cluster: string) => boolean;
  readonly onChange: (selected: NodeKey[]) => void;
}

/** The node checkboxes. */
export function NodePicker({ clusters, selected, services, listing, onChange }: NodePickerProps) {
  const { t } = useT();
  if (clusters.length === 0) return <div className="state state-empty">{t('traces.nodes.none')}</div>;
  const set = new Set(selected);
  const toggle = (keys: readonly NodeKey[], on: boolean): void => {
    const next = selected.filter((k) => on || !keys.includes(k));
    if (on) for (const k of keys) if (!set.has(k)) next.push(k);
    onChange(next);
  };
  return (
    <div className="trace-node-picker">
      {clusters.map((c) => {
        const keys = sortNodes(c.nodes).map((n) => nodeKey(c.id, n.name));
        const all = keys.length > 0 && keys.every((k) => set.has(k));
        return (
          <fieldset key={c.id} className="trace-cluster" data-testid={`trace-cluster-${c.id}`}>
            <legend>
              <label className="check">
                <input type="checkbox" checked={all} onChange={(e) => toggle(keys, e.target.checked)} />
                {t('traces.nodes.all', { cluster: clusterLabel(c, t) })}
              </label>
              {listing(c.id) ? <span className="hint">{t('traces.nodes.listing')}</span> : null}
            </legend>
            <div className="trace-node-list">
              {sortNodes(c.nodes).map((n) => {
                const key = nodeKey(c.id, n.name);
                const s = services[key];
                return (
                  <label key={key} className="check trace-node" title={s?.error ? `${s.error.code}: ${s.error.message}` : n.host}>
                    <input type="checkbox" data-testid={`trace-node-${n.name}`} checked={set.has(key)} onChange={(e) => toggle([key], e.target.checked)} />
                    <span className="trace-node-name">{n.name}</span>
                    <span className="tag">{t(`role.${n.role}`)}</span>
                    {s?.error ? <span className="tag tag-bad">{s.error.code}</span> : null}
                  </label>
                );
              })}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
