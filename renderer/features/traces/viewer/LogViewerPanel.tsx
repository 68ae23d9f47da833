/**
 * Log viewer (issue 12): large logs without loading them whole. Lines are virtualised (@tanstack/react-virtual) and
 * fetched page by page from main's line index; search plain or regex (next/previous), severities and timestamps
 * highlighted, jump to a time (the user's zone) or a line. Logs of more lines than one scroll area can hold are
 * shown a window of WINDOW_LINES at a time, moved by find, jump and the window buttons.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LogDocument } from '../../../../shared/model/traces.js';
import { formatDateTime } from '../../../app/format.js';
import { ErrorBanner } from '../../../components/AsyncState.js';
import { useT } from '../../../i18n/useT.js';
import { formatBytes } from '../collections/progressText.js';
import { highlightLine, localInputToMs, msToLocalInput, searchMatcher } from './logHighlight.js';
import { PAGE_LINES, useViewerStore } from './viewerStore.js';
import '../traceTools.css';

const ROW_PX = 18;
/** Lines one scroll area holds (18 px rows stay under the browsers' ~33 M px element height). */
export const WINDOW_LINES = 1_000_000;

/** The viewer tab. */
export function LogViewerPanel() {
  const { t } = useT();
  const { docs, activeId, opening, error, clearError, activate, close, openInViewer } = useViewerStore();
  const [localPath, setLocalPath] = useState('');
  const active = docs.find((d) => d.id === activeId);
  return (
    <div className="panel log-viewer" data-testid="log-viewer">
      <ErrorBanner error={error} />
      {error ? (
        <button type="button" className="link-button" onClick={clearError}>
          {t('traceTools.dismiss')}
        </button>
      ) : null}
      <div className="log-doc-tabs" role="tablist" aria-label={t('traceTools.viewer.openLogs')}>
        {docs.map((d) => (
          <span key={d.id} className={`log-doc-tab${d.id === activeId ? ' active' : ''}`}>
            <button type="button" role="tab" aria-selected={d.id === activeId} title={d.title} onClick={() => activate(d.id)}>
              {shortTitle(d.title)}
            </button>
            <button type="button" className="log-doc-close" aria-label={t('traceTools.viewer.close', { title: d.title })} onClick={() => void close(d.id)}>
              ×
            </button>
          </span>
        ))}
        <form
          className="log-open-local"
          onSubmit={(e) => {
            e.preventDefault();
            if (localPath.trim()) void openInViewer({ kind: 'file', path: localPath.trim() });
          }}
        >
          <input value={localPath} onChange={(e) => setLocalPath(e.target.value)} placeholder={t('traceTools.viewer.localPath')} aria-label={t('traceTools.viewer.localPath')} className="mono" />
          <button type="submit" disabled={!localPath.trim() || opening}>
            {t('traceTools.viewer.open')}
          </button>
        </form>
      </div>
      {opening ? (
        <div className="state state-loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          {t('traceTools.viewer.opening')}
        </div>
      ) : null}
      {active ? <LogDocumentView key={active.id} doc={active} /> : !opening ? <div className="state state-empty">{t('traceTools.viewer.empty')}</div> : null}
    </div>
  );
}

function shortTitle(title: string): string {
  const slash = title.lastIndexOf('/');
  return slash >= 0 && title.length > 40 ? `…${title.slice(slash)}` : title;
}

function LogDocumentView({ doc }: { readonly doc: LogDocument }) {
  const { t, locale } = useT();
  const { pages, target, search, busy, note, ensurePage, setSearch, findNext, jumpToTime, goToLine } = useViewerStore();
  const docPages = pages[doc.id];
  const [base, setBase] = useState(0);
  const [time, setTime] = useState(doc.firstTimeMs !== undefined ? msToLocalInput(doc.firstTimeMs) : '');
  const [lineInput, setLineInput] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = Math.min(WINDOW_LINES, Math.max(0, doc.lineCount - base));
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_PX, overscan: 30 });
  const items = virtualizer.getVirtualItems();
  const matcher = useMemo(() => searchMatcher(search.pattern, search.regex, search.ignoreCase), [search.pattern, search.regex, search.ignoreCase]);
  const marked = target?.docId === doc.id ? target.line : undefined;

  // Fetch the pages the visible rows need.
  const firstPage = items.length > 0 ? Math.floor((items[0]!.index + base) / PAGE_LINES) : 0;
  const lastPage = items.length > 0 ? Math.floor((items[items.length - 1]!.index + base) / PAGE_LINES) : -1;
  useEffect(() => {
    for (let p = firstPage; p <= lastPage; p++) void ensurePage(doc.id, p);
  }, [doc.id, firstPage, lastPage, ensurePage]);

  // Scroll to the target line (moving the window when it is outside).
  useEffect(() => {
    if (!target || target.docId !== doc.id) return;
    let b = base;
    if (target.line < base || target.line >= base + WINDOW_LINES) {
      b = Math.max(0, Math.min(target.line - WINDOW_LINES / 2, doc.lineCount - WINDOW_LINES));
      setBase(b);
    }
    const index = target.line - b;
    requestAnimationFrame(() => virtualizer.scrollToIndex(index, { align: 'center' }));
  }, [target?.seq]);

  const windowed = doc.lineCount > WINDOW_LINES;
  return (
    <>
      <div className="log-toolbar">
        <form
          className="log-search"
          onSubmit={(e) => {
            e.preventDefault();
            void findNext(false);
          }}
        >
          <input data-testid="log-search" value={search.pattern} onChange={(e) => setSearch({ pattern: e.target.value })} placeholder={t('traceTools.viewer.search')} aria-label={t('traceTools.viewer.search')} />
          <label className="check">
            <input type="checkbox" checked={search.regex} onChange={(e) => setSearch({ regex: e.target.checked })} />
            {t('traceTools.regex')}
          </label>
          <label className="check">
            <input type="checkbox" checked={search.ignoreCase} onChange={(e) => setSearch({ ignoreCase: e.target.checked })} />
            {t('traceTools.ignoreCase')}
          </label>
          <button type="button" disabled={!search.pattern || busy} onClick={() => void findNext(true)} aria-label={t('traceTools.viewer.previous')}>
            ↑ {t('traceTools.viewer.previous')}
          </button>
          <button type="submit" className="primary" disabled={!search.pattern || busy} data-testid="log-find-next">
            ↓ {t('traceTools.viewer.next')}
          </button>
          {search.regex && search.pattern && !matcher ? <span className="tag tag-bad">{t('traceTools.badRegex')}</span> : null}
        </form>
        <form
          className="log-jump"
          onSubmit={(e) => {
            e.preventDefault();
            const ms = localInputToMs(time);
            if (ms !== undefined) void jumpToTime(ms);
          }}
        >
          <label className="inline-field">
            {t('traceTools.viewer.jumpToTime')}
            <input type="datetime-local" step={1} value={time} onChange={(e) => setTime(e.target.value)} data-testid="log-jump-time" />
          </label>
          <button type="submit" disabled={localInputToMs(time) === undefined || busy}>
            {t('traceTools.viewer.go')}
          </button>
        </form>
        <form
          className="log-jump"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(lineInput);
            if (Number.isInteger(n) && n >= 1) goToLine(Math.min(doc.lineCount, n) - 1);
          }}
        >
          <label className="inline-field">
            {t('traceTools.viewer.line')}
            <input type="number" min={1} max={doc.lineCount} value={lineInput} onChange={(e) => setLineInput(e.target.value)} className="log-line-input" />
          </label>
        </form>
        {note ? <span className="tag tag-warn" role="status">{t(`traceTools.viewer.note.${note}`)}</span> : null}
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
      </div>
      <div className="log-info muted">
        <span className="mono" title={doc.title}>{doc.title}</span>
        <span>{formatBytes(doc.sizeBytes)}</span>
        <span>{t('traceTools.viewer.lines', { n: doc.lineCount.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US') })}</span>
        {doc.firstTimeMs !== undefined ? <span>{t('traceTools.viewer.timeRange', { from: formatDateTime(doc.firstTimeMs, locale), to: formatDateTime(doc.lastTimeMs, locale) })}</span> : null}
        {windowed ? (
          <span className="log-window">
            {t('traceTools.viewer.window', { from: (base + 1).toLocaleString(), to: (base + count).toLocaleString() })}
            <button type="button" disabled={base === 0} onClick={() => setBase(Math.max(0, base - WINDOW_LINES / 2))}>
              ↑
            </button>
            <button type="button" disabled={base + count >= doc.lineCount} onClick={() => setBase(Math.min(doc.lineCount - WINDOW_LINES, base + WINDOW_LINES / 2))}>
              ↓
            </button>
          </span>
        ) : null}
      </div>
      <div ref={scrollRef} className="log-lines" data-testid="log-lines" tabIndex={0} aria-label={doc.title}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%' }}>
          {items.map((item) => {
            const n = item.index + base;
            const line = docPages?.get(Math.floor(n / PAGE_LINES))?.[n % PAGE_LINES];
            return (
              <div key={item.key} className={`log-line${n === marked ? ' log-line-target' : ''}`} style={{ transform: `translateY(${item.start}px)`, height: ROW_PX }} data-line={n + 1}>
                <span className="log-gutter">{n + 1}</span>
                {line ? (
                  <span className="log-text">
                    {highlightLine(line.text, matcher).map((s, i) =>
                      s.kind ? (
                        <span key={i} className={`log-${s.kind}`} style={s.severity ? { color: `var(--sev-text-${s.severity})` } : undefined}>
                          {s.text}
                        </span>
                      ) : (
                        s.text
                      ),
                    )}
                  </span>
                ) : (
                  <span className="log-text muted">…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
