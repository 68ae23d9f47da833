/** One collection: its overall progress, its nodes, its files and what was skipped. */
import { useEffect, useRef } from 'react';
import type { TraceCollectionStatus, TraceFileProgress } from '../../../../shared/model/traces.js';
import { formatDateTime } from '../../../app/format.js';
import { useT } from '../../../i18n/useT.js';
import { useTracesStore } from '../tracesStore.js';
import { baseName, canResume, doneFraction, formatBytes, formatEta, formatRate, isFinal } from './progressText.js';
import { useCan } from '../../../app/useCan.js';
import { gate } from '../../access/gate.js';
import { BundleDownload } from '../local/BundleDownload.js';

/** A determinate bar (bytes) or an indeterminate one while planning. */
function Bar({ fraction, state, label }: { readonly fraction: number | undefined; readonly state: string; readonly label: string }) {
  const pct = fraction === undefined ? undefined : Math.round(fraction * 100);
  return (
    <div className={`progress trace-progress trace-progress-${state}`}>
      <div className={`progress-track${pct === undefined ? ' indeterminate' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label}>
        <div className="progress-fill" style={{ width: pct === undefined ? '40%' : `${pct}%` }} />
      </div>
      <span className="progress-text nowrap">{pct === undefined ? '' : `${pct}%`}</span>
    </div>
  );
}

/** Bytes per second over the whole run of a finished collection (what the figures say once it has ended). */
function averageRate(s: TraceCollectionStatus): number | undefined {
  if (s.endedAtMs === undefined) return undefined;
  return s.bytesDone / (Math.max(1, s.endedAtMs - s.startedAtMs) / 1000);
}

/** The collection card. */
export function CollectionCard({ status: s }: { readonly status: TraceCollectionStatus }) {
  const { t, locale } = useT();
  const canCancel = useCan('traces', 'cancel');
  const mayResume = useCan('traces', 'resume');
  const { cancel, resume, revealBundle, focusCollection } = useTracesStore.getState();
  const focused = useTracesStore((st) => st.focusedCollection === s.id);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focused) return;
    ref.current?.scrollIntoView({ block: 'nearest' });
    focusCollection(undefined);
  }, [focused, focusCollection]);
  const final = isFinal(s.state);
  // While the nodes are still asked for their files the totals are not known: a dash, not "0 B of 0 B".
  const listing = s.state === 'planning' && s.fileCount === 0;
  const fraction = s.state === 'completed' ? 1 : doneFraction(s.bytesDone, s.bytesTotal);
  const trigger = t(`traces.trigger.${s.trigger.kind}`);
  const files = s.files;
  return (
    <article ref={ref} className={`panel trace-collection trace-state-${s.state}`} data-testid="trace-collection" data-state={s.state} data-id={s.id}>
      <header className="panel-head">
        <h2 className="trace-collection-title" title={s.label}>
          {s.label}
        </h2>
        <span className={`job-state trace-badge trace-badge-${s.state}`} data-testid="trace-collection-state">
          {t(`traces.state.${s.state}`)}
        </span>
        <span className="tag">{trigger}</span>
        <span className="tag">{s.request.archive}</span>
        {s.request.pseudonymize ? <span className="tag">{t('traces.pseudonymized')}</span> : null}
        <span className="hint">
          {t('traces.startedAt', { time: formatDateTime(s.startedAtMs, locale) })}
          {s.endedAtMs ? `${t('traces.listSep')}${t('traces.endedAt', { time: formatDateTime(s.endedAtMs, locale) })}` : ''}
        </span>
        <span className="header-spacer" />
        <div className="button-row">
          {!final ? (
            <button type="button" data-testid="trace-cancel" {...gate(canCancel)} onClick={() => void cancel(s.id)}>
              {t('traces.cancel')}
            </button>
          ) : null}
          {final && canResume(s) ? (
            <button type="button" data-testid="trace-resume" {...gate(mayResume)} onClick={() => void resume(s.workDir)}>
              {t('traces.resume')}
            </button>
          ) : null}
          {s.bundlePath ? (
            <button type="button" data-testid="trace-show-bundle" onClick={() => revealBundle(s.bundlePath!)}>
              {t('traces.showBundle')}
            </button>
          ) : null}
        </div>
      </header>
      <Bar fraction={final && s.state !== 'completed' ? doneFraction(s.bytesDone, s.bytesTotal) : fraction} state={s.state} label={s.label} />
      <dl className="trace-figures">
        <div>
          <dt>{t('traces.col.bytes')}</dt>
          <dd data-testid="trace-bytes">{listing ? '—' : t('traces.progress', { done: formatBytes(s.bytesDone), total: formatBytes(s.bytesTotal) })}</dd>
        </div>
        <div>
          <dt>{t('traces.col.files')}</dt>
          <dd>{listing ? '—' : t('traces.progress', { done: s.nodes.reduce((a, n) => a + n.filesDone, 0), total: s.fileCount })}</dd>
        </div>
        <div>
          <dt>{final ? t('traces.col.avgRate') : t('traces.col.rate')}</dt>
          <dd>{final ? formatRate(averageRate(s)) : formatRate(s.bytesPerSec)}</dd>
        </div>
        <div>
          <dt>{final ? t('traces.col.took') : t('traces.col.eta')}</dt>
          <dd>{final ? (s.endedAtMs !== undefined ? formatEta((s.endedAtMs - s.startedAtMs) / 1000, locale) : '—') : formatEta(s.etaSec, locale)}</dd>
        </div>
      </dl>
      {s.bundlePath ? (
        <p className="trace-path-line">
          <span className="muted">{t('traces.bundle')}</span> <span className="mono trace-path" data-testid="trace-bundle-path" title={s.bundlePath}>{s.bundlePath}</span>
          <BundleDownload path={s.bundlePath} />
        </p>
      ) : null}
      {s.error ? (
        <div className="banner banner-error" role="alert">
          <span className="error-code">{s.error.code}</span> {s.error.message}
        </div>
      ) : null}
      {s.state === 'partial' ? <div className="note">{t('traces.partialNote')}</div> : null}
      {s.state === 'cancelled' || s.state === 'interrupted' ? (
        <div className="note">
          {t('traces.resumableNote')} <span className="muted">{t('traces.workDir')}:</span> <span className="mono trace-path" title={s.workDir}>{s.workDir}</span>
        </div>
      ) : null}
      <table className="data-table trace-nodes">
        <thead>
          <tr>
            <th>{t('traces.col.node')}</th>
            <th>{t('traces.col.state')}</th>
            <th className="num">{t('traces.col.files')}</th>
            <th className="num">{t('traces.col.bytes')}</th>
            <th className="num">{t('traces.col.rate')}</th>
            <th className="num">{t('traces.col.eta')}</th>
          </tr>
        </thead>
        <tbody>
          {s.nodes.map((n) => (
            <tr key={`${n.cluster}/${n.node}`} data-testid={`trace-node-row-${n.node}`} data-state={n.state}>
              <td>{n.node}</td>
              <td>
                <span className={`trace-node-state trace-node-state-${n.state}`}>{t(`traces.nodeState.${n.state}`)}</span>
                {n.error ? <span className="hint" title={n.error.message}> {n.error.code}: {n.error.message}</span> : null}
              </td>
              <td className="num">{n.state === 'planning' ? '—' : t('traces.progress', { done: n.filesDone, total: n.files })}</td>
              <td className="num">{n.state === 'planning' ? '—' : t('traces.progress', { done: formatBytes(n.bytesDone), total: formatBytes(n.bytesTotal) })}</td>
              <td className="num">{n.state === 'fetching' ? formatRate(n.bytesPerSec) : '—'}</td>
              <td className="num">{n.state === 'fetching' ? formatEta(n.etaSec, locale) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {files.length > 0 ? (
        <details className="trace-details" open={!final && files.length <= 40}>
          <summary>{t('traces.files.show', { n: s.fileCount })}</summary>
          <FileTable files={files} />
          {s.fileCount > files.length ? <p className="hint">{t('traces.files.more', { n: s.fileCount - files.length })}</p> : null}
        </details>
      ) : null}
      {s.skipped.length > 0 ? (
        <details className="trace-details" data-testid="trace-skipped">
          <summary>{t('traces.skipped', { n: s.skipped.length })}</summary>
          <ul className="trace-skipped">
            {s.skipped.map((k) => (
              <li key={`${k.node}:${k.path}`}>
                <span className="mono">
                  {k.node}:{k.path}
                </span>{' '}
                — {k.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}

function FileTable({ files }: { readonly files: readonly TraceFileProgress[] }) {
  const { t } = useT();
  return (
    <table className="data-table trace-files">
      <thead>
        <tr>
          <th>{t('traces.col.node')}</th>
          <th>{t('traces.col.path')}</th>
          <th>{t('traces.col.state')}</th>
          <th className="num">{t('traces.col.bytes')}</th>
          <th>{t('traces.col.via')}</th>
          <th>{t('traces.col.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={`${f.node}:${f.path}`} data-state={f.state}>
            <td className="nowrap">{f.node}</td>
            <td className="mono trace-path" title={f.path}>
              {baseName(f.path)}
              <span className="muted trace-dir"> {f.path.slice(0, Math.max(0, f.path.length - baseName(f.path).length))}</span>
            </td>
            <td className={`nowrap trace-file-${f.state}`}>{t(`traces.fileState.${f.state}`)}</td>
            <td className="num nowrap">{f.state === 'done' ? formatBytes(f.size) : t('traces.progress', { done: formatBytes(f.doneBytes), total: formatBytes(f.size) })}</td>
            <td>{f.via ?? ''}</td>
            <td className="trace-reason">{f.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
