/** Sessions by device type per node, stacked (recharts). */
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { SESSION_DEVICE_TYPES, type SessionNodeRow } from '../../../../shared/model/reports.js';
import { useAppStore } from '../../../app/appStore.js';
import { formatNumber } from '../../../app/format.js';
import { AXIS_STYLE, GRID_COLOR } from '../../../charts/chartTheme.js';
import { useElementWidth } from '../../../charts/useElementWidth.js';
import { useT } from '../../../i18n/useT.js';
import { deviceColor } from '../reportParts.js';

/** The chart. */
export function SessionsChart({ nodes }: { readonly nodes: readonly SessionNodeRow[] }) {
  const { t, locale } = useT();
  const theme = useAppStore((s) => s.theme);
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const rows = nodes.map((n) => ({ name: n.node, ...n.byDevice }));
  return (
    <div ref={ref} className="chart rep-chart" data-testid="sessions-chart" style={{ height: 260 }} aria-label={t('reports.sessions.chart')}>
      {width > 0 ? (
        <BarChart width={width} height={260} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={GRID_COLOR} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={AXIS_STYLE} stroke="var(--muted)" interval={0} />
          <YAxis tick={AXIS_STYLE} stroke="var(--muted)" width={64} allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, locale)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? formatNumber(v, locale, 0) : String(v))} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }} cursor={{ fill: 'var(--panel-2)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {SESSION_DEVICE_TYPES.map((d) => (
            <Bar key={d} dataKey={d} name={d} stackId="s" fill={deviceColor(d, theme)} isAnimationActive={false} />
          ))}
        </BarChart>
      ) : null}
    </div>
  );
}
