/**
 * The trace download of each alarm Alert Central shows in its details (`traces.alarmTraces`; RTMT's alert "Enable
 * Trace Download", serviceability-reference.md A.3): loaded when the details open and again when the alarm's
 * collection ends (its onDidChangeTraceCollection events reach the traces store), kept per alarm id.
 */
import { create } from 'zustand';
import type { AlarmTraceDownload } from '../../../shared/model/alert.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { call } from '../../ipc/api.js';

/** One alarm's downloads as loaded (kept while reloading, so the details do not flicker). */
export type AlarmTracesEntry =
  | { readonly kind: 'loading'; readonly value?: readonly AlarmTraceDownload[] }
  | { readonly kind: 'ready'; readonly value: readonly AlarmTraceDownload[] }
  | { readonly kind: 'error'; readonly error: ErrorInfo };

export interface AlarmTracesState {
  readonly byAlarm: Readonly<Record<string, AlarmTracesEntry>>;
  load(alarmId: string): Promise<void>;
}

/** The alarm → trace bundle store (zustand). */
export const useAlarmTracesStore = create<AlarmTracesState>()((set, get) => ({
  byAlarm: {},
  async load(alarmId) {
    const before = get().byAlarm[alarmId];
    const kept = before && before.kind !== 'error' ? before.value : undefined;
    set({ byAlarm: { ...get().byAlarm, [alarmId]: kept ? { kind: 'loading', value: kept } : { kind: 'loading' } } });
    try {
      const value = await call('traces', 'alarmTraces', alarmId);
      set({ byAlarm: { ...get().byAlarm, [alarmId]: { kind: 'ready', value } } });
    } catch (err) {
      set({ byAlarm: { ...get().byAlarm, [alarmId]: { kind: 'error', error: toErrorInfo(err) } } });
    }
  },
}));
