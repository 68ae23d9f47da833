/**
 * The service and system log checkboxes in RTMT's three groups (system services, IM and Presence services, system
 * logs), each with "select all". With the same choice for every node, a name that only some selected nodes list
 * says on how many; per node, a node tab strip picks whose list is shown.
 */
import type { NodeTraceServices, TraceServiceGroup } from '../../../../shared/model/traces.js';
import { useT } from '../../../i18n/useT.js';
import { offeredNames, picked, splitNodeKey, togglePick, type NodeKey, type NodePick, type OfferedName } from './wizardModel.js';

const GROUPS: readonly TraceServiceGroup[] = ['imp', 'system', 'systemLog'];

export interface ServicePickerProps {
  /** The nodes whose listings are offered (all selected ones, or the one shown per node). */
  readonly nodes: readonly NodeKey[];
  readonly services: Readonly<Record<NodeKey, NodeTraceServices>>;
  readonly pick: NodePick;
  readonly onChange: (pick: NodePick) => void;
}

/** The three group boxes. */
export function ServicePicker({ nodes, services, pick, onChange }: ServicePickerProps) {
  const { t } = useT();
  const offered = offeredNames(nodes, services);
  const listed = nodes.filter((k) => services[k] && !services[k]!.error).length;
  return (
    <div className="trace-groups">
      {GROUPS.map((g) => (
        <GroupBox key={g} group={g} names={offered[g]} total={listed} pick={pick} onChange={onChange} title={t(`traces.group.${g}`)} empty={nodes.length === 0 ? t('traces.group.pickNodes') : t('traces.group.empty')} />
      ))}
    </div>
  );
}

function GroupBox({ group, names, total, pick, onChange, title, empty }: { readonly group: TraceServiceGroup; readonly names: readonly OfferedName[]; readonly total: number; readonly pick: NodePick; readonly onChange: (p: NodePick) => void; readonly title: string; readonly empty: string }) {
  const { t } = useT();
  const system = group === 'systemLog';
  const all = names.length > 0 && names.every((n) => picked(pick, n.name, system));
  const count = names.filter((n) => picked(pick, n.name, system)).length;
  return (
    <fieldset className="trace-group" data-testid={`trace-group-${group}`}>
      <legend>
        {title} <span className="hint">{count > 0 ? `${count}/${names.length}` : ''}</span>
      </legend>
      {names.length === 0 ? (
        <span className="hint">{empty}</span>
      ) : (
        <>
          <label className="check trace-select-all">
            <input type="checkbox" checked={all} onChange={(e) => onChange(togglePick(pick, names.map((n) => n.name), system, e.target.checked))} />
            {t('traces.group.selectAll')}
          </label>
          <div className="trace-service-list">
            {names.map((n) => (
              <label key={n.name} className="check trace-service" title={n.nodes.map((k) => splitNodeKey(k).node).join(', ')}>
                <input type="checkbox" data-testid={`trace-service-${n.name}`} checked={picked(pick, n.name, system)} onChange={(e) => onChange(togglePick(pick, [n.name], system, e.target.checked))} />
                <span className="trace-service-name">{n.name}</span>
                {total > 1 && n.nodes.length < total ? <span className="hint nowrap">{t('traces.onNodes', { n: n.nodes.length, total })}</span> : null}
              </label>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}
