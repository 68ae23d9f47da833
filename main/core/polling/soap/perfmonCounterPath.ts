/** A Perfmon counter, `\\host\Object(instance)\Counter` (reference B.1 counter naming). */
export interface PerfmonCounterPath {
  readonly host: string;
  readonly object: string;
  /** '' for single-instance objects. */
  readonly instance: string;
  readonly counter: string;
}

/** Formats `\\host\Object\Counter` or `\\host\Object(instance)\Counter`. */
export function formatPerfmonPath(p: PerfmonCounterPath): string {
  return `\\\\${p.host}\\${p.object}${p.instance ? `(${p.instance})` : ''}\\${p.counter}`;
}

/**
 * Parses a counter name as Perfmon returns it: split on `\` into host, object[(instance)], counter
 * (POKORNY `splitName`: exactly 3 parts). The instance is the text inside the LAST parentheses of the object
 * part, so "Cisco XCP JSM Session Counters(user@x (1))" keeps its inner parentheses. Undefined if malformed.
 */
export function parsePerfmonPath(name: string): PerfmonCounterPath | undefined {
  const parts = name.replace(/^\\\\/, '').split('\\');
  if (parts.length !== 3) return undefined;
  const [host, objectPart, counter] = parts as [string, string, string];
  if (!host || !objectPart || !counter) return undefined;
  const open = objectPart.indexOf('(');
  if (open > 0 && objectPart.endsWith(')')) {
    return { host, object: objectPart.slice(0, open), instance: objectPart.slice(open + 1, -1), counter };
  }
  return { host, object: objectPart, instance: '', counter };
}
