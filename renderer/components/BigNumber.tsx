/** A wall-screen tile: a label, a big number and an optional gauge bar and sparkline slot. */
import type { ReactNode } from 'react';

/** Props of BigNumber. */
export interface BigNumberProps {
  readonly label: string;
  readonly value: string;
  /** 0..100: draws a bar colored green → amber (70) → red (90) (70 % overload guidance, serviceability-reference.md A.7). */
  readonly gauge?: number;
  readonly sub?: string;
  readonly children?: ReactNode;
  readonly testId?: string;
}

/** Returns the tone of a percentage: ok below 70, warn below 90, bad above. */
export function gaugeTone(percent: number): 'ok' | 'warn' | 'bad' {
  return percent >= 90 ? 'bad' : percent >= 70 ? 'warn' : 'ok';
}

/** Renders the tile. */
export function BigNumber({ label, value, gauge, sub, children, testId }: BigNumberProps) {
  const tone = gauge === undefined ? undefined : gaugeTone(gauge);
  return (
    <div className={`big-number${tone ? ` tone-${tone}` : ''}`} data-testid={testId}>
      {/* Cut with an ellipsis in a narrow tile: the whole label on hover. */}
      <div className="big-number-label" title={label}>
        {label}
      </div>
      <div className="big-number-value">{value}</div>
      {gauge !== undefined ? (
        <div className="gauge" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(gauge)}>
          <div className="gauge-fill" style={{ width: `${Math.max(0, Math.min(100, gauge))}%` }} />
        </div>
      ) : null}
      {sub ? <div className="big-number-sub">{sub}</div> : null}
      {children}
    </div>
  );
}
