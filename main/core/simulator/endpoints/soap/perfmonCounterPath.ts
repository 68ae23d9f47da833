import { formatCounterPath as formatPath, parseCounterPath as parsePath } from '../../../../../shared/model/counterPath.js';
import { clientFault } from './soapFault.js';

/**
 * A parsed Perfmon counter path `\\host\Object(instance)\Counter` (reference B.1 "Counter naming format"), as
 * the simulated Perfmon service keeps it: `instance` undefined for a single-instance object. Formatting and
 * parsing are shared/model/counterPath.ts's (one parser for the monitor and the simulated nodes).
 */
export interface PerfmonCounterPath {
  readonly host: string;
  readonly object: string;
  readonly instance?: string;
  readonly counter: string;
}

/** Parses a counter path; a client fault for anything not in that form ([I] text). */
export function parseCounterPath(path: string): PerfmonCounterPath {
  const p = parsePath(path.trim());
  if (!p) throw clientFault(`Invalid counter name: ${path}`);
  return { host: p.host, object: p.object, ...(p.instance !== '' ? { instance: p.instance } : {}), counter: p.counter };
}

/** Formats a counter path as Cisco names it in responses. */
export function formatCounterPath(p: PerfmonCounterPath): string {
  return formatPath({ host: p.host, object: p.object, instance: p.instance ?? '', counter: p.counter });
}
