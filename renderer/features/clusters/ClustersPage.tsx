/**
 * Clusters and receivers (issue 15): the monitored clusters (state, nodes, Test, Edit, Remove with confirmation),
 * the Add/Edit form, the embedded simulated cluster's switch, and the syslog/trap receivers on their own tab.
 */
import { useEffect, useState } from 'react';
import type { ClusterConfigView } from '../../../shared/model/clusters.js';
import type { ClusterSummary } from '../../../shared/model/cluster.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useT } from '../../i18n/useT.js';
import { useClustersStore } from '../overview/clustersStore.js';
import { ReceiversPanel } from '../receivers/ReceiversPanel.js';
import { useClusterAdminStore } from './clusterAdminStore.js';
import { emptyForm, formFromConfig, type ClusterFormState } from './clusterFormModel.js';
import { ActionError } from './ActionError.js';
import { ClusterForm } from './ClusterForm.js';
import { TestResults } from './TestResults.js';
import './clusters.css';
import { useCan } from '../../app/useCan.js';
import { gate, RoleNote } from '../access/gate.js';

type Tab = 'clusters' | 'receivers';

/** The Clusters page. */
export function ClustersPage() {
  const { t } = useT();
  const [tab, setTab] = useState<Tab>('clusters');
  return (
    <section className="page cl-page">
      <h1>{t('nav.clusters')}</h1>
      <div className="tabs" role="tablist">
        {(['clusters', 'receivers'] as const).map((x) => (
          <button key={x} type="button" role="tab" aria-selected={tab === x} className={tab === x ? 'active' : undefined} onClick={() => setTab(x)} data-testid={`cl-tab-${x}`}>
            {t(`clusters.tab.${x}`)}
          </button>
        ))}
      </div>
      {/* The clusters tab stays mounted while the receivers tab is shown: a half-filled Add form (passwords,
          accepted fingerprints) survives a look at the receivers' address. */}
      <div hidden={tab !== 'clusters'}>
        <ClustersTab />
      </div>
      {tab === 'receivers' ? <ReceiversPanel /> : null}
    </section>
  );
}

/** How a cluster's nodes answer: all up, some down, none known yet. */
function liveState(summary: ClusterSummary | undefined): { tone: 'ok' | 'warn' | 'bad' | 'idle'; up: number; total: number } {
  if (!summary || summary.nodes.length === 0) return { tone: 'idle', up: 0, total: summary?.nodes.length ?? 0 };
  const up = summary.nodes.filter((n) => n.reachability === 'up').length;
  const total = summary.nodes.length;
  return { tone: up === total ? 'ok' : up === 0 ? 'bad' : 'warn', up, total };
}

function ClustersTab() {
  const { t } = useT();
  const canEmbedded = useCan('clusters', 'setEmbedded');
  const canSave = useCan('clusters', 'save');
  const { configs, embedded, load, busy, actionError, savedTests, testingId, loadAll, testSaved, dismissTest, remove, setEmbedded, dismissError } = useClusterAdminStore();
  const live = useClustersStore((s) => s.clusters);
  const [editing, setEditing] = useState<ClusterFormState>();
  const [removing, setRemoving] = useState<ClusterConfigView>();
  useEffect(() => {
    void loadAll();
  }, [loadAll]);
  const byId = new Map(live.map((c) => [c.id, c]));
  const listError = actionError && (actionError.action === 'testSaved' || actionError.action === 'remove' || actionError.action === 'embedded') ? actionError : undefined;
  return (
    <div className="cl-stack">
      <div className="panel cl-embedded" data-testid="cl-embedded">
        <label className="inline-field">
          <input type="checkbox" checked={embedded?.enabled ?? false} {...gate(canEmbedded, embedded === undefined || busy === 'embedded')} onChange={(e) => void setEmbedded(e.target.checked)} data-testid="cl-embedded-switch" />
          <b>{t('clusters.embedded.label')}</b>
        </label>
        <span className={embedded?.error ? 'cl-bad' : embedded?.running ? 'cl-ok' : 'muted'} data-testid="cl-embedded-state">
          {embedded === undefined ? '' : embedded.error ? t('clusters.embedded.failed', { error: embedded.error }) : embedded.running ? t('clusters.embedded.running') : t('clusters.embedded.stopped')}
        </span>
        <p className="hint">{t('clusters.embedded.hint')}</p>
      </div>

      <div className="panel">
        <div className="panel-head">
          <h2>{t('clusters.list.title')}</h2>
          <RoleNote can={canSave} />
          <button type="button" className="primary" data-testid="cl-add" {...gate(canSave, editing !== undefined)} onClick={() => setEditing(emptyForm())}>
            {t('clusters.list.add')}
          </button>
        </div>
        {listError ? <ActionError action={`clusters.action.${listError.action}`} error={listError.error} testId="cl-list-error" onClose={dismissError} /> : null}
        <AsyncState state={load} empty={false} onRetry={() => void loadAll()}>
          {configs.length === 0 ? (
            <p className="muted" data-testid="cl-none">
              {t('clusters.list.none')}
            </p>
          ) : (
            <div className="cl-scroll">
              <table className="data-table cl-table" data-testid="cl-list">
                <thead>
                  <tr>
                    <th>{t('common.name')}</th>
                    <th>{t('clusters.form.publisher')}</th>
                    <th>{t('clusters.list.nodes')}</th>
                    <th>{t('common.status')}</th>
                    <th>{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {configs.map((c) => {
                    const s = liveState(byId.get(c.id));
                    const tests = savedTests[c.id];
                    return (
                      <ClusterRow key={c.id} config={c} state={s} names={(byId.get(c.id)?.nodes ?? []).map((n) => n.name)} busy={busy} testing={testingId === c.id} onTest={() => void testSaved(c.id)} onEdit={() => setEditing(formFromConfig(c))} onRemove={() => setRemoving(c)}>
                        {testingId === c.id ? (
                          <p className="cl-progress" role="status">
                            <span className="spinner" aria-hidden="true" />
                            {t('clusters.progress.test', { n: Math.max(1, c.nodes.length) })}
                          </p>
                        ) : tests ? (
                          <>
                            <TestResults results={tests} testId={`cl-saved-results-${c.id}`} />
                            <button type="button" onClick={() => dismissTest(c.id)} data-testid={`cl-saved-results-close-${c.id}`}>
                              {t('common.close')}
                            </button>
                          </>
                        ) : null}
                      </ClusterRow>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </AsyncState>
      </div>

      {editing ? <ClusterForm key={editing.id ?? 'new'} initial={editing} onClose={() => setEditing(undefined)} /> : null}

      {removing ? (
        <ConfirmDialog
          title={t('clusters.remove.title', { name: removing.name })}
          confirmLabel={t('clusters.remove.confirm')}
          danger
          onCancel={() => setRemoving(undefined)}
          onConfirm={() => {
            const id = removing.id;
            setRemoving(undefined);
            if (editing?.id === id) setEditing(undefined);
            void remove(id);
          }}
        >
          <p>{t('clusters.remove.body', { name: removing.name })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function ClusterRow({
  config,
  state,
  names,
  busy,
  testing,
  onTest,
  onEdit,
  onRemove,
  children,
}: {
  readonly config: ClusterConfigView;
  readonly state: ReturnType<typeof liveState>;
  readonly names: readonly string[];
  readonly busy: string | undefined;
  readonly testing: boolean;
  readonly onTest: () => void;
  readonly onEdit: () => void;
  readonly onRemove: () => void;
  readonly children: React.ReactNode;
}) {
  const { t } = useT();
  const canTest = useCan('clusters', 'testSaved');
  const canSave = useCan('clusters', 'save');
  const canRemove = useCan('clusters', 'remove');
  const shown = names.length > 0 ? names : config.nodes.map((n) => n.name);
  return (
    <>
      <tr data-testid={`cl-row-${config.id}`}>
        <td className="nowrap">
          <b>{config.name}</b>
        </td>
        <td className="mono nowrap">
          {config.publisherHost}:{config.ports.ssh}
        </td>
        <td className="cl-wrap" data-testid="cl-row-nodes">
          {shown.join(', ')}
        </td>
        <td className="nowrap">
          <span className={`cl-${state.tone}`} data-tone={state.tone}>
            {state.total === 0 ? t('clusters.list.waiting') : t('clusters.list.up', { up: state.up, total: state.total })}
          </span>
        </td>
        <td className="nowrap">
          <span className="button-row">
            <button type="button" onClick={onTest} {...gate(canTest, busy !== undefined)} data-testid="cl-row-test">
              {testing ? t('clusters.busy') : t('clusters.list.test')}
            </button>
            <button type="button" onClick={onEdit} {...gate(canSave)} data-testid="cl-row-edit">
              {t('clusters.list.edit')}
            </button>
            <button type="button" className="danger" onClick={onRemove} {...gate(canRemove, busy !== undefined)} data-testid="cl-row-remove">
              {t('clusters.list.remove')}
            </button>
          </span>
        </td>
      </tr>
      {children ? (
        <tr>
          <td colSpan={5}>{children}</td>
        </tr>
      ) : null}
    </>
  );
}
