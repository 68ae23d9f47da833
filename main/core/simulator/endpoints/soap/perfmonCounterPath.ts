import { clientFault } from './soapFault.js';

/** A parsed Perfmon counter path `\\host\Object(instance)\Counter` (reference B.1 "Counter naming format"). */
export interface PerfmonCounterPath {
  readonly host: string;
  readonly object: string;
  readonly instance?: string;
  readonly counter: string;
}

/**
 * Parses `\\host\Object\Counter` or `\\host\Object(instance)\Counter`. The instance is the text between the
 * first `(` and the final `)` of the middle part, so instance names may contain parentheses. Throws a client
 * fault for anything else ([I] text).
 */
export function parseCounterPath(path: string): PerfmonCounterPath {
  const m = /^\\\\([^\\]+)\\(.+)\\([^\\]+)$/.exec(path.trim());
  if (!m) throw clientFault(`Invalid counter name: ${path}`);
  const [, host, middle, counter] = m as unknown as [string, string, string, string];
  const open = middle.indexOf('(');
  if (open > 0 && middle.endsWith(')')) {
    return { host, object: middle.slice(0, open), instance: middle.slice(open + 1, -1), counter };
  }
  return { host, object: middle, counter };
}

/** Formats a counter path as Cisco names it in responses. */
export function formatCounterPath(p: PerfmonCounterPath): string {
  const object = p.instance === undefined ? p.object : `${p.object}(${p.instance})`;
  return `\\\\${p.host}\\${object}\\${p.counter}`;
}
