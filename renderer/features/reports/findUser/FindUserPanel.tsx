/**
 * Find a user across every monitored cluster: a user ID or directory URI (or the start of one); for each match
 * the node the user is assigned to, its presence redundancy group, HA state as `utils ha status` prints it, the
 * node serving the user now, and the user's sessions with their device types.
 */
import { formatDateTime } from '../../../app/format.js';
import { localizeHaWords } from '../../jobs/jobText.js';
import { useT } from '../../../i18n/useT.js';
import { Chip, DeviceTag } from '../reportParts.js';
import { useFindUserStore } from './findUserStore.js';

/** The panel. */
export function FindUserPanel() {
  const { t, locale } = useT();
  const { query, setQuery, invalid, searching, asked, result, error, search } = useFindUserStore();
  return (
    <div className="rep-stack" data-testid="find-user">
      <section className="panel">
        <div className="panel-head">
          <h2>{t('reports.tab.find-user')}</h2>
        </div>
        <p className="hint rep-about">{t('reports.find.about')}</p>
        <form
          className="rep-toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            void search();
          }}
        >
          <input type="search" className="rep-find-input" data-testid="find-user-query" value={query} placeholder={t('reports.find.placeholder')} aria-label={t('reports.find.placeholder')} aria-invalid={!!invalid} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="primary" data-testid="find-user-search" disabled={searching}>
            {searching ? t('reports.find.searching') : t('reports.find.search')}
          </button>
        </form>
        {invalid ? (
          <div className="rep-bad-text" role="alert" title={invalid}>
            {t('reports.find.invalid')}
          </div>
        ) : null}
      </section>
      {error ? (
        <div className="state state-error" role="alert">
          <span className="error-code">{error.code}</span> {t('state.error', { message: error.message })}
        </div>
      ) : null}
      {result ? (
        <section className="panel" data-testid="find-user-results">
          <div className="panel-head">
            <h2>{t('reports.find.results', { query: asked ?? '', n: result.users.length })}</h2>
          </div>
          {result.truncated ? <div className="note">{t('reports.find.truncated', { n: result.users.length })}</div> : null}
          {result.problems.length > 0 ? (
            <div className="rep-problems" role="alert">
              <ul>
                {result.problems.map((p, i) => (
                  <li key={i}>
                    <span className="error-code">{p.error.code}</span> {p.node ? `${p.cluster} / ${p.node}` : p.cluster} — <span className="mono">{p.source}</span>: {p.error.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {result.users.length === 0 ? (
            <div className="state state-empty">{t('reports.find.none')}</div>
          ) : (
            <div className="rep-table-wrap">
              <table className="data-table rep-table" data-testid="find-user-table">
                <thead>
                  <tr>
                    <th>{t('reports.col.userId')}</th>
                    <th>{t('reports.col.cluster')}</th>
                    <th>{t('reports.find.assigned')}</th>
                    <th>{t('reports.col.group')}</th>
                    <th>{t('reports.find.haState')}</th>
                    <th>{t('reports.find.servedBy')}</th>
                    <th>{t('reports.find.devices')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.users.map((u) => (
                    <tr key={`${u.cluster}/${u.userId}`} data-user={u.userId}>
                      <td>
                        <span className="mono">{u.userId}</span>
                        {u.directoryUri ? <div className="hint mono rep-wrap">{u.directoryUri}</div> : null}
                        {u.mailId && u.mailId !== u.directoryUri ? <div className="hint mono rep-wrap">{u.mailId}</div> : null}
                      </td>
                      <td>{u.cluster}</td>
                      <td className="mono">{u.node ?? <Chip tone="warn">{t('reports.find.unassigned')}</Chip>}</td>
                      <td>
                        {u.group ?? t('common.none')}
                        {u.haEnabled !== undefined ? <div className="hint">{t(u.haEnabled ? 'reports.find.haOn' : 'reports.find.haOff')}</div> : null}
                      </td>
                      <td className="rep-wrap">
                        {u.haState ? localizeHaWords(u.haState, locale) : t('common.none')}
                        {u.haReason ? <div className="hint">{localizeHaWords(u.haReason, locale)}</div> : null}
                      </td>
                      <td className={`mono${u.servedBy && u.node && u.servedBy !== u.node ? ' rep-warn-text' : ''}`}>{u.servedBy ?? t('common.none')}</td>
                      <td>
                        {u.sessions.length === 0 ? (
                          <span className="hint">{t('reports.find.notLoggedIn')}</span>
                        ) : (
                          u.sessions.map((s, i) => (
                            <DeviceTag key={i} device={s.device} title={[s.node, s.resource, s.loginAtMs !== undefined ? formatDateTime(s.loginAtMs, locale) : undefined].filter(Boolean).join(' · ')} />
                          ))
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : !error && !searching ? (
        <div className="state state-empty">{t('reports.find.start')}</div>
      ) : null}
    </div>
  );
}
