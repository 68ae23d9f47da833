/**
 * Collections running and finished: per collection the bytes, throughput and time left, per node the same, per
 * file its state and the interface that fetched it, the files skipped and why; cancel a running one, resume a
 * stopped or partial one, show the finished bundle in Local Browse. The job is in Job Status too.
 */
import { useEffect } from 'react';
import type { TraceCollectionStatus } from '../../../../shared/model/traces.js';
import { ErrorBanner, AsyncState } from '../../../components/AsyncState.js';
import { useT } from '../../../i18n/useT.js';
import { useTracesStore } from '../tracesStore.js';
import { CollectionCard } from './CollectionCard.js';
import { isFinal } from './progressText.js';

/** The Collections tab. */
export function CollectionsPanel() {
  const { t } = useT();
  const { collections, collectionsLoad, actionError } = useTracesStore();
  const { loadCollections } = useTracesStore.getState();
  const running = collections.some((c) => !isFinal(c.state));
  useEffect(() => {
    void loadCollections();
    // Events carry progress; a slow list refresh catches what a dropped event socket missed.
    const timer = setInterval(() => void loadCollections(), running ? 5_000 : 30_000);
    return () => clearInterval(timer);
  }, [loadCollections, running]);
  return (
    <div data-testid="trace-collections">
      <ErrorBanner error={actionError} />
      <AsyncState state={collectionsLoad} empty={collections.length === 0} emptyText={t('traces.collections.empty')} onRetry={() => void loadCollections()}>
        {collections.map((c: TraceCollectionStatus) => (
          <CollectionCard key={c.id} status={c} />
        ))}
      </AsyncState>
    </div>
  );
}
