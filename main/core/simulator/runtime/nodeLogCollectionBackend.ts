import { gunzipSync } from 'node:zlib';
import type { LogCollectionBackend, LogFileInfo, LogSelection } from '../endpoints/soap/serviceabilityBackend.js';
import type { ClusterModel } from '../model/clusterModel.js';
import { TRACE_SETS } from '../model/logs/traceCatalog.js';

/**
 * RTMT's names for trace sets whose service name is not the log name (reference A.6 and B.4: "Cisco Audit
 * Logs" is a ServiceLogs item of the ZEEP sample; the security log name is RTMT's, [I]).
 */
const SERVICE_LOG_NAMES: Readonly<Record<string, string>> = { audit: 'Cisco Audit Logs', tomcat_security: 'Cisco Tomcat Security Logs' };

/** System logs and the files behind them (RTMT's Event Viewer logs are the syslog files, [I]). */
const SYSTEM_LOGS: Readonly<Record<string, readonly string[]>> = {
  'Event Viewer-Application Log': ['/syslog/CiscoSyslog'],
  'Event Viewer-System Log': ['/syslog/messages'],
};

/** Where the tree sits on a real node: `file get activelog` paths live under /var/log/active (reference B.5). */
export const ACTIVE_LOG_ROOT = '/var/log/active';

/** The tree path of an absolute node path (`/var/log/active/x` → `/x`); tree paths pass unchanged. */
export function treePathOf(absolutePath: string): string {
  return absolutePath.startsWith(`${ACTIVE_LOG_ROOT}/`) ? absolutePath.slice(ACTIVE_LOG_ROOT.length) : absolutePath;
}

/**
 * LogCollectionPortTypeService and DimeGetFileService over a node's virtual log tree: one service log per
 * trace set of the node's role (named after its service, as Cisco lists them), the syslog files as system
 * logs; selectLogFiles filters by modification time (inclusive) and, when given, by content (gzipped trace
 * files are searched uncompressed); `absolutepath` is the node's path under /var/log/active and GetOneFile
 * returns the tree's bytes for it (bare tree paths are accepted too).
 */
export function createNodeLogCollectionBackend(model: ClusterModel, nodeName: string): LogCollectionBackend {
  const node = model.node(nodeName);
  const role = node.isCucm ? 'cucm' : 'imp';
  const serviceLogs = new Map<string, string[]>();
  for (const def of TRACE_SETS) {
    if (!def.roles.includes(role)) continue;
    const name = SERVICE_LOG_NAMES[def.id] ?? def.service;
    serviceLogs.set(name, [...(serviceLogs.get(name) ?? []), def.id]);
  }

  const contains = (path: string, needle: string): boolean => {
    const bytes = node.logs.read(path);
    if (!bytes) return false;
    let text = bytes;
    if (path.endsWith('.gz')) {
      try {
        text = gunzipSync(bytes);
      } catch {
        // a corrupt archive is searched as it is
      }
    }
    return text.includes(needle);
  };
  const fileInfo = (logName: string, path: string, sel: LogSelection): LogFileInfo | undefined => {
    const st = node.logs.stat(path);
    if (!st || st.kind !== 'file') return undefined;
    if (sel.from && st.mtimeMs < sel.from.getTime()) return undefined;
    if (sel.to && st.mtimeMs > sel.to.getTime()) return undefined;
    if (sel.searchString && !contains(path, sel.searchString)) return undefined;
    return { logName, absolutePath: `${ACTIVE_LOG_ROOT}${path}`, size: st.size, modified: new Date(st.mtimeMs) };
  };

  return {
    listLogs: () => ({ serviceLogs: [...serviceLogs.keys()], systemLogs: Object.keys(SYSTEM_LOGS) }),
    selectFiles: (sel) => {
      const out: LogFileInfo[] = [];
      for (const name of new Set(sel.serviceLogs)) {
        const ids = serviceLogs.get(name);
        if (!ids) continue;
        for (const path of node.logs.traceFiles(ids, 0)) {
          const f = fileInfo(name, path, sel);
          if (f) out.push(f);
        }
      }
      for (const name of new Set(sel.systemLogs)) {
        for (const path of SYSTEM_LOGS[name] ?? []) {
          const f = fileInfo(name, path, sel);
          if (f) out.push(f);
        }
      }
      return out;
    },
    readFile: (absolutePath) => node.logs.read(treePathOf(absolutePath)),
    recordServed: (absolutePath, via, offset, length, size) => node.logs.served.record(treePathOf(absolutePath), via, offset, length, size),
  };
}
