/**
 * A time-series line chart (recharts) of live series, bucketed to its pixel width (toChartRows), with
 * drag-to-zoom (RTMT: "Zoom by dragging; press R to reset", serviceability-reference.md A.2).
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import { formatObjectInstance } from '../../shared/model/counterPath.js';
import { formatClock, formatNumber } from '../app/format.js';
import type { Locale } from '../i18n/messages.js';
import { useAppStore } from '../app/appStore.js';
import { AXIS_STYLE, GRID_COLOR, seriesColor, timeTicks } from './chartTheme.js';
import { counterUnit, unitAxes, type CounterUnit } from './counterUnits.js';
import { toChartRows, type LiveSeries } from './toSeries.js';
import { useElementWidth } from './useElementWidth.js';

/** Props of TimeSeriesChart. */
export interface TimeSeriesChartProps {
  readonly series: readonly LiveSeries[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly height?: number;
  readonly locale: Locale;
  /** Series labels; defaults to "node object\\counter". */
  readonly labels?: readonly string[];
  readonly yMax?: number;
  /** The unit of each series (default: read from the counter name); each unit gets its own Y axis. */
  readonly units?: readonly CounterUnit[];
  readonly onZoom?: (fromMs: number, toMs: number) => void;
  /** Called with the pixel width so the owner can ask for ≤ width points. */
  readonly onWidth?: (width: number) => void;
  readonly testId?: string;
}

/** Returns the default label of a series. */
export function seriesLabel(s: LiveSeries): string {
  return `${s.ref.node} ${formatObjectInstance(s.ref.object, s.ref.instance)}\\${s.ref.counter}`;
}

/** Width of one Y axis, px. */
const AXIS_WIDTH = 72;

function TimeSeriesChartImpl({ series, fromMs, toMs, height = 240, locale, labels, yMax, units, onZoom, onWidth, testId }: TimeSeriesChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [drag, setDrag] = useState<{ a: number; b: number } | undefined>();
  const theme = useAppStore((s) => s.theme);
  const ticks = useMemo(() => timeTicks(fromMs, toMs, Math.max(2, Math.floor(Math.max(width, 200) / 110))), [fromMs, toMs, width]);
  const { axes, axisOf } = useMemo(() => unitAxes(series.map((s, i) => units?.[i] ?? counterUnit(s.ref.counter))), [series, units]);
  const plotWidth = Math.max(50, width - 10 - AXIS_WIDTH * axes.length);
  const rows = useMemo(() => toChartRows(series, fromMs, toMs, plotWidth), [series, fromMs, toMs, plotWidth]);
  useEffect(() => {
    if (width > 0) onWidth?.(plotWidth);
  }, [width, plotWidth, onWidth]);
  const hasData = rows.length > 0;
  const label = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return (
    <div ref={ref} className="chart" data-testid={testId} data-points={rows.length} data-axes={axes.length} style={{ height }}>
      {width > 0 ? (
        <LineChart
          width={width}
          height={height}
          data={rows}
          margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
          onMouseDown={(s) => {
            const a = label(s.activeLabel);
            if (onZoom && a !== undefined) setDrag({ a, b: a });
          }}
          onMouseMove={(s) => {
            const b = label(s.activeLabel);
            if (drag && b !== undefined) setDrag({ ...drag, b });
          }}
          onMouseUp={() => {
            if (drag && onZoom && Math.abs(drag.b - drag.a) > 0) onZoom(Math.min(drag.a, drag.b), Math.max(drag.a, drag.b));
            setDrag(undefined);
          }}
        >
          <CartesianGrid stroke={GRID_COLOR} strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            domain={[fromMs, toMs]}
            scale="time"
            ticks={ticks}
            tickFormatter={(v: number) => formatClock(v, locale)}
            tick={AXIS_STYLE}
            stroke="var(--muted)"
            minTickGap={40}
            allowDataOverflow
          />
          {axes.map((unit, i) => (
            <YAxis
              key={unit || 'count'}
              yAxisId={i}
              orientation={i % 2 === 0 ? 'left' : 'right'}
              tick={AXIS_STYLE}
              stroke={axes.length > 1 ? seriesColor(axisOf.indexOf(i), theme) : 'var(--muted)'}
              width={AXIS_WIDTH}
              domain={yMax === undefined ? [0, 'auto'] : [0, yMax]}
              tickFormatter={(v: number) => `${formatNumber(v, locale)}${unit ? ` ${unit}` : ''}`}
            />
          ))}
          <Tooltip
            labelFormatter={(v) => (typeof v === 'number' ? formatClock(v, locale) : String(v))}
            formatter={(v, _name, item) => {
              const unit = axes[axisOf[Number(String(item?.dataKey ?? '').slice(1))] ?? 0];
              return typeof v === 'number' ? `${formatNumber(v, locale, 2)}${unit ? ` ${unit}` : ''}` : String(v);
            }}
            contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)' }}
          />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s, i) => (
            <Line
              key={s.key}
              yAxisId={axisOf[i] ?? 0}
              dataKey={`s${i}`}
              name={labels?.[i] ?? seriesLabel(s)}
              stroke={seriesColor(i, theme)}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
          {drag ? <ReferenceArea x1={drag.a} x2={drag.b} fill="var(--accent)" fillOpacity={0.2} /> : null}
        </LineChart>
      ) : null}
      {!hasData && width > 0 ? <div className="chart-empty">—</div> : null}
    </div>
  );
}

/** The chart, memoized so unrelated store changes do not re-render it. */
export const TimeSeriesChart = memo(TimeSeriesChartImpl);

/** A tiny line without axes for big-number tiles. */
export const Sparkline = memo(function Sparkline({ series, fromMs, toMs, color = 'var(--accent)' }: { readonly series: LiveSeries | undefined; readonly fromMs: number; readonly toMs: number; readonly color?: string }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const rows = useMemo(() => (series ? toChartRows([series], fromMs, toMs, Math.max(10, width / 3)) : []), [series, fromMs, toMs, width]);
  return (
    <div ref={ref} className="sparkline">
      {width > 0 && rows.length > 1 ? (
        <LineChart width={width} height={36} data={rows} margin={{ top: 2, right: 0, bottom: 2, left: 0 }}>
          {/* Starts at the first sample: a fresh backend's few minutes would otherwise be a vertical tick at the right edge. */}
          <XAxis dataKey="t" type="number" domain={[Math.max(fromMs, rows[0]?.t ?? fromMs), toMs]} hide />
          <YAxis hide domain={['auto', 'auto']} />
          <Line dataKey="s0" stroke={color} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      ) : null}
    </div>
  );
});
