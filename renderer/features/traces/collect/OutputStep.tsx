/**
 * Step 3 of Collect Files: zip or tar.gz, the destination folder (on the machine the app's core runs on), a name,
 * pseudonymisation, the diagnostics a preset adds, and a summary of what will be asked of which node.
 */
import { TRACE_ARCHIVE_FORMATS, TRACE_EXTRAS, type NodeTraceServices, type TraceExtra } from '../../../../shared/model/traces.js';
import { useT } from '../../../i18n/useT.js';
import { effectivePick, splitNodeKey, type NodeKey, type WizardState } from './wizardModel.js';

export interface OutputStepProps {
  readonly wizard: WizardState;
  readonly services: Readonly<Record<NodeKey, NodeTraceServices>>;
  readonly defaultOutDir?: string;
  readonly update: (w: WizardState) => void;
}

/** The output step. */
export function OutputStep({ wizard, services, defaultOutDir, update }: OutputStepProps) {
  const { t } = useT();
  const toggleExtra = (x: TraceExtra, on: boolean): void => update({ ...wizard, extras: on ? [...new Set([...wizard.extras, x])] : wizard.extras.filter((e) => e !== x) });
  const r = wizard.range;
  return (
    <div className="trace-step" data-testid="trace-step-output">
      <section className="trace-section trace-form">
        <div className="form-field">
          <span>{t('traces.archive')}</span>
          <div className="trace-row" role="radiogroup" aria-label={t('traces.archive')}>
            {TRACE_ARCHIVE_FORMATS.map((f) => (
              <label key={f} className="check">
                <input type="radio" name="trace-archive" data-testid={`trace-archive-${f}`} checked={wizard.archive === f} onChange={() => update({ ...wizard, archive: f })} />
                {f}
              </label>
            ))}
          </div>
        </div>
        <label className="form-field">
          <span>{t('traces.outDir')}</span>
          <span className="trace-field-col">
            <input type="text" className="trace-path-input" data-testid="trace-outdir" value={wizard.outDir} placeholder={defaultOutDir} spellCheck={false} onChange={(e) => update({ ...wizard, outDir: e.target.value })} />
            {defaultOutDir ? <span className="hint trace-ellipsis" title={defaultOutDir}>{t('traces.outDir.default', { dir: defaultOutDir })}</span> : null}
          </span>
        </label>
        <label className="form-field">
          <span>{t('traces.label')}</span>
          <span className="trace-field-col">
            <input type="text" maxLength={80} data-testid="trace-label" value={wizard.label} onChange={(e) => update({ ...wizard, label: e.target.value })} />
            <span className="hint">{t('traces.label.hint')}</span>
          </span>
        </label>
        <div className="form-field">
          <span />
          <span className="trace-field-col">
            <label className="check">
              <input type="checkbox" data-testid="trace-pseudonymize" checked={wizard.pseudonymize} onChange={(e) => update({ ...wizard, pseudonymize: e.target.checked })} />
              {t('traces.pseudonymize')}
            </label>
            <span className="hint">{t('traces.pseudonymize.hint')}</span>
          </span>
        </div>
        <div className="form-field">
          <span>{t('traces.extras')}</span>
          <div className="trace-extras">
            {TRACE_EXTRAS.map((x) => (
              <label key={x} className="check">
                <input type="checkbox" checked={wizard.extras.includes(x)} onChange={(e) => toggleExtra(x, e.target.checked)} />
                <span className={x === 'perfmonCounters' ? undefined : 'mono'}>{t(`traces.extra.${x}`)}</span>
              </label>
            ))}
          </div>
        </div>
      </section>
      <section className="trace-section" data-testid="trace-summary">
        <h3>{t('traces.summary')}</h3>
        <table className="data-table trace-summary">
          <tbody>
            <tr>
              <th>{t('traces.summary.range')}</th>
              <td>{r.kind === 'relative' ? t('traces.summary.last', { amount: r.amount, unit: t(r.amount === 1 ? `traces.range.unitOne.${r.unit}` : `traces.range.unit.${r.unit}`) }) : `${r.from.replace('T', ' ')} – ${r.to.replace('T', ' ')}`}</td>
            </tr>
            {wizard.nodes.map((k) => {
              const p = effectivePick(wizard, k, services);
              const names = [...p.serviceLogs, ...p.systemLogs];
              return (
                <tr key={k}>
                  <th>{splitNodeKey(k).node}</th>
                  <td className={names.length === 0 ? 'muted' : undefined}>{names.length === 0 ? t('traces.nodes.noneListed') : names.join(', ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="hint">{t('traces.notifyHint')}</p>
      </section>
    </div>
  );
}
