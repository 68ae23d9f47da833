/**
 * Add or edit a cluster (issue 15): name, publisher and its ports, the admin (SSH) and application (SOAP) users,
 * SNMP v2c or v3 → read the fingerprints for consent → discover the nodes (`show network cluster` on the
 * publisher) → host, ports and OVA per node → test every protocol towards every node → save. An action that needs
 * keys nobody has accepted yet first reads them and stops for consent. Password fields start empty; in an edit an
 * empty one keeps the stored secret.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ConnectionTestResult, EndpointIdentity } from '../../../shared/model/clusters.js';
import { useT } from '../../i18n/useT.js';
import { useClusterAdminStore } from './clusterAdminStore.js';
import {
  acceptedKeys,
  applyDiscovered,
  clusterPorts,
  formProblems,
  identifyTargets,
  mergeIdentities,
  OVA_CHOICES,
  pendingConsent,
  PROBLEM_MESSAGE,
  toClusterInput,
  type ClusterFormState,
  type FormProblem,
  unidentified,
  type NodeRow,
} from './clusterFormModel.js';
import { ActionError } from './ActionError.js';
import { FingerprintConsent } from './FingerprintConsent.js';
import { TestResults } from './TestResults.js';

function Row({ label, children, problem }: { readonly label: string; readonly children: ReactNode; readonly problem?: string }) {
  return (
    <label className="form-field cl-field">
      <span>{label}</span>
      <span className="cl-field-col">
        {children}
        {problem ? <span className="hint cl-bad">{problem}</span> : null}
      </span>
    </label>
  );
}

type Step = 'identify' | 'discover' | 'test' | 'save';

/** Whole seconds since `running` turned true (0 while it is false): discovery and tests take seconds. */
function useElapsed(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!running) return undefined;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

/** The form; `initial` is an edited cluster's form, else an empty one. */
export function ClusterForm({ initial, onClose }: { readonly initial: ClusterFormState; readonly onClose: () => void }) {
  const { t } = useT();
  const store = useClusterAdminStore();
  const [f, setF] = useState<ClusterFormState>(initial);
  const [tried, setTried] = useState(false);
  const [identities, setIdentities] = useState<readonly EndpointIdentity[]>([]);
  const [accepted, setAccepted] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<readonly ConnectionTestResult[]>();
  const [notice, setNotice] = useState<string>();
  /** The step whose button was pressed last: its progress, notice and error are shown right under it. */
  const [step, setStep] = useState<Step>();
  const [problemFocus, setProblemFocus] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const problems = formProblems(f);
  const bad = (p: FormProblem) => (tried && problems.includes(p) ? t(PROBLEM_MESSAGE[p]) : undefined);
  const set = (patch: Partial<ClusterFormState>) => {
    setF({ ...f, ...patch });
    setResults(undefined);
  };
  const setNode = (i: number, patch: Partial<NodeRow>) => set({ nodes: f.nodes.map((n, j) => (j === i ? { ...n, ...patch } : n)) });
  const cp = clusterPorts(f);
  const busy = store.busy;

  /** Reads the keys of endpoints not yet shown; the shown keys when every one is pinned or accepted. */
  async function consentReady(form: ClusterFormState): Promise<readonly EndpointIdentity[] | undefined> {
    const missing = unidentified(identities, identifyTargets(form));
    let all = identities;
    if (missing.length > 0) {
      const fresh = await store.identify(missing);
      if (!fresh) return undefined;
      all = mergeIdentities(identities, fresh);
      setIdentities(all);
    }
    if (pendingConsent(all, accepted).length > 0) {
      setNotice(t('clusters.keys.needConsent'));
      return undefined;
    }
    return all;
  }

  async function start(action: Step) {
    setTried(true);
    setNotice(undefined);
    setStep(action);
    if (problems.length > 0) {
      // The fields in red may be far above the pressed button: show the first one.
      setNotice(t('clusters.form.fixFields'));
      setProblemFocus((n) => n + 1);
      return;
    }
    if (action === 'identify') {
      const fresh = await store.identify(identifyTargets(f));
      if (fresh) setIdentities(mergeIdentities(identities, fresh));
      return;
    }
    const shownNow = await consentReady(f);
    if (!shownNow) return;
    const keys = acceptedKeys(shownNow, accepted);
    // Saving without nodes discovers them first, so that each node's own keys are shown for consent before saving.
    const discoverFirst = action === 'save' && f.nodes.length === 0;
    if (action === 'discover' || discoverFirst) {
      const found = await store.discover(toClusterInput(f), keys);
      if (!found) return;
      const next = applyDiscovered(f, found);
      setF(next);
      setResults(undefined);
      // The nodes' own keys are shown for consent too (each node has its own host key and certificate).
      const more = unidentified(shownNow, identifyTargets(next));
      if (more.length > 0) {
        const fresh = await store.identify(more);
        if (fresh) setIdentities(mergeIdentities(shownNow, fresh));
      }
      setNotice(discoverFirst ? t('clusters.nodes.foundBeforeSave', { n: found.length }) : t('clusters.nodes.found', { n: found.length }));
    } else if (action === 'test') {
      const r = await store.testForm(toClusterInput(f), keys);
      if (r) setResults(r);
    } else {
      const saved = await store.save(toClusterInput(f), keys);
      if (saved) onClose();
    }
  }

  const failed = store.actionError && store.actionError.action !== 'testSaved' && store.actionError.action !== 'remove' && store.actionError.action !== 'embedded' ? store.actionError : undefined;
  const impRole = (n: NodeRow) => n.role === 'imp-publisher' || n.role === 'imp-subscriber';
  const elapsed = useElapsed(busy === 'identify' || busy === 'discover' || busy === 'test' || busy === 'save');
  // Add/Edit opens the form below the list (and any test results): bring it into view, its first field focused.
  useEffect(() => {
    formRef.current?.scrollIntoView?.({ block: 'start' });
    formRef.current?.querySelector<HTMLInputElement>('[data-testid="cl-name"]')?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    if (busy || notice || failed) feedbackRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [busy, notice, failed]);
  useEffect(() => {
    if (problemFocus === 0) return;
    const field = formRef.current?.querySelector('.cl-field .cl-bad')?.closest('.cl-field');
    field?.scrollIntoView?.({ block: 'center' });
    field?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  }, [problemFocus]);
  const progress =
    busy === 'identify'
      ? t('clusters.progress.identify', { n: identifyTargets(f).length })
      : busy === 'discover'
        ? t('clusters.progress.discover')
        : busy === 'test'
          ? t('clusters.progress.test', { n: Math.max(1, f.nodes.length) })
          : busy === 'save'
            ? t('clusters.progress.save')
            : undefined;
  const feedback = (
    <div className="cl-feedback" ref={feedbackRef} data-testid="cl-feedback">
      {progress ? (
        <p className="cl-progress" role="status" data-testid="cl-progress">
          <span className="spinner" aria-hidden="true" />
          {progress} <span className="muted">{t('clusters.progress.elapsed', { s: elapsed })}</span>
        </p>
      ) : null}
      {notice ? (
        <p className="cl-notice" role="status" data-testid="cl-notice">
          {notice}
        </p>
      ) : null}
      {failed ? <ActionError action={`clusters.action.${failed.action}`} error={failed.error} testId="cl-error" /> : null}
    </div>
  );
  return (
    <form
      ref={formRef}
      noValidate
      className="panel cl-form"
      data-testid="cl-form"
      onSubmit={(e) => {
        e.preventDefault();
        void start('save');
      }}
    >
      <div className="panel-head">
        <h2>{f.id ? t('clusters.form.editTitle', { name: initial.name }) : t('clusters.form.addTitle')}</h2>
      </div>
      <h3>{t('clusters.form.connection')}</h3>
      <Row label={t('clusters.form.name')} problem={bad('name')}>
        <input type="text" data-testid="cl-name" value={f.name} maxLength={64} onChange={(e) => set({ name: e.target.value })} aria-invalid={bad('name') !== undefined} />
      </Row>
      <Row label={t('clusters.form.publisher')} problem={bad('publisherHost')}>
        <input type="text" className="mono" data-testid="cl-publisher" value={f.publisherHost} placeholder="cucm-pub.example.com" onChange={(e) => set({ publisherHost: e.target.value })} aria-invalid={bad('publisherHost') !== undefined} />
      </Row>
      <Row label={t('clusters.form.ports')} problem={bad('ports')}>
        <span className="cl-inline">
          <span className="muted">{t('clusters.protocol.ssh')}</span>
          <input type="number" className="cl-port" data-testid="cl-port-ssh" min={1} max={65535} value={f.ssh} onChange={(e) => set({ ssh: e.target.value })} />
          <span className="muted">{t('clusters.protocol.soap')}</span>
          <input type="number" className="cl-port" data-testid="cl-port-soap" min={1} max={65535} value={f.soap} onChange={(e) => set({ soap: e.target.value })} />
          <span className="muted">{t('clusters.protocol.snmp')}</span>
          <input type="number" className="cl-port" data-testid="cl-port-snmp" min={1} max={65535} value={f.snmp} onChange={(e) => set({ snmp: e.target.value })} />
        </span>
      </Row>
      <Row label={t('clusters.form.adminUser')} problem={bad('adminUsername') ?? bad('adminPassword')}>
        <span className="cl-inline">
          <input type="text" data-testid="cl-admin-user" value={f.adminUsername} autoComplete="off" onChange={(e) => set({ adminUsername: e.target.value })} aria-label={t('clusters.form.adminUser')} />
          <input type="password" data-testid="cl-admin-password" value={f.adminPassword} autoComplete="new-password" placeholder={f.stored?.admin ? t('clusters.form.keepStored') : t('clusters.form.password')} onChange={(e) => set({ adminPassword: e.target.value })} aria-label={t('clusters.form.password')} />
        </span>
      </Row>
      <Row label={t('clusters.form.appUser')} problem={bad('appUsername') ?? bad('appPassword')}>
        <span className="cl-inline">
          <input type="text" data-testid="cl-app-user" value={f.appUsername} autoComplete="off" onChange={(e) => set({ appUsername: e.target.value })} aria-label={t('clusters.form.appUser')} />
          <input type="password" data-testid="cl-app-password" value={f.appPassword} autoComplete="new-password" placeholder={f.stored?.app ? t('clusters.form.keepStored') : t('clusters.form.password')} onChange={(e) => set({ appPassword: e.target.value })} aria-label={t('clusters.form.password')} />
        </span>
      </Row>
      <Row label={t('clusters.form.snmp')} problem={bad('community') ?? bad('snmpUser') ?? bad('authKey') ?? bad('privKey')}>
        <span className="cl-field-col">
          <span className="cl-inline">
            <label className="inline-field">
              <input type="radio" name="cl-snmp" checked={f.snmpVersion === '2c'} onChange={() => set({ snmpVersion: '2c' })} data-testid="cl-snmp-2c" />
              v2c
            </label>
            <label className="inline-field">
              <input type="radio" name="cl-snmp" checked={f.snmpVersion === '3'} onChange={() => set({ snmpVersion: '3' })} data-testid="cl-snmp-3" />
              v3
            </label>
          </span>
          {f.snmpVersion === '2c' ? (
            <input type="password" data-testid="cl-community" value={f.community} autoComplete="off" placeholder={f.stored?.community ? t('clusters.form.keepStored') : t('clusters.form.community')} onChange={(e) => set({ community: e.target.value })} aria-label={t('clusters.form.community')} />
          ) : (
            <span className="cl-inline">
              <input type="text" data-testid="cl-snmp-user" value={f.snmpUser} placeholder={t('clusters.form.snmpUser')} onChange={(e) => set({ snmpUser: e.target.value })} aria-label={t('clusters.form.snmpUser')} />
              <select value={f.authProtocol} onChange={(e) => set({ authProtocol: e.target.value === 'md5' ? 'md5' : 'sha' })} aria-label={t('clusters.form.authProtocol')}>
                <option value="sha">SHA</option>
                <option value="md5">MD5</option>
              </select>
              <input type="password" data-testid="cl-auth-key" value={f.authKey} autoComplete="new-password" placeholder={f.stored?.authKey ? t('clusters.form.keepStored') : t('clusters.form.authKey')} onChange={(e) => set({ authKey: e.target.value })} aria-label={t('clusters.form.authKey')} />
              <select value={f.privProtocol} onChange={(e) => set({ privProtocol: e.target.value === 'des' ? 'des' : 'aes' })} aria-label={t('clusters.form.privProtocol')}>
                <option value="aes">AES</option>
                <option value="des">DES</option>
              </select>
              <input type="password" data-testid="cl-priv-key" value={f.privKey} autoComplete="new-password" placeholder={f.stored?.privKey ? t('clusters.form.keepStored') : t('clusters.form.privKey')} onChange={(e) => set({ privKey: e.target.value })} aria-label={t('clusters.form.privKey')} />
            </span>
          )}
        </span>
      </Row>
      <p className="hint">{t('clusters.form.secretsHint')}</p>

      <div className="panel-head cl-step">
        <h3>{t('clusters.keys.title')}</h3>
        <button type="button" data-testid="cl-identify" disabled={busy !== undefined} onClick={() => void start('identify')}>
          {busy === 'identify' ? t('clusters.busy') : t('clusters.keys.read')}
        </button>
      </div>
      {identities.length > 0 ? <FingerprintConsent identities={identities} accepted={accepted} onChange={setAccepted} /> : <p className="hint">{t('clusters.keys.hint')}</p>}
      {step === 'identify' ? feedback : null}

      <div className="panel-head cl-step">
        <h3>{t('clusters.nodes.title')}</h3>
        <button type="button" data-testid="cl-discover" disabled={busy !== undefined} onClick={() => void start('discover')}>
          {busy === 'discover' ? t('clusters.busy') : t('clusters.nodes.discover')}
        </button>
      </div>
      {f.nodes.length === 0 ? (
        <p className="hint">{t('clusters.nodes.hint')}</p>
      ) : (
        <div className="cl-scroll">
          <table className="data-table cl-table" data-testid="cl-nodes">
            <thead>
              <tr>
                <th>{t('common.name')}</th>
                <th>{t('overview.role')}</th>
                <th>{t('clusters.nodes.host')}</th>
                <th>{t('clusters.protocol.ssh')}</th>
                <th>{t('clusters.protocol.soap')}</th>
                <th>{t('clusters.protocol.snmp')}</th>
                <th>{t('clusters.nodes.ova')}</th>
              </tr>
            </thead>
            <tbody>
              {f.nodes.map((n, i) => (
                <tr key={n.name} data-testid={`cl-node-${n.name}`}>
                  <td className="nowrap">{n.name}</td>
                  <td className="nowrap">{t(`role.${n.role}`)}</td>
                  <td>
                    <input type="text" className="mono cl-host" value={n.host} onChange={(e) => setNode(i, { host: e.target.value })} aria-label={t('clusters.nodes.hostOf', { node: n.name })} data-testid="cl-node-host" />
                  </td>
                  {(['ssh', 'soap', 'snmp'] as const).map((k) => (
                    <td key={k}>
                      <input type="number" className="cl-port" min={1} max={65535} value={n[k]} placeholder={String(cp[k])} onChange={(e) => setNode(i, { [k]: e.target.value })} aria-label={t('clusters.nodes.portOf', { node: n.name, protocol: t(`clusters.protocol.${k}`) })} data-testid={`cl-node-${k}`} />
                    </td>
                  ))}
                  <td>
                    {impRole(n) ? (
                      <select value={n.ovaUsers} onChange={(e) => setNode(i, { ovaUsers: e.target.value })} aria-label={t('clusters.nodes.ovaOf', { node: n.name })} data-testid="cl-node-ova">
                        <option value="">{n.discoveredOva ? t('clusters.nodes.ovaRead', { users: n.discoveredOva }) : t('clusters.nodes.ovaFromNode')}</option>
                        {OVA_CHOICES.map((o) => (
                          <option key={o} value={String(o)}>
                            {t('clusters.nodes.ovaUsers', { users: o })}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className="muted">{t('common.none')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t('clusters.nodes.portsHint')}</p>
        </div>
      )}
      {step === 'discover' ? feedback : null}

      <div className="panel-head cl-step">
        <h3>{t('clusters.test.title')}</h3>
        <button type="button" data-testid="cl-test" disabled={busy !== undefined} onClick={() => void start('test')}>
          {busy === 'test' ? t('clusters.busy') : t('clusters.test.run')}
        </button>
      </div>
      {step === 'test' ? feedback : null}
      {results ? <TestResults results={results} testId="cl-form-results" /> : <p className="hint">{t('clusters.test.hint')}</p>}

      {step === 'save' ? feedback : null}
      <div className="cl-form-foot">
        <button type="button" onClick={onClose} data-testid="cl-cancel">
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" data-testid="cl-save" disabled={busy !== undefined}>
          {busy === 'save' ? t('clusters.busy') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
