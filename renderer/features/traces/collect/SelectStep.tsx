/** Step 1 of Collect Files: a preset (guide Table 44), the nodes, and the services of each group. */
import { useState } from 'react';
import type { ClusterSummary } from '../../../../shared/model/cluster.js';
import type { NodeTraceServices, TracePreset } from '../../../../shared/model/traces.js';
import { useT } from '../../../i18n/useT.js';
import { NodePicker } from './NodePicker.js';
import { ServicePicker } from './ServicePicker.js';
import { applyPreset, EMPTY_PICK, splitNodeKey, type NodeKey, type WizardState } from './wizardModel.js';
import { presetTitle } from './presetText.js';

export interface SelectStepProps {
  readonly wizard: WizardState;
  readonly clusters: readonly ClusterSummary[];
  readonly services: Readonly<Record<NodeKey, NodeTraceServices>>;
  readonly presets: readonly TracePreset[];
  readonly listing: (cluster: string) => boolean;
  readonly update: (w: WizardState) => void;
}

/** The selection step. */
export function SelectStep({ wizard, clusters, services, presets, listing, update }: SelectStepProps) {
  const { t, locale } = useT();
  const [missing, setMissing] = useState<string[]>([]);
  const [shownNode, setShownNode] = useState<NodeKey>();
  const failed = wizard.nodes.filter((k) => services[k]?.error);
  const perNodeKey = shownNode && wizard.nodes.includes(shownNode) ? shownNode : wizard.nodes[0];
  const choosePreset = (id: string): void => {
    const preset = presets.find((p) => p.id === id);
    if (!preset) {
      update({ ...wizard, presetId: undefined, extras: [] });
      setMissing([]);
      return;
    }
    const r = applyPreset(wizard, preset, services);
    update(r.state);
    setMissing(r.missing);
  };
  return (
    <div className="trace-step" data-testid="trace-step-select">
      <section className="trace-section">
        <h3>{t('traces.nodes')}</h3>
        <NodePicker clusters={clusters} selected={wizard.nodes} services={services} listing={listing} onChange={(nodes) => update({ ...wizard, nodes })} />
        {failed.map((k) => (
          <div key={k} className="banner banner-error" role="alert">
            {t('traces.nodes.listFailed', { node: splitNodeKey(k).node, code: services[k]!.error!.code, message: services[k]!.error!.message })}
          </div>
        ))}
      </section>
      <section className="trace-section">
        <div className="trace-row">
          <label className="inline-field">
            {t('traces.preset')}
            <select data-testid="trace-preset" value={wizard.presetId ?? ''} disabled={wizard.nodes.length === 0} onChange={(e) => choosePreset(e.target.value)}>
              <option value="">{t('traces.preset.none')}</option>
              {presets.map((p) => (
                <option key={p.id} value={p.id} title={p.guideRef}>
                  {presetTitle(p, locale)}
                </option>
              ))}
            </select>
          </label>
          <span className="hint">{wizard.nodes.length === 0 ? t('traces.preset.needNodes') : t('traces.preset.hint')}</span>
        </div>
        {missing.length > 0 ? <div className="note">{t('traces.preset.missing', { names: missing.join(', ') })}</div> : null}
        <div className="trace-row" role="radiogroup">
          <label className="check">
            <input type="radio" name="trace-mode" checked={wizard.sameForAll} onChange={() => update({ ...wizard, sameForAll: true })} />
            {t('traces.mode.same')}
          </label>
          <label className="check">
            <input type="radio" name="trace-mode" data-testid="trace-mode-per-node" checked={!wizard.sameForAll} onChange={() => update({ ...wizard, sameForAll: false, perNode: seedPerNode(wizard, services) })} />
            {t('traces.mode.perNode')}
          </label>
        </div>
        {wizard.sameForAll ? (
          <ServicePicker nodes={wizard.nodes} services={services} pick={wizard.common} onChange={(common) => update({ ...wizard, common })} />
        ) : perNodeKey ? (
          <>
            <div className="tabs trace-node-tabs" role="tablist" aria-label={t('traces.mode.perNodeFor')}>
              {wizard.nodes.map((k) => {
                const p = wizard.perNode[k] ?? EMPTY_PICK;
                const n = p.serviceLogs.length + p.systemLogs.length;
                return (
                  <button key={k} type="button" role="tab" aria-selected={k === perNodeKey} className={k === perNodeKey ? 'active' : undefined} onClick={() => setShownNode(k)}>
                    {splitNodeKey(k).node} {n > 0 ? <span className="tag">{n}</span> : null}
                  </button>
                );
              })}
            </div>
            <ServicePicker nodes={[perNodeKey]} services={services} pick={wizard.perNode[perNodeKey] ?? EMPTY_PICK} onChange={(p) => update({ ...wizard, perNode: { ...wizard.perNode, [perNodeKey]: p } })} />
          </>
        ) : null}
      </section>
    </div>
  );
}

/** Switching to per node starts each node from the common pick narrowed to what it lists. */
function seedPerNode(w: WizardState, services: Readonly<Record<NodeKey, NodeTraceServices>>): WizardState['perNode'] {
  const out: Record<NodeKey, WizardState['common']> = { ...w.perNode };
  for (const k of w.nodes) {
    if (out[k]) continue;
    const s = services[k];
    out[k] = s && !s.error ? { serviceLogs: w.common.serviceLogs.filter((n) => s.serviceLogs.includes(n)), systemLogs: w.common.systemLogs.filter((n) => s.systemLogs.includes(n)) } : EMPTY_PICK;
  }
  return out;
}
