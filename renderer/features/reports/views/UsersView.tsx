/**
 * The user troubleshooter (guide L8448-8470, L8537-8580): every problem `utils users validate all` and the mail
 * IDs show — duplicate user IDs, missing, invalid or duplicate directory URIs, missing or shared mail IDs — not
 * only the first ten the admin page lists. Filter by kind.
 */
import { useState } from 'react';
import type { UserProblemKind, UsersReport } from '../../../../shared/model/reports.js';
import { useT } from '../../../i18n/useT.js';
import { Chip, num } from '../reportParts.js';

const KINDS: readonly UserProblemKind[] = ['duplicate-userid', 'no-directory-uri', 'invalid-directory-uri', 'duplicate-directory-uri', 'no-mail-id', 'duplicate-mail-id'];
const PAGE = 500;

/** The view. */
export function UsersView({ data }: { readonly data: UsersReport }) {
  const { t, locale } = useT();
  const [kind, setKind] = useState<UserProblemKind | ''>('');
  const [all, setAll] = useState(false);
  const rows = kind ? data.rows.filter((r) => r.kind === kind) : data.rows;
  const shown = all ? rows : rows.slice(0, PAGE);
  return (
    <div className="rep-stack" data-testid="users-report">
      <div className="rep-filter">
        {data.checked.map((c) => (
          <span key={c.cluster} className="hint">
            {t('reports.users.checked', { cluster: c.cluster, n: num(c.users, locale) })}
          </span>
        ))}
      </div>
      <div className="rep-filter">
        <label className="inline-field">
          {t('reports.users.kind')}
          <select data-testid="users-kind" value={kind} onChange={(e) => setKind(e.target.value as UserProblemKind | '')}>
            <option value="">{t('reports.users.allKinds', { n: num(data.rows.length, locale) })}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.users.kind.${k}`)} ({num(data.rows.filter((r) => r.kind === k).length, locale)})
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.rows.length === 0 ? (
        <div className="state state-empty">
          <Chip tone="ok">{t('reports.result.passed')}</Chip> {t('reports.users.none')}
        </div>
      ) : rows.length === 0 ? (
        <div className="state state-empty">{t('reports.users.noneOfKind')}</div>
      ) : (
        <div className="rep-table-wrap rep-scroll">
          <table className="data-table rep-table" data-testid="users-table">
            <thead>
              <tr>
                <th>{t('reports.col.cluster')}</th>
                <th>{t('reports.users.kind')}</th>
                <th>{t('reports.col.userId')}</th>
                <th>{t('reports.users.value')}</th>
                <th>{t('reports.col.nodes')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r, i) => (
                <tr key={i} data-kind={r.kind}>
                  <td>{r.cluster}</td>
                  <td>
                    <Chip tone={r.kind.startsWith('no-') ? 'warn' : 'bad'}>{t(`reports.users.kind.${r.kind}`)}</Chip>
                  </td>
                  <td className="mono">{r.userId}</td>
                  <td className="mono rep-wrap">{r.value ?? t('common.none')}</td>
                  <td className="mono">{r.nodes.join(', ') || t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!all && rows.length > PAGE ? (
        <button type="button" className="rep-more" onClick={() => setAll(true)}>
          {t('reports.showAll', { n: num(rows.length, locale) })}
        </button>
      ) : null}
    </div>
  );
}
