import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { AccessMode } from '../../../shared/model/access.js';
import type { AppInfo, StorageStatus } from '../../../shared/model/views.js';
import { currentCaller } from '../base/callerContext.js';
import type { StorageHealth } from '../storage/sqlite/sqliteSampleStore.js';

/** What the app service is built from. */
export interface AppServiceDeps {
  readonly info: Omit<AppInfo, 'transport' | 'operator' | 'role' | 'mode'>;
  readonly transport: AppInfo['transport'];
  /** How this backend is reached (issue 16): desktop, web or server. */
  readonly mode: AccessMode;
  /** The history's write health (SqliteSampleStore.health). */
  readonly storageHealth: () => StorageHealth;
}

/**
 * DesktopApi['app']: who the app is, who calls (issue 16: the operator and role of currentCaller(); app.info is public,
 * so without a caller — a server before login — the operator is '' and there is no role) and how its history's
 * writes are going.
 */
export function createAppService(d: AppServiceDeps): DesktopApi['app'] {
  return {
    info: async (): Promise<AppInfo> => {
      const caller = currentCaller();
      return { ...d.info, transport: d.transport, mode: d.mode, operator: caller?.operator ?? '', ...(caller ? { role: caller.role } : {}) };
    },
    storage: async (): Promise<StorageStatus> => {
      const h = d.storageHealth();
      return { pending: h.pending, failures: h.consecutiveFailures, ...(h.lastError ? { error: h.lastError } : {}) };
    },
  };
}
