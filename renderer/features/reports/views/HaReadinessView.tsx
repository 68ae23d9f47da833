/**
 * Safe to enable HA / after a restart (guide L1437-1462, L2174-2198, L9942-9968): per group whether HA may be
 * enabled now, and per node a checklist — services Started, replication state 2 (L2179), sessions recreated
 * (ActiveJsmSessions = assigned users, L1455), time since the restart against 15 and 30 minutes (L9964-9966), and
 * the two-minute wait after HA was turned off or on (L9958). The clocks tick while the page is open.
 */
import { useEffect, useState } from 'react';
import type { ChecklistState, HaReadinessItem, HaReadinessReport, ReportRunInfo } from '../../../../shared/model/reports.js';
import { formatDateTime, formatDuration, formatNumber } from '../../../app/format.js';
import { useT } from '../../../i18n/useT.js';
import { Chip, num, Section, type Tone } from '../reportParts.js';

const TONE: Readonly<Record<ChecklistState, Tone>> = { ok: 'ok', wait: 'warn', act: 'bad', unknown: 'idle' };

/** Minutes the guide counts after a restart, and after HA was turned off or on. */
const BACK_MIN = 15;
const RESTART_PE_MIN = 30;
const TOGGLE_WAIT_MS = 120_000;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The view. */
export function HaReadinessView({ data, run }: { readonly data: HaReadinessReport; readonly run: ReportRunInfo }) {
  const { t, locale } = useT();
  const now = useNow(5000);
  if (data.groups.length === 0 && data.nodes.length === 0) return <div className="state state-empty">{t('reports.ha.none')}</div>;
  return (
    <div className="rep-stack">
      <Section title={t('reports.ha.groups')} testId="ha-groups">
        <div className="rep-table-wrap">
          <table className="data-table rep-table">
            <thead>
              <tr>
                <th>{t('reports.col.group')}</th>
                <th>{t('reports.col.ha')}</th>
                <th>{t('reports.ha.changed')}</th>
                <th>{t('reports.ha.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {data.groups.map((g) => {
                const left = g.haChangedAtMs === undefined ? 0 : g.haChangedAtMs + TOGGLE_WAIT_MS - now;
                return (
                  <tr key={`${g.cluster}/${g.group}`} data-verdict={g.verdict}>
                    <td>
                      {g.group}
                      <div className="hint">{g.cluster}</div>
                    </td>
                    <td>{g.haEnabled === undefined ? t('common.none') : t(g.haEnabled ? 'reports.value.on' : 'reports.value.off')}</td>
                    <td className="rep-wrap">
                      {g.haChangedAtMs === undefined ? t('reports.ha.notChanged') : formatDateTime(g.haChangedAtMs, locale)}
                      {g.haChangedAtMs !== undefined && left > 0 ? <div className="rep-warn-text">{t('reports.ha.toggleWait', { left: formatDuration(left / 1000, locale) })}</div> : null}
                    </td>
                    <td>
                      <Chip tone={TONE[g.verdict]}>{t(`reports.ha.groupVerdict.${g.verdict}`)}</Chip>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>
      <div className="rep-node-grid" data-testid="ha-nodes">
        {data.nodes.map((n) => (
          <section key={`${n.cluster}/${n.node}`} className={`rep-card rep-tone-${TONE[n.verdict]}`} data-verdict={n.verdict}>
            <div className="rep-card-head">
              <span className="rep-card-title mono">{n.node}</span>
              <Chip tone={TONE[n.verdict]}>{t(`reports.ha.state.${n.verdict}`)}</Chip>
            </div>
            <div className="hint">
              {n.cluster} · {n.group}
            </div>
            <div className="rep-ha-figures">
              {t('reports.ha.sessionsLine', { active: num(n.activeJsmSessions, locale), assigned: num(n.assignedUsers, locale) })}
              {n.lastRestartMs !== undefined ? <RestartClock since={n.lastRestartMs} now={Math.max(now, run.finishedAtMs ?? 0)} /> : null}
            </div>
            <ul className="rep-checklist">
              {n.items.map((item) => (
                <li key={item.check} data-check={item.check} data-state={item.state}>
                  <Chip tone={TONE[item.state]}>{t(`reports.ha.state.${item.state}`)}</Chip>
                  <span className="rep-check-text">
                    <strong>{t(`reports.ha.check.${item.check}`)}</strong>
                    <ItemValues item={item} liveClock={n.lastRestartMs !== undefined} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

function RestartClock({ since, now }: { readonly since: number; readonly now: number }) {
  const { t, locale } = useT();
  const minutes = Math.max(0, (now - since) / 60_000);
  const tone = minutes < BACK_MIN ? 'rep-warn-text' : minutes < RESTART_PE_MIN ? '' : '';
  return (
    <div className={tone}>
      {t('reports.ha.restartedAgo', { ago: formatDuration((now - since) / 1000, locale) })}{' '}
      {minutes < BACK_MIN ? t('reports.ha.backBy', { left: formatDuration((since + BACK_MIN * 60_000 - now) / 1000, locale) }) : minutes < RESTART_PE_MIN ? t('reports.ha.restartPeBy', { left: formatDuration((since + RESTART_PE_MIN * 60_000 - now) / 1000, locale) }) : ''}
    </div>
  );
}

function ItemValues({ item, liveClock }: { readonly item: HaReadinessItem; readonly liveClock: boolean }) {
  const { t, locale } = useT();
  const v = item.values;
  const n = (x: number | string | undefined) => (typeof x === 'number' ? formatNumber(x, locale) : (x ?? ''));
  let text: string | undefined;
  if (item.check === 'services-running' && v.activated !== undefined) {
    text = Number(v.notStarted ?? 0) > 0 ? t('reports.ha.detail.servicesDown', { n: n(v.notStarted), of: n(v.activated), services: String(v.services ?? '') }) : t('reports.ha.detail.servicesUp', { n: n(v.activated) });
  } else if (item.check === 'replication' && v.setupState !== undefined) text = t('reports.ha.detail.replication', { state: n(v.setupState) });
  else if (item.check === 'sessions-recreated' && v.assigned !== undefined) text = t('reports.ha.detail.sessions', { active: n(v.active), assigned: n(v.assigned) });
  // restart-age: the node's live clock above says it (with the 15/30-minute guidance) when the restart time is known.
  else if (item.check === 'restart-age' && v.minutes !== undefined && !liveClock) text = t('reports.ha.detail.restart', { age: formatDuration(Number(v.minutes) * 60, locale) });
  else if (item.check === 'ha-toggle-wait' && v.seconds !== undefined) text = t('reports.ha.detail.toggle', { seconds: n(v.seconds), wait: n(v.waitSeconds ?? 120) });
  return text ? <span className="hint rep-values">{text}</span> : null;
}
