/**
 * The SSH host keys and TLS certificates the endpoints present, for consent before they are pinned (issue 15).
 * A new key asks for a tick; a changed key is shown in red with the pinned fingerprint beside the new one and must
 * be ticked on its own (never by "accept all new"); a pinned key needs nothing; an endpoint that could not be read
 * shows why.
 */
import type { EndpointIdentity } from '../../../shared/model/clusters.js';
import { formatDateTime } from '../../app/format.js';
import { useT } from '../../i18n/useT.js';
import { ERROR_KIND_MESSAGE, ERROR_KIND_TITLE, identityKey, needsConsent } from './clusterFormModel.js';

/** Props of FingerprintConsent. */
export interface FingerprintConsentProps {
  readonly identities: readonly EndpointIdentity[];
  readonly accepted: ReadonlySet<string>;
  onChange(accepted: ReadonlySet<string>): void;
}

/** The consent table. */
export function FingerprintConsent({ identities, accepted, onChange }: FingerprintConsentProps) {
  const { t, locale } = useT();
  const toggle = (key: string, on: boolean) => {
    const next = new Set(accepted);
    if (on) next.add(key);
    else next.delete(key);
    onChange(next);
  };
  const newOnes = identities.filter((i) => needsConsent(i) && i.pin === 'new');
  return (
    <div className="cl-keys" data-testid="cl-keys">
      {newOnes.length > 1 ? (
        <div className="button-row">
          <button type="button" data-testid="cl-accept-new" onClick={() => onChange(new Set([...accepted, ...newOnes.map(identityKey)]))}>
            {t('clusters.keys.acceptNew', { n: newOnes.length })}
          </button>
        </div>
      ) : null}
      <table className="data-table cl-table">
        <thead>
          <tr>
            <th>{t('clusters.keys.accept')}</th>
            <th>{t('clusters.test.endpoint')}</th>
            <th>{t('clusters.keys.kind')}</th>
            <th>{t('clusters.keys.fingerprint')}</th>
            <th>{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {identities.map((i) => {
            const key = identityKey(i);
            const changed = i.pin === 'changed';
            return (
              <tr key={key} className={changed ? 'cl-changed' : undefined} data-testid={`cl-key-${i.kind}-${i.host}-${i.port}`} data-pin={i.pin}>
                <td>
                  {needsConsent(i) ? (
                    <input type="checkbox" aria-label={t('clusters.keys.acceptOne', { endpoint: `${i.host}:${i.port}` })} checked={accepted.has(key)} onChange={(e) => toggle(key, e.target.checked)} data-testid="cl-key-accept" />
                  ) : null}
                </td>
                <td className="mono nowrap">
                  {i.host}:{i.port}
                </td>
                <td className="nowrap">{t(i.kind === 'ssh' ? 'clusters.keys.ssh' : 'clusters.keys.tls')}</td>
                <td className="cl-wrap">
                  {i.fingerprintSha256 ? (
                    <span className="cl-errline">
                      {changed ? `${t('clusters.keys.now')} ` : null}
                      <code className="cl-fp">{i.fingerprintSha256}</code>
                    </span>
                  ) : null}
                  {changed && i.pinnedFingerprintSha256 ? (
                    <span className="cl-was">
                      {t('clusters.keys.was')} <code className="cl-fp">{i.pinnedFingerprintSha256}</code>
                    </span>
                  ) : null}
                  {i.subject ? <span className="muted cl-errline">{i.subject}{i.notAfterMs ? ` · ${t('clusters.keys.notAfter', { date: formatDateTime(i.notAfterMs, locale) })}` : ''}</span> : null}
                  {i.error ? (
                    <span className="cl-errline">
                      <span className="cl-bad">
                        <b>{t(ERROR_KIND_TITLE[i.error.kind])}</b> {t(ERROR_KIND_MESSAGE[i.error.kind])}
                      </span>
                      <span className="muted cl-errline">{i.error.message}</span>
                    </span>
                  ) : null}
                </td>
                <td className="cl-wrap">
                  {i.error && !i.fingerprintSha256 ? (
                    <span className="cl-bad">{t('clusters.keys.unread')}</span>
                  ) : changed ? (
                    <b className="cl-bad">{t('clusters.keys.changed')}</b>
                  ) : i.pin === 'pinned' ? (
                    <span className="cl-ok">{t('clusters.keys.pinned')}</span>
                  ) : (
                    <span className="cl-warn">{t('clusters.keys.new')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
