/**
 * The syslog and SNMP trap receivers (issue 15): each listener's state, messages per second, dropped and
 * unattributed messages; the address and ports form (rebinds on save; a port that cannot be bound shows its error
 * and the capability hint); the steps to point a real cluster at them in Cisco Unified Serviceability
 * (serviceability-reference.md MSG-0101 alarm destinations, TS-SNMP Notification Destination); and "Configure nodes"
 * for simulated clusters, which runs the remote syslog and trap destination commands on their admin CLI.
 */
import { useEffect, useState } from 'react';
import type { ListenerStatus, ReceiversStatus } from '../../../shared/model/receivers.js';
import { usePolling } from '../../app/usePolling.js';
import { clusterLabel } from '../../app/clusterLabel.js';
import { AsyncState } from '../../components/AsyncState.js';
import { useT } from '../../i18n/useT.js';
import { useClustersStore } from '../overview/clustersStore.js';
import { privilegedPort, receiverForm, receiverProblems, toReceiverSettings, type ReceiverFormState, type ReceiverProblem } from './receiverForm.js';
import { useReceiversStore } from './receiversStore.js';
import './receivers.css';
import { useCan } from '../../app/useCan.js';
import { gate, RoleNote } from '../access/gate.js';

/** The receivers panel. */
export function ReceiversPanel() {
  const { t } = useT();
  const { status, load, loadStatus } = useReceiversStore();
  usePolling((first) => loadStatus(!first), 5_000, []);
  return (
    <div className="rx-stack" data-testid="rx-panel">
      <div className="panel">
        <h2>{t('receivers.title')}</h2>
        <AsyncState state={load} empty={false} onRetry={() => void loadStatus()}>
          {status ? <Listeners status={status} /> : null}
        </AsyncState>
      </div>
      {status ? <ReceiverSettingsForm status={status} /> : null}
      {status ? <Steps status={status} /> : null}
      <SimulatedNodes />
    </div>
  );
}

function rate(n: number): string {
  return n >= 10 ? String(Math.round(n)) : n.toFixed(1);
}

function Listeners({ status }: { readonly status: ReceiversStatus }) {
  const { t } = useT();
  return (
    <div className="cl-scroll">
      <table className="data-table rx-table" data-testid="rx-listeners">
        <thead>
          <tr>
            <th>{t('receivers.listener')}</th>
            <th>{t('receivers.address')}</th>
            <th>{t('common.status')}</th>
            <th className="num">{t('receivers.rate')}</th>
            <th className="num">{t('receivers.accepted')}</th>
            <th className="num">{t('receivers.dropped')}</th>
            <th className="num">{t('receivers.unattributed')}</th>
            <th className="num">{t('receivers.connections')}</th>
          </tr>
        </thead>
        <tbody>
          {status.listeners.map((l) => (
            <ListenerRow key={l.kind} l={l} />
          ))}
        </tbody>
      </table>
      {status.launchOverride ? <p className="hint rx-warn">{t('receivers.launchOverride')}</p> : null}
    </div>
  );
}

function ListenerRow({ l }: { readonly l: ListenerStatus }) {
  const { t } = useT();
  return (
    <>
      <tr data-testid={`rx-${l.kind}`} data-state={l.state}>
        <td className="nowrap">{t(`receivers.kind.${l.kind}`)}</td>
        <td className="mono nowrap">{l.state === 'off' ? t('common.none') : `${l.address}:${l.port}`}</td>
        <td className="nowrap">
          <span className={l.state === 'listening' ? 'cl-ok' : l.state === 'failed' ? 'cl-bad' : 'muted'}>{t(`receivers.state.${l.state}`)}</span>
        </td>
        <td className="num">{rate(l.ratePerSec)}</td>
        <td className="num" title={t('receivers.receivedOf', { n: l.received })}>
          {l.accepted}
        </td>
        <td className="num" title={l.lastDropReason}>
          <span className={l.dropped > 0 ? 'rx-warn' : undefined}>{l.dropped}</span>
        </td>
        <td className="num">
          <span className={l.unattributed > 0 ? 'rx-warn' : undefined}>{l.unattributed}</span>
        </td>
        <td className="num">{l.connections ?? t('common.none')}</td>
      </tr>
      {l.error || (l.dropped > 0 && l.lastDropReason) ? (
        <tr className="rx-note">
          <td colSpan={8}>
            {l.error ? (
              <span className="cl-bad" data-testid={`rx-${l.kind}-error`}>
                {l.error.message} ({l.error.code})
              </span>
            ) : (
              <span className="muted">{t('receivers.lastDrop', { reason: l.lastDropReason ?? '' })}</span>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

const PROBLEM_KEY = {
  address: 'receivers.bad.address',
  syslogUdpPort: 'receivers.bad.port',
  syslogTcpPort: 'receivers.bad.port',
  trapPort: 'receivers.bad.port',
  communities: 'receivers.bad.communities',
} as const;

function ReceiverSettingsForm({ status }: { readonly status: ReceiversStatus }) {
  const { t } = useT();
  const canSave = useCan('receivers', 'save');
  const { busy, actionError, failedAction, save } = useReceiversStore();
  const [f, setF] = useState<ReceiverFormState>(() => receiverForm(status.settings));
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const savedKey = JSON.stringify(status.settings);
  useEffect(() => {
    // New settings from the backend (another window, a save): the form follows them.
    setF(receiverForm(JSON.parse(savedKey) as ReceiversStatus['settings']));
  }, [savedKey]);
  const problems = receiverProblems(f);
  const bad = (p: ReceiverProblem) => tried && problems.includes(p);
  const set = (patch: Partial<ReceiverFormState>) => {
    setF({ ...f, ...patch });
    setSaved(false);
  };
  const privileged = [f.syslogUdpPort, f.syslogTcpPort, f.trapPort].map(Number).some(privilegedPort);
  // A save that binds nothing is not a success: say how many listeners failed (their errors are in the table above).
  const failedListeners = status.listeners.filter((l) => l.state === 'failed').length;
  return (
    <form
      noValidate
      className="panel rx-form"
      data-testid="rx-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (problems.length > 0) return;
        void save(toReceiverSettings(f)).then(setSaved);
      }}
    >
      <h2>{t('receivers.settings')}</h2>
      {/* A role that cannot save sees the settings read-only. */}
      <fieldset className="role-fieldset" disabled={!canSave.allowed} title={canSave.reason} data-testid="rx-fields">
      <div className="rx-grid">
        <label className="rx-cell">
          <span>{t('receivers.bindAddress')}</span>
          <input type="text" className="mono" value={f.address} onChange={(e) => set({ address: e.target.value })} aria-invalid={bad('address')} data-testid="rx-address" />
        </label>
        <label className="rx-cell">
          <span>{t('receivers.kind.syslog-udp')}</span>
          <input type="number" min={0} max={65535} value={f.syslogUdpPort} onChange={(e) => set({ syslogUdpPort: e.target.value })} aria-invalid={bad('syslogUdpPort')} data-testid="rx-udp" />
        </label>
        <label className="rx-cell">
          <span>{t('receivers.kind.syslog-tcp')}</span>
          <input type="number" min={0} max={65535} value={f.syslogTcpPort} onChange={(e) => set({ syslogTcpPort: e.target.value })} aria-invalid={bad('syslogTcpPort')} data-testid="rx-tcp" />
        </label>
        <label className="rx-cell">
          <span>{t('receivers.kind.snmp-trap')}</span>
          <input type="number" min={0} max={65535} value={f.trapPort} onChange={(e) => set({ trapPort: e.target.value })} aria-invalid={bad('trapPort')} data-testid="rx-trap" />
        </label>
        <label className="rx-cell rx-wide">
          <span>{t('receivers.communities')}</span>
          <input type="text" value={f.communities} onChange={(e) => set({ communities: e.target.value })} aria-invalid={bad('communities')} data-testid="rx-communities" />
        </label>
      </div>
      </fieldset>
      {tried && problems.length > 0 ? (
        <ul className="cl-bad rx-problems">
          {[...new Set(problems.map((p) => PROBLEM_KEY[p]))].map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ul>
      ) : null}
      <p className="hint">{t('receivers.portsHint')}</p>
      {privileged ? <p className="hint rx-warn">{t('receivers.privileged')}</p> : null}
      {actionError && failedAction === 'save' ? (
        <p className="cl-bad" role="alert">
          {actionError.message} ({actionError.code})
        </p>
      ) : null}
      <div className="cl-form-foot">
        {saved ? (
          failedListeners > 0 ? (
            <span className="cl-bad" role="status" data-testid="rx-saved-failed">
              {t('receivers.savedFailed', { n: failedListeners })}
            </span>
          ) : (
            <span className="cl-ok" role="status" data-testid="rx-saved">
              {t('receivers.saved')}
            </span>
          )
        ) : (
          <span />
        )}
        <RoleNote can={canSave} />
        <button type="submit" className="primary" {...gate(canSave, busy !== undefined)} data-testid="rx-save">
          {busy === 'save' ? t('clusters.busy') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

function Steps({ status }: { readonly status: ReceiversStatus }) {
  const { t } = useT();
  const s = status.settings;
  const address = s.address === '0.0.0.0' || s.address === '::' ? t('receivers.steps.thisMachine') : s.address;
  // The port a listener is bound to (the asked one may be 0 = any free port), else the one asked for.
  const port = (kind: ListenerStatus['kind'], asked: number) => status.listeners.find((l) => l.kind === kind && l.state === 'listening')?.port ?? asked;
  const syslogPort = port('syslog-udp', s.syslogUdpPort) || port('syslog-tcp', s.syslogTcpPort);
  const trapPort = port('snmp-trap', s.trapPort);
  return (
    <div className="panel rx-steps" data-testid="rx-steps">
      <h2>{t('receivers.steps.title')}</h2>
      {s.address.startsWith('127.') ? <p className="rx-warn">{t('receivers.steps.loopback')}</p> : null}
      <ol>
        <li>{t('receivers.steps.syslog', { address })}</li>
        <li>{t('receivers.steps.syslogPort', { port: syslogPort })}</li>
        <li>{t('receivers.steps.community', { community: s.trapCommunities[0] ?? 'public' })}</li>
        <li>{t('receivers.steps.trap', { address, port: trapPort, community: s.trapCommunities[0] ?? 'public' })}</li>
        <li>{t('receivers.steps.check')}</li>
      </ol>
    </div>
  );
}

function SimulatedNodes() {
  const { t } = useT();
  const canConfigure = useCan('receivers', 'configureNodes');
  const simulated = useClustersStore((s) => s.clusters).filter((c) => c.simulated);
  const { busy, setups, configureNodes, actionError, failedAction } = useReceiversStore();
  return (
    <div className="panel" data-testid="rx-sim">
      <h2>{t('receivers.sim.title')}</h2>
      <p className="hint">{t('receivers.sim.hint')}</p>
      {simulated.length === 0 ? <p className="muted">{t('receivers.sim.none')}</p> : null}
      {actionError && failedAction === 'configure' ? (
        <p className="cl-bad" role="alert" data-testid="rx-configure-error">
          {actionError.message} ({actionError.code})
        </p>
      ) : null}
      {simulated.map((c) => (
        <div key={c.id} className="rx-sim-cluster">
          <div className="panel-head">
            <h3>{clusterLabel(c, t)}</h3>
            <button type="button" {...gate(canConfigure, busy !== undefined)} onClick={() => void configureNodes(c.id)} data-testid={`rx-configure-${c.id}`}>
              {busy === 'configure' ? t('clusters.busy') : t('receivers.sim.configure')}
            </button>
          </div>
          {setups[c.id] ? (
            <ul className="rx-setups" data-testid={`rx-setups-${c.id}`}>
              {setups[c.id]!.map((r) => (
                <li key={r.node}>
                  <b className={r.ok ? 'cl-ok' : 'cl-bad'}>{r.ok ? t('receivers.sim.ok', { node: r.node }) : t('receivers.sim.failed', { node: r.node })}</b>
                  {r.error ? <span className="cl-bad"> {r.error}</span> : null}
                  {r.commands.length > 0 ? <code className="rx-commands">{r.commands.join('\n')}</code> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </div>
  );
}
