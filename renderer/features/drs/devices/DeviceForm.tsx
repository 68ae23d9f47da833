/**
 * Add or edit a network backup device (guide L10083-10099): name (letters, digits, spaces, dashes, underscores),
 * host, our port extension (default 22), path, user name, password and the number of backups to keep. The
 * simulated cluster's own SFTP server is offered when there is one. The password field starts empty, always.
 */
import { useState } from 'react';
import { DRS_MAX_BACKUPS_TO_KEEP, DRS_NAME_PATTERN, type DrsDevice } from '../../../../shared/model/drs.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { useT } from '../../../i18n/useT.js';
import { useDrsStore } from '../drsStore.js';
import { Field } from '../drsParts.js';

interface Form {
  name: string;
  host: string;
  port: string;
  path: string;
  username: string;
  password: string;
  keep: number;
}

/** What is wrong with the form (message keys), empty when it can be saved. */
export function deviceFormProblems(f: Form): ('name' | 'host' | 'port' | 'path' | 'user' | 'password')[] {
  const out: ('name' | 'host' | 'port' | 'path' | 'user' | 'password')[] = [];
  if (!DRS_NAME_PATTERN.test(f.name.trim()) || f.name.trim().length > 64) out.push('name');
  if (!/^[A-Za-z0-9.:_-]+$/.test(f.host.trim())) out.push('host');
  const port = Number(f.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) out.push('port');
  if (f.path.trim() === '') out.push('path');
  if (f.username.trim() === '') out.push('user');
  if (f.password === '') out.push('password');
  return out;
}

/** The device form. */
export function DeviceForm({ cluster, initial, onClose }: { readonly cluster: string; readonly initial?: DrsDevice; readonly onClose: () => void }) {
  const { t } = useT();
  const offered = useDrsStore((s) => s.overview?.simulatedBackupServer);
  const busy = useDrsStore((s) => s.busy === 'device');
  const [f, setF] = useState<Form>({
    name: initial?.name ?? '',
    host: initial?.host ?? '',
    port: String(initial?.port ?? 22),
    path: initial?.path ?? '',
    username: initial?.username ?? '',
    password: '',
    keep: initial?.backupsToKeep ?? 2,
  });
  const [confirming, setConfirming] = useState(false);
  const [tried, setTried] = useState(false);
  const problems = deviceFormProblems(f);
  const bad = (k: (typeof problems)[number]) => tried && problems.includes(k);
  const set = (patch: Partial<Form>) => setF({ ...f, ...patch });
  return (
    <form
      className="panel drs-form"
      data-testid="drs-device-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (problems.length === 0) setConfirming(true);
      }}
    >
      <div className="panel-head">
        <h2>{initial ? t('drs.device.editTitle', { name: initial.name }) : t('drs.device.newTitle')}</h2>
        {offered && !initial ? (
          <button type="button" data-testid="drs-device-use-sim" onClick={() => set({ host: offered.host, port: String(offered.port), path: offered.path, username: offered.username, password: offered.password, name: f.name || 'Sim Backup' })}>
            {t('drs.device.useSim')}
          </button>
        ) : null}
      </div>
      {offered && !initial ? <p className="hint">{t('drs.device.simHint', { host: `${offered.host}:${offered.port}` })}</p> : null}
      <Field label={t('drs.device.name')} hint={bad('name') ? <span className="drs-bad">{t('drs.device.badName')}</span> : t('drs.device.nameHint')}>
        <input type="text" data-testid="drs-device-name" value={f.name} readOnly={initial !== undefined} maxLength={64} onChange={(e) => set({ name: e.target.value })} aria-invalid={bad('name')} />
      </Field>
      <Field label={t('drs.device.hostLabel')} hint={bad('host') ? <span className="drs-bad">{t('drs.device.badHost')}</span> : undefined}>
        <span className="drs-inline">
          <input type="text" className="drs-host" data-testid="drs-device-host" value={f.host} onChange={(e) => set({ host: e.target.value })} aria-invalid={bad('host')} />
          <span className="muted">{t('drs.device.port')}</span>
          <input type="number" className="drs-port" data-testid="drs-device-port" min={1} max={65535} value={f.port} onChange={(e) => set({ port: e.target.value })} aria-invalid={bad('port')} />
        </span>
      </Field>
      <Field label={t('drs.device.path')} hint={bad('path') ? <span className="drs-bad">{t('drs.device.badPath')}</span> : undefined}>
        <input type="text" className="mono" data-testid="drs-device-path" value={f.path} onChange={(e) => set({ path: e.target.value })} aria-invalid={bad('path')} />
      </Field>
      <Field label={t('drs.device.user')} hint={bad('user') ? <span className="drs-bad">{t('drs.device.badUser')}</span> : undefined}>
        <input type="text" data-testid="drs-device-user" value={f.username} autoComplete="off" onChange={(e) => set({ username: e.target.value })} aria-invalid={bad('user')} />
      </Field>
      <Field label={t('drs.device.password')} hint={bad('password') ? <span className="drs-bad">{t('drs.device.badPassword')}</span> : t('drs.device.passwordHint')}>
        <input type="password" data-testid="drs-device-password" value={f.password} autoComplete="new-password" onChange={(e) => set({ password: e.target.value })} aria-invalid={bad('password')} />
      </Field>
      <Field label={t('drs.device.keepLabel')}>
        <select data-testid="drs-device-keep" value={f.keep} onChange={(e) => set({ keep: Number(e.target.value) })}>
          {Array.from({ length: DRS_MAX_BACKUPS_TO_KEEP }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </Field>
      <div className="drs-form-foot">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="drs-device-save" disabled={busy}>
          {busy ? t('drs.saving') : t('common.save')}
        </button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={t('drs.device.saveTitle')}
          confirmLabel={t('common.save')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void useDrsStore
              .getState()
              .saveDevice({ cluster, name: f.name.trim(), host: f.host.trim(), port: Number(f.port), path: f.path.trim(), username: f.username.trim(), password: f.password, backupsToKeep: f.keep })
              .then((ok) => ok && onClose());
          }}
        >
          <p>{t(initial ? 'drs.device.replaceImpact' : 'drs.device.saveImpact', { name: f.name.trim(), host: `${f.host.trim()}:${f.port}`, path: f.path.trim(), keep: f.keep })}</p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
