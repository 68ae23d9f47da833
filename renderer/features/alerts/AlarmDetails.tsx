/**
 * An alarm's details in Alert Central (the row clicked in Active Alarms or the history): what raised it and where,
 * and the trace download its rule asked for (RTMT "Enable Trace Download", serviceability-reference.md A.3): the
 * bundle's path and state — collecting, collected, skipped and why — with a button that shows the bundle in Trace &
 * Log Central's Local Browse; the acknowledgement (who, why, until), how it was closed, and the alarm's journal
 * with notes (issue 15).
 */
import { useEffect } from 'react';
import type { AlarmRecord, AlarmTraceDownload } from '../../../shared/model/alert.js';
import { useAppStore } from '../../app/appStore.js';
import { formatDateTime, formatNumber } from '../../app/format.js';
import { clusterLabel } from '../../app/clusterLabel.js';
import { ErrorBanner } from '../../components/AsyncState.js';
import { SeverityBadge } from '../../components/SeverityBadge.js';
import { useT } from '../../i18n/useT.js';
import { useClustersStore } from '../overview/clustersStore.js';
import { useTracesStore } from '../traces/tracesStore.js';
import { AlarmJournal } from './AlarmJournal.js';
import { useAlarmTracesStore } from './alarmTracesStore.js';

/** The details panel of one alarm. */
export function AlarmDetails({ alarm, onClose }: { readonly alarm: AlarmRecord; readonly onClose: () => void }) {
  const { t, locale } = useT();
  // The cluster's name as the overview shows it (the alarm carries its id).
  const cluster = useClustersStore((s) => s.clusters.find((c) => c.id === alarm.cluster));
  const clusterName = cluster ? clusterLabel(cluster, t) : alarm.cluster;
  return (
    <section className="panel" data-testid="alarm-details" aria-label={t('alerts.details.title')}>
      <div className="panel-head">
        <h2>
          {t('alerts.details.title')}: {alarm.ruleName}
        </h2>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <table className="data-table">
        <tbody>
          <tr>
            <th scope="row">{t('alerts.severity')}</th>
            <td>
              <SeverityBadge severity={alarm.severity} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t('common.node')}</th>
            <td>
              {clusterName} / {alarm.node}
            </td>
          </tr>
          {alarm.instance ? (
            <tr>
              <th scope="row">{t('alerts.details.instance')}</th>
              <td>{alarm.instance}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">{t('alerts.raised')}</th>
            <td>
              {formatDateTime(alarm.raisedAt, locale)} · {t('alerts.occurrences')}{locale === 'zh' ? '：' : ': '}{formatNumber(alarm.occurrences, locale)}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('syslog.message')}</th>
            <td>{alarm.message}</td>
          </tr>
          {alarm.ack ? (
            <tr>
              <th scope="row">{t('alerts.details.ack')}</th>
              <td data-testid="alarm-ack">
                {alarm.ack.untilMs ? t('alerts.ackedUntil', { by: alarm.ack.by, time: formatDateTime(alarm.ack.untilMs, locale) }) : t('alerts.acked', { by: alarm.ack.by })} · {formatDateTime(alarm.ack.atMs, locale)}
                {alarm.ack.comment ? <div>{alarm.ack.comment}</div> : null}
              </td>
            </tr>
          ) : null}
          {alarm.closedAt ? (
            <tr>
              <th scope="row">{t('alerts.details.close')}</th>
              <td>
                {t(`alarmStatus.${alarm.status}`)} · {formatDateTime(alarm.closedAt, locale)}
                {alarm.closedBy ? ` · ${t('alerts.closedBy')}: ${alarm.closedBy}` : ''}
                {alarm.closeComment ? <div>{alarm.closeComment}</div> : null}
              </td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">{t('alerts.traceDownload.legend')}</th>
            <td data-testid="alarm-trace">
              <AlarmTrace alarmId={alarm.id} />
            </td>
          </tr>
        </tbody>
      </table>
      <h3>{t('alerts.journal')}</h3>
      <AlarmJournal alarmId={alarm.id} version={`${alarm.status}|${alarm.ack?.atMs ?? ''}|${alarm.closedAt ?? ''}|${alarm.occurrences}`} />
    </section>
  );
}

/** The alarm's trace download, reloaded when its collection ends. */
function AlarmTrace({ alarmId }: { readonly alarmId: string }) {
  const { t } = useT();
  const entry = useAlarmTracesStore((s) => s.byAlarm[alarmId]);
  const load = useAlarmTracesStore((s) => s.load);
  const links = entry && entry.kind !== 'error' ? (entry.value ?? []) : [];
  const collectionId = links.find((l) => l.state === 'running')?.collectionId;
  // The collection's progress events reach the traces store; its state changes when it ends.
  const collectionState = useTracesStore((s) => (collectionId ? s.collections.find((c) => c.id === collectionId)?.state : undefined));
  useEffect(() => {
    void load(alarmId);
  }, [alarmId, collectionState, load]);
  if (entry?.kind === 'error') return <ErrorBanner error={{ ...entry.error, message: t('alerts.traceDownload.loadFailed', { message: entry.error.message }) }} />;
  if (!entry || (entry.kind === 'loading' && !entry.value)) return <span className="hint">…</span>;
  if (links.length === 0) return <span className="hint">{t('alerts.traceDownload.none')}</span>;
  return (
    <>
      {links.map((l) => (
        <AlarmTraceLink key={`${l.alarmId}-${l.atMs}`} link={l} />
      ))}
    </>
  );
}

const GOOD: ReadonlySet<AlarmTraceDownload['state']> = new Set(['completed']);
const WARN: ReadonlySet<AlarmTraceDownload['state']> = new Set(['partial', 'failed', 'cancelled', 'interrupted', 'skipped']);

function AlarmTraceLink({ link }: { readonly link: AlarmTraceDownload }) {
  const { t, locale } = useT();
  const tone = GOOD.has(link.state) ? ' ok' : WARN.has(link.state) ? ' warn' : '';
  const open = () => {
    if (!link.bundlePath) return;
    useTracesStore.getState().revealBundle(link.bundlePath);
    useAppStore.getState().showView('traces');
  };
  return (
    <div data-testid="alarm-trace-link" data-state={link.state}>
      <span className={`tag${tone}`} data-testid="alarm-trace-state">
        {t(`alerts.traceDownload.state.${link.state}`)}
      </span>{' '}
      <span className="hint">{t('alerts.traceDownload.at', { time: formatDateTime(link.atMs, locale) })}</span>
      {link.state === 'running' ? <div>{t('alerts.traceDownload.running', { node: link.node })}</div> : null}
      {link.state === 'skipped' ? <div data-testid="alarm-trace-reason">{t('alerts.traceDownload.skipped', { reason: link.reason ?? '' })}</div> : null}
      {link.state !== 'skipped' && link.reason ? <div data-testid="alarm-trace-reason">{t('alerts.traceDownload.reason', { reason: link.reason })}</div> : null}
      {link.bundlePath ? (
        <div className="button-row">
          <span className="mono" data-testid="alarm-trace-bundle" title={link.bundlePath}>
            {t('alerts.traceDownload.bundle', { path: link.bundlePath })}
          </span>
          <button type="button" data-testid="alarm-trace-open" onClick={open}>
            {t('alerts.traceDownload.open')}
          </button>
        </div>
      ) : link.state !== 'running' && link.state !== 'skipped' ? (
        <div className="hint">{t('alerts.traceDownload.noBundle')}</div>
      ) : null}
    </div>
  );
}
