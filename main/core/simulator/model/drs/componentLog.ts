import { unixDate } from '../../adminCli/cliTime.js';
import type { DrsCluster } from './drsFeatures.js';

// The per-component log file `status backup|restore` names ("activelog/platform/drf/log/<name>_<b|r>_<node>_
// <feature>_<component>.log", the Log File column of the status window, guide L10232, L10418). It lives in the
// node's active log tree so `file view activelog …`, `file get` and the Trace Log Viewer open it.

/** The node's log tree path of a status row's log file ("activelog/x/y.log" → "/x/y.log"). */
export function componentLogPath(logFile: string): string {
  return `/${logFile.replace(/^activelog\//, '')}`;
}

/** Appends a timestamped line to a component's log file on its node (created on the first line). */
export class ComponentLogs {
  readonly #text = new Map<string, string>();

  constructor(private readonly cluster: DrsCluster) {}

  append(node: string, logFile: string, level: 'INFO' | 'ERROR', line: string): void {
    const n = this.cluster.nodes.get(node);
    if (!n) return;
    const now = this.cluster.scheduler.now();
    const key = `${node}\u0000${logFile}`;
    const text = `${this.#text.get(key) ?? ''}${unixDate(now)} ${level}: ${line}\n`;
    this.#text.set(key, text);
    n.logs.writeFile(componentLogPath(logFile), Buffer.from(text), now);
  }
}
