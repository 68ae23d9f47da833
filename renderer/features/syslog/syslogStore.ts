/**
 * SysLog Viewer: messages by filter (`syslog.query`) plus live ones (onDidReceiveSyslog) that match the filter,
 * attributed to a node or not (issue 15: the sender address and the host name must agree with a node).
 */
import { create } from 'zustand';
import type { SyslogEntry, SyslogFilter } from '../../../shared/model/views.js';
import { toErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';

const MAX_ROWS = 1000;

/** Whether an entry passes a filter (the same rules the backend applies to `syslog.query`). */
export function matchesSyslogFilter(e: SyslogEntry, f: SyslogFilter): boolean {
  if (f.host && e.host !== f.host) return false;
  if (f.attributed !== undefined && e.attributed !== f.attributed) return false;
  if (f.maxSeverity !== undefined && e.severity > f.maxSeverity) return false;
  if (f.sinceMs !== undefined && e.receivedAtMs < f.sinceMs) return false;
  if (f.text) {
    const needle = f.text.toLowerCase();
    const hay = `${e.text} ${e.msgName ?? ''} ${e.appName ?? ''}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

/** State and actions of the syslog store. */
export interface SyslogState {
  readonly entries: readonly SyslogEntry[];
  readonly filter: SyslogFilter;
  readonly load: LoadState;
  readonly selectedId?: number;
  query(filter: SyslogFilter): Promise<void>;
  applyIncoming(entries: readonly SyslogEntry[]): void;
  select(id: number | undefined): void;
}

/** The syslog store (zustand). */
export const useSyslogStore = create<SyslogState>()((set, get) => ({
  entries: [],
  filter: { limit: 500 },
  load: IDLE,
  async query(filter) {
    set({ filter, load: LOADING });
    try {
      const entries = await call('syslog', 'query', filter);
      set({ entries: [...entries].sort((a, b) => b.receivedAtMs - a.receivedAtMs || b.id - a.id), load: READY });
    } catch (err) {
      set({ load: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  applyIncoming(incoming) {
    const { filter, entries } = get();
    const known = new Set(entries.map((e) => e.id));
    const fresh = incoming.filter((e) => !known.has(e.id) && matchesSyslogFilter(e, filter));
    if (fresh.length === 0) return;
    set({ entries: [...fresh.sort((a, b) => b.receivedAtMs - a.receivedAtMs), ...entries].slice(0, MAX_ROWS) });
  },
  select(id) {
    set({ selectedId: id });
  },
}));
