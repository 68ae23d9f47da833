/**
 * The `traces` namespace of the DesktopApi (Trace & Log Central, issue 12; serviceability-reference.md A.6, B.4,
 * B.5, D.6): each method hands the validated request (the router parsed it with shared/validation/traces.ts) to the
 * part that does the work — collections (TraceCollections), presets (guide Table 44), what a node lists
 * (LogCollection listNodeServiceLogs through TraceNodeClients), Local Browse (bundleReader), the log viewer
 * (LogDocuments), Remote Browse, crash dumps, the Query Wizard, Real Time Trace (TailSessions) and Schedule
 * Collection. What only the service can know is checked here: that a named cluster or node exists (NOT_FOUND, so
 * a typo never becomes a silent empty collection) and that folders are absolute paths on this machine.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { AlarmTraceDownload } from '../../../shared/model/alert.js';
import type {
  NodeTraceServices,
  TraceCollectionStatus,
  TraceCollectRequest,
  TracePreset,
  TraceSchedule,
  TraceScheduleInput,
  TraceTrigger,
} from '../../../shared/model/traces.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import { bundleEntries, listBundles, verifyBundle } from './bundleReader.js';
import { requireInsideRoots } from './localRoots.js';
import { listCoreDumps } from './coreDumps.js';
import type { LogDocuments } from './logDocuments.js';
import { browseRemote } from './remoteBrowse.js';
import { groupServices } from './serviceGroups.js';
import type { TailSessions } from './tailSessions.js';
import type { LogCollectionApi } from './traceClientTypes.js';
import { searchTraces } from './traceSearch.js';
import type { TraceToolClients } from './traceToolPorts.js';

/** What the service uses of TraceCollections (traceCollections.ts). */
export interface TraceCollectionsPort {
  start(request: TraceCollectRequest, trigger?: TraceTrigger): TraceCollectionStatus;
  resume(workDir: string): Promise<TraceCollectionStatus>;
  cancel(id: string): void;
  list(): TraceCollectionStatus[];
  get(id: string): TraceCollectionStatus | undefined;
}

/** What the service uses of the scheduled collections (traceSchedules.ts). */
export interface TraceSchedulesPort {
  list(): TraceSchedule[] | Promise<TraceSchedule[]>;
  save(input: TraceScheduleInput): Promise<TraceSchedule>;
  delete(id: string): Promise<void>;
  runNow(id: string): Promise<TraceCollectionStatus>;
}

/** What the service uses of the trace downloads on alert (alertTraceDownloads.ts). */
export interface AlarmTracesPort {
  linkFor(alarmId: string): AlarmTraceDownload | undefined;
}

/** The per-node clients: the tools' subset plus the node list and LogCollection's listing. */
export interface TracesServiceClients extends TraceToolClients {
  nodes(cluster?: string): { cluster: string; node: string }[];
  logCollection(cluster: string, node: string): LogCollectionApi;
}

/** The parts the service is built from (constructor injection, house-style.md 5.7). */
export interface TracesServiceDeps {
  /** Where collections go when the wizard leaves the folder empty (<state folder>/bundles). */
  readonly defaultOutDir: string;
  readonly clients: TracesServiceClients;
  readonly collections: TraceCollectionsPort;
  readonly schedules: TraceSchedulesPort;
  readonly presets: readonly TracePreset[];
  readonly documents: LogDocuments;
  readonly tails: TailSessions;
  /** The alarm → bundle links of trace download on alert. */
  readonly alarmTraces: AlarmTracesPort;
  /** A server's only folders for local files (issue 16, localRoots.ts); undefined: any absolute path (desktop, --web). */
  readonly localRoots?: readonly string[];
}

/** A folder typed by a person must name one place: relative paths would depend on where the app was started. */
function absoluteFolder(path: string, what: string): string {
  if (!isAbsolute(path)) throw new AppError('VALIDATION', `The ${what} must be an absolute path (got ${path})`);
  return path;
}

/** Builds the `traces` service. */
export function createTracesService(d: TracesServiceDeps): DesktopApi['traces'] {
  /** An absolute local path, inside the server's bundle folders on a server. */
  const localPath = (path: string, what: string): string => {
    absoluteFolder(path, what);
    requireInsideRoots(path, d.localRoots, what);
    return path;
  };
  const requireCluster = (cluster: string): { cluster: string; node: string }[] => {
    const nodes = d.clients.nodes(cluster);
    if (nodes.length === 0) throw new AppError('NOT_FOUND', `unknown cluster ${cluster}`);
    return nodes;
  };
  const requireNode = (cluster: string, node: string): void => {
    if (!requireCluster(cluster).some((n) => n.node === node)) throw new AppError('NOT_FOUND', `unknown node ${cluster}/${node}`);
  };
  const requireNodes = (selections: readonly { cluster: string; node: string }[]): void => {
    for (const s of selections) requireNode(s.cluster, s.node);
  };

  /** One node's listing; a failure is data (the wizard shows it beside the node). */
  const listServices = async (cluster: string, node: string): Promise<NodeTraceServices> => {
    try {
      const r = await d.clients.logCollection(cluster, node).listNodeServiceLogs();
      if (!r.ok) return { cluster, node, serviceLogs: [], systemLogs: [], groups: {}, error: toErrorPayload(r.error) };
      const { serviceLogs, systemLogs } = r.value;
      return { cluster, node, serviceLogs, systemLogs, groups: groupServices({ serviceLogs, systemLogs }) };
    } catch (err) {
      return { cluster, node, serviceLogs: [], systemLogs: [], groups: {}, error: toErrorPayload(err) };
    }
  };

  return {
    async settings() {
      return { defaultOutDir: d.defaultOutDir };
    },
    async presets() {
      return [...d.presets];
    },
    async services(cluster, node) {
      const nodes = requireCluster(cluster);
      if (node !== undefined) requireNode(cluster, node);
      const chosen = node === undefined ? nodes : nodes.filter((n) => n.node === node);
      return Promise.all(chosen.map((n) => listServices(n.cluster, n.node)));
    },
    async collect(request) {
      localPath(request.outDir, 'destination folder');
      requireNodes(request.nodes);
      if (request.presetId !== undefined && !d.presets.some((p) => p.id === request.presetId)) throw new AppError('NOT_FOUND', `unknown preset ${request.presetId}`);
      return d.collections.start(request, { kind: 'manual' });
    },
    async collections() {
      return d.collections.list().sort((a, b) => b.startedAtMs - a.startedAtMs);
    },
    async cancel(id) {
      if (!d.collections.get(id)) throw new AppError('NOT_FOUND', `unknown collection ${id}`);
      d.collections.cancel(id);
    },
    async resume(workDir) {
      return d.collections.resume(localPath(workDir, 'work folder'));
    },
    async browse(cluster, node, dir) {
      requireNode(cluster, node);
      return browseRemote(d.clients, cluster, node, dir);
    },
    async cores(cluster, node) {
      requireNode(cluster, node);
      return listCoreDumps(d.clients, cluster, node);
    },
    async bundles(dir) {
      if (dir === undefined) {
        // The default folder exists from the first look, so Local Browse shows "no bundle" rather than an error.
        await mkdir(d.defaultOutDir, { recursive: true, mode: 0o700 });
        return listBundles(d.defaultOutDir);
      }
      const folder = localPath(dir, 'folder');
      // A folder the person typed that is not there is said so (an empty list would read "no bundle here").
      if (!existsSync(folder)) throw new AppError('NOT_FOUND', `The folder ${folder} does not exist`);
      return listBundles(folder);
    },
    async bundleEntries(bundlePath) {
      return bundleEntries(localPath(bundlePath, 'bundle path'));
    },
    async verifyBundle(bundlePath) {
      return verifyBundle(localPath(bundlePath, 'bundle path'));
    },
    async openLog(source) {
      if (source.kind === 'remote') requireNode(source.cluster, source.node);
      else localPath(source.kind === 'bundle' ? source.bundlePath : source.path, 'file path');
      return d.documents.open(source);
    },
    readLines: (docId, fromLine, count) => d.documents.readLines(docId, fromLine, count),
    findInLog: (docId, query) => d.documents.find(docId, query),
    lineAtTime: (docId, timeMs) => d.documents.lineAtTime(docId, timeMs),
    closeLog: (docId) => d.documents.close(docId),
    async search(request) {
      if (request.where === 'nodes') requireNodes(request.nodes);
      else localPath(request.bundlePath, 'bundle path');
      return searchTraces({ clients: d.clients }, request);
    },
    async tailStart(request) {
      requireNode(request.cluster, request.node);
      return d.tails.start(request);
    },
    tailStop: (tailId) => d.tails.stop(tailId),
    async schedules() {
      return [...(await d.schedules.list())].sort((a, b) => a.name.localeCompare(b.name));
    },
    async saveSchedule(input) {
      requireNodes(input.nodes);
      if (input.destination.kind === 'local') localPath(input.destination.dir, 'destination folder');
      return d.schedules.save(input);
    },
    deleteSchedule: (id) => d.schedules.delete(id),
    runSchedule: (id) => d.schedules.runNow(id),
    async alarmTraces(alarmId) {
      // One download per alarm (alertTraceDownloads keeps the first); an alarm without one is not an error: most
      // rules ask for none, and the alarm list does not say which did.
      const link = d.alarmTraces.linkFor(alarmId);
      return link ? [link] : [];
    },
  };
}
