/**
 * Restore Wizard step 4 (guide L10388-10427, L10467-10560): the SHA-1 file integrity check, the servers — first
 * node only, subsequent nodes, the entire cluster — "Select Server Name" for the publisher database when the backup
 * has CCMDB (L10410), One-Step Restore with its five-minute "cluster aware" wait and the guide's three messages
 * (L10484-10494), the security password in effect when the backup was taken (L10042, L10345), "Check" (DRS's own
 * checks, nothing starts) and Restore after a confirmation naming its impact.
 */
import { useState } from 'react';
import type { NodeStatus } from '../../../../shared/model/cluster.js';
import type { DrsBackupFile, DrsRestoreKind } from '../../../../shared/model/drs.js';
import { formatDateTime } from '../../../app/format.js';
import { usePolling } from '../../../app/usePolling.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { useT } from '../../../i18n/useT.js';
import { isJobRunning, useDrsStore } from '../drsStore.js';
import { Field } from '../drsParts.js';
import { databaseSources, firstNode, offersDatabaseFrom, restoreKind, stepProblem, toRestoreRequest } from './restoreWizardModel.js';
import { RestoreCheckList } from './RestoreCheckList.js';

/** Step 4 of the wizard. */
export function RestoreServersStep({ cluster, clusterName, nodes, file }: { readonly cluster: string; readonly clusterName: string; readonly nodes: readonly NodeStatus[]; readonly file?: DrsBackupFile }) {
  const { t, locale } = useT();
  const { wizard: w, check, oneStep, busy } = useDrsStore();
  const restoreRunning = useDrsStore((s) => s.jobs.some((j) => j.cluster === cluster && isJobRunning(j)));
  const { updateWizard, clearCheck } = useDrsStore.getState();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState<'restore' | 'oneStep'>();
  const pub = firstNode(nodes);
  const kind = restoreKind(w.servers, nodes, w.oneStep);
  const request = toRestoreRequest(cluster, w, nodes, password, file);
  const problem = stepProblem(w, nodes);
  const preparing = oneStep?.state === 'preparing';
  usePolling(() => useDrsStore.getState().pollOneStep(cluster), 2_000, [cluster], preparing);
  const inBackup = (n: string) => !file?.servers || file.servers.some((s) => s.hostname === n);
  const choose = (k: Exclude<DrsRestoreKind, 'oneStep'>) => {
    const servers = k === 'firstNode' ? (pub ? [pub] : []) : k === 'subsequentNodes' ? nodes.filter((n) => n.name !== pub).map((n) => n.name) : nodes.map((n) => n.name);
    updateWizard({ servers, oneStep: false });
  };
  const checkOk = check?.kind === 'ready' && check.value.ok;
  const canRestore = request !== undefined && checkOk && !preparing && !restoreRunning && busy !== 'restore' && (!w.oneStep || oneStep?.state === 'ready');
  return (
    <div className="drs-stack" data-testid="drs-restore-servers">
      <h2>{t('drs.restore.step4Title')}</h2>
      <label className="check">
        <input type="checkbox" data-testid="drs-restore-sha1" checked={w.integrityCheck} onChange={(e) => updateWizard({ integrityCheck: e.target.checked })} />
        {t('drs.restore.sha1')}
      </label>
      <p className="hint drs-indent">{t('drs.restore.sha1Hint')}</p>

      <div className="filter-bar">
        <span className="muted">{t('drs.restore.choose')}</span>
        <button type="button" data-testid="drs-restore-first" aria-pressed={kind === 'firstNode'} className={kind === 'firstNode' ? 'active' : undefined} disabled={!pub} onClick={() => choose('firstNode')}>
          {t('drs.kind.firstNode')}
        </button>
        <button type="button" data-testid="drs-restore-subsequent" aria-pressed={kind === 'subsequentNodes'} className={kind === 'subsequentNodes' ? 'active' : undefined} onClick={() => choose('subsequentNodes')}>
          {t('drs.kind.subsequentNodes')}
        </button>
        <button type="button" data-testid="drs-restore-entire" aria-pressed={kind === 'entireCluster'} className={kind === 'entireCluster' ? 'active' : undefined} onClick={() => choose('entireCluster')}>
          {t('drs.kind.entireCluster')}
        </button>
      </div>
      <div className="drs-nodes" data-testid="drs-restore-nodes">
        {nodes.map((n) => (
          <label key={n.name} className="check drs-node">
            <input type="checkbox" data-testid={`drs-restore-node-${n.name}`} checked={w.servers.includes(n.name)} onChange={() => updateWizard({ servers: w.servers.includes(n.name) ? w.servers.filter((x) => x !== n.name) : [...w.servers, n.name], oneStep: false })} />
            <strong>{n.name}</strong>
            <span className="muted">{t(`role.${n.role}`)}</span>
            <span className={`tag ${n.reachability === 'up' ? 'ok' : 'warn'}`}>{t(`reach.${n.reachability}`)}</span>
            {!inBackup(n.name) ? <span className="tag warn">{t('drs.restore.notInBackup')}</span> : null}
          </label>
        ))}
      </div>
      <p className={kind ? 'drs-kind' : 'drs-bad'} data-testid="drs-restore-kind" data-kind={kind ?? ''}>
        {kind ? `${t(`drs.kind.${kind}`)}${t('drs.colon')}${t(`drs.kindHint.${kind}`)}` : problem ? t(`drs.restore.problem.${problem}`) : ''}
      </p>

      {offersDatabaseFrom(file, w.servers, nodes) ? (
        <Field label={t('drs.restore.selectServer')} hint={w.databaseFrom ? t('drs.restore.selectServerHint', { node: w.databaseFrom }) : t('drs.restore.selectServerHintFile')}>
          <select data-testid="drs-restore-dbfrom" value={w.databaseFrom} onChange={(e) => updateWizard({ databaseFrom: e.target.value })}>
            <option value="">{t('drs.restore.fromFile')}</option>
            {databaseSources(nodes).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      ) : null}

      <div className="drs-onestep" data-testid="drs-onestep" data-state={oneStep?.state ?? 'idle'}>
        <div className="drs-inline">
          <button type="button" data-testid="drs-onestep-start" disabled={!w.device || !w.fileName || preparing || busy === 'oneStep' || restoreRunning} onClick={() => setConfirm('oneStep')}>
            {t('drs.restore.oneStep')}
          </button>
          <span className="hint">{t('drs.restore.oneStepHint')}</span>
        </div>
        {oneStep && oneStep.state !== 'idle' ? (
          <p className={`drs-onestep-msg drs-${oneStep.state === 'ready' ? 'ok' : oneStep.state === 'failed' ? 'bad' : 'run'}-text`} data-testid="drs-onestep-message">
            {preparing ? <span className="spinner drs-inline-spinner" aria-hidden="true" /> : null}
            {locale === 'en' ? oneStep.message : t(`drs.oneStep.${oneStep.state}`)}
            {preparing && oneStep.readyAtMs ? <span className="hint"> {t('drs.restore.readyAt', { time: formatDateTime(oneStep.readyAtMs, locale) })}</span> : null}
          </p>
        ) : null}
        {oneStep && oneStep.state !== 'idle' && locale !== 'en' ? <p className="hint drs-wrap" lang="en">{oneStep.message}</p> : null}
        {oneStep?.state === 'ready' && !w.oneStep ? (
          <button type="button" data-testid="drs-onestep-use" onClick={() => updateWizard({ servers: nodes.map((n) => n.name), oneStep: true })}>
            {t('drs.restore.oneStepUse')}
          </button>
        ) : null}
      </div>

      <Field label={t('drs.restore.password')} hint={t('drs.restore.passwordHint')}>
        <input
          type="password"
          data-testid="drs-restore-password"
          value={password}
          autoComplete="off"
          onChange={(e) => {
            setPassword(e.target.value);
            clearCheck();
          }}
        />
      </Field>

      <div className="drs-form-foot">
        <button type="button" onClick={() => updateWizard({ step: 3 })}>
          {t('drs.back')}
        </button>
        <span className="button-row">
          <button type="button" data-testid="drs-restore-check" disabled={!request || busy === 'check' || preparing} onClick={() => request && void useDrsStore.getState().checkRestore(request)}>
            {busy === 'check' ? t('drs.restore.checking') : t('drs.restore.check')}
          </button>
          <button type="button" className="danger" data-testid="drs-restore-start" disabled={!canRestore} onClick={() => setConfirm('restore')}>
            {t('drs.restore.restore')}
          </button>
        </span>
      </div>
      {!request && !problem && password === '' ? <p className="hint">{t('drs.restore.needPassword')}</p> : null}
      {request && !check ? <p className="hint">{t('drs.restore.checkFirst')}</p> : null}
      {preparing ? <p className="hint">{t('drs.restore.waitOneStep')}</p> : null}
      <RestoreCheckList check={check} />

      {confirm === 'oneStep' && w.device && w.fileName ? (
        <ConfirmDialog
          title={t('drs.restore.oneStep')}
          confirmLabel={t('drs.restore.oneStep')}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            setConfirm(undefined);
            void useDrsStore.getState().prepareOneStep(cluster, w.device!, w.fileName!);
          }}
        >
          <p>{t('drs.restore.oneStepImpact', { cluster: clusterName, file: w.fileName })}</p>
        </ConfirmDialog>
      ) : null}
      {confirm === 'restore' && request ? (
        <ConfirmDialog
          title={t('drs.restore.confirmTitle')}
          danger
          confirmLabel={t('drs.restore.restore')}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            setConfirm(undefined);
            void useDrsStore.getState().startRestore(request).then((ok) => ok && setPassword(''));
          }}
        >
          <p>{t('drs.restore.confirmWhat', { cluster: clusterName, file: request.fileName, device: request.device, features: request.features.join(', '), servers: request.servers.join(', ') })}</p>
          <p>
            <strong>{t(`drs.kind.${request.kind}`)}</strong>
            {t('drs.colon')}
            {t(`drs.kindHint.${request.kind}`)}
          </p>
          <p className="note">{t('drs.restore.confirmImpact')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
