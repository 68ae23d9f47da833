/**
 * Certificates of every node of every cluster (guide L4833-4858, Table 15 L4320-4329), soonest expiry first, with
 * the days left as a chip: expired red, expiring within the warn days amber, valid green.
 */
import { useState } from 'react';
import type { CertificateStatus, CertificatesReport } from '../../../../shared/model/reports.js';
import { formatDateTime } from '../../../app/format.js';
import { useT } from '../../../i18n/useT.js';
import { Chip, num, type Tone } from '../reportParts.js';

const TONE: Readonly<Record<CertificateStatus, Tone>> = { expired: 'bad', expiring: 'warn', valid: 'ok' };

/** The view. */
export function CertificatesView({ data }: { readonly data: CertificatesReport }) {
  const { t, locale } = useT();
  const [status, setStatus] = useState<CertificateStatus | ''>('');
  const rows = [...(status ? data.rows.filter((r) => r.status === status) : data.rows)].sort((a, b) => a.notAfterMs - b.notAfterMs);
  const count = (s: CertificateStatus) => data.rows.filter((r) => r.status === s).length;
  return (
    <div className="rep-stack" data-testid="certificates-report">
      <div className="rep-filter">
        <span className="hint">{t('reports.certs.warnDays', { n: data.warnDays })}</span>
        {(['expired', 'expiring', 'valid'] as const).map((s) => (
          <button key={s} type="button" className={`rep-chip-button${status === s ? ' active' : ''}`} aria-pressed={status === s} onClick={() => setStatus(status === s ? '' : s)}>
            <Chip tone={TONE[s]}>
              {t(`reports.certs.status.${s}`)} {count(s)}
            </Chip>
          </button>
        ))}
      </div>
      {rows.length === 0 ? (
        <div className="state state-empty">{t('reports.certs.none')}</div>
      ) : (
        <div className="rep-table-wrap rep-scroll">
          <table className="data-table rep-table" data-testid="certificates-table">
            <thead>
              <tr>
                <th className="num">{t('reports.certs.daysLeft')}</th>
                <th>{t('reports.certs.expires')}</th>
                <th>{t('reports.col.cluster')}</th>
                <th>{t('reports.col.node')}</th>
                <th>{t('reports.certs.unit')}</th>
                <th>{t('reports.certs.subject')}</th>
                <th>{t('reports.certs.issuer')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.cluster}/${r.node}/${r.type}/${r.unit}/${r.fileName}`} data-status={r.status}>
                  <td className="num">
                    <Chip tone={TONE[r.status]} title={t(`reports.certs.status.${r.status}`)}>
                      {r.daysLeft < 0 ? t('reports.certs.expiredAgo', { n: num(-r.daysLeft, locale) }) : t('reports.certs.daysN', { n: num(r.daysLeft, locale) })}
                    </Chip>
                  </td>
                  <td className="nowrap" title={formatDateTime(r.notAfterMs, locale)}>
                    {new Date(r.notAfterMs).toLocaleDateString(locale === 'zh' ? 'zh-CN' : 'en-US')}
                  </td>
                  <td>{r.cluster}</td>
                  <td className="mono">{r.node}</td>
                  <td className="mono rep-path">
                    <span className="nowrap">{r.unit}/</span>
                    <wbr />
                    <span className="nowrap">{r.fileName}</span>
                    <div className="hint">{t(r.type === 'own' ? 'reports.certs.own' : 'reports.certs.trust')}</div>
                  </td>
                  <td className="rep-wrap rep-dn">{r.subject}</td>
                  <td className="rep-wrap rep-dn">{r.issuer}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
