/**
 * The unit of a Perfmon counter, read from its name (Perfmon carries no unit field; the names follow fixed
 * patterns: "% CPU Time", "Idle Percentage", "Total KBytes", "Total Mbytes", "Read Bytes Per Sec",
 * "MDMBufferAvgQueuedTime" in seconds). Charts give each unit its own Y axis, so a percentage and a count of
 * sessions are never read against one scale.
 */

/** A counter's unit: '' is a plain count. */
export type CounterUnit = '%' | 'KB' | 'MB' | 'B/s' | 'B' | 's' | '';

/** Returns the unit of a counter from its name. */
export function counterUnit(counter: string): CounterUnit {
  if (/^%|percent/i.test(counter)) return '%';
  if (/kbytes/i.test(counter)) return 'KB';
  if (/mbytes/i.test(counter)) return 'MB';
  if (/bytes\s*per\s*sec/i.test(counter)) return 'B/s';
  if (/bytes/i.test(counter)) return 'B';
  if (/queuedtime|seconds/i.test(counter)) return 's';
  return '';
}

/** The distinct units of a chart's series in order of first use, and the axis of each series. */
export function unitAxes(units: readonly CounterUnit[]): { readonly axes: readonly CounterUnit[]; readonly axisOf: readonly number[] } {
  const axes: CounterUnit[] = [];
  const axisOf = units.map((u) => {
    let i = axes.indexOf(u);
    if (i < 0) i = axes.push(u) - 1;
    return i;
  });
  return { axes, axisOf };
}
