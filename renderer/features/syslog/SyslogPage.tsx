/**
 * RTMT SysLog Viewer: messages with filters (host, attributed or not, severity, text), live arrivals, the sender
 * (socket address, UDP/TCP/trap, attributed to a node or not: issue 15), and the detail with the definition and
 * recommended action of a known alarm (serviceability-reference.md A.6 "Show Detail").
 */
import { useState } from 'react';
import type { SyslogEntry } from '../../../shared/model/views.js';
import { formatDateTime } from '../../app/format.js';
import { usePolling } from '../../app/usePolling.js';
import { AsyncState } from '../../components/AsyncState.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { severityName } from '../../components/severityScale.js';
import { useT } from '../../i18n/useT.js';
import { useSyslogStore } from './syslogStore.js';
import './syslog.css';

/** The SysLog Viewer page. */
export function SyslogPage() {
  const { t, locale } = useT();
  const { entries, filter, load, query, selectedId, select } = useSyslogStore();
  const [host, setHost] = useState(filter.host ?? '');
  const [maxSeverity, setMaxSeverity] = useState(filter.maxSeverity ?? 7);
  const [text, setText] = useState(filter.text ?? '');
  const [attributed, setAttributed] = useState(filter.attributed === undefined ? '' : filter.attributed ? 'yes' : 'no');
  usePolling((first) => (first ? query(filter) : undefined), 60_000, []);
  const apply = () => void query({ host: host || undefined, attributed: attributed === '' ? undefined : attributed === 'yes', maxSeverity, text: text || undefined, limit: 500 });
  const selected = entries.find((e) => e.id === selectedId);
  const hosts = [...new Set(entries.map((e) => e.host))].sort();
  const columns: Column<SyslogEntry>[] = [
    { id: 'time', header: t('common.time'), cell: (e) => formatDateTime(e.receivedAtMs, locale), sortValue: (e) => e.receivedAtMs },
    // The host the line claims, and under it who sent it (socket peer, transport) and whether it was attributed: one
    // column, so that the message keeps its room beside the detail pane at 1280 px.
    {
      id: 'host',
      header: t('syslog.hostAndSender'),
      cell: (e) => (
        <span className="syslog-origin">
          <span className="nowrap">{e.host}</span>
          <br />
          <span className="hint" title={e.attributed ? t('syslog.attributed') : t('syslog.unattributed')} data-attributed={e.attributed}>
            <span className="mono">{e.peer}</span> {t(`syslog.transport.${e.transport}`)}
            {e.attributed ? null : (
              <>
                <br />
                <span className="tag warn">{t('syslog.unattributed')}</span>
              </>
            )}
          </span>
        </span>
      ),
      sortValue: (e) => e.host,
    },
    { id: 'sev', header: t('syslog.severity'), cell: (e) => <SeverityBadge severity={severityName(e.severity)} />, sortValue: (e) => e.severity },
    { id: 'app', header: t('syslog.app'), cell: (e) => <span title={e.appName}>{e.appName ?? ''}</span>, sortValue: (e) => e.appName, className: 'cell-clip syslog-app' },
    { id: 'msg', header: t('syslog.message'), cell: (e) => (e.msgName ? <><b>{e.msgName}</b> {e.text}</> : e.text), sortValue: (e) => e.msgName ?? e.text, className: 'cell-grow' },
  ];
  return (
    <section className="page">
      <h1>{t('nav.syslog')}</h1>
      <form
        className="filter-bar"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="inline-field">
          {t('syslog.host')}
          <select value={host} onChange={(e) => setHost(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {hosts.map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('syslog.attribution')}
          <select value={attributed} onChange={(e) => setAttributed(e.target.value)} data-testid="syslog-attributed">
            <option value="">{t('common.all')}</option>
            <option value="yes">{t('syslog.attributed')}</option>
            <option value="no">{t('syslog.unattributed')}</option>
          </select>
        </label>
        <label className="inline-field">
          {t('alerts.filterSeverity')}
          <select value={maxSeverity} onChange={(e) => setMaxSeverity(Number(e.target.value))}>
            {[0, 1, 2, 3, 4, 5, 6, 7].map((s) => (
              <option key={s} value={s}>
                {t(`sev.${severityName(s)}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('syslog.text')}
          <input value={text} onChange={(e) => setText(e.target.value)} maxLength={200} />
        </label>
        <button type="submit" className="primary">
          {t('common.apply')}
        </button>
      </form>
      <div className="syslog-layout">
        <div className="panel syslog-table-panel">
          <AsyncState state={load} empty={entries.length === 0} onRetry={apply}>
            <DataTable rows={entries} columns={columns} rowKey={(e) => String(e.id)} label={t('nav.syslog')} selectedKey={selectedId === undefined ? undefined : String(selectedId)} onActivate={(e) => select(e.id)} initialSort={{ column: 'time', direction: 'desc' }} testId="syslog-table" />
          </AsyncState>
        </div>
        <aside className="panel syslog-detail" aria-live="polite">
          <h2>{t('syslog.detail')}</h2>
          {selected ? (
            <>
              <p className="mono">{selected.text}</p>
              <p className={selected.attributed ? 'muted' : undefined} data-testid="syslog-attribution">
                {selected.attributed
                  ? t('syslog.attributedNote', { node: selected.node ?? selected.host, cluster: selected.cluster ?? '', peer: `${selected.peer} (${t(`syslog.transport.${selected.transport}`)})` })
                  : t('syslog.unattributedNote', { peer: selected.peer, host: selected.host })}
              </p>
              {selected.known ? (
                <>
                  <h3>{t('syslog.definition')}</h3>
                  <p>{selected.known.description}</p>
                  <h3>{t('syslog.recommendedAction')}</h3>
                  <p>{selected.known.recommendedAction}</p>
                </>
              ) : (
                <p className="muted">{t('syslog.unknownAlarm')}</p>
              )}
            </>
          ) : (
            <p className="muted">{t('state.empty')}</p>
          )}
        </aside>
      </div>
    </section>
  );
}
