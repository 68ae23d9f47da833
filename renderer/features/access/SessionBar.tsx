/**
 * The top bar's "who am I" (issue 16): on a server or as its client, "operator · role" with Log out and Change
 * password; on the desktop and in web mode "You act as <user> (admin)" as before, there being no login.
 */
import { useState } from 'react';
import { hasLogins, useSessionStore } from '../../app/sessionStore.js';
import { useT } from '../../i18n/useT.js';
import { ChangePasswordDialog } from './ChangePasswordDialog.js';

/** Renders the identity part of the header. */
export function SessionBar() {
  const { t } = useT();
  const { session, logout } = useSessionStore();
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);
  if (!session?.loggedIn) return null;
  const role = session.role ? t(`role.${session.role}`) : t('role.none');
  if (!hasLogins(session)) {
    return (
      <span className="tag who-tag" title={t('access.actsAsHint')} data-testid="session-who">
        {t('access.actsAs', { operator: session.operator ?? '?', role })}
      </span>
    );
  }
  return (
    <div className="session-bar">
      <span className="who-tag-strong" title={t('access.whoHint', { where: session.server ?? t('access.thisServer') })} data-testid="session-who">
        <strong>{session.operator}</strong> · <span data-testid="session-role">{role}</span>
      </span>
      {changed ? (
        <span className="tag ok" role="status">
          {t('access.pw.done')}
        </span>
      ) : null}
      <button type="button" onClick={() => setChanging(true)} data-testid="change-password">
        {t('access.changePassword')}
      </button>
      <button type="button" onClick={() => void logout()} data-testid="logout">
        {t('access.logout')}
      </button>
      {changing ? (
        <ChangePasswordDialog
          onClose={(ok) => {
            setChanging(false);
            setChanged(ok);
          }}
        />
      ) : null}
    </div>
  );
}
