/** A bundle's entries and its verification against MANIFEST.sha256. */
import { useEffect } from 'react';
import { useT } from '../../../i18n/useT.js';
import { formatBytes } from '../collections/progressText.js';
import { useTracesStore } from '../tracesStore.js';
import { openBundleEntry } from './openEntry.js';

/** The bundle's top-level files (MANIFEST.sha256, collection.json) first, then node folders by path, as `ls -R` reads. */
function sortedEntries<E extends { readonly path: string }>(entries: readonly E[]): E[] {
  const top = (p: string): number => (p.includes('/') ? 1 : 0);
  return [...entries].sort((a, b) => top(a.path) - top(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Entries and the Verify button. */
export function BundleDetails({ bundlePath }: { readonly bundlePath: string }) {
  const { t } = useT();
  const entries = useTracesStore((s) => s.entries[bundlePath]);
  const verification = useTracesStore((s) => s.verifications[bundlePath]);
  const { loadEntries, verifyBundle } = useTracesStore.getState();
  useEffect(() => {
    void loadEntries(bundlePath);
  }, [bundlePath, loadEntries]);
  return (
    <div className="trace-bundle-details" data-testid="trace-bundle-details">
      <div className="trace-row">
        <button type="button" data-testid="trace-bundle-verify" disabled={verification?.kind === 'loading'} onClick={() => void verifyBundle(bundlePath)}>
          {t('traces.local.verify')}
        </button>
        {verification?.kind === 'loading' ? <span className="spinner" aria-hidden="true" /> : null}
        {verification?.kind === 'ready' && verification.value.ok ? (
          <span className="trace-ok" data-testid="trace-verify-result" data-ok="true">
            ✓ {t('traces.local.verified', { n: verification.value.checked })}
          </span>
        ) : null}
        {verification?.kind === 'error' ? (
          <span className="trace-bad" role="alert">
            {verification.error.code}: {verification.error.message}
          </span>
        ) : null}
      </div>
      {verification?.kind === 'ready' && !verification.value.ok ? (
        <div className="banner banner-error" data-testid="trace-verify-result" data-ok="false">
          {t('traces.local.verifyFailed', { n: verification.value.problems.length, checked: verification.value.checked })}
          <ul>
            {verification.value.problems.map((p) => (
              <li key={p.path}>
                <span className="mono">{p.path}</span> — {t(`traces.local.problem.${p.problem}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {entries?.kind === 'loading' ? <span className="spinner" aria-hidden="true" /> : null}
      {entries?.kind === 'error' ? (
        <div className="banner banner-error" role="alert">
          <span className="error-code">{entries.error.code}</span> {entries.error.message}
        </div>
      ) : null}
      {entries?.kind === 'ready' ? (
        <ul className="trace-entries">
          {sortedEntries(entries.value).map((e) => (
            <li key={e.path}>
              {openBundleEntry ? (
                <button type="button" className="link-button mono" onClick={() => openBundleEntry?.(bundlePath, e.path)}>
                  {e.path}
                </button>
              ) : (
                <span className="mono">{e.path}</span>
              )}
              <span className="hint"> {formatBytes(e.size)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
