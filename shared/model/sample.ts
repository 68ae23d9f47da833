/**
 * One collected value: the unit of data that flows from pollers to storage, alerts, /metrics and the UI.
 * Plain, serializable data (structured-clone safe).
 */
export interface Sample {
  /** Cluster id (as configured by the user). */
  readonly cluster: string;
  /** Node host name as the cluster reports it. */
  readonly node: string;
  /** Perfmon-style object, e.g. "Processor", "Cisco Presence Engine", or an SNMP table name. */
  readonly object: string;
  /** Instance ('' for single-instance objects). */
  readonly instance: string;
  readonly counter: string;
  readonly value: number;
  /** Collection time, ms since the epoch. */
  readonly ts: number;
  /** Which protocol produced it. */
  readonly source: SampleSource;
}

/** The protocol a sample came from. */
export type SampleSource = 'perfmon' | 'snmp' | 'cli' | 'controlcenter' | 'collector';

/** A batch of samples from one poll. */
export interface SampleBatch {
  readonly samples: readonly Sample[];
}

/** The identity of a series (everything but value and time). */
export function seriesKey(s: Pick<Sample, 'cluster' | 'node' | 'object' | 'instance' | 'counter'>): string {
  return `${s.cluster}|${s.node}|${s.object}|${s.instance}|${s.counter}`;
}
