import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { AppInfo, StorageStatus } from '../../../shared/model/views.js';
import type { StorageHealth } from '../storage/sqlite/sqliteSampleStore.js';

/** What the app service is built from. */
export interface AppServiceDeps {
  readonly info: Omit<AppInfo, 'transport'>;
  readonly transport: AppInfo['transport'];
  /** The history's write health (SqliteSampleStore.health). */
  readonly storageHealth: () => StorageHealth;
}

/** DesktopApi['app']: who the app is and how its history's writes are going. */
export function createAppService(d: AppServiceDeps): DesktopApi['app'] {
  return {
    info: async (): Promise<AppInfo> => ({ ...d.info, transport: d.transport }),
    storage: async (): Promise<StorageStatus> => {
      const h = d.storageHealth();
      return { pending: h.pending, failures: h.consecutiveFailures, ...(h.lastError ? { error: h.lastError } : {}) };
    },
  };
}
