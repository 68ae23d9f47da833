/**
 * After a restore (guide L10594-10624, L10553-10555): the restored nodes in the guide's restart order — CUCM
 * publisher, CUCM subscribers, IM&P publisher, IM&P subscribers; never an IM&P subscriber while the CUCM publisher
 * is offline — with their live state and a Restart button each (confirmed; main refuses out of order, and the button
 * says why it waits), then the replication check (`utils dbreplication runtimestate` must be 2 on every node) with
 * the guide's remedy.
 */
import { useState } from 'react';
import type { DrsRestartStep } from '../../../../shared/model/drs.js';
import { useSelectedCluster } from '../../../app/selection.js';
import { usePolling } from '../../../app/usePolling.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { formatClock } from '../../../app/format.js';
import { useT } from '../../../i18n/useT.js';
import { latestJob, useDrsStore } from '../drsStore.js';
import { clusterLabel } from '../../../app/clusterLabel.js';

/** The After Restore tab. */
export function AfterRestorePanel() {
  const { t, locale } = useT();
  const { cluster, nodes } = useSelectedCluster();
  const { after, busy, restoredServers, restarted } = useDrsStore();
  const job = useDrsStore((s) => latestJob(s.jobs, cluster?.id, 'restore'));
  const [restarting, setRestarting] = useState<DrsRestartStep>();
  const servers = restoredServers.length > 0 ? restoredServers : job?.servers?.length ? job.servers : nodes.map((n) => n.name);
  usePolling((first) => (cluster ? useDrsStore.getState().loadAfter(cluster.id, servers, !first) : undefined), 4_000, [cluster?.id, servers.join(',')]);
  const live = (node: string) => nodes.find((n) => n.name === node)?.reachability;
  return (
    <div className="drs-stack" data-testid="drs-after">
      <section className="panel">
        <div className="panel-head">
          <h2>{t('drs.after.orderTitle')}</h2>
        </div>
        <p className="hint">{t('drs.after.orderHint', { servers: servers.join(', ') })}</p>
        {after?.kind === 'error' ? (
          <div className="state state-error" role="alert">
            <span className="error-code">{after.error.code}</span> {after.error.message}
          </div>
        ) : after?.kind !== 'ready' ? (
          <div className="state state-loading" aria-busy="true">
            <span className="spinner" aria-hidden="true" />
            {t('state.loading')}
          </div>
        ) : (
          <ol className="drs-restart-list" data-testid="drs-restart-order">
            {after.value.restart.map((s) => {
              const reach = live(s.node) ?? s.reachability;
              // The guide's phases are 1-4 (CUCM publisher, CUCM subscribers, IM and Presence publisher, its
              // subscribers); a cluster without one of them shows its steps numbered without a gap.
              const step = [...new Set(after.value.restart.map((r) => r.order))].sort((a, b) => a - b).indexOf(s.order) + 1;
              // Why it waits, in the UI language from the backend's reason code; its English text as the tooltip.
              const why = s.blockedReason && s.blockedByNode ? t(`drs.after.why.${s.blockedReason}`, { node: s.blockedByNode }) : s.blockedBy ? `${t('drs.after.waits')} ${s.blockedBy}` : undefined;
              return (
                <li key={s.node} className={`drs-restart drs-reach-${reach}`} data-testid={`drs-restart-${s.node}`} data-reach={reach}>
                  <span className="drs-step-n">{step}</span>
                  <span className="drs-restart-node">
                    <strong>{s.node}</strong>
                    <span className="muted">{t(`role.${s.role}` as 'role.unknown')}</span>
                  </span>
                  <span className="drs-restart-tags">
                    <span className={`tag ${reach === 'up' ? 'ok' : 'warn'}`}>{t(`reach.${reach}`)}</span>
                    {restarted[s.node] ? (
                      <span className="tag drs-tag" data-testid={`drs-restarted-${s.node}`}>
                        {t('drs.after.restartedAt', { time: formatClock(restarted[s.node]!, locale) })}
                      </span>
                    ) : null}
                  </span>
                  <span className="drs-restart-why" data-testid={`drs-restart-why-${s.node}`}>
                    {s.blockedBy ? (
                      <span className="drs-warn">
                        {why}
                      </span>
                    ) : (
                      <span className="muted">{t('drs.after.canRestart')}</span>
                    )}
                  </span>
                  <button type="button" data-testid={`drs-restart-button-${s.node}`} disabled={!cluster || s.blockedBy !== undefined || busy === `restart:${s.node}`} title={s.blockedBy} onClick={() => setRestarting(s)}>
                    {busy === `restart:${s.node}` ? t('drs.after.restarting') : t('drs.after.restart')}
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <section className="panel">
        <div className="panel-head">
          <h2>{t('drs.after.replTitle')}</h2>
          <button type="button" onClick={() => cluster && void useDrsStore.getState().loadAfter(cluster.id, servers)}>
            {t('drs.after.recheck')}
          </button>
        </div>
        <p className="hint">{t('drs.after.replHint')}</p>
        {after?.kind === 'ready' ? (
          <>
            <table className="data-table drs-table" data-testid="drs-replication">
              <thead>
                <tr>
                  <th>{t('common.node')}</th>
                  <th className="num">{t('drs.after.replState')}</th>
                  <th>{t('drs.after.replText')}</th>
                </tr>
              </thead>
              <tbody>
                {after.value.replication.map((r) => (
                  <tr key={r.node} data-state={r.state ?? ''}>
                    <td>{r.node}</td>
                    <td className={`num ${r.state === 2 ? 'drs-ok-text' : 'drs-warn'}`}>{r.state ?? t('common.none')}</td>
                    <td className={r.error ? 'drs-bad' : undefined}>{r.error ? `${r.error.code}: ${r.error.message}` : (r.text ?? t('common.none'))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className={after.value.replicationOk ? 'drs-ok-text' : 'note'} data-testid="drs-replication-verdict" data-ok={after.value.replicationOk}>
              {after.value.replicationOk ? t('drs.after.replOk') : (after.value.remedy ?? t('drs.after.replNotYet'))}
            </p>
          </>
        ) : null}
      </section>
      {restarting && cluster ? (
        <ConfirmDialog
          title={t('drs.after.restartTitle', { node: restarting.node })}
          danger
          confirmLabel={t('drs.after.restart')}
          onCancel={() => setRestarting(undefined)}
          onConfirm={() => {
            const s = restarting;
            setRestarting(undefined);
            void useDrsStore
              .getState()
              .restartNode(cluster.id, s.node)
              .then(() => useDrsStore.getState().loadAfter(cluster.id, servers, true));
          }}
        >
          <p>{t('drs.after.restartImpact', { node: restarting.node, cluster: clusterLabel(cluster, t) })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
