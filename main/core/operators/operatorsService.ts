/**
 * The `operators` namespace of the API (issue 16; admin only, shared/ipc/channels.ts): the accounts of the server's
 * data folder over the operator store, the same accounts `npm run imp -- operators` manages. The router audits
 * every call of it (who, what, the result; passwords replaced by '[secret]'), so nothing is audited here twice.
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { OperatorStore } from './operatorStore.js';

/** DesktopApi['operators'] over `store`. */
export function createOperatorsService(store: OperatorStore): DesktopApi['operators'] {
  return {
    list: async () => store.list(),
    add: (input) => store.add(input),
    setRole: async (name, role) => store.setRole(name, role),
    setDisabled: async (name, disabled) => store.setDisabled(name, disabled),
    resetPassword: (name, password) => store.resetPassword(name, password),
    unlock: async (name) => store.unlock(name),
  };
}
