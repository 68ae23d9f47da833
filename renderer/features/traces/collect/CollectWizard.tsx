/**
 * RTMT's Collect Files as a three-step wizard: services and nodes, time range, bundle. Next is refused with the
 * reason while a step is incomplete; Start sends the request (validated again in main) and opens the collection's
 * progress. The notification permission is asked from the Start click, never on load.
 */
import { useEffect } from 'react';
import { useClustersStore } from '../../overview/clustersStore.js';
import { requestNotificationPermission, notificationPermission } from '../../alerts/desktopNotifier.js';
import { ErrorBanner } from '../../../components/AsyncState.js';
import { useT } from '../../../i18n/useT.js';
import { useTracesStore } from '../tracesStore.js';
import { OutputStep } from './OutputStep.js';
import { RangeStep } from './RangeStep.js';
import { SelectStep } from './SelectStep.js';
import { buildRequest, outputProblems, rangeProblems, selectProblems, WIZARD_STEPS, type WizardProblem, type WizardState } from './wizardModel.js';
import { userTimeZone } from './zonedTime.js';

/** The wizard. */
export function CollectWizard() {
  const { t } = useT();
  const clusters = useClustersStore((s) => s.clusters);
  const { wizard, services, servicesLoad, presets, settings, starting, actionError } = useTracesStore();
  const { updateWizard, loadServices, collect, resetWizard, clearActionError } = useTracesStore.getState();
  const clusterIds = clusters.map((c) => c.id).join(',');
  useEffect(() => {
    // Each cluster's listing once per visit (the nodes' own lists, never a table shared with the simulator).
    for (const id of clusterIds.split(',').filter(Boolean)) void loadServices(id);
  }, [clusterIds, loadServices]);

  const update = (w: WizardState): void => updateWizard(w);
  const stepIndex = WIZARD_STEPS.indexOf(wizard.step);
  const now = Date.now();
  const problems: WizardProblem[] =
    wizard.step === 'select' ? selectProblems(wizard, services) : wizard.step === 'range' ? rangeProblems(wizard, userTimeZone(), now) : outputProblems(wizard, settings?.defaultOutDir);
  const go = (i: number): void => update({ ...wizard, step: WIZARD_STEPS[Math.max(0, Math.min(WIZARD_STEPS.length - 1, i))]! });
  const start = async (): Promise<void> => {
    const built = buildRequest(wizard, services, { userZone: userTimeZone(), now: Date.now(), defaultOutDir: settings?.defaultOutDir });
    if (!built.ok) return;
    if (notificationPermission() === 'default') void requestNotificationPermission().catch(() => undefined);
    const status = await collect(built.request);
    if (status) resetWizard();
  };
  return (
    <div className="panel trace-wizard" data-testid="trace-wizard">
      <ol className="trace-steps">
        {WIZARD_STEPS.map((s, i) => (
          <li key={s} className={i === stepIndex ? 'current' : i < stepIndex ? 'done' : undefined} aria-current={i === stepIndex ? 'step' : undefined}>
            <button type="button" disabled={i > stepIndex} onClick={() => go(i)}>
              <span className="trace-step-n">{i + 1}</span> {t(`traces.step.${s}`)}
            </button>
          </li>
        ))}
      </ol>
      <ErrorBanner error={actionError} />
      {wizard.step === 'select' ? (
        <SelectStep wizard={wizard} clusters={clusters} services={services} presets={presets} listing={(c) => servicesLoad[c]?.kind === 'loading'} update={update} />
      ) : wizard.step === 'range' ? (
        <RangeStep wizard={wizard} update={update} />
      ) : (
        <OutputStep wizard={wizard} services={services} defaultOutDir={settings?.defaultOutDir} update={update} />
      )}
      <footer className="trace-wizard-foot">
        <div className="trace-problems" aria-live="polite">
          {problems.map((p) => (
            <span key={p.key} data-testid="trace-problem">
              {t(p.key, p.params)}
            </span>
          ))}
        </div>
        <div className="button-row">
          <button type="button" onClick={() => { clearActionError(); resetWizard(); }}>
            {t('traces.reset')}
          </button>
          <button type="button" data-testid="trace-back" disabled={stepIndex === 0} onClick={() => go(stepIndex - 1)}>
            {t('traces.back')}
          </button>
          {stepIndex < WIZARD_STEPS.length - 1 ? (
            <button type="button" className="primary" data-testid="trace-next" disabled={problems.length > 0} onClick={() => go(stepIndex + 1)}>
              {t('traces.next')}
            </button>
          ) : (
            <button type="button" className="primary" data-testid="trace-start" disabled={problems.length > 0 || starting} onClick={() => void start()}>
              {starting ? t('traces.starting') : t('traces.start')}
            </button>
          )}
        </div>
      </footer>
    </div>
  );
}
