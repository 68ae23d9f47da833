import { outputLines } from './cliText.js';

/** One value of `show perf query counter|class|instance` (reference D.5). */
export interface PerfQueryValue {
  readonly object: string;
  /** '' for single-instance objects. */
  readonly instance: string;
  readonly counter: string;
  readonly value: number;
}

/**
 * Parses `show perf query counter <class> <counter>` (" - Perf class X(counter) has values:" then
 * "-> counter = n") and `show perf query class <class>` ("- Perf class (X) has instances and values:" then
 * "instance -> counter = n", or "counter = n" for single-instance classes).
 */
export function parseShowPerf(text: string): PerfQueryValue[] {
  const out: PerfQueryValue[] = [];
  let object = '';
  for (const line of outputLines(text)) {
    const header = /-\s*Perf class\s+(?:\(([^)]+)\)|(.+?)\([^)]*\))\s+has\b/.exec(line);
    if (header) {
      object = (header[1] ?? header[2] ?? '').trim();
      continue;
    }
    const withInstance = /^\s*(\S.*?)\s+->\s+(.+?)\s+=\s+(-?[\d.]+)\s*$/.exec(line);
    if (withInstance && object) {
      out.push({ object, instance: withInstance[1]!.trim(), counter: withInstance[2]!.trim(), value: Number(withInstance[3]) });
      continue;
    }
    const single = /^\s*(?:->\s*)?(.+?)\s+=\s+(-?[\d.]+)\s*$/.exec(line);
    if (single && object) out.push({ object, instance: '', counter: single[1]!.replace(/^->\s*/, '').trim(), value: Number(single[2]) });
  }
  return out;
}
