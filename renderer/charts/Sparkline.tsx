/** A small trend line without axes for wall-screen tiles (recharts, no animation, no tooltip). */
import { Line, LineChart, YAxis } from 'recharts';

/** Props of Sparkline. */
export interface SparklineProps {
  readonly points: readonly (readonly [number, number])[];
  readonly width: number;
  readonly height: number;
  /** Top of the scale (the bottom is 0); the data's own maximum when absent. */
  readonly yMax?: number;
  readonly color: string;
  /** What the line shows, for screen readers. */
  readonly label: string;
  readonly testId?: string;
}

/** Renders the line, or an empty box of the same size while there are fewer than two points. */
export function Sparkline({ points, width, height, yMax, color, label, testId }: SparklineProps) {
  if (points.length < 2) return <div className="sparkline sparkline-empty" style={{ width, height }} aria-hidden="true" data-testid={testId} />;
  const data = points.map(([t, v]) => ({ t, v }));
  return (
    <div className="sparkline" role="img" aria-label={label} data-testid={testId} data-points={points.length}>
      <LineChart width={width} height={height} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
        <YAxis hide domain={[0, yMax ?? 'auto']} />
        <Line type="monotone" dataKey="v" stroke={color} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
