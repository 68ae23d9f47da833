/** The schedule editor: nodes and services (the same pick for every node), timing, archive, destination, retention. */
import { useEffect, useState } from 'react';
import { TRACE_ARCHIVE_FORMATS } from '../../../../shared/model/traces.js';
import { useT } from '../../../i18n/useT.js';
import { useClustersStore } from '../../overview/clustersStore.js';
import { NodePicker } from '../collect/NodePicker.js';
import { ServicePicker } from '../collect/ServicePicker.js';
import { useTracesStore } from '../tracesStore.js';
import { formToInput, type ScheduleForm } from './scheduleForm.js';

/** The editor panel; saves through the store and closes. */
export function ScheduleEditor({ initial, onClose }: { readonly initial: ScheduleForm; readonly onClose: () => void }) {
  const { t } = useT();
  const clusters = useClustersStore((s) => s.clusters);
  const { services, servicesLoad } = useTracesStore();
  const { loadServices, saveSchedule } = useTracesStore.getState();
  const [f, setF] = useState(initial);
  const [saving, setSaving] = useState(false);
  const clusterIds = clusters.map((c) => c.id).join(',');
  useEffect(() => {
    for (const id of clusterIds.split(',').filter(Boolean)) if (!useTracesStore.getState().servicesLoad[id]) void loadServices(id);
  }, [clusterIds, loadServices]);
  const set = (patch: Partial<ScheduleForm>): void => setF({ ...f, ...patch });
  const built = formToInput(f, services);
  const save = async (): Promise<void> => {
    if (!built.ok) return;
    setSaving(true);
    const saved = await saveSchedule(built.input);
    setSaving(false);
    if (saved) onClose();
  };
  return (
    <article className="panel trace-schedule-editor" data-testid="trace-schedule-editor">
      <h2>{t('traces.sched.editTitle')}</h2>
      <div className="trace-form">
        <label className="form-field">
          <span>{t('traces.sched.name')}</span>
          <input type="text" maxLength={80} data-testid="trace-schedule-name" value={f.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <div className="form-field">
          <span />
          <label className="check">
            <input type="checkbox" checked={f.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
            {t('traces.sched.enabled')}
          </label>
        </div>
      </div>
      <h3>{t('traces.nodes')}</h3>
      <NodePicker clusters={clusters} selected={f.nodes} services={services} listing={(c) => servicesLoad[c]?.kind === 'loading'} onChange={(nodes) => set({ nodes })} />
      <ServicePicker nodes={f.nodes} services={services} pick={f.pick} onChange={(pick) => set({ pick })} />
      <div className="trace-form">
        <div className="form-field">
          <span>{t('traces.sched.every')}</span>
          <span className="trace-row">
            <input type="number" min={1} className="trace-amount" data-testid="trace-schedule-every" value={f.everyHours} onChange={(e) => set({ everyHours: e.target.value })} />
            {t('traces.range.unit.hours')}
          </span>
        </div>
        <div className="form-field">
          <span>{t('traces.sched.lastHours')}</span>
          <span className="trace-row">
            <input type="number" min={1} className="trace-amount" value={f.lastHours} onChange={(e) => set({ lastHours: e.target.value })} />
            {t('traces.sched.hours')}
          </span>
        </div>
        <div className="form-field">
          <span>{t('traces.archive')}</span>
          <span className="trace-row">
            {TRACE_ARCHIVE_FORMATS.map((a) => (
              <label key={a} className="check">
                <input type="radio" name="sched-archive" checked={f.archive === a} onChange={() => set({ archive: a })} />
                {a}
              </label>
            ))}
            <label className="check">
              <input type="checkbox" checked={f.pseudonymize} onChange={(e) => set({ pseudonymize: e.target.checked })} />
              {t('traces.pseudonymizeShort')}
            </label>
          </span>
        </div>
        <div className="form-field">
          <span>{t('traces.sched.destination')}</span>
          <span className="trace-row">
            <label className="check">
              <input type="radio" name="sched-dest" checked={f.destKind === 'local'} onChange={() => set({ destKind: 'local' })} />
              {t('traces.sched.local')}
            </label>
            <label className="check">
              <input type="radio" name="sched-dest" data-testid="trace-schedule-sftp" checked={f.destKind === 'sftp'} onChange={() => set({ destKind: 'sftp' })} />
              {t('traces.sched.sftp')}
            </label>
          </span>
        </div>
        {f.destKind === 'local' ? (
          <label className="form-field">
            <span>{t('traces.outDir')}</span>
            <input type="text" className="trace-path-input" spellCheck={false} value={f.dir} onChange={(e) => set({ dir: e.target.value })} />
          </label>
        ) : (
          <>
            <label className="form-field">
              <span>{t('traces.sched.host')}</span>
              <span className="trace-row">
                <input type="text" className="trace-host" spellCheck={false} value={f.host} onChange={(e) => set({ host: e.target.value, ...(e.target.value !== initial.host ? { hostKeyFingerprint: undefined } : {}) })} />
                <span className="muted">{t('traces.sched.port')}</span>
                <input type="number" min={1} max={65535} className="trace-amount" value={f.port} onChange={(e) => set({ port: e.target.value })} />
              </span>
            </label>
            <label className="form-field">
              <span>{t('traces.sched.user')}</span>
              <input type="text" spellCheck={false} autoComplete="off" value={f.username} onChange={(e) => set({ username: e.target.value })} />
            </label>
            <label className="form-field">
              <span>{t('traces.sched.password')}</span>
              <span className="trace-field-col">
                <input type="password" autoComplete="new-password" value={f.password} onChange={(e) => set({ password: e.target.value })} />
                {f.id ? <span className="hint">{t('traces.sched.passwordKept')}</span> : null}
              </span>
            </label>
            <label className="form-field">
              <span>{t('traces.sched.directory')}</span>
              <span className="trace-field-col">
                <input type="text" className="trace-path-input" spellCheck={false} value={f.directory} onChange={(e) => set({ directory: e.target.value })} />
                {f.hostKeyFingerprint ? <span className="hint mono">{t('traces.sched.hostKey', { fp: f.hostKeyFingerprint })}</span> : null}
              </span>
            </label>
          </>
        )}
        <div className="form-field">
          <span>{t('traces.sched.keep')}</span>
          <span className="trace-row">
            <input type="number" min={1} className="trace-amount" value={f.keep} onChange={(e) => set({ keep: e.target.value })} />
            {t('traces.sched.bundles')}
          </span>
        </div>
      </div>
      <footer className="trace-wizard-foot">
        <div className="trace-problems" aria-live="polite">
          {built.ok ? null : built.problems.map((p) => <span key={p}>{t(p)}</span>)}
        </div>
        <div className="button-row">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-testid="trace-schedule-save" disabled={!built.ok || saving} onClick={() => void save()}>
            {t('common.save')}
          </button>
        </div>
      </footer>
    </article>
  );
}
