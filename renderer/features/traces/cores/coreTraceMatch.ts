/**
 * Collect Crash Dump with the matching traces: which services' traces go with a core file, and over which time.
 * A core file of a UC OS node is named `core.<pid>.<signal>.<process>.<epoch>` (as `utils core active list`
 * prints it); the process is matched to the services the node lists (listNodeServiceLogs names, never a table of
 * files) by the service words below (guide Table 47 labels, L11417-11447), then by the process name itself.
 */
import type { CoreDumpInfo, NodeTraceServices, TraceCollectRequest } from '../../../../shared/model/traces.js';

/** Words of the service names whose traces go with a crashed process. */
const PROCESS_SERVICES: Readonly<Record<string, readonly string[]>> = {
  ccm: ['CallManager'],
  esp: ['SIP Proxy'],
  sipd: ['SIP Proxy'],
  pe: ['Presence Engine'],
  presenceengine: ['Presence Engine'],
  jabberd: ['XCP Router'],
  router: ['XCP Router'],
  jsm: ['XCP Router'],
  xcp: ['XCP Router'],
  cm: ['XCP Connection Manager'],
  tomcat: ['Tomcat'],
  java: ['Tomcat'],
  syncagent: ['Sync Agent'],
  srm: ['Server Recovery Manager'],
  dbmon: ['Database Layer Monitor'],
  cdb: ['Database Layer Monitor'],
  msgarch: ['Message Archiver'],
  textconf: ['Text Conference Manager'],
  tc: ['Text Conference Manager'],
  ft: ['File Transfer Manager'],
  s2s: ['XCP SIP Federation Connection Manager', 'XCP XMPP Federation Connection Manager'],
  axl: ['AXL Web Service'],
  servm: ['Service Manager'],
};

/** Traces from this long before the crash … */
export const BEFORE_MS = 60 * 60_000;
/** … to this long after it. */
export const AFTER_MS = 15 * 60_000;

/** The process a core file is of (`core.<pid>.<signal>.<process>.<epoch>`, else the name's words). */
export function coreProcess(name: string): string | undefined {
  const m = /^core\.\d+\.\d+\.([^.]+)\./.exec(name) ?? /^core\.([A-Za-z][\w-]*)/.exec(name);
  return m?.[1]?.toLowerCase();
}

/** The node's service logs that go with a core file. */
export function matchingServices(core: Pick<CoreDumpInfo, 'name'>, listed: readonly string[]): string[] {
  const proc = coreProcess(core.name);
  if (!proc) return [];
  const words = PROCESS_SERVICES[proc] ?? [];
  const lower = (s: string): string => s.toLowerCase();
  const byWord = listed.filter((s) => words.some((w) => lower(s).includes(lower(w))));
  if (byWord.length > 0) return byWord;
  return listed.filter((s) => new RegExp(`\\b${proc.replace(/[^a-z0-9]/g, '')}\\b`, 'i').test(s));
}

/**
 * The collection of chosen core files of one node with the traces of their services, from BEFORE_MS before the
 * earliest crash to AFTER_MS after the last. Cores whose path the node did not say cannot be fetched (`unplaced`).
 */
export function coreCollectRequest(cores: readonly CoreDumpInfo[], services: NodeTraceServices | undefined, outDir: string, label: string, timeZone: string): { request?: TraceCollectRequest; unplaced: string[] } {
  if (cores.length === 0) return { unplaced: [] };
  const { cluster, node } = cores[0]!;
  const files = cores.filter((c) => c.path).map((c) => c.path!);
  const unplaced = cores.filter((c) => !c.path).map((c) => c.name);
  const listed = services?.serviceLogs ?? [];
  const serviceLogs = [...new Set(cores.flatMap((c) => matchingServices(c, listed)))].sort();
  if (files.length === 0 && serviceLogs.length === 0) return { unplaced };
  const times = cores.map((c) => c.modifiedMs);
  return {
    unplaced,
    request: {
      nodes: [{ cluster, node, serviceLogs, systemLogs: [], files }],
      range: { kind: 'absolute', fromMs: Math.min(...times) - BEFORE_MS, toMs: Math.max(...times) + AFTER_MS, timeZone },
      archive: 'zip',
      outDir,
      label,
    },
  };
}
