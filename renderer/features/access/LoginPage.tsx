/**
 * The login page of a server (or of the app as a server's client) while nobody is logged in (issue 16): operator
 * name and password, clear words for a wrong password or a locked account, why the page is back (the session ended,
 * or a logout), and, while the server has no admin yet, the command line that creates the first one.
 */
import { Fragment, useState } from 'react';
import { useAppStore } from '../../app/appStore.js';
import { useSessionStore } from '../../app/sessionStore.js';
import { useT } from '../../i18n/useT.js';
import { loginProblem, type LoginProblem } from './loginErrors.js';
import './access.css';

/** Renders the login page. */
export function LoginPage() {
  const { t, locale } = useT();
  const { session, reason, login, endedOperator } = useSessionStore();
  const { chooseLocale } = useAppStore();
  // After a session ended (idle, an admin's change) the name is offered again: only the password is to type.
  const offered = reason === 'expired' ? (endedOperator ?? '') : '';
  const [name, setName] = useState(offered);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<LoginProblem>();
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') return setProblem({ text: t('access.login.needName') });
    if (password === '') return setProblem({ text: t('access.login.needPassword') });
    setBusy(true);
    setProblem(undefined);
    const err = await login(name.trim(), password);
    setBusy(false);
    if (err) {
      setProblem(loginProblem(err, t, useSessionStore.getState().session?.setupCommand !== undefined));
      setPassword('');
    }
  };
  return (
    <div className="login-screen">
      <form className="login-box" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="login-form">
        <div className="login-head">
          <h1>{t('access.login.title')}</h1>
          <select value={locale} onChange={(e) => chooseLocale(e.target.value === 'zh' ? 'zh' : 'en')} aria-label={t('app.language')} data-testid="login-language">
            <option value="en">English</option>
            <option value="zh">中文</option>
          </select>
        </div>
        <p className="muted">{t('access.login.lead')}</p>
        {session?.server ? <p className="muted mono">{t('access.login.server', { server: session.server })}</p> : null}
        {reason === 'expired' ? (
          <div className="note" role="status" data-testid="login-expired">
            {t('access.login.expired')}
          </div>
        ) : reason === 'loggedOut' ? (
          <div className="login-info" role="status">
            {t('access.login.loggedOut')}
          </div>
        ) : null}
        {session?.setupCommand ? (
          <div className="login-setup" data-testid="login-setup">
            <p>{t('access.login.noAdmin')}</p>
            {/* Each word on one line when it fits ("--role" is not split after its first hyphen); copying gives the command as is. */}
            <pre className="mono">
              {session.setupCommand.split(' ').map((word, i) => (
                <Fragment key={i}>
                  {i > 0 ? ' ' : null}
                  <span className="login-setup-word">{word}</span>
                </Fragment>
              ))}
            </pre>
            <p>{t('access.login.noAdminAfter')}</p>
          </div>
        ) : null}
        <label className="login-field">
          {t('access.login.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" autoFocus={offered === ''} spellCheck={false} autoCapitalize="off" data-testid="login-name" />
        </label>
        <label className="login-field">
          {t('access.login.password')}
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" autoFocus={offered !== ''} data-testid="login-password" />
        </label>
        {problem ? (
          <div className="banner banner-error" role="alert" data-testid="login-error">
            {problem.text}
            {problem.detail && problem.detail !== problem.text ? <div className="hint mono">{problem.detail}</div> : null}
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {busy ? t('access.login.busy') : t('access.login.submit')}
        </button>
      </form>
    </div>
  );
}
