/**
 * Step 2 of Collect Files: the last N minutes/hours/days/weeks/months, or an absolute range typed on the user's
 * clock or on the node's (RTMT's reference server time zone), shown back in UTC so there is no doubt.
 */
import { TRACE_RANGE_UNITS } from '../../../../shared/model/traces.js';
import { useT } from '../../../i18n/useT.js';
import { absoluteInstants, type WizardRange, type WizardState } from './wizardModel.js';
import { timeZones, userTimeZone } from './zonedTime.js';

/** `YYYY-MM-DD HH:mm` in UTC. */
function utcText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** The range step. */
export function RangeStep({ wizard, update }: { readonly wizard: WizardState; readonly update: (w: WizardState) => void }) {
  const { t } = useT();
  const r = wizard.range;
  const set = (patch: Partial<WizardRange>): void => update({ ...wizard, range: { ...r, ...patch } });
  const zone = userTimeZone();
  const instants = r.kind === 'absolute' ? absoluteInstants(r, zone) : undefined;
  return (
    <div className="trace-step" data-testid="trace-step-range">
      <section className="trace-section">
        <label className="check">
          <input type="radio" name="trace-range" data-testid="trace-range-relative" checked={r.kind === 'relative'} onChange={() => set({ kind: 'relative' })} />
          {t('traces.range.relative')}
        </label>
        <div className="trace-row trace-indent">
          <label className="inline-field">
            {t('traces.range.last')}
            <input type="number" min={1} max={127} step={1} className="trace-amount" data-testid="trace-range-amount" disabled={r.kind !== 'relative'} value={Number.isFinite(r.amount) ? r.amount : ''} onChange={(e) => set({ amount: e.target.value === '' ? Number.NaN : Number(e.target.value) })} />
          </label>
          <select aria-label={t('traces.range.last')} data-testid="trace-range-unit" disabled={r.kind !== 'relative'} value={r.unit} onChange={(e) => set({ unit: e.target.value as WizardRange['unit'] })}>
            {TRACE_RANGE_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`traces.range.unit.${u}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="radio" name="trace-range" data-testid="trace-range-absolute" checked={r.kind === 'absolute'} onChange={() => set({ kind: 'absolute' })} />
          {t('traces.range.absolute')}
        </label>
        <div className="trace-indent trace-absolute">
          <label className="inline-field">
            {t('traces.range.from')}
            <input type="datetime-local" data-testid="trace-range-from" disabled={r.kind !== 'absolute'} value={r.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label className="inline-field">
            {t('traces.range.to')}
            <input type="datetime-local" data-testid="trace-range-to" disabled={r.kind !== 'absolute'} value={r.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
          <div className="trace-row" role="radiogroup" aria-label={t('traces.range.zone')}>
            <span className="muted">{t('traces.range.zone')}</span>
            <label className="check">
              <input type="radio" name="trace-zone" disabled={r.kind !== 'absolute'} checked={r.zoneMode === 'user'} onChange={() => set({ zoneMode: 'user' })} />
              {t('traces.range.zoneUser', { zone })}
            </label>
            <label className="check">
              <input type="radio" name="trace-zone" data-testid="trace-zone-node" disabled={r.kind !== 'absolute'} checked={r.zoneMode === 'node'} onChange={() => set({ zoneMode: 'node' })} />
              {t('traces.range.zoneNode')}
            </label>
            <select aria-label={t('traces.range.zoneNode')} data-testid="trace-node-zone" disabled={r.kind !== 'absolute' || r.zoneMode !== 'node'} value={r.nodeZone} onChange={(e) => set({ nodeZone: e.target.value })}>
              {timeZones().map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </div>
          {instants && !('key' in instants) ? <div className="hint" data-testid="trace-range-utc">{t('traces.range.inUtc', { from: utcText(instants.fromMs), to: utcText(instants.toMs) })}</div> : null}
        </div>
        <p className="hint">{t('traces.range.hint')}</p>
      </section>
    </div>
  );
}
