/**
 * Presence redundancy groups: both nodes' SRM states and reasons in the guide's words (Table 3/4,
 * seed-inventory.md 2.9/2.10), the recommended action of the matching Table 4 row, and the Failover / Fallback /
 * Recover buttons, enabled only as PrgStatus.allowed says, each behind a confirmation (guide L2216-2242).
 */
import { useState } from 'react';
import type { HaCommandRequest, PrgStatus } from '../../../shared/model/views.js';
import { useSelectedCluster } from '../../app/selection.js';
import { usePolling } from '../../app/usePolling.js';
import { AsyncState, ErrorBanner } from '../../components/AsyncState.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { haReasonLabel, haStateLabel, haStateTone } from '../../i18n/haLabels.js';
import { useT } from '../../i18n/useT.js';
import { isJobDone } from '../jobs/jobsStore.js';
import { useJobsStore } from '../jobs/jobsStore.js';
import { useHaStore } from './haStore.js';

/** The PRG page. */
export function HaPage() {
  const { t } = useT();
  const { cluster } = useSelectedCluster();
  const { groups, load, loadGroups, commandError } = useHaStore();
  const jobs = useJobsStore((s) => s.jobs);
  const jobByGroup = useHaStore((s) => s.jobByGroup);
  const running = Object.values(jobByGroup).some((id) => {
    const j = jobs.find((x) => x.id === id);
    return j !== undefined && !isJobDone(j);
  });
  // Poll faster while a command runs so transitional states (Failing Over / Taking Over) are seen.
  usePolling((first) => (cluster ? loadGroups(cluster.id, !first) : undefined), running ? 1_000 : 5_000, [cluster?.id, running]);
  return (
    <section className="page">
      <h1>{t('nav.ha')}</h1>
      <ErrorBanner error={commandError} />
      <AsyncState state={load} empty={groups.length === 0} emptyText={load.kind === 'ready' ? t('ha.noGroups') : undefined} onRetry={() => cluster && void loadGroups(cluster.id)}>
        {groups.map((g) => (
          <GroupCard key={g.name} group={g} />
        ))}
      </AsyncState>
    </section>
  );
}

function GroupCard({ group }: { readonly group: PrgStatus }) {
  const { t, locale } = useT();
  const [pending, setPending] = useState<HaCommandRequest>();
  const runCommand = useHaStore((s) => s.runCommand);
  const jobId = useHaStore((s) => s.jobByGroup[group.name]);
  const job = useJobsStore((s) => s.jobs.find((j) => j.id === jobId));
  const busy = job !== undefined && !isJobDone(job);
  const confirmText = (r: HaCommandRequest) =>
    r.action === 'failover' ? t('ha.confirmFailover', { node: r.target }) : r.action === 'fallback' ? t('ha.confirmFallback', { node: r.target }) : t('ha.confirmRecover', { group: r.target });
  return (
    <article className="panel prg" data-testid={`prg-${group.name}`}>
      <header className="panel-head">
        <h2>{group.name}</h2>
        <span className={`tag ${group.haEnabled ? 'ok' : 'warn'}`}>{group.haEnabled ? t('ha.enabled') : t('ha.disabled')}</span>
      </header>
      <div className="prg-nodes">
        {group.nodes.map((n) => (
          <div key={n.name} className={`prg-node tone-${haStateTone(n.state)}`} data-testid={`prg-node-${n.name}`}>
            <div className="prg-node-name">{n.name}</div>
            <div className="prg-state" data-testid="ha-state" data-state={n.state}>
              {haStateLabel(n.state, locale)}
            </div>
            <div className="prg-reason">
              {t('ha.reason')}: <span data-testid="ha-reason">{n.reason ? haReasonLabel(n.reason, locale) : t('common.none')}</span>
            </div>
            <div className="button-row">
              <button type="button" data-testid={`failover-${n.name}`} disabled={busy || !group.allowed.failover.includes(n.name)} onClick={() => setPending({ cluster: group.cluster, action: 'failover', target: n.name })}>
                {t('ha.failover')}
              </button>
              <button type="button" data-testid={`fallback-${n.name}`} disabled={busy || !group.allowed.fallback.includes(n.name)} onClick={() => setPending({ cluster: group.cluster, action: 'fallback', target: n.name })}>
                {t('ha.fallback')}
              </button>
            </div>
          </div>
        ))}
      </div>
      {group.tableRow ? (
        <div className="recommended" data-testid="ha-recommended">
          <h3>
            {t('ha.recommended')} <small>({t('ha.row', { row: group.tableRow.row })})</small>
          </h3>
          <p>{locale === 'zh' ? group.tableRow.actionZh : group.tableRow.actionEn}</p>
        </div>
      ) : null}
      <div className="button-row">
        <button type="button" data-testid={`recover-${group.name}`} disabled={busy || !group.allowed.recover} onClick={() => setPending({ cluster: group.cluster, action: 'recover', target: group.name })}>
          {t('ha.recover')}
        </button>
      </div>
      {job ? <ProgressBar job={job} /> : null}
      {pending ? (
        <ConfirmDialog
          title={t(pending.action === 'failover' ? 'ha.failover' : pending.action === 'fallback' ? 'ha.fallback' : 'ha.recover')}
          confirmLabel={t(pending.action === 'failover' ? 'ha.failover' : pending.action === 'fallback' ? 'ha.fallback' : 'ha.recover')}
          danger
          onCancel={() => setPending(undefined)}
          onConfirm={() => {
            const r = pending;
            setPending(undefined);
            void runCommand(group.name, r);
          }}
        >
          <p>{confirmText(pending)}</p>
        </ConfirmDialog>
      ) : null}
    </article>
  );
}
