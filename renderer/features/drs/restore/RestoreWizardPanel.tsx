/**
 * Restore > Restore Wizard, the guide's four steps (L10366-10427): 1 the backup device, 2 the backup file (its
 * date, version and features), 3 the features to restore, 4 the servers (RestoreServersStep). Back and Next keep
 * every answer; "Start over" clears them.
 */
import { useEffect } from 'react';
import { useSelectedCluster } from '../../../app/selection.js';
import { AsyncState } from '../../../components/AsyncState.js';
import { useT } from '../../../i18n/useT.js';
import { BackupFilesTable } from '../history/BackupFilesTable.js';
import { useDrsStore } from '../drsStore.js';
import { RestoreServersStep } from './RestoreServersStep.js';
import { stepProblem, type RestoreStep } from './restoreWizardModel.js';

const STEPS: readonly RestoreStep[] = [1, 2, 3, 4];

/** The Restore Wizard tab. */
export function RestoreWizardPanel() {
  const { t } = useT();
  const { cluster, nodes } = useSelectedCluster();
  const { overview, overviewLoad, wizard: w, files } = useDrsStore();
  const { updateWizard, resetWizard } = useDrsStore.getState();
  const devices = overview?.devices ?? [];
  const list = w.device ? files[w.device] : undefined;
  const file = list?.kind === 'ready' ? list.value.find((f) => f.fileName === w.fileName) : undefined;
  const features = file?.features ?? overview?.features ?? [];
  useEffect(() => {
    if (cluster && w.device && w.step === 2) {
      void useDrsStore.getState().loadFiles(cluster.id, w.device);
      // The history says which files come from a backup that did not succeed (the files table marks them).
      void useDrsStore.getState().loadHistory(cluster.id);
    }
  }, [cluster, w.device, w.step]);
  const problem = stepProblem(w, nodes);
  const go = (step: RestoreStep) => updateWizard({ step });
  return (
    <div className="drs-wizard" data-testid="drs-restore-wizard">
      <ol className="drs-steps" aria-label={t('drs.tab.restore')}>
        {STEPS.map((s) => (
          <li key={s} className={s === w.step ? 'current' : s < w.step ? 'done' : undefined}>
            <button type="button" data-testid={`drs-restore-step-${s}`} disabled={s > w.step} aria-current={s === w.step ? 'step' : undefined} onClick={() => go(s)}>
              <span className="drs-step-n">{s}</span>
              {t(`drs.restore.step${s}`)}
            </button>
          </li>
        ))}
        <li className="drs-steps-end">
          <button type="button" onClick={resetWizard}>
            {t('drs.restore.startOver')}
          </button>
        </li>
      </ol>
      <AsyncState state={overviewLoad} empty={!overview} onRetry={() => cluster && void useDrsStore.getState().loadOverview(cluster.id)}>
        <section className="panel">
          {w.step === 1 ? (
            <>
              <h2>{t('drs.restore.pickDeviceTitle')}</h2>
              {devices.length === 0 ? (
                <div className="state state-empty">{t('drs.device.empty')}</div>
              ) : (
                <div className="drs-radio-list" data-testid="drs-restore-devices">
                  {devices.map((d) => (
                    <label key={d.name} className="check">
                      <input type="radio" name="drs-restore-device" checked={w.device === d.name} onChange={() => updateWizard({ device: d.name, fileName: undefined, features: [], databaseFrom: '', oneStep: false })} />
                      <strong>{d.name}</strong>
                      <span className="muted mono">
                        {d.host}:{d.port} {d.path}
                      </span>
                    </label>
                  ))}
                </div>
              )}
            </>
          ) : null}
          {w.step === 2 ? (
            <>
              <h2>{t('drs.restore.pickFileTitle', { device: w.device ?? '' })}</h2>
              <p className="hint">{t('drs.restore.fileHint')}</p>
              <BackupFilesTable list={list} picked={w.fileName} onPick={(f) => updateWizard({ fileName: f.fileName, features: [...(f.features ?? [])], databaseFrom: '', oneStep: false })} />
            </>
          ) : null}
          {w.step === 3 ? (
            <>
              <h2>{t('drs.restore.pickFeaturesTitle', { file: w.fileName ?? '' })}</h2>
              <p className="hint">{t('drs.restore.featuresHint')}</p>
              <div className="drs-checks" data-testid="drs-restore-features">
                {features.map((f) => (
                  <label key={f} className="check">
                    <input type="checkbox" checked={w.features.includes(f)} onChange={() => updateWizard({ features: w.features.includes(f) ? w.features.filter((x) => x !== f) : [...w.features, f] })} />
                    {f}
                  </label>
                ))}
              </div>
            </>
          ) : null}
          {w.step === 4 && cluster ? <RestoreServersStep cluster={cluster.id} clusterName={cluster.name} nodes={nodes} file={file} /> : null}
          {w.step < 4 ? (
            <div className="drs-form-foot">
              {/* What is still to choose before Next: guidance, not an error (nothing has gone wrong yet). */}
              <span className="hint" data-testid="drs-restore-todo">{problem ? t(`drs.restore.problem.${problem}`) : ''}</span>
              <span className="button-row">
                <button type="button" disabled={w.step === 1} onClick={() => go((w.step - 1) as RestoreStep)}>
                  {t('drs.back')}
                </button>
                <button type="button" className="primary" data-testid="drs-restore-next" disabled={problem !== undefined} onClick={() => go((w.step + 1) as RestoreStep)}>
                  {t('drs.next')}
                </button>
              </span>
            </div>
          ) : null}
        </section>
      </AsyncState>
    </div>
  );
}
