/**
 * Database replication (guide L2045-2066, L10551-10555, L10616-10618; reference D.3): each node's REPLICATION
 * SETUP state as `utils dbreplication runtimestate` lists it (2 is good), what `utils dbreplication status`
 * found, and the guide's remedy: none, `utils dbreplication reset all` (a node not at 2, L10618), a rebuild
 * (setup failed, L10555), or not known when the replication state could not be read.
 */
import type { ReplicationReport } from '../../../../shared/model/reports.js';
import { useT } from '../../../i18n/useT.js';
import { Chip, num, Section } from '../reportParts.js';
import { remedyActs, remedyKeys, remedyTone } from './replicationRemedy.js';

/** The view. */
export function ReplicationView({ data }: { readonly data: ReplicationReport }) {
  const { t, locale } = useT();
  if (data.clusters.length === 0 && data.nodes.length === 0) return <div className="state state-empty">{t('reports.repl.none')}</div>;
  return (
    <div className="rep-stack" data-testid="replication-report">
      {data.clusters.map((c) => (
        <Section key={c.cluster} title={c.cluster} actions={<Chip tone={remedyTone(c.remedy)} testId={`replication-remedy-${c.cluster}`}>{t(remedyKeys(c.remedy).chip)}</Chip>}>
          <div className={remedyActs(c.remedy) ? 'recommended' : 'hint'}>
            <p>{t(remedyKeys(c.remedy).text)}</p>
          </div>
          <p className="hint">
            {c.statusRan
              ? t('reports.repl.statusRan', { checked: num(c.tablesChecked, locale), total: num(c.tablesTotal, locale) })
              : t('reports.repl.statusNotRan')}
          </p>
          {c.mismatches.length > 0 ? (
            <div className="rep-test-line">
              <span className="rep-label">{t('reports.repl.mismatches', { n: c.mismatches.length })}</span> <span className="mono rep-wrap">{c.mismatches.join(', ')}</span>
            </div>
          ) : null}
          {c.errors.length > 0 ? (
            <div className="rep-test-line rep-bad-text">
              <span className="rep-label">{t('reports.repl.errors', { n: c.errors.length })}</span> <span className="mono rep-wrap">{c.errors.join('; ')}</span>
            </div>
          ) : null}
          <div className="rep-table-wrap">
            <table className="data-table rep-table" data-testid={`replication-nodes-${c.cluster}`}>
              <thead>
                <tr>
                  <th>{t('reports.col.node')}</th>
                  <th>{t('reports.repl.ip')}</th>
                  <th className="num">{t('reports.repl.ping')}</th>
                  <th className="num">{t('reports.repl.queue')}</th>
                  <th>{t('reports.repl.setup')}</th>
                  <th>{t('reports.repl.reportedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {data.nodes
                  .filter((n) => n.cluster === c.cluster)
                  .map((n) => (
                    <tr key={n.node} data-good={n.good}>
                      <td className="mono">{n.node}</td>
                      <td className="mono">{n.ip ?? t('common.none')}</td>
                      <td className="num">{n.pingMs === undefined ? t('common.none') : `${n.pingMs} ms`}</td>
                      <td className="num">{num(n.queue, locale)}</td>
                      <td className="rep-wrap">
                        <Chip tone={n.good ? 'ok' : 'bad'}>{n.setupState ?? '?'}</Chip> {n.setupText}
                      </td>
                      <td className="mono">{n.reportedBy}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </Section>
      ))}
    </div>
  );
}
