/**
 * The audit entries, virtualised (@tanstack/react-virtual, as the reports' user list): the log can hold years of
 * entries and a page shows up to PAGE_LIMIT. Each entry is its own <tbody> (a row, and its details when expanded),
 * measured by the virtualiser.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, useRef, useState } from 'react';
import type { AuditEntry } from '../../../shared/model/audit.js';
import { formatDateTime } from '../../app/format.js';
import { useT } from '../../i18n/useT.js';
import { actionLabel, paramLines, sourceLabel } from './auditLabels.js';

const ROW_PX = 34;

/** Props of AuditTable. */
export interface AuditTableProps {
  readonly entries: readonly AuditEntry[];
}

/** Renders the table. */
export function AuditTable({ entries }: AuditTableProps) {
  const { t, locale } = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0]!.start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const toggle = (seq: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  return (
    <div className="audit-scroll" ref={scroller} data-testid="audit-scroll">
      <table className="data-table audit-table" aria-label={t('audit.title')} aria-rowcount={entries.length + 1} data-testid="audit-table">
        <colgroup>
          <col className="audit-col-time" />
          <col className="audit-col-operator" />
          <col className="audit-col-source" />
          <col />
          <col className="audit-col-target" />
          <col className="audit-col-result" />
        </colgroup>
        <thead className="audit-head">
          <tr>
            <th>{t('audit.col.time')}</th>
            <th>{t('audit.col.operator')}</th>
            <th>{t('audit.col.source')}</th>
            <th>{t('audit.col.action')}</th>
            <th>{t('audit.col.target')}</th>
            <th>{t('audit.col.result')}</th>
          </tr>
        </thead>
        {padTop > 0 ? (
          <tbody aria-hidden="true">
            <tr style={{ height: padTop }} />
          </tbody>
        ) : null}
        {items.map((v) => {
          const e = entries[v.index]!;
          const expanded = open.has(e.seq);
          const lines = paramLines(e.params, (ms) => formatDateTime(ms, locale));
          return (
            <tbody key={e.seq} data-index={v.index} ref={virtualizer.measureElement} data-seq={e.seq} data-testid="audit-entry" className={expanded ? 'audit-open' : undefined}>
              <tr aria-rowindex={v.index + 2}>
                <td className="nowrap mono-num">
                  <button type="button" className="audit-expand" aria-expanded={expanded} aria-label={t('audit.showDetails', { seq: e.seq })} onClick={() => toggle(e.seq)}>
                    {expanded ? '▾' : '▸'}
                  </button>
                  {formatDateTime(e.atMs, locale)}
                </td>
                <td className="audit-who">
                  <span className="audit-operator" data-testid="audit-operator-cell">
                    {e.operator}
                  </span>
                  <span className="muted"> · {t(`role.${e.role}`)}</span>
                </td>
                <td className="audit-source">{sourceLabel(e, t)}</td>
                <td title={e.action} data-testid="audit-action-cell" data-action={e.action}>
                  {actionLabel(e.action, t)}
                </td>
                <td className="audit-target mono" title={e.target}>
                  {e.target ?? t('common.none')}
                </td>
                <td>
                  <span className={`tag audit-result audit-${e.result}`} data-testid="audit-result-cell" title={e.errorCode}>
                    {t(`audit.result.${e.result}`)}
                  </span>
                </td>
              </tr>
              {expanded ? (
                <tr className="audit-details">
                  <td colSpan={6}>
                    <dl>
                      <dt>{t('audit.seq', { seq: e.seq })}</dt>
                      <dd className="mono">{e.action}</dd>
                      {e.errorCode ? (
                        <>
                          <dt>{t('audit.errorCode')}</dt>
                          <dd className="mono">{e.errorCode}</dd>
                        </>
                      ) : null}
                      {e.message ? (
                        <>
                          <dt>{t('audit.message')}</dt>
                          <dd>{e.message}</dd>
                        </>
                      ) : null}
                      <dt>{t('audit.params')}</dt>
                      <dd className="mono">
                        {lines.length === 0
                          ? t('common.none')
                          : lines.map((l, i) => (
                              <Fragment key={i}>
                                {l}
                                <br />
                              </Fragment>
                            ))}
                      </dd>
                    </dl>
                  </td>
                </tr>
              ) : null}
            </tbody>
          );
        })}
        {padBottom > 0 ? (
          <tbody aria-hidden="true">
            <tr style={{ height: padBottom }} />
          </tbody>
        ) : null}
      </table>
    </div>
  );
}
