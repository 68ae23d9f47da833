/**
 * Presence topology and balance (guide L1219-1223, L1741-1745, L9950): users assigned per node against its
 * supported sessions (1.5 × the OVA's users, half in active/active HA), ActiveJsmSessions beside them, and each
 * presence redundancy group's balance with the guide's advice when it is off (IM&P never rebalances by itself).
 */
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { TopologyReport } from '../../../../shared/model/reports.js';
import { useAppStore } from '../../../app/appStore.js';
import { formatNumber, formatPercent } from '../../../app/format.js';
import { AXIS_STYLE, GRID_COLOR, seriesColor } from '../../../charts/chartTheme.js';
import { useElementWidth } from '../../../charts/useElementWidth.js';
import { useT } from '../../../i18n/useT.js';
import { Chip, num, Section } from '../reportParts.js';

/** The topology view. */
export function TopologyView({ data }: { readonly data: TopologyReport }) {
  const { t, locale } = useT();
  if (data.nodes.length === 0 && data.clusters.length === 0) return <div className="state state-empty">{t('reports.topology.none')}</div>;
  return (
    <div className="rep-stack">
      <p className="hint">{t('reports.topology.basis', { ova: formatNumber(data.ovaUsers, locale), mode: t(data.activeActive ? 'reports.topology.activeActive' : 'reports.topology.activeStandby') })}</p>
      <div className="rep-cards">
        {data.clusters.map((c) => (
          <div key={c.cluster} className="rep-card">
            <div className="rep-card-title">{c.cluster}</div>
            <dl className="rep-facts">
              <div><dt>{t('reports.metric.users')}</dt><dd>{num(c.totalUsers, locale)}</dd></div>
              <div><dt>{t('reports.metric.assignedUsers')}</dt><dd>{num(c.assignedUsers, locale)}</dd></div>
              <div><dt>{t('reports.topology.unassigned')}</dt><dd className={c.unassignedUsers > 0 ? 'rep-warn-text' : undefined}>{num(c.unassignedUsers, locale)}</dd></div>
              <div><dt>{t('reports.topology.groupImbalance')}</dt><dd>{formatPercent(c.groupImbalancePercent)}</dd></div>
            </dl>
          </div>
        ))}
      </div>
      <Section title={t('reports.topology.chart')}>
        <CapacityChart data={data} />
      </Section>
      <Section title={t('reports.topology.groups')} testId="topology-groups">
        <div className="rep-table-wrap">
          <table className="data-table rep-table">
            <thead>
              <tr>
                <th>{t('reports.col.group')}</th>
                <th>{t('reports.col.nodes')}</th>
                <th>{t('reports.col.ha')}</th>
                <th className="num">{t('reports.metric.assignedUsers')}</th>
                <th className="num">{t('reports.metric.imbalancePercent')}</th>
                <th>{t('reports.col.balance')}</th>
              </tr>
            </thead>
            <tbody>
              {data.groups.map((g) => (
                <tr key={`${g.cluster}/${g.group}`} data-unbalanced={g.unbalanced}>
                  <td>
                    {g.group}
                    <div className="hint">{g.cluster}</div>
                  </td>
                  <td className="mono">{g.nodes.join(', ')}</td>
                  <td>{g.haEnabled === undefined ? t('common.none') : t(g.haEnabled ? 'reports.value.on' : 'reports.value.off')}</td>
                  <td className="num">{num(g.assignedUsers, locale)}</td>
                  <td className="num">{formatPercent(g.imbalancePercent)}</td>
                  <td className="rep-wrap">
                    <Chip tone={g.unbalanced ? 'warn' : 'ok'}>{t(g.unbalanced ? 'reports.topology.unbalanced' : 'reports.topology.balanced')}</Chip>
                    {g.adviceCode ? <div className="rep-advice">{t(`reports.topology.advice.${g.adviceCode}`)}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section title={t('reports.topology.nodes')}>
        <div className="rep-table-wrap">
          <table className="data-table rep-table" data-testid="topology-nodes">
            <thead>
              <tr>
                <th>{t('reports.col.node')}</th>
                <th>{t('reports.col.group')}</th>
                <th className="num">{t('reports.metric.assignedUsers')}</th>
                <th className="num">{t('reports.metric.activeJsmSessions')}</th>
                <th className="num">{t('reports.col.capacity')}</th>
                <th className="num">{t('reports.metric.percentOfCapacity')}</th>
              </tr>
            </thead>
            <tbody>
              {data.nodes.map((n) => (
                <tr key={`${n.cluster}/${n.node}`}>
                  <td className="mono">{n.node}</td>
                  <td>{n.group}</td>
                  <td className="num">{num(n.assignedUsers, locale)}</td>
                  <td className="num">{num(n.activeJsmSessions, locale)}</td>
                  <td className="num">{num(n.capacity, locale)}</td>
                  <td className={`num${n.percentOfCapacity > 100 ? ' rep-bad-text' : n.percentOfCapacity >= 70 ? ' rep-warn-text' : ''}`}>{formatPercent(n.percentOfCapacity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </div>
  );
}

function CapacityChart({ data }: { readonly data: TopologyReport }) {
  const { t, locale } = useT();
  const theme = useAppStore((s) => s.theme);
  const [ref, width] = useElementWidth<HTMLDivElement>();
  // Each bar is the node's supported sessions: the users assigned (colored) and the room left (grey) on top.
  const rows = data.nodes.map((n) => ({ name: n.node, assigned: n.assignedUsers, room: Math.max(0, n.capacity - n.assignedUsers) }));
  return (
    <div ref={ref} className="chart rep-chart" data-testid="topology-chart" style={{ height: 260 }}>
      {width > 0 ? (
        <BarChart width={width} height={260} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={GRID_COLOR} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={AXIS_STYLE} stroke="var(--muted)" interval={0} />
          <YAxis tick={AXIS_STYLE} stroke="var(--muted)" width={64} allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, locale)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatNumber(v, locale, 0) : String(v))} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }} cursor={{ fill: 'var(--panel-2)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="assigned" stackId="c" name={t('reports.metric.assignedUsers')} fill={seriesColor(0, theme)} isAnimationActive={false} />
          <Bar dataKey="room" stackId="c" name={t('reports.topology.room')} fill="var(--border)" isAnimationActive={false} />
        </BarChart>
      ) : null}
    </div>
  );
}
