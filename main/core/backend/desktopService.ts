import type { AcknowledgeInput, AlarmHistoryFilter, CounterDescriptionQuery, CsvExportQuery, DesktopApi, SilenceInput } from '../../../shared/ipc/contract.js';
import type { AlarmRecord, AlertRule, AlertSeverity, MatchField } from '../../../shared/model/alert.js';
import type { ClusterSummary, ServiceStatusRow } from '../../../shared/model/cluster.js';
import { seriesKey } from '../../../shared/model/sample.js';
import type { AppInfo, HaCommandRequest, JobStatus, NewClusterInput, NodeSystemSummary, PartitionRow, PerfLayout, PerfObjectInfo, PrgStatus, ProcessRow, SeriesData, SeriesQuery, ServiceControlRequest, StorageStatus, SyslogEntry, SyslogFilter, TrustPrompt, WatchRequest } from '../../../shared/model/views.js';
import type { PerfLayoutStore } from './perfLayoutStore.js';
import type { SilenceBook } from '../notify/silenceBook.js';
import type { AlertEngine } from '../alerts/alertEngine.js';
import { AppError } from '../base/errors.js';
import type { Collector } from '../collector/collector.js';
import { exportPerfmonCsv } from '../export/perfmonCsv.js';
import type { SyslogStore } from '../receivers/syslogStore.js';
import type { SampleStore } from '../storage/storage.js';
import type { StorageHealth } from '../storage/sqlite/sqliteSampleStore.js';
import type { ClusterOnboarding } from './clusterOnboarding.js';
import type { JobRunner } from './jobRunner.js';
import type { SyslogEntries } from './syslogEntries.js';
import type { PerfWatches } from './perfWatches.js';
import { CounterDescriptions } from './counterDescriptions.js';
import { AssignedUsers } from './assignedUsers.js';
import { startHaCommandJob } from './haCommandJob.js';
import { prgView, type PrgNodeInfo } from './prgView.js';
import { startServiceControlJob } from './serviceControlJob.js';
import { withStoppedSince } from './serviceStoppedSince.js';

/** What the service is built from (constructor injection, house-style.md 5.7). */
export interface DesktopServiceDeps {
  readonly info: Omit<AppInfo, 'transport'>;
  readonly transport: AppInfo['transport'];
  readonly collector: Collector;
  readonly store: SampleStore;
  /** The history's write health (SqliteSampleStore.health). */
  readonly storageHealth: () => StorageHealth;
  readonly alerts: AlertEngine;
  /** Saved Performance layouts (a file in the state folder). */
  readonly layouts: PerfLayoutStore;
  /** Silences of notifications (notifications.json's and those made in the app). */
  readonly silences: SilenceBook;
  readonly syslog: SyslogStore;
  readonly syslogEntries: SyslogEntries;
  readonly jobs: JobRunner;
  readonly watches: PerfWatches;
  readonly onboarding: ClusterOnboarding;
  readonly now?: () => number;
}

function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', what);
}

/**
 * The application core behind the typed contract: every DesktopApi method, answered from the collector's
 * latest state, the sample store, the alert engine and the syslog store. Arguments arrive validated by the router.
 */
export function createDesktopService(d: DesktopServiceDeps): DesktopApi {
  const now = d.now ?? Date.now;
  const node = (cluster: string, name: string) => {
    try {
      return d.collector.node(cluster, name);
    } catch {
      throw notFound(`unknown node ${cluster}/${name}`);
    }
  };

  // Counter help texts, fetched once per node + counter through the node's SOAP budget.
  const descriptions = new CounterDescriptions((cluster, name) => node(cluster, name).perfmon);

  // The PRG view's per-node facts: replication, reachability and the JSM counters (assigned users remembered
  // while each node was Normal).
  const assignedUsers = new AssignedUsers();
  const prgNodeInfo = (cluster: string): Map<string, PrgNodeInfo> =>
    new Map(
      d.collector.nodes(cluster).map((n) => {
        const composed = n.value('Cisco XCP JSM', '', 'JsmSessionsComposed');
        assignedUsers.observe(cluster, n.name, n.haState, composed);
        const info: PrgNodeInfo = {
          replicationState: n.replicationState,
          reachable: n.reachability() !== 'down',
          activeJsmSessions: n.value('Cisco Presence Engine', '', 'ActiveJsmSessions'),
          composedSessions: composed,
          assignedUsers: assignedUsers.get(cluster, n.name),
        };
        return [n.name, info] as const;
      }),
    );

  return {
    app: {
      info: async (): Promise<AppInfo> => ({ ...d.info, transport: d.transport }),
      storage: async (): Promise<StorageStatus> => {
        const h = d.storageHealth();
        return { pending: h.pending, failures: h.consecutiveFailures, ...(h.lastError ? { error: h.lastError } : {}) };
      },
    },
    clusters: {
      list: async (): Promise<ClusterSummary[]> => d.collector.clusters(),
      add: (input: NewClusterInput) => d.onboarding.add(input),
      remove: async (id: string) => {
        if (!d.collector.clusters().some((c) => c.id === id)) throw notFound(`unknown cluster ${id}`);
        d.collector.removeCluster(id);
      },
      pendingTrust: async (): Promise<TrustPrompt[]> => d.onboarding.pending(),
      decideTrust: (id: string, accept: boolean) => d.onboarding.decide(id, accept),
    },
    nodes: {
      system: async (cluster: string): Promise<NodeSystemSummary[]> =>
        d.collector.nodes(cluster).map((n) => {
          const loads = n.snmpData?.processorLoads ?? [];
          const ram = n.snmpData?.storage.find((s) => s.typeArc === 2);
          const swap = n.snmpData?.storage.find((s) => s.typeArc === 3);
          return {
            cluster,
            node: n.name,
            role: n.targets.role,
            cpuPercent: loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : n.value('Processor', '_Total', '% CPU Time'),
            memoryUsedPercent: n.value('Memory', '', '% Mem Used') ?? (ram && ram.sizeBytes > 0 ? (ram.usedBytes / ram.sizeBytes) * 100 : undefined),
            memoryTotalKb: n.value('Memory', '', 'Total KBytes') ?? (ram ? ram.sizeBytes / 1024 : undefined),
            swapUsedPercent: swap && swap.sizeBytes > 0 ? (swap.usedBytes / swap.sizeBytes) * 100 : undefined,
            uptimeSec: n.uptimeSec,
            updatedAtMs: n.status().protocols.snmp.lastOkMs,
          };
        }),
      services: async (cluster: string, name: string): Promise<ServiceStatusRow[]> => {
        const n = node(cluster, name);
        return withStoppedSince(d.store, n.serviceRows(), n.servicesAtMs || now(), now());
      },
      processes: async (cluster: string, name: string): Promise<ProcessRow[]> => node(cluster, name).processRows(),
      partitions: async (cluster: string, name: string): Promise<PartitionRow[]> => node(cluster, name).partitionRows(),
      // Steps as ControlCenter reads them back; succeeds only when the service and its promised dependants hold.
      controlService: async (req: ServiceControlRequest): Promise<JobStatus> =>
        startServiceControlJob(d.jobs, node(req.cluster, req.node).controlCenter, req, { onDone: () => d.collector.refreshServices(req.cluster, req.node) }),
    },
    perf: {
      listObjects: async (cluster: string, name: string): Promise<PerfObjectInfo[]> => {
        const r = await node(cluster, name).perfmon.listCounters();
        if (!r.ok) throw r.error;
        return r.value.map((o) => ({ name: o.name, multiInstance: o.multiInstance, counters: o.counters.map((c) => ({ name: c })) }));
      },
      listInstances: async (cluster: string, name: string, object: string): Promise<string[]> => {
        const r = await node(cluster, name).perfmon.listInstances(object);
        if (!r.ok) throw r.error;
        return r.value;
      },
      query: async (q: SeriesQuery): Promise<SeriesData[]> => {
        const keys = q.series.map((s) => seriesKey(s));
        const results = d.store.query(keys, q.fromMs, q.toMs, q.maxPoints);
        return q.series.map((series, i) => {
          const r = results.find((x) => x.key === keys[i]);
          const points = r?.points ?? [];
          return { series, resolution: r?.resolution ?? 'raw', points: points.map((p) => [p.ts, p.avg] as const), min: points.map((p) => p.min), max: points.map((p) => p.max) };
        });
      },
      watch: async (req: WatchRequest) => d.watches.watch(req),
      unwatch: async (id: string) => d.watches.unwatch(id),
      // The chart's range at full resolution, read from storage page by page (no point cap: issue 10).
      exportCsv: async (q: CsvExportQuery) => exportPerfmonCsv(d.store, q.series.map((s) => seriesKey(s)), q.fromMs, q.toMs),
      describeCounter: (q: CounterDescriptionQuery) => descriptions.describe(q),
      saveLayout: (layout: PerfLayout) => d.layouts.save(layout),
      listLayouts: async () => d.layouts.list(),
      deleteLayout: (name: string) => d.layouts.remove(name),
    },
    ha: {
      groups: async (cluster: string): Promise<PrgStatus[]> => d.collector.haGroups(cluster).map((g) => prgView(cluster, g, prgNodeInfo(cluster), now())),
      command: async (req: HaCommandRequest): Promise<JobStatus> => {
        const group = d.collector.haGroups(req.cluster).find((g) => (req.action === 'recover' ? g.name === req.target : g.nodes.some((n) => n.name === req.target)));
        if (!group) throw notFound(`no presence redundancy group ${req.action === 'recover' ? req.target : `with node ${req.target}`}`);
        const view = prgView(req.cluster, group, prgNodeInfo(req.cluster), now());
        const allowed = req.action === 'recover' ? view.allowed.recover : view.allowed[req.action].includes(req.target);
        if (!allowed) throw new AppError('PRECONDITION', `${req.action} of ${req.target} is not allowed while the group is ${view.nodes.map((n) => `${n.name} ${n.state}`).join(', ')} (guide L2216-2242)`);
        // Run on a node of the group that answers (the peer for a failover of a node, any node otherwise).
        const runOn = group.nodes.find((n) => n.name !== req.target)?.name ?? group.nodes[0]!.name;
        return startHaCommandJob(
          {
            jobs: d.jobs,
            run: (command) => d.collector.runCli(req.cluster, runOn, command, 120_000, [{ when: /\(yes\/no\)|\[y\/n\]|continue\?/i, reply: 'yes' }]),
            refresh: () => d.collector.refreshHa(req.cluster),
            view: () => {
              const g = d.collector.haGroups(req.cluster).find((x) => x.name === group.name);
              return g ? prgView(req.cluster, g, prgNodeInfo(req.cluster), now()) : undefined;
            },
          },
          req,
          runOn,
        );
      },
    },
    alerts: {
      listRules: async (): Promise<AlertRule[]> => d.alerts.rules.list(),
      saveRule: async (input: unknown): Promise<AlertRule> => {
        const id = typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string' ? (input as { id: string }).id : undefined;
        const exists = id !== undefined && d.alerts.rules.list().some((r) => r.id === id);
        return exists ? d.alerts.rules.update(id!, input) : d.alerts.rules.create(input);
      },
      resetRule: async (id: string) => d.alerts.rules.resetToDefault(id),
      // RTMT's Suspend on a rule: the rule stops alerting until resumed (it keeps its settings).
      setSuspended: async (ruleId: string, suspended: boolean) => {
        d.alerts.rules.setEnabled(ruleId, !suspended);
      },
      listActive: async (): Promise<AlarmRecord[]> => d.alerts.activeAlarms(),
      // Every filter goes into the store's query, before its LIMIT (a cluster filter after it returned short pages).
      history: async (f: AlarmHistoryFilter): Promise<AlarmRecord[]> =>
        d.alerts.queryAlarms({ sinceMs: f.sinceMs, cluster: f.cluster, node: f.node, ruleId: f.ruleId, minSeverity: f.minSeverity as AlertSeverity | undefined, limit: f.limit ?? 500 }),
      acknowledge: async (a: AcknowledgeInput) => d.alerts.acknowledge(a.alarmId, a.by, a.comment ?? '', a.untilMs),
      clear: async (alarmId: string, by: string) => {
        d.alerts.clearAlarm(alarmId, by);
      },
      clearAll: async (by: string, alarmIds: readonly string[]) => d.alerts.clearAll(by, { ids: new Set(alarmIds) }),
      // Alertmanager's model: the matched alarms are still raised and shown; their notifications are held back.
      silence: async (s: SilenceInput) => {
        const matchers = Object.entries(s.matchers).flatMap(([field, value]) => (value === undefined ? [] : [{ field: field as MatchField, op: '=' as const, value }]));
        return (await d.silences.add({ matchers, startsAt: s.startsAtMs, endsAt: s.endsAtMs, createdBy: s.createdBy, comment: s.comment })).id;
      },
      listSilences: async () => d.silences.list(),
      expireSilence: (id: string) => d.silences.expire(id),
    },
    syslog: {
      query: async (f: SyslogFilter): Promise<SyslogEntry[]> =>
        d.syslog.query({ host: f.host, maxSeverity: f.maxSeverity, contains: f.text, sinceMs: f.sinceMs, limit: f.limit }).map((m) => d.syslogEntries.toEntry(m)),
    },
    jobs: {
      list: async () => d.jobs.list(),
    },
  };
}
