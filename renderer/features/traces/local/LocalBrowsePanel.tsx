/**
 * RTMT's Local Browse: the bundles in a folder (the default output folder first) with what their collection.json
 * says (nodes, files, partial), their contents, and a check of every entry against MANIFEST.sha256.
 */
import { useEffect, useRef, useState } from 'react';
import type { TraceBundleInfo } from '../../../../shared/model/traces.js';
import { formatDateTime } from '../../../app/format.js';
import { AsyncState } from '../../../components/AsyncState.js';
import { useT } from '../../../i18n/useT.js';
import { baseName, formatBytes } from '../collections/progressText.js';
import { useTracesStore } from '../tracesStore.js';
import { BundleDetails } from './BundleDetails.js';
import { BundleDownload } from './BundleDownload.js';

/** The Local Browse tab. */
export function LocalBrowsePanel() {
  const { t, locale } = useT();
  const { bundles, bundlesLoad, bundlesDir, revealed, settings } = useTracesStore();
  const { loadBundles, setBundlesDir } = useTracesStore.getState();
  const [open, setOpen] = useState<string>();
  // Listed once per visit (and by the button): typing a folder does not list on every key.
  const ready = bundlesDir !== '';
  useEffect(() => {
    if (ready) void loadBundles();
  }, [ready, loadBundles]);
  useEffect(() => {
    if (revealed) setOpen(revealed);
  }, [revealed]);
  return (
    <div data-testid="trace-local">
      <form
        className="filter-bar"
        onSubmit={(e) => {
          e.preventDefault();
          void loadBundles();
        }}
      >
        <label className="inline-field trace-grow">
          {t('traces.local.folder')}
          <input type="text" className="trace-path-input" data-testid="trace-local-dir" spellCheck={false} value={bundlesDir} placeholder={settings?.defaultOutDir} onChange={(e) => setBundlesDir(e.target.value)} />
        </label>
        <button type="submit" data-testid="trace-local-list">
          {t('traces.local.list')}
        </button>
      </form>
      <AsyncState state={bundlesLoad} empty={bundles.length === 0} emptyText={t('traces.local.empty')} onRetry={() => void loadBundles()}>
        <table className="data-table trace-bundles">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('traces.local.created')}</th>
              <th className="num">{t('traces.col.size')}</th>
              <th>{t('traces.local.nodes')}</th>
              <th className="num">{t('traces.col.files')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {bundles.map((b) => (
              <BundleRow key={b.path} bundle={b} open={open === b.path} highlighted={revealed === b.path} onToggle={() => setOpen(open === b.path ? undefined : b.path)} locale={locale} />
            ))}
          </tbody>
        </table>
      </AsyncState>
    </div>
  );
}

function BundleRow({ bundle: b, open, highlighted, onToggle, locale }: { readonly bundle: TraceBundleInfo; readonly open: boolean; readonly highlighted: boolean; readonly onToggle: () => void; readonly locale: 'en' | 'zh' }) {
  const { t } = useT();
  const row = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (highlighted) row.current?.scrollIntoView({ block: 'nearest' });
  }, [highlighted]);
  return (
    <>
      <tr ref={row} className={highlighted ? 'trace-highlight' : undefined} data-testid="trace-bundle" data-path={b.path}>
        <td className="trace-bundle-name" title={b.path}>
          <span className="mono">{baseName(b.path)}</span> {b.partial ? <span className="tag tag-warn">{t('traces.local.partial')}</span> : null}
          {b.label && !baseName(b.path).startsWith(`${b.label}.`) ? <div className="hint">{b.label}</div> : null}
          {b.problem ? <div className="hint trace-bad">{t('traces.local.unreadable', { problem: b.problem })}</div> : null}
        </td>
        <td className="nowrap">{formatDateTime(b.createdMs, locale)}</td>
        <td className="num nowrap">{formatBytes(b.sizeBytes)}</td>
        <td>{b.nodes.join(', ')}</td>
        <td className="num">{b.fileCount}</td>
        <td>
          <button type="button" data-testid="trace-bundle-open" aria-expanded={open} disabled={b.problem !== undefined} onClick={onToggle}>
            {open ? t('traces.local.hideEntries') : t('traces.local.entries')}
          </button>
          {b.problem === undefined ? <> <BundleDownload path={b.path} /></> : null}
        </td>
      </tr>
      {open ? (
        <tr className="job-row">
          <td colSpan={6}>
            <BundleDetails bundlePath={b.path} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
