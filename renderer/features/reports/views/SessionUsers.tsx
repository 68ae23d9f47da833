/** A node's logged-in users (the session report's drill-down): sessions and device types per user; CSV of them. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SessionReport } from '../../../../shared/model/reports.js';
import { reportCsv } from '../../../../shared/reports/reportCsv.js';
import { useT } from '../../../i18n/useT.js';
import { downloadText, num, Section } from '../reportParts.js';

/** Rows shown before "Show all" (a node hosts up to 15,000 users). */
const PAGE = 300;

/** The drill-down. */
export function SessionUsers({ data, cluster, node, stamp, onClose }: { readonly data: SessionReport; readonly cluster: string; readonly node: string; readonly stamp: string; onClose(): void }) {
  const { t, locale } = useT();
  const [filter, setFilter] = useState('');
  const [all, setAll] = useState(false);
  const top = useRef<HTMLDivElement>(null);
  // Opened below the table: brought into view, else a person clicks and sees nothing change.
  useEffect(() => {
    top.current?.scrollIntoView?.({ block: 'start' });
  }, [node]);
  const users = useMemo(() => data.users.filter((u) => u.cluster === cluster && u.node === node), [data.users, cluster, node]);
  const f = filter.trim().toLowerCase();
  const matched = f ? users.filter((u) => u.userId.toLowerCase().includes(f)) : users;
  const shown = all ? matched : matched.slice(0, PAGE);
  return (
    <div ref={top}>
    <Section
      title={t('reports.sessions.usersOf', { node, n: num(users.length, locale) })}
      testId="sessions-users"
      actions={
        <>
          <input type="search" placeholder={t('reports.sessions.filterUsers')} aria-label={t('reports.sessions.filterUsers')} value={filter} onChange={(e) => setFilter(e.target.value)} />
          <button type="button" data-testid="sessions-csv-users" onClick={() => downloadText(`sessions-users-${node}-${stamp}.csv`, reportCsv(data, 'user', { cluster, node }))}>
            {t('reports.csvUsers')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </>
      }
    >
      {matched.length === 0 ? (
        <div className="state state-empty">{t('reports.sessions.noUsers')}</div>
      ) : (
        <div className="rep-table-wrap rep-scroll">
          <table className="data-table rep-table" data-testid="sessions-users-table">
            <thead>
              <tr>
                <th>{t('reports.col.userId')}</th>
                <th className="num">{t('reports.col.sessions')}</th>
                <th>{t('reports.col.devices')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr key={u.userId} data-user={u.userId}>
                  <td className="mono">{u.userId}</td>
                  <td className="num" title={u.devices.join(', ')}>
                    {num(u.sessions, locale)}
                  </td>
                  <td title={u.devices.join(', ')}>
                    {u.devices.map((d, i) => (
                      <span key={i} className="tag rep-device">
                        {d}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!all && matched.length > PAGE ? (
        <button type="button" className="rep-more" onClick={() => setAll(true)}>
          {t('reports.showAll', { n: num(matched.length, locale) })}
        </button>
      ) : null}
    </Section>
    </div>
  );
}
