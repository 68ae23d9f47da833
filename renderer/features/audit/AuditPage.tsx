/**
 * The audit log view (issue 16): who changed what, logins, failed logins and refused calls, newest first, filtered
 * by time, operator, action group, result and text; Export CSV (every match); Verify chain (the HMAC chain and the
 * head the server recorded: ok, or the first bad entry in red). Admins also get the Operators tab.
 */
import { useEffect, useState } from 'react';
import { useCan } from '../../app/useCan.js';
import { useT } from '../../i18n/useT.js';
import { AuditTable } from './AuditTable.js';
import { AuditToolbar } from './AuditToolbar.js';
import { OperatorsPanel } from './OperatorsPanel.js';
import { useAuditStore } from './auditStore.js';
import './audit.css';

const TABS = ['log', 'operators'] as const;
type Tab = (typeof TABS)[number];

/** Renders the view. */
export function AuditPage() {
  const { t } = useT();
  const admin = useCan('operators', 'list').allowed;
  const [tab, setTab] = useState<Tab>('log');
  const shown: Tab = admin ? tab : 'log';
  return (
    <section>
      <div className="page-head">
        <h1>{t('audit.title')}</h1>
      </div>
      {admin ? (
        <div className="tabs" role="tablist" aria-label={t('audit.title')}>
          {TABS.map((id) => (
            <button key={id} type="button" role="tab" data-testid={`audit-tab-${id}`} aria-selected={id === shown} className={id === shown ? 'active' : undefined} onClick={() => setTab(id)}>
              {t(`audit.tab.${id}`)}
            </button>
          ))}
        </div>
      ) : null}
      <div role={admin ? 'tabpanel' : undefined}>{shown === 'log' ? <AuditLogPanel /> : <OperatorsPanel />}</div>
    </section>
  );
}

function AuditLogPanel() {
  const { t } = useT();
  const { entries, state, load } = useAuditStore();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <>
      <p className="muted audit-lead">{t('audit.lead')}</p>
      <AuditToolbar />
      {state.kind === 'error' ? (
        <div className="state state-error" role="alert">
          <span className="error-code">{state.error.code}</span>
          <span>{t('state.error', { message: state.error.message })}</span>
          <button type="button" onClick={() => void load()}>
            {t('state.retry')}
          </button>
        </div>
      ) : state.kind !== 'ready' && entries.length === 0 ? (
        <div className="state state-loading" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          {t('state.loading')}
        </div>
      ) : entries.length === 0 ? (
        <div className="state state-empty" data-testid="audit-empty">
          {t('audit.empty')}
        </div>
      ) : (
        <AuditTable entries={entries} />
      )}
    </>
  );
}
