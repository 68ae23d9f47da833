/**
 * The form of a new operator (name, role, password twice) or of a password reset (password twice). Checks what the
 * backend checks (OPERATOR_NAME_PATTERN, shared/model/access.ts passwordProblem) so a person sees the problem before
 * sending; the backend checks again.
 */
import { useState } from 'react';
import { MIN_PASSWORD_LENGTH, OPERATOR_NAME_PATTERN, ROLES, type Role } from '../../../shared/model/access.js';
import { useT } from '../../i18n/useT.js';
import { newPasswordProblem } from '../access/loginErrors.js';
import type { OperatorChange } from './operatorsStore.js';

/** Adding an operator, or resetting one's password. */
export type OperatorFormMode = { readonly kind: 'add' } | { readonly kind: 'reset'; readonly name: string };

/** Props of OperatorForm. */
export interface OperatorFormProps {
  readonly mode: OperatorFormMode;
  readonly onCancel: () => void;
  readonly onSubmit: (change: OperatorChange) => void;
}

/** Renders the form as a dialog. */
export function OperatorForm({ mode, onCancel, onSubmit }: OperatorFormProps) {
  const { t } = useT();
  const [name, setName] = useState(mode.kind === 'reset' ? mode.name : '');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string>();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (mode.kind === 'add' && !OPERATOR_NAME_PATTERN.test(name)) return setProblem(t('ops.form.badName'));
    const bad = newPasswordProblem(password, again, name, t);
    if (bad) return setProblem(bad);
    onSubmit(mode.kind === 'add' ? { kind: 'add', input: { name, role, password } } : { kind: 'reset', name, password });
  };
  return (
    <div className="dialog-backdrop" onMouseDown={onCancel}>
      <form
        className="dialog login-dialog ops-form"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ops-form-title"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        onSubmit={submit}
        noValidate
        data-testid="ops-form"
      >
        <h2 id="ops-form-title">{mode.kind === 'add' ? t('ops.add') : `${t('ops.resetPassword')}: ${mode.name}`}</h2>
        {mode.kind === 'add' ? (
          <>
            <label className="login-field">
              {t('ops.form.name')}
              <input value={name} onChange={(e) => (setName(e.target.value), setProblem(undefined))} autoFocus spellCheck={false} autoComplete="off" data-testid="ops-form-name" />
              <small>{t('ops.form.nameRule')}</small>
            </label>
            <label className="login-field">
              {t('ops.form.role')}
              <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="ops-form-role">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <ul className="ops-roles">
              {ROLES.map((r) => (
                <li key={r}>{t(`ops.roleHelp.${r}`)}</li>
              ))}
            </ul>
          </>
        ) : null}
        <label className="login-field">
          {t('ops.form.password')}
          <input type="password" value={password} onChange={(e) => (setPassword(e.target.value), setProblem(undefined))} autoComplete="new-password" autoFocus={mode.kind === 'reset'} data-testid="ops-form-password" />
          <small>{t('ops.form.passwordRule', { min: MIN_PASSWORD_LENGTH })}</small>
        </label>
        <label className="login-field">
          {t('ops.form.again')}
          <input type="password" value={again} onChange={(e) => (setAgain(e.target.value), setProblem(undefined))} autoComplete="new-password" data-testid="ops-form-again" />
        </label>
        {problem ? (
          <div className="banner banner-error" role="alert" data-testid="ops-form-error">
            {problem}
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="ops-form-submit">
            {mode.kind === 'add' ? t('ops.add') : t('ops.resetPassword')}
          </button>
        </div>
      </form>
    </div>
  );
}
