/**
 * Connection test results, one row per node × protocol (issue 15): what answered and how fast, or the failure in
 * words a person can act on (the kind's headline and advice, then the node's own message and the error code).
 */
import type { ConnectionTestResult } from '../../../shared/model/clusters.js';
import { useT } from '../../i18n/useT.js';
import { ERROR_KIND_MESSAGE, ERROR_KIND_TITLE } from './clusterFormModel.js';

const PROTOCOL_ORDER = { ssh: 0, soap: 1, snmp: 2 } as const;

/**
 * What answered, in the UI language: the backend's probes (main/core/clusters/connectionProbes.ts) say
 * `version X` (SSH), `N services` (SOAP) or `sysName X` (SNMP, the MIB object's own name); anything else as sent.
 */
export function detailText(detail: string | undefined, t: ReturnType<typeof useT>['t']): string {
  if (!detail) return '';
  const version = /^version (.+)$/.exec(detail);
  if (version) return t('clusters.test.detailVersion', { version: version[1]! });
  const services = /^(\d+) services$/.exec(detail);
  if (services) return t('clusters.test.detailServices', { n: Number(services[1]) });
  return detail;
}

/** The results table. */
export function TestResults({ results, testId }: { readonly results: readonly ConnectionTestResult[]; readonly testId: string }) {
  const { t } = useT();
  const rows = [...results].sort((a, b) => a.node.localeCompare(b.node) || PROTOCOL_ORDER[a.protocol] - PROTOCOL_ORDER[b.protocol]);
  const failed = rows.filter((r) => !r.ok).length;
  return (
    <div className="cl-results" data-testid={testId}>
      <p className={failed ? 'cl-bad' : 'cl-ok'} data-testid={`${testId}-summary`}>
        {failed ? t('clusters.test.failed', { n: failed, total: rows.length }) : t('clusters.test.allOk', { total: rows.length })}
      </p>
      <table className="data-table cl-table">
        <thead>
          <tr>
            <th>{t('common.node')}</th>
            <th>{t('clusters.test.protocol')}</th>
            <th>{t('clusters.test.endpoint')}</th>
            <th>{t('common.status')}</th>
            <th>{t('clusters.test.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.node}|${r.protocol}`} data-testid={`cl-test-${r.node}-${r.protocol}`} data-ok={r.ok} data-kind={r.error?.kind ?? ''}>
              <td className="nowrap">{r.node}</td>
              <td className="nowrap">{t(`clusters.protocol.${r.protocol}`)}</td>
              <td className="mono nowrap">
                {r.host}:{r.port}
              </td>
              <td className="nowrap">{r.ok ? <span className="cl-ok">{t('clusters.test.ok')}</span> : <b className="cl-bad">{t(ERROR_KIND_TITLE[r.error?.kind ?? 'other'])}</b>}</td>
              <td className="cl-wrap">
                {r.ok ? (
                  <span>
                    {detailText(r.detail, t)}
                    {r.latencyMs !== undefined ? <span className="muted"> · {t('clusters.test.latency', { ms: Math.round(r.latencyMs) })}</span> : null}
                  </span>
                ) : (
                  <span>
                    {t(ERROR_KIND_MESSAGE[r.error?.kind ?? 'other'])}
                    {r.error ? (
                      <span className="muted cl-errline">
                        {r.error.message} ({r.error.code})
                      </span>
                    ) : null}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
