/**
 * Restore > Current Status (guide L10626-10640): the restore's progress per server and component; at 100 % the
 * guide says to restart the restored servers (L10420), which After Restore walks through.
 */
import { useSelectedCluster } from '../../../app/selection.js';
import { useT } from '../../../i18n/useT.js';
import { latestJob, useDrsStore } from '../drsStore.js';
import { JobStatusView } from '../status/JobStatusView.js';

/** The Restore status tab. */
export function RestoreStatusPanel() {
  const { t } = useT();
  const { cluster } = useSelectedCluster();
  const job = useDrsStore((s) => latestJob(s.jobs, cluster?.id, 'restore'));
  const state = job?.status?.state ?? useDrsStore.getState().overview?.restore?.state;
  return (
    <div className="drs-stack" data-testid="drs-restore-status">
      <JobStatusView operation="restore" />
      {state === 'SUCCESS' ? (
        <div className="note drs-next" data-testid="drs-restore-done">
          <span>{t('drs.after.next')}</span>
          <button type="button" className="primary" data-testid="drs-go-after" onClick={() => useDrsStore.getState().setTab('after')}>
            {t('drs.tab.after')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
