/**
 * The perfmon tree of a node (RTMT Open Performance Monitoring): objects, their counters with descriptions,
 * instances of multi-instance objects, and the buttons that add the selection to a chart or a table.
 */
import { useEffect, useState } from 'react';
import type { PerfObjectInfo, SeriesRef } from '../../../shared/model/views.js';
import { AsyncState } from '../../components/AsyncState.js';
import { nextRowIndex } from '../../components/sortRows.js';
import { useT } from '../../i18n/useT.js';
import { panelHeading } from './panelTitle.js';
import { descriptionKey, usePerfStore } from './perfStore.js';

/** Pause before a shown counter's description is asked for, ms. */
const DESCRIPTION_DELAY_MS = 300;

/** Props of CounterBrowser. */
export interface CounterBrowserProps {
  readonly cluster: string;
  readonly node: string;
}

/** Renders the browser. */
export function CounterBrowser({ cluster, node }: CounterBrowserProps) {
  const { t } = useT();
  const { objects, objectsLoad, instances, panels, descriptions, loadObjects, loadInstances, addSeries, loadDescription } = usePerfStore();
  const [objectName, setObjectName] = useState<string>();
  const [counterName, setCounterName] = useState<string>();
  const [chosen, setChosen] = useState<readonly string[]>([]);
  useEffect(() => {
    void loadObjects(cluster, node);
    setObjectName(undefined);
    setCounterName(undefined);
  }, [cluster, node, loadObjects]);
  const object: PerfObjectInfo | undefined = objects.find((o) => o.name === objectName);
  const counter = object?.counters.find((c) => c.name === counterName);
  const objectInstances = objectName ? instances[objectName] : undefined;
  // The description is fetched when a counter is first shown (once per node and counter; the backend caches it),
  // after a short pause so that arrowing through the list does not spend the node's SOAP budget on each row.
  useEffect(() => {
    if (!object || !counter) return undefined;
    const timer = setTimeout(() => void loadDescription(cluster, node, object.name, counter.name), DESCRIPTION_DELAY_MS);
    return () => clearTimeout(timer);
  }, [cluster, node, object, counter, loadDescription]);
  const description = object && counter ? descriptions[descriptionKey(cluster, node, object.name, counter.name)] : undefined;
  useEffect(() => {
    if (object?.multiInstance) void loadInstances(cluster, node, object.name);
    setChosen([]);
  }, [object?.name, object?.multiInstance, cluster, node, loadInstances]);

  const refs = (): SeriesRef[] => {
    if (!object || !counter) return [];
    const list = object.multiInstance ? (chosen.length ? chosen : (objectInstances ?? []).slice(0, 1)) : [''];
    return list.map((instance) => ({ cluster, node, object: object.name, instance, counter: counter.name }));
  };
  const add = async (target: Parameters<typeof addSeries>[1]) => {
    const list = refs();
    const [first, ...rest] = list;
    if (!first) return;
    await addSeries(first, target);
    const panelId = 'panelId' in target ? target.panelId : usePerfStore.getState().panels.at(-1)?.id;
    if (panelId) for (const r of rest) await addSeries(r, { panelId });
  };

  return (
    <div className="counter-browser">
      <AsyncState state={objectsLoad} empty={objects.length === 0} onRetry={() => void loadObjects(cluster, node)}>
        <ListBox label={t('perf.objects')} items={objects.map((o) => o.name)} value={objectName} onChange={(v) => { setObjectName(v); setCounterName(undefined); }} testId="perf-objects" />
        {object ? <ListBox label={t('perf.counters')} items={object.counters.map((c) => c.name)} value={counterName} onChange={setCounterName} testId="perf-counters" /> : null}
        {object?.multiInstance ? (
          <fieldset className="instances">
            <legend>{t('perf.instances')}</legend>
            {(objectInstances ?? []).map((i) => (
              <label key={i}>
                <input type="checkbox" checked={chosen.includes(i)} onChange={(e) => setChosen(e.target.checked ? [...chosen, i] : chosen.filter((x) => x !== i))} />
                {i}
              </label>
            ))}
          </fieldset>
        ) : null}
        {counter ? (
          <div className="counter-help">
            <h3>{t('perf.description')}</h3>
            <p data-testid="counter-description" className={description?.error ? 'hint' : undefined} aria-busy={description?.loading === true}>
              {counter.description ||
                description?.text ||
                (description?.error ? t('perf.descriptionUnavailable', { reason: description.error.message }) : description === undefined || description.loading ? t('state.loading') : t('common.none'))}
            </p>
            <div className="button-column">
              <button type="button" className="primary" data-testid="add-chart" onClick={() => void add({ newPanel: 'chart', title: `${object?.name}\\${counter.name}` })}>
                {t('perf.addChart')}
              </button>
              {panels.map((p) => (
                <button type="button" key={p.id} onClick={() => void add({ panelId: p.id })}>
                  {t('perf.addTo', { title: panelHeading(p.title, p.series) })}
                </button>
              ))}
              <button type="button" onClick={() => void add({ newPanel: 'table', title: `${object?.name}\\${counter.name}` })}>
                {t('perf.addTable')}
              </button>
            </div>
          </div>
        ) : null}
      </AsyncState>
    </div>
  );
}

/** A keyboard-navigable single-choice list (arrow keys move and select). */
export function ListBox({ label, items, value, onChange, testId }: { readonly label: string; readonly items: readonly string[]; readonly value?: string; readonly onChange: (v: string) => void; readonly testId?: string }) {
  const index = value === undefined ? -1 : items.indexOf(value);
  return (
    <div className="listbox-wrap">
      <div className="listbox-label">{label}</div>
      <ul
        className="listbox"
        role="listbox"
        aria-label={label}
        tabIndex={0}
        data-testid={testId}
        onKeyDown={(e) => {
          const next = nextRowIndex(Math.max(0, index), e.key, items.length);
          const item = items[index < 0 && e.key === 'ArrowDown' ? 0 : next];
          if (item !== undefined && (next !== index || index < 0) && e.key !== 'Tab') {
            e.preventDefault();
            onChange(item);
          }
        }}
      >
        {items.map((item) => (
          <li key={item} role="option" title={item} aria-selected={item === value} className={item === value ? 'selected' : undefined} onClick={() => onChange(item)}>
            {item}
          </li>
        ))}
      </ul>
    </div>
  );
}
