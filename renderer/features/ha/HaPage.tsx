/**
 * Presence redundancy groups: both nodes' SRM states and reasons in the guide's words (Table 3/4,
 * seed-inventory.md 2.9/2.10), where a pair in transition is heading, users moved so far (JSM counters), each
 * node's database replication in words and active JSM sessions, the recommended action of the matching Table 4
 * row (or, for a pair no row describes, of the rows it leads to), and the Failover / Fallback / Recover buttons,
 * enabled only as PrgStatus.allowed says and otherwise saying why, each behind a confirmation (guide L2216-2242).
 */
import { useState } from 'react';
import type { HaCommandRequest, PrgStatus } from '../../../shared/model/views.js';
import { formatNumber } from '../../app/format.js';
import { useSelectedCluster } from '../../app/selection.js';
import { usePolling } from '../../app/usePolling.js';
import { AsyncState, ErrorBanner } from '../../components/AsyncState.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { haReasonLabel, haStateLabel, haStateTone } from '../../i18n/haLabels.js';
import { useT } from '../../i18n/useT.js';
import { JobProgress } from '../jobs/JobProgress.js';
import { isJobDone, useJobsStore } from '../jobs/jobsStore.js';
import { useHaStore } from './haStore.js';
import { useCan } from '../../app/useCan.js';

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

/** A button of the PRG view; when disabled, its reason is in the list under the buttons (aria-describedby). */
function CommandButton({ testId, label, reason, onClick }: { readonly testId: string; readonly label: string; readonly reason?: string; readonly onClick: () => void }) {
  return (
    <button type="button" data-testid={testId} disabled={reason !== undefined} title={reason} aria-describedby={reason ? `${testId}-why` : undefined} onClick={onClick}>
      {label}
    </button>
  );
}

/** Why the buttons of a row are disabled: one line per reason, naming the buttons it holds back. */
function DisabledReasons({ items }: { readonly items: readonly { readonly testId: string; readonly label: string; readonly reason?: string }[] }) {
  const { locale } = useT();
  const byReason = new Map<string, { labels: string[]; ids: string[] }>();
  for (const i of items) {
    if (!i.reason) continue;
    const e = byReason.get(i.reason) ?? { labels: [], ids: [] };
    e.labels.push(i.label);
    e.ids.push(i.testId);
    byReason.set(i.reason, e);
  }
  if (byReason.size === 0) return null;
  return (
    <ul className="disabled-reasons">
      {[...byReason.entries()].map(([reason, e]) => (
        <li key={reason} data-testid="disabled-reason" data-for={e.ids.join(' ')}>
          {/* One id per button it explains, so each button's aria-describedby resolves. */}
          {e.ids.map((id, k) => (
            <span key={id} id={`${id}-why`} data-testid={`${id}-why`}>
              {k === 0 ? (
                <>
                  <span className="reason-buttons">{e.labels.join(' · ')}</span>
                  {locale === 'zh' ? '：' : ': '}
                  {reason}
                </>
              ) : null}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

/** The replication setup state in words (utils dbreplication runtimestate; serviceability-reference.md D.3). */
function replicationWords(state: number | undefined, t: ReturnType<typeof useT>['t']): string {
  if (state === undefined) return t('ha.repl.unknown');
  return state >= 0 && state <= 4 ? t(`ha.repl.${state}` as 'ha.repl.0') : String(state);
}

function GroupCard({ group }: { readonly group: PrgStatus }) {
  const { t, locale } = useT();
  const [pending, setPending] = useState<HaCommandRequest>();
  const runCommand = useHaStore((s) => s.runCommand);
  const jobId = useHaStore((s) => s.jobByGroup[group.name]);
  const job = useJobsStore((s) => s.jobs.find((j) => j.id === jobId));
  const busy = job !== undefined && !isJobDone(job);
  const canCommand = useCan('ha', 'command');
  const why = (key: string): string | undefined => {
    if (!canCommand.allowed) return canCommand.reason;
    if (busy) return t('haDisabled.jobRunning');
    const r = group.disabledReasons?.[key];
    if (!r) return undefined;
    const params = Object.fromEntries(Object.entries(r.params ?? {}).map(([k, v]) => [k, k === 'state' ? haStateLabel(String(v), locale) : v]));
    return t(`haDisabled.${r.key}` as 'haDisabled.noPeer', params);
  };
  const confirmText = (r: HaCommandRequest) =>
    r.action === 'failover' ? t('ha.confirmFailover', { node: r.target }) : r.action === 'fallback' ? t('ha.confirmFallback', { node: r.target }) : t('ha.confirmRecover', { group: r.target });
  const action = group.tableRow ? (locale === 'zh' ? group.tableRow.actionZh : group.tableRow.actionEn) : group.otherAction ? (locale === 'zh' ? group.otherAction.actionZh : group.otherAction.actionEn) : undefined;
  const users = job && !isJobDone(job) && job.ha?.users ? job.ha.users : group.users;
  return (
    <article className="panel prg" data-testid={`prg-${group.name}`}>
      <header className="panel-head">
        <h2>{group.name}</h2>
        <span className={`tag ${group.haEnabled ? 'ok' : 'warn'}`}>{group.haEnabled ? t('ha.enabled') : t('ha.disabled')}</span>
      </header>
      <div className="prg-nodes">
        {group.nodes.map((n) => {
          const heading = group.headingTo?.[n.name];
          return (
            <div key={n.name} className={`prg-node tone-${haStateTone(n.state)}`} data-testid={`prg-node-${n.name}`}>
              <div className="prg-node-name">
                {n.name}
                {n.reachable === false ? <span className="tag bad"> {t('ha.unreachable')}</span> : null}
              </div>
              <div className="prg-state" data-testid="ha-state" data-state={n.state}>
                {haStateLabel(n.state, locale)}
              </div>
              <dl className="prg-facts">
                <dt>{t('ha.reason')}</dt>
                <dd data-testid="ha-reason">{n.reason ? haReasonLabel(n.reason, locale) : t('common.none')}</dd>
                {heading ? (
                  <>
                    <dt>{t('ha.headingTo')}</dt>
                    <dd data-testid="ha-heading">→ {haStateLabel(heading, locale)}</dd>
                  </>
                ) : null}
                <dt>{t('ha.replication')}</dt>
                <dd data-testid="ha-replication" data-value={n.replicationState ?? ''}>
                  {replicationWords(n.replicationState, t)}
                </dd>
                <dt>{t('ha.activeSessions')}</dt>
                <dd data-testid="ha-sessions">{n.activeJsmSessions === undefined ? t('common.none') : formatNumber(n.activeJsmSessions, locale, 0)}</dd>
              </dl>
              <div className="button-row">
                <CommandButton testId={`failover-${n.name}`} label={t('ha.failover')} reason={why(`failover:${n.name}`)} onClick={() => setPending({ cluster: group.cluster, action: 'failover', target: n.name })} />
                <CommandButton testId={`fallback-${n.name}`} label={t('ha.fallback')} reason={why(`fallback:${n.name}`)} onClick={() => setPending({ cluster: group.cluster, action: 'fallback', target: n.name })} />
              </div>
              <DisabledReasons
                items={[
                  { testId: `failover-${n.name}`, label: t('ha.failover'), reason: why(`failover:${n.name}`) },
                  { testId: `fallback-${n.name}`, label: t('ha.fallback'), reason: why(`fallback:${n.name}`) },
                ]}
              />
            </div>
          );
        })}
      </div>
      {users ? (
        <div className="prg-moving" data-testid="ha-users-moved" data-moved={users.moved} data-total={users.total}>
          <div>{t('ha.usersMoved', { moved: formatNumber(users.moved, locale, 0), total: formatNumber(users.total, locale, 0), from: users.from, to: users.to })}</div>
          <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={users.total} aria-valuenow={users.moved}>
            <div className="progress-fill" style={{ width: `${users.total > 0 ? Math.round((users.moved / users.total) * 100) : 0}%` }} />
          </div>
        </div>
      ) : null}
      {action ? (
        <div className="recommended" data-testid="ha-recommended">
          <h3>
            {t('ha.recommended')} <small>({group.tableRow ? t('ha.row', { row: group.tableRow.row }) : t('ha.basedOnRows', { rows: (group.otherAction?.basedOnRows ?? []).join(', ') })})</small>
          </h3>
          <p>{action}</p>
        </div>
      ) : null}
      <div className="button-row">
        <CommandButton testId={`recover-${group.name}`} label={t('ha.recover')} reason={why('recover')} onClick={() => setPending({ cluster: group.cluster, action: 'recover', target: group.name })} />
      </div>
      <DisabledReasons items={[{ testId: `recover-${group.name}`, label: t('ha.recover'), reason: why('recover') }]} />
      {/* The users-moved bar above is the job's measure too: no second bar. */}
      {job ? <JobProgress job={job} showBar={false} /> : null}
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
