import type { Sample } from '../../../../shared/model/sample.js';
import type { PollIssue } from '../poller.js';
import { parseCounterPath } from '../../../../shared/model/counterPath.js';
import { parseRecords, recordText } from './soapXml.js';

/** One CounterInfoType record (Name, Value, CStatus; reference B.1). */
export interface PerfmonCounterInfo {
  readonly name: string;
  readonly value: number;
  readonly cstatus: number;
}

/**
 * Reads the CounterInfo records of a collect response, accepting both shapes (reference B.1, CT-MCP):
 * repeated `<operation>Return` elements (perfmonservice2, document/literal) and `ArrayOfCounterInfo/item`
 * (legacy PerfmonPort).
 */
export async function parseCounterInfos(xml: string, operation: 'perfmonCollectCounterData' | 'perfmonCollectSessionData'): Promise<PerfmonCounterInfo[]> {
  const records = await parseRecords(xml, [`${operation}Return`, 'item']);
  return records
    .filter((r) => recordText(r, 'Name') !== '')
    .map((r) => ({ name: recordText(r, 'Name'), value: Number(recordText(r, 'Value')), cstatus: Number(recordText(r, 'CStatus')) }));
}

/** CStatus 0 and 1 are valid data; anything else is dropped (reference B.1, three independent parsers). */
export function isValidCStatus(cstatus: number): boolean {
  return cstatus === 0 || cstatus === 1;
}

/**
 * Turns counter infos into Samples (source 'perfmon'); invalid CStatus, unparsable names and non-numeric
 * values become issues. `skip` names counters to drop silently (the first sample of a percentage counter).
 */
export function counterInfosToSamples(
  infos: readonly PerfmonCounterInfo[],
  ctx: { readonly cluster: string; readonly node: string; readonly ts: number },
  skip: ReadonlySet<string> = new Set(),
): { samples: Sample[]; issues: PollIssue[] } {
  const samples: Sample[] = [];
  const issues: PollIssue[] = [];
  for (const info of infos) {
    if (skip.has(info.name)) continue;
    const path = parseCounterPath(info.name);
    if (!path) {
      issues.push({ subject: info.name, message: 'unparsable counter name' });
      continue;
    }
    if (!isValidCStatus(info.cstatus)) {
      issues.push({ subject: info.name, message: `CStatus ${info.cstatus}: no valid value` });
      continue;
    }
    if (!Number.isFinite(info.value)) {
      issues.push({ subject: info.name, message: 'non-numeric value' });
      continue;
    }
    samples.push({ cluster: ctx.cluster, node: ctx.node, object: path.object, instance: path.instance, counter: path.counter, value: info.value, ts: ctx.ts, source: 'perfmon' });
  }
  return { samples, issues };
}

/** One object of perfmonListCounter (ObjectInfoType: Name, MultiInstance, ArrayOfCounter/item/Name). */
export interface PerfmonObjectInfo {
  readonly name: string;
  readonly multiInstance: boolean;
  readonly counters: readonly string[];
}

/** Parses a perfmonListCounter response. */
export async function parseObjectInfos(xml: string): Promise<PerfmonObjectInfo[]> {
  const records = await parseRecords(xml, ['perfmonListCounterReturn', 'item']);
  return records.map((r) => {
    const list = r['ArrayOfCounter'];
    const listObj = Array.isArray(list) ? list[0] : list;
    const items = typeof listObj === 'object' && listObj !== null && !Array.isArray(listObj) ? listObj['item'] : undefined;
    const arr = Array.isArray(items) ? items : items === undefined ? [] : [items];
    const counters = arr.map((i) => (typeof i === 'object' && !Array.isArray(i) ? recordText(i, 'Name') : String(i))).filter((n) => n !== '');
    return { name: recordText(r, 'Name'), multiInstance: recordText(r, 'MultiInstance') === 'true', counters };
  });
}
