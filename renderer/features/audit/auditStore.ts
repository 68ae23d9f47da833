/**
 * The audit log view's state (issue 16): the filter (since, operator, action prefix, result, text), the entries
 * newest first (one page of PAGE_LIMIT; export CSV has every match), the chain's verification.
 */
import { create } from 'zustand';
import type { AuditEntry, AuditFilter, AuditResult, AuditVerification } from '../../../shared/model/audit.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import type { LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';
import { SINCE_PRESETS, type SincePreset } from './auditLabels.js';

/** Entries shown at most (the newest); the CSV export has them all. */
export const PAGE_LIMIT = 2000;

/** The filter as the form holds it. */
export interface AuditFilterForm {
  readonly since: SincePreset;
  readonly operator: string;
  /** An action group ('alerts') or '' for any. */
  readonly action: string;
  readonly result: AuditResult | '';
  readonly text: string;
}

/** The AuditFilter of the form at `now`. */
export function toAuditFilter(form: AuditFilterForm, now: number, limit?: number): AuditFilter {
  const span = SINCE_PRESETS[form.since];
  return {
    ...(span !== undefined ? { sinceMs: now - span } : {}),
    ...(form.operator.trim() ? { operator: form.operator.trim() } : {}),
    ...(form.action ? { action: form.action.includes('.') ? form.action : `${form.action}.` } : {}),
    ...(form.result ? { result: form.result } : {}),
    ...(form.text.trim() ? { text: form.text.trim() } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

/** State and actions of the audit store. */
export interface AuditStoreState {
  readonly form: AuditFilterForm;
  readonly entries: readonly AuditEntry[];
  readonly state: LoadState;
  readonly verification?: AuditVerification;
  readonly verifying: boolean;
  readonly verifyError?: ErrorInfo;
  setForm(patch: Partial<AuditFilterForm>): void;
  load(): Promise<void>;
  verify(): Promise<void>;
  /** Every entry of the filter as CSV. */
  exportCsv(): Promise<string>;
}

/** The audit store (zustand). */
export const useAuditStore = create<AuditStoreState>()((set, get) => ({
  form: { since: '24h', operator: '', action: '', result: '', text: '' },
  entries: [],
  state: { kind: 'idle' },
  verifying: false,
  setForm(patch) {
    set({ form: { ...get().form, ...patch } });
  },
  async load() {
    set({ state: { kind: 'loading' } });
    try {
      const entries = await call('audit', 'list', toAuditFilter(get().form, Date.now(), PAGE_LIMIT));
      set({ entries, state: { kind: 'ready' } });
    } catch (err) {
      set({ state: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  async verify() {
    set({ verifying: true, verifyError: undefined });
    try {
      set({ verification: await call('audit', 'verify'), verifying: false });
    } catch (err) {
      set({ verifyError: toErrorInfo(err), verifying: false, verification: undefined });
    }
  },
  async exportCsv() {
    return call('audit', 'exportCsv', toAuditFilter(get().form, Date.now()));
  },
}));
