/**
 * The operators' administration (issue 16, admin): the accounts of the server's data folder, and the changes
 * (add, role, disable/enable, reset password, unlock), each answered with the account as it is now. A refused change
 * (the last admin, a name taken, a weak password) is shown with the backend's words; nothing is retried.
 */
import { create } from 'zustand';
import type { OperatorInput, OperatorView, Role } from '../../../shared/model/access.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import type { LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';

/** One change of an account. */
export type OperatorChange =
  | { readonly kind: 'add'; readonly input: OperatorInput }
  | { readonly kind: 'setRole'; readonly name: string; readonly role: Role }
  | { readonly kind: 'disable' | 'enable' | 'unlock'; readonly name: string }
  | { readonly kind: 'reset'; readonly name: string; readonly password: string };

/** The outcome of the last change. */
export type ChangeOutcome = { readonly ok: true; readonly change: OperatorChange } | { readonly ok: false; readonly change: OperatorChange; readonly error: ErrorInfo };

/** State and actions of the operators store. */
export interface OperatorsStoreState {
  readonly operators: readonly OperatorView[];
  readonly state: LoadState;
  readonly last?: ChangeOutcome;
  load(): Promise<void>;
  /** Makes the change; resolves with its outcome (also kept in `last`) and reloads the list. */
  apply(change: OperatorChange): Promise<ChangeOutcome>;
}

function run(change: OperatorChange): Promise<OperatorView> {
  switch (change.kind) {
    case 'add':
      return call('operators', 'add', change.input);
    case 'setRole':
      return call('operators', 'setRole', change.name, change.role);
    case 'disable':
      return call('operators', 'setDisabled', change.name, true);
    case 'enable':
      return call('operators', 'setDisabled', change.name, false);
    case 'unlock':
      return call('operators', 'unlock', change.name);
    case 'reset':
      return call('operators', 'resetPassword', change.name, change.password);
  }
}

/** The operators store (zustand). */
export const useOperatorsStore = create<OperatorsStoreState>()((set, get) => ({
  operators: [],
  state: { kind: 'idle' },
  async load() {
    set({ state: { kind: 'loading' } });
    try {
      set({ operators: await call('operators', 'list'), state: { kind: 'ready' } });
    } catch (err) {
      set({ state: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  async apply(change) {
    let outcome: ChangeOutcome;
    try {
      await run(change);
      outcome = { ok: true, change };
    } catch (err) {
      outcome = { ok: false, change, error: toErrorInfo(err) };
    }
    // The list first, then the outcome: the words and the table agree when the words appear.
    await get().load();
    set({ last: outcome });
    return outcome;
  },
}));
