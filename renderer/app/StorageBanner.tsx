/**
 * A banner while the history's writes wait (STORAGE_BUSY: another process holds the database). Writes never block
 * the app (main/core/storage/sqlite/sqliteSampleStore.ts keeps the batch and retries): this says why charts lag
 * and that nothing is lost. Polls `app.storage` every 5 s; says nothing while writes are fine.
 */
import { useState } from 'react';
import type { StorageStatus } from '../../shared/model/views.js';
import { useT } from '../i18n/useT.js';
import { call } from '../ipc/api.js';
import { formatNumber } from './format.js';
import { usePolling } from './usePolling.js';

const POLL_MS = 5_000;

export function StorageBanner() {
  const { t, locale } = useT();
  const [status, setStatus] = useState<StorageStatus | undefined>(undefined);
  usePolling(
    () =>
      call('app', 'storage')
        .then(setStatus)
        .catch(() => undefined),
    POLL_MS,
    [],
  );
  if (!status?.error) return null;
  return (
    <div className="banner banner-error" role="status" data-testid="storage-banner" title={status.error.message}>
      {t('app.storageBusy', { code: status.error.code, n: formatNumber(status.pending, locale, 0) })}
    </div>
  );
}
