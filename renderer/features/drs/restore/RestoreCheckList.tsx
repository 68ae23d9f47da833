/** What DRS said to "Check": each check passed or failed in DRS's (the guide's) words, and the verbatim answer. */
import { useT } from '../../../i18n/useT.js';
import type { DrsRestoreCheck } from '../../../../shared/model/drs.js';
import type { Keyed } from '../drsStore.js';

/** The guide's rule behind a refused check (L10340-10345), said in the UI language under DRS's own words. */
const RULE: Partial<Record<DrsRestoreCheck['items'][number]['check'], 'drs.checkRule.version' | 'drs.checkRule.host' | 'drs.checkRule.securityPassword'>> = {
  version: 'drs.checkRule.version',
  hostname: 'drs.checkRule.host',
  ip: 'drs.checkRule.host',
  dns: 'drs.checkRule.host',
  deploymentType: 'drs.checkRule.host',
  securityPassword: 'drs.checkRule.securityPassword',
};

/** The check's verdict. */
export function RestoreCheckList({ check }: { readonly check?: Keyed<DrsRestoreCheck> }) {
  const { t } = useT();
  if (!check) return null;
  if (check.kind === 'loading') {
    return (
      <div className="state state-loading" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        {t('drs.restore.checking')}
      </div>
    );
  }
  if (check.kind === 'error') {
    return (
      <div className="banner banner-error" role="alert" data-testid="drs-check-error">
        <span className="error-code">{check.error.code}</span> {check.error.message}
      </div>
    );
  }
  const v = check.value;
  return (
    <section className={`drs-check ${v.ok ? 'drs-check-ok' : 'drs-check-bad'}`} data-testid="drs-check" data-ok={v.ok}>
      <h3>{v.ok ? t('drs.restore.checkPassed') : t('drs.restore.checkFailed')}</h3>
      <ul>
        {v.items.map((i) => (
          <li key={i.check} data-check={i.check} data-ok={i.ok}>
            <span className={i.ok ? 'drs-ok-text' : 'drs-bad-text'} aria-hidden="true">
              {i.ok ? '✓' : '✗'}
            </span>{' '}
            <strong>{t(`drs.check.${i.check}`)}</strong>
            {i.ok ? (
              <span className="muted" title={i.message}>
                {' '}
                — {t('drs.check.passed')}
              </span>
            ) : (
              <>
                {' '}
                — {i.message}
                {RULE[i.check] ? <span className="drs-check-rule">{t(RULE[i.check]!)}</span> : null}
              </>
            )}
          </li>
        ))}
      </ul>
      {v.transcript ? (
        <details>
          <summary>{t('drs.restore.transcript')}</summary>
          <pre className="drs-transcript">{v.transcript}</pre>
        </details>
      ) : null}
    </section>
  );
}
