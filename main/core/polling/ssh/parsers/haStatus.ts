import { outputLines } from './cliText.js';

/** One node of a presence redundancy group in `utils ha status`. */
export interface HaNodeStatus {
  readonly name: string;
  readonly state: string;
  /** '' when the output gives no reason (e.g. "State: Normal"). */
  readonly reason: string;
}

/** One subcluster (presence redundancy group). */
export interface HaSubclusterStatus {
  readonly name: string;
  readonly nodes: HaNodeStatus[];
}

const NODE_LINE = /(?:^|\s)Name\s*:\s*(\S+)\s+State\s*:\s*(.*?)(?:\s+Reason\s*:\s*(.*?))?\s*$/;

/**
 * Parses `utils ha status` (reference D.4) in both known forms: the documented
 * `Node 1 Name : x State: … Reason: …` lines (a long reason may wrap onto the next line) and the newer
 * tab-indented `\tName: x\tState: …\tReason: …` form the community exporter regex implies ([I]).
 */
export function parseHaStatus(text: string): HaSubclusterStatus[] {
  const out: HaSubclusterStatus[] = [];
  let current: HaSubclusterStatus | undefined;
  let lastNode: HaNodeStatus | undefined;
  for (const raw of outputLines(text)) {
    const line = raw.replace(/\t/g, '  ');
    const sub = /^\s*(?:Subcluster Name|Presence Redundancy Group)\s*:\s*(.+?)\s*$/.exec(line);
    if (sub) {
      current = { name: sub[1]!, nodes: [] };
      out.push(current);
      lastNode = undefined;
      continue;
    }
    const m = NODE_LINE.exec(line);
    if (m) {
      if (!current) out.push((current = { name: '', nodes: [] }));
      lastNode = { name: m[1]!, state: m[2]!.trim(), reason: (m[3] ?? '').trim() };
      current.nodes.push(lastNode);
      continue;
    }
    // A wrapped reason ("Reason: \nCritical Service Down") continues the previous node line.
    if (lastNode && line.trim() !== '' && !/:\s*$/.test(line) && !/^admin:/.test(line)) {
      const node = lastNode;
      const i = current!.nodes.indexOf(node);
      lastNode = { ...node, reason: `${node.reason} ${line.trim()}`.trim() };
      current!.nodes[i] = lastNode;
    }
  }
  return out;
}
