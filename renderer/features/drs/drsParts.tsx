/** Small pieces the DRS views share: a state badge in DRS's words, a percentage bar, a field row. */
import type { ReactNode } from 'react';
import type { DrsComponentState, DrsJobState } from '../../../shared/model/drs.js';

/** The tone of a DRS state (ok, running, warn, bad, idle). */
export function stateTone(state: DrsJobState | DrsComponentState | string): 'ok' | 'run' | 'warn' | 'bad' | 'idle' {
  switch (state) {
    case 'SUCCESS':
      return 'ok';
    case 'RUNNING':
    case 'ACTIVE':
      return 'run';
    case 'CANCELLED':
    case 'TIMEOUT':
      return 'warn';
    case 'ERROR':
      return 'bad';
    default:
      return 'idle';
  }
}

/** DRS's state word as a badge (the word stays DRS's own: it is what the CLI and the history say). */
export function StateBadge({ state, label }: { readonly state: string; readonly label?: string }) {
  return (
    <span className={`drs-badge drs-${stateTone(state)}`} data-state={state}>
      {label ?? state}
    </span>
  );
}

/** A thin percentage bar colored by state. */
export function PercentBar({ percent, state, label }: { readonly percent: number; readonly state: string; readonly label: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className={`drs-bar drs-bar-${stateTone(state)}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label}>
      <div className="drs-bar-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

/** A labelled form row. */
export function Field({ label, children, hint }: { readonly label: string; readonly children: ReactNode; readonly hint?: ReactNode }) {
  return (
    <label className="form-field drs-field">
      <span>{label}</span>
      <span className="drs-field-col">
        {children}
        {hint ? <span className="hint">{hint}</span> : null}
      </span>
    </label>
  );
}
