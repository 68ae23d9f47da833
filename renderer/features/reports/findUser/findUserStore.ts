/**
 * "Find a user" (issue 14): the query typed and the answer of `reports.findUser` — where each matched user is
 * assigned (node, group, HA state) and logged in, across every monitored cluster. A new search while one runs
 * wins: an older answer arriving late is dropped.
 */
import { create } from 'zustand';
import type { FindUserResult } from '../../../../shared/model/reports.js';
import { findUserQuerySchema } from '../../../../shared/validation/reports.js';
import { toErrorInfo, type ErrorInfo } from '../../../app/errorInfo.js';
import { call } from '../../../ipc/api.js';

/** State and actions of the find-a-user store. */
export interface FindUserState {
  readonly query: string;
  setQuery(query: string): void;
  /** Why the typed query is refused before asking (the schema's words), if it is. */
  readonly invalid?: string;
  readonly searching: boolean;
  /** The query the result answers. */
  readonly asked?: string;
  readonly result?: FindUserResult;
  readonly error?: ErrorInfo;
  search(): Promise<void>;
}

let seq = 0;

/** The find-a-user store (zustand). */
export const useFindUserStore = create<FindUserState>()((set, get) => ({
  query: '',
  setQuery(query) {
    set({ query, invalid: undefined });
  },
  searching: false,
  async search() {
    const parsed = findUserQuerySchema.safeParse(get().query);
    if (!parsed.success) {
      set({ invalid: parsed.error.issues[0]?.message ?? 'invalid' });
      return;
    }
    const mine = ++seq;
    set({ searching: true, invalid: undefined, error: undefined });
    try {
      const result = await call('reports', 'findUser', parsed.data);
      if (mine === seq) set({ searching: false, result, asked: parsed.data });
    } catch (err) {
      if (mine === seq) set({ searching: false, error: toErrorInfo(err), result: undefined, asked: parsed.data });
    }
  },
}));
