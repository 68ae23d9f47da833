/**
 * Real Time Trace (RTMT Trace & Log Central, serviceability-reference.md A.6; `file tail activelog`, reference
 * D.6): follow one or more files of a node live, pause (lines wait, nothing lost up to the cap), filter what is
 * shown, save what was seen as a text file.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatClock } from '../../../app/format.js';
import { ErrorBanner } from '../../../components/AsyncState.js';
import { useT } from '../../../i18n/useT.js';
import { NodeSelect, type NodeRef } from '../remote/NodeSelect.js';
import { highlightLine, searchMatcher } from '../viewer/logHighlight.js';
import { filterLines, MAX_LINES, savedText, useTailStore } from './tailStore.js';
import '../traceTools.css';

const ROW_PX = 18;

/** The Real Time Trace tab. */
export function RealTimeTracePanel() {
  const { t, locale } = useT();
  const s = useTailStore();
  const [path, setPath] = useState('');
  const onTarget = useCallback((ref: NodeRef) => useTailStore.getState().setTarget(ref), []);
  const shown = useMemo(() => filterLines(s.lines, s.filter), [s.lines, s.filter]);
  const matcher = useMemo(() => searchMatcher(s.filter, true, true) ?? searchMatcher(s.filter, false, true), [s.filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_PX, overscan: 20 });
  const running = s.status === 'running' || s.status === 'starting';
  // Follow the end while not paused.
  useEffect(() => {
    if (!s.paused && shown.length > 0) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [shown.length, s.paused, virtualizer]);
  const save = () => {
    const blob = new Blob([savedText(shown)], { type: 'text/plain;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `realtime-${s.target?.node ?? 'node'}-${new Date().toISOString().slice(0, 19).replace(/[:]/g, '')}.log`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  const multi = new Set(shown.map((l) => l.path)).size > 1 || s.paths.length > 1;
  return (
    <div className="panel" data-testid="realtime-trace">
      <div className="tool-bar">
        <NodeSelect value={s.target} onChange={onTarget} testId="tail-node" />
        <form
          className="tool-grow"
          onSubmit={(e) => {
            e.preventDefault();
            s.addPath(path);
            setPath('');
          }}
        >
          <input className="mono" data-testid="tail-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/epas/trace/xcp/log/rtr-jsm-1.log" aria-label={t('traceTools.tail.file')} disabled={running} />
          <button type="submit" disabled={!path.trim() || running}>
            {t('traceTools.tail.add')}
          </button>
        </form>
      </div>
      <div className="tool-bar">
        <div className="tail-paths">
          {s.paths.length === 0 ? <span className="muted">{t('traceTools.tail.noFiles')}</span> : null}
          <ul>
            {s.paths.map((p) => (
              <li key={p}>
                <span className="mono">{p}</span>
                <button type="button" className="link-button" disabled={running} onClick={() => s.removePath(p)} aria-label={t('traceTools.tail.remove', { path: p })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="tool-bar">
        {running ? (
          <button type="button" data-testid="tail-stop" onClick={() => void s.stop()}>
            ■ {t('traceTools.tail.stop')}
          </button>
        ) : (
          <button type="button" className="primary" data-testid="tail-start" disabled={!s.target || s.paths.length === 0} onClick={() => void s.start()}>
            ▶ {t('traceTools.tail.start')}
          </button>
        )}
        <button type="button" disabled={!running} onClick={() => s.setPaused(!s.paused)} data-testid="tail-pause">
          {s.paused ? `▶ ${t('traceTools.tail.resume', { n: s.held.length })}` : `❚❚ ${t('traceTools.tail.pause')}`}
        </button>
        <label className="inline-field">
          {t('traceTools.tail.filter')}
          <input value={s.filter} onChange={(e) => s.setFilter(e.target.value)} data-testid="tail-filter" />
        </label>
        <button type="button" disabled={shown.length === 0} onClick={save}>
          {t('traceTools.tail.save')}
        </button>
        <button type="button" disabled={s.lines.length === 0} onClick={() => s.clear()}>
          {t('traceTools.tail.clear')}
        </button>
        <span className="tail-status muted" role="status">
          {s.status === 'starting' ? <span className="spinner" aria-hidden="true" /> : null}
          {t(`traceTools.tail.status.${s.status}`)} · {t('traceTools.tail.count', { shown: shown.length, total: s.lines.length })}
          {s.dropped > 0 ? ` · ${t('traceTools.tail.dropped', { n: s.dropped, max: MAX_LINES })}` : ''}
        </span>
      </div>
      <ErrorBanner error={s.error} />
      <div ref={scrollRef} className="log-lines tail-lines" data-testid="tail-lines" tabIndex={0} aria-label={t('traces.tab.tail')} aria-live="off">
        {shown.length === 0 ? <div className="state state-empty">{running ? t('traceTools.tail.waiting') : t('traceTools.tail.empty')}</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const l = shown[item.index]!;
            return (
              <div key={l.seq} className="log-line" style={{ transform: `translateY(${item.start}px)`, height: ROW_PX }}>
                <span className="log-gutter">{formatClock(l.atMs, locale)}</span>
                {multi ? <span className="tail-path">{l.path.slice(l.path.lastIndexOf('/') + 1)}</span> : null}
                <span className="log-text">
                  {highlightLine(l.text, s.filter ? matcher : undefined).map((seg, i) =>
                    seg.kind ? (
                      <span key={i} className={`log-${seg.kind}`} style={seg.severity ? { color: `var(--sev-text-${seg.severity})` } : undefined}>
                        {seg.text}
                      </span>
                    ) : (
                      seg.text
                    ),
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
