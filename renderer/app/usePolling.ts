/** React hook: runs `work` now and every `intervalMs` while mounted and `enabled`; the timer is cleared on unmount. */
import { useEffect, useRef } from 'react';

/** Polls `work`; `deps` restart the loop (e.g. the selected cluster). */
export function usePolling(work: (first: boolean) => void | Promise<void>, intervalMs: number, deps: readonly unknown[], enabled = true): void {
  const latest = useRef(work);
  latest.current = work;
  useEffect(() => {
    if (!enabled) return;
    void latest.current(true);
    const timer = setInterval(() => void latest.current(false), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, enabled, ...deps]);
}
