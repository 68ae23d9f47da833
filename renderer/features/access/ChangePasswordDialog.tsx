/** The own password change (issue 16): current password, the new one twice; the other sessions of the operator end. */
import { useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../shared/model/access.js';
import { useSessionStore } from '../../app/sessionStore.js';
import { useT } from '../../i18n/useT.js';
import { loginProblem } from './loginErrors.js';
import { newPasswordProblem } from './loginErrors.js';

/** Props of ChangePasswordDialog. */
export interface ChangePasswordDialogProps {
  readonly onClose: (changed: boolean) => void;
}

/** Renders the dialog; the caller mounts it only while open. */
export function ChangePasswordDialog({ onClose }: ChangePasswordDialogProps) {
  const { t } = useT();
  const { session, changePassword } = useSessionStore();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (current === '') return setProblem(t('access.pw.needCurrent'));
    const bad = newPasswordProblem(next, again, session?.operator, t);
    if (bad) return setProblem(bad);
    setBusy(true);
    const err = await changePassword(current, next);
    setBusy(false);
    if (!err) return onClose(true);
    setProblem(err.code === 'AUTH_FAILED' ? t('access.pw.wrongCurrent') : loginProblem(err, t).text);
  };
  return (
    <div className="dialog-backdrop" onMouseDown={() => onClose(false)}>
      <form
        className="dialog login-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pw-title"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose(false)}
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        data-testid="password-dialog"
      >
        <h2 id="pw-title">{t('access.pw.title')}</h2>
        <p className="muted">{t('access.pw.rule', { min: MIN_PASSWORD_LENGTH })}</p>
        <label className="login-field">
          {t('access.pw.current')}
          <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" autoFocus data-testid="pw-current" />
        </label>
        <label className="login-field">
          {t('access.pw.next')}
          <input type="password" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password" data-testid="pw-next" />
        </label>
        <label className="login-field">
          {t('access.pw.again')}
          <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" data-testid="pw-again" />
        </label>
        {problem ? (
          <div className="banner banner-error" role="alert" data-testid="pw-error">
            {problem}
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={() => onClose(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="pw-submit">
            {t('access.changePassword')}
          </button>
        </div>
      </form>
    </div>
  );
}
