/** A severity chip colored on the wall-screen scale, and a row of per-severity counts. */
import { ALERT_SEVERITIES, type AlertSeverity } from '../../shared/model/alert.js';
import { useT } from '../i18n/useT.js';
import { severityColor, severityTextColor, severityTextOn } from './severityScale.js';

/** A chip with the localized severity name. */
export function SeverityBadge({ severity }: { readonly severity: AlertSeverity }) {
  const { t } = useT();
  return (
    <span className={`sev-badge sev-${severity}`} style={{ background: severityColor(severity), color: severityTextOn(severity) }}>
      {t(`sev.${severity}`)}
    </span>
  );
}

/** Big per-severity counters; zero counts are dimmed. */
export function SeverityCounts({ counts, compact = false }: { readonly counts: Readonly<Record<AlertSeverity, number>>; readonly compact?: boolean }) {
  const { t } = useT();
  const shown = compact ? ALERT_SEVERITIES.filter((s) => counts[s] > 0) : ALERT_SEVERITIES.slice(0, 6);
  return (
    <div className={`sev-counts${compact ? ' compact' : ''}`}>
      {shown.map((s) => (
        <div key={s} className={`sev-count${counts[s] === 0 ? ' zero' : ''}`} style={{ borderColor: severityColor(s) }} title={t(`sev.${s}`)}>
          <span className="sev-count-n" style={{ color: counts[s] === 0 ? undefined : severityTextColor(s) }}>
            {counts[s]}
          </span>
          <span className="sev-count-label">{t(`sev.${s}`)}</span>
        </div>
      ))}
    </div>
  );
}
