/**
 * The IM and Presence User Session Report (guide L7019-7045): users logged in, total sessions and sessions by
 * device type (Desktop, iPhone, iPad; an Android tablet counts as Desktop, L7039) per cluster, presence redundancy
 * group and node, with the node's JSM counter read just before and after; a node's "users logged in" opens its
 * users with their sessions and device types. CSV at node and user level.
 */
import { Fragment, useMemo, useState } from 'react';
import type { ReportRunInfo, SessionReport, SessionTotals } from '../../../../shared/model/reports.js';
import { useT } from '../../../i18n/useT.js';
import { fileStamp, num, Section } from '../reportParts.js';
import { SessionsChart } from './SessionsChart.js';
import { SessionUsers } from './SessionUsers.js';

/** The sessions view. */
export function SessionsView({ data, run }: { readonly data: SessionReport; readonly run: ReportRunInfo }) {
  const { t, locale } = useT();
  const [open, setOpen] = useState<{ cluster: string; node: string }>();
  const stamp = fileStamp(run.finishedAtMs ?? run.startedAtMs);
  const groupsOf = useMemo(() => (cluster: string) => data.groups.filter((g) => g.cluster === cluster), [data.groups]);
  const cells = (r: SessionTotals) => (
    <>
      <td className="num">{num(r.sessions, locale)}</td>
      <td className="num">{num(r.byDevice.Desktop, locale)}</td>
      <td className="num">{num(r.byDevice.iPhone, locale)}</td>
      <td className="num">{num(r.byDevice.iPad, locale)}</td>
    </>
  );
  if (data.nodes.length === 0) return <div className="state state-empty">{t('reports.sessions.none')}</div>;
  return (
    <div className="rep-stack">
      <Section title={t('reports.sessions.table')} testId="sessions-table-section">
        <div className="rep-table-wrap">
          <table className="data-table rep-table" data-testid="sessions-table">
            <thead>
              <tr>
                <th>{t('reports.col.name')}</th>
                <th className="num">{t('reports.col.usersLoggedIn')}</th>
                <th className="num">{t('reports.col.sessions')}</th>
                <th className="num">Desktop</th>
                <th className="num">iPhone</th>
                <th className="num">iPad</th>
                <th className="num" title={t('reports.sessions.counterHint')}>
                  {t('reports.col.counter')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.clusters.map((c) => (
                <Fragment key={c.cluster}>
                  <tr className="rep-level-cluster">
                    <td>{c.cluster}</td>
                    <td className="num">{num(c.usersLoggedIn, locale)}</td>
                    {cells(c)}
                    <td />
                  </tr>
                  {groupsOf(c.cluster).map((g) => (
                    <Fragment key={g.group}>
                      <tr className="rep-level-group">
                        <td className="rep-indent-1">{g.group}</td>
                        <td className="num">{num(g.usersLoggedIn, locale)}</td>
                        {cells(g)}
                        <td />
                      </tr>
                      {data.nodes
                        .filter((n) => n.cluster === c.cluster && n.group === g.group)
                        .map((n) => {
                          const isOpen = open?.cluster === n.cluster && open.node === n.node;
                          const drift = n.counterBefore !== undefined && n.counterAfter !== undefined && (n.counterBefore !== n.sessions || n.counterAfter !== n.sessions);
                          return (
                            <tr key={n.node} className={isOpen ? 'selected' : undefined} data-testid={`sessions-node-${n.node}`}>
                              <td className="rep-indent-2 mono">{n.node}</td>
                              <td className="num">
                                <button type="button" className="rep-link" data-testid={`sessions-users-${n.node}`} title={t('reports.sessions.openUsers')} aria-expanded={isOpen} onClick={() => setOpen(isOpen ? undefined : { cluster: n.cluster, node: n.node })}>
                                  {num(n.usersLoggedIn, locale)}
                                </button>
                              </td>
                              {cells(n)}
                              <td className={`num nowrap${drift ? ' rep-warn-text' : ''}`} title={drift ? t('reports.sessions.drift') : undefined}>
                                {n.counterBefore === undefined ? t('common.none') : `${num(n.counterBefore, locale)} → ${num(n.counterAfter, locale)}`}
                              </td>
                            </tr>
                          );
                        })}
                    </Fragment>
                  ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      {open ? <SessionUsers data={data} cluster={open.cluster} node={open.node} stamp={stamp} onClose={() => setOpen(undefined)} /> : null}
      <Section title={t('reports.sessions.chart')}>
        <SessionsChart nodes={data.nodes} />
      </Section>
    </div>
  );
}
