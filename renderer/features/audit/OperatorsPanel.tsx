/**
 * Operators (issue 16, admin): each account's role and state (disabled, locked until, wrong passwords in a row, open
 * sessions, last login), and the changes: add (name, role, password twice), set role, disable/enable, reset password,
 * unlock, each behind a confirmation that says what it does to the operator's sessions.
 */
import { useEffect, useState } from 'react';
import { ROLES, type OperatorView, type Role } from '../../../shared/model/access.js';
import { formatDateTime } from '../../app/format.js';
import { hasLogins, useSessionStore } from '../../app/sessionStore.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { useT, type TranslateFn } from '../../i18n/useT.js';
import { OperatorForm, type OperatorFormMode } from './OperatorForm.js';
import { useOperatorsStore, type ChangeOutcome, type OperatorChange } from './operatorsStore.js';

/** The confirmation text of a change. */
export function confirmText(change: OperatorChange, t: TranslateFn): string {
  switch (change.kind) {
    case 'add':
      return t('ops.confirm.add', { name: change.input.name, role: t(`role.${change.input.role}`) });
    case 'setRole':
      return t('ops.confirm.setRole', { name: change.name, role: t(`role.${change.role}`) });
    case 'disable':
      return t('ops.confirm.disable', { name: change.name });
    case 'enable':
      return t('ops.confirm.enable', { name: change.name });
    case 'unlock':
      return t('ops.confirm.unlock', { name: change.name });
    case 'reset':
      return t('ops.confirm.reset', { name: change.name });
  }
}

/** The words of a change's button and dialog title ("Disable", "Reset password"). */
export function changeLabel(change: OperatorChange, t: TranslateFn): string {
  switch (change.kind) {
    case 'add':
      return t('ops.add');
    case 'setRole':
      return t('ops.setRole');
    case 'reset':
      return t('ops.resetPassword');
    default:
      return t(`ops.${change.kind}`);
  }
}

function doneText(outcome: ChangeOutcome, t: TranslateFn): string {
  const c = outcome.change;
  const name = c.kind === 'add' ? c.input.name : c.name;
  if (!outcome.ok) return `${outcome.error.code}: ${outcome.error.message}`;
  if (c.kind === 'setRole') return t('ops.done.setRole', { name, role: t(`role.${c.role}`) });
  return t(`ops.done.${c.kind}`, { name });
}

/** Renders the panel. */
export function OperatorsPanel() {
  const { t, locale } = useT();
  const { operators, state, last, load, apply } = useOperatorsStore();
  const me = useSessionStore((s) => s.session?.operator);
  // Desktop and web mode: nobody logs in, so the accounts serve a server on the same data folder; say so.
  const local = useSessionStore((s) => s.session !== undefined && !hasLogins(s.session));
  const [pending, setPending] = useState<OperatorChange>();
  const [form, setForm] = useState<OperatorFormMode>();
  const [roles, setRoles] = useState<Readonly<Record<string, Role>>>({});
  useEffect(() => {
    void load();
  }, [load]);
  const now = Date.now();
  const stateOf = (o: OperatorView) => {
    const parts: React.JSX.Element[] = [];
    if (o.disabled)
      parts.push(
        <span key="d" className="ops-state-disabled">
          {t('ops.state.disabled')}
        </span>,
      );
    if (o.lockedUntilMs !== undefined && o.lockedUntilMs > now)
      parts.push(
        <span key="l" className="ops-state-locked">
          {t('ops.state.locked', { time: formatDateTime(o.lockedUntilMs, locale) })}
        </span>,
      );
    if (parts.length === 0) parts.push(<span key="a">{t('ops.state.active')}</span>);
    if (o.failedLogins > 0 && !(o.lockedUntilMs !== undefined && o.lockedUntilMs > now))
      parts.push(
        <span key="f" className="muted">
          {t('ops.state.failures', { n: o.failedLogins })}
        </span>,
      );
    return parts.reduce<React.JSX.Element[]>((acc, p, i) => (i === 0 ? [p] : [...acc, <span key={`s${i}`}> · </span>, p]), []);
  };
  return (
    <div data-testid="operators-panel">
      <div className="panel-head">
        <p className="muted audit-lead" data-testid="ops-lead">{local ? t('ops.leadLocal', { operator: me ?? '' }) : t('ops.lead')}</p>
        <button type="button" className="primary" onClick={() => setForm({ kind: 'add' })} data-testid="ops-add">
          {t('ops.add')}
        </button>
      </div>
      {last ? (
        <div className={last.ok ? 'audit-verify ok' : 'banner banner-error'} role={last.ok ? 'status' : 'alert'} data-testid="ops-outcome">
          {doneText(last, t)}
        </div>
      ) : null}
      {state.kind === 'error' ? (
        <div className="state state-error" role="alert">
          <span className="error-code">{state.error.code}</span>
          <span>{t('state.error', { message: state.error.message })}</span>
        </div>
      ) : operators.length === 0 ? (
        <div className="state state-empty">{state.kind === 'ready' ? t('ops.empty') : t('state.loading')}</div>
      ) : (
        <table className="data-table" aria-label={t('ops.title')} data-testid="ops-table">
          <thead>
            <tr>
              <th>{t('ops.col.name')}</th>
              <th>{t('ops.col.role')}</th>
              <th>{t('ops.col.state')}</th>
              <th>{t('ops.col.lastLogin')}</th>
              <th className="num">{t('ops.col.sessions')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {operators.map((o) => {
              const locked = o.lockedUntilMs !== undefined && o.lockedUntilMs > now;
              const chosen = roles[o.name] ?? o.role;
              return (
                <tr key={o.name} data-operator={o.name}>
                  <td className="mono">
                    {o.name}
                    {o.name === me ? <span className="tag ops-you">{t('ops.you')}</span> : null}
                  </td>
                  <td>{t(`role.${o.role}`)}</td>
                  <td data-testid="ops-state">{stateOf(o)}</td>
                  <td className="nowrap">{o.lastLoginAtMs !== undefined ? formatDateTime(o.lastLoginAtMs, locale) : t('ops.never')}</td>
                  <td className="num">{o.sessions}</td>
                  <td>
                    <div className="ops-actions">
                      <select value={chosen} onChange={(e) => setRoles({ ...roles, [o.name]: e.target.value as Role })} aria-label={t('ops.setRole')} data-testid="ops-role-select">
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                      <button type="button" disabled={chosen === o.role} onClick={() => setPending({ kind: 'setRole', name: o.name, role: chosen })} data-testid="ops-set-role">
                        {t('ops.setRole')}
                      </button>
                      <button type="button" onClick={() => setPending({ kind: o.disabled ? 'enable' : 'disable', name: o.name })} data-testid={o.disabled ? 'ops-enable' : 'ops-disable'}>
                        {o.disabled ? t('ops.enable') : t('ops.disable')}
                      </button>
                      <button type="button" onClick={() => setForm({ kind: 'reset', name: o.name })} data-testid="ops-reset">
                        {t('ops.resetPassword')}
                      </button>
                      {locked || o.failedLogins > 0 ? (
                        <button type="button" onClick={() => setPending({ kind: 'unlock', name: o.name })} data-testid="ops-unlock">
                          {t('ops.unlock')}
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {form ? (
        <OperatorForm
          mode={form}
          onCancel={() => setForm(undefined)}
          onSubmit={(change) => {
            setForm(undefined);
            setPending(change);
          }}
        />
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={changeLabel(pending, t)}
          confirmLabel={changeLabel(pending, t)}
          danger={pending.kind === 'disable'}
          onCancel={() => setPending(undefined)}
          onConfirm={() => {
            const change = pending;
            setPending(undefined);
            void apply(change).then((outcome) => {
              if (!outcome.ok && change.kind === 'setRole') setRoles((r) => ({ ...r, [change.name]: operators.find((o) => o.name === change.name)?.role ?? change.role }));
            });
          }}
        >
          <p data-testid="ops-confirm-text">{confirmText(pending, t)}</p>
          {pending.kind !== 'add' && pending.kind !== 'enable' && pending.kind !== 'unlock' && pending.name === me ? (
            <p className="note" data-testid="ops-confirm-self">
              {t('ops.confirm.self')}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
