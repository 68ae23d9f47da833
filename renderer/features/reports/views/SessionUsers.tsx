/**
 * A node's logged-in users (the session report's drill-down): sessions and device types per user; CSV of them.
 * A node can serve 15,000 users (users-15k profile): the table is virtualised (@tanstack/react-virtual), only
 * the rows in view (plus a margin) are in the page, so opening or filtering a big node stays instant.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SessionReport } from '../../../../shared/model/reports.js';
import { reportCsv } from '../../../../shared/reports/reportCsv.js';
import { useT } from '../../../i18n/useT.js';
import { DeviceTag, downloadText, num, Section } from '../reportParts.js';

/** A row's height in px (one line of device tags); the virtualiser measures the real one. */
const ROW_PX = 35;

/** The drill-down. */
export function SessionUsers({ data, cluster, node, stamp, onClose }: { readonly data: SessionReport; readonly cluster: string; readonly node: string; readonly stamp: string; onClose(): void }) {
  const { t, locale } = useT();
  const [filter, setFilter] = useState('');
  const top = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  // Opened below the table: brought into view, else a person clicks and sees nothing change.
  useEffect(() => {
    top.current?.scrollIntoView?.({ block: 'start' });
  }, [node]);
  const users = useMemo(() => data.users.filter((u) => u.cluster === cluster && u.node === node), [data.users, cluster, node]);
  const f = filter.trim().toLowerCase();
  const matched = f ? users.filter((u) => u.userId.toLowerCase().includes(f)) : users;
  const virtualizer = useVirtualizer({ count: matched.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0]!.start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
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
        <div className="rep-table-wrap rep-scroll" ref={scroller} data-testid="sessions-users-scroll">
          <table className="data-table rep-table" data-testid="sessions-users-table" aria-rowcount={matched.length + 1}>
            <thead className="rep-sticky-head">
              <tr>
                <th>{t('reports.col.userId')}</th>
                <th className="num">{t('reports.col.sessions')}</th>
                <th>{t('reports.col.devices')}</th>
              </tr>
            </thead>
            <tbody>
              {padTop > 0 ? <tr aria-hidden="true" style={{ height: padTop }} /> : null}
              {items.map((v) => {
                const u = matched[v.index]!;
                return (
                <tr key={u.userId} data-user={u.userId} data-index={v.index} ref={virtualizer.measureElement} aria-rowindex={v.index + 2}>
                  <td className="mono">{u.userId}</td>
                  <td className="num" title={u.devices.join(', ')}>
                    {num(u.sessions, locale)}
                  </td>
                  <td title={u.devices.join(', ')}>
                    {u.devices.map((d, i) => (
                      <DeviceTag key={i} device={d} />
                    ))}
                  </td>
                </tr>
                );
              })}
              {padBottom > 0 ? <tr aria-hidden="true" style={{ height: padBottom }} /> : null}
            </tbody>
          </table>
        </div>
      )}
      {f && matched.length > 0 ? <div className="hint">{t('reports.sessions.filtered', { n: num(matched.length, locale), total: num(users.length, locale) })}</div> : null}
    </Section>
    </div>
  );
}
