import type { AcknowledgeInput, AlarmHistoryFilter, DesktopApi, SilenceInput } from '../../../shared/ipc/contract.js';
import type { AlarmRecord, AlertRule, MatchField } from '../../../shared/model/alert.js';
import type { ClusterSummary, ServiceStatusRow } from '../../../shared/model/cluster.js';
import { seriesKey } from '../../../shared/model/sample.js';
import type { AppInfo, HaCommandRequest, JobStatus, NewClusterInput, NodeSystemSummary, PartitionRow, PerfLayout, PerfObjectInfo, PrgStatus, ProcessRow, SeriesData, SeriesQuery, ServiceControlRequest, SyslogEntry, SyslogFilter, TrustPrompt, WatchRequest } from '../../../shared/model/views.js';
import type { PerfLayoutStore } from './perfLayoutStore.js';
import type { SilenceBook } from '../notify/silenceBook.js';
import type { AlertEngine } from '../alerts/alertEngine.js';
import { AppError } from '../base/errors.js';
import type { Collector } from '../collector/collector.js';
import { exportPerfmonCsv } from '../export/perfmonCsv.js';
import type { SyslogStore } from '../receivers/syslogStore.js';
import type { SampleStore } from '../storage/storage.js';
import type { ClusterOnboarding } from './clusterOnboarding.js';
import type { JobRunner } from './jobRunner.js';
import type { SyslogEntries } from './syslogEntries.js';
import type { PerfWatches } from './perfWatches.js';
import { prgView } from './prgView.js';
import { serviceRestartNote } from './serviceRestartNotes.js';

/** What the service is built from (constructor injection, house-style.md 5.7). */
export interface DesktopServiceDeps {
  readonly info: Omit<AppInfo, 'transport'>;
  readonly transport: AppInfo['transport'];
  readonly collector: Collector;
  readonly store: SampleStore;
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

  return {
    app: {
      info: async (): Promise<AppInfo> => ({ ...d.info, transport: d.transport }),
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
      services: async (cluster: string, name: string): Promise<ServiceStatusRow[]> => node(cluster, name).serviceRows(),
      processes: async (cluster: string, name: string): Promise<ProcessRow[]> => node(cluster, name).processRows(),
      partitions: async (cluster: string, name: string): Promise<PartitionRow[]> => node(cluster, name).partitionRows(),
      controlService: async (req: ServiceControlRequest): Promise<JobStatus> => {
        const n = node(req.cluster, req.node);
        const type = req.action === 'start' ? 'Start' : req.action === 'stop' ? 'Stop' : 'Restart';
        return d.jobs.start('service', `${type} ${req.service} on ${req.node}`, async (p) => {
          p.progress(0.1, `${type} requested`);
          const r = await n.controlCenter.controlAndWait(type, [req.service], { pollIntervalMs: 2000, timeoutMs: 300_000 });
          d.collector.refreshServices(req.cluster, req.node);
          if (!r.ok) throw r.error;
          const row = r.value.find((s) => s.name.toLowerCase() === req.service.toLowerCase());
          return { message: `${req.service} is ${row?.status ?? 'unknown'}`, note: serviceRestartNote(req.service) };
        });
      },
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
      exportCsv: async (q: SeriesQuery) => exportPerfmonCsv(d.store, q.series.map((s) => seriesKey(s)), q.fromMs, q.toMs),
      saveLayout: (layout: PerfLayout) => d.layouts.save(layout),
      listLayouts: async () => d.layouts.list(),
      deleteLayout: (name: string) => d.layouts.remove(name),
    },
    ha: {
      groups: async (cluster: string): Promise<PrgStatus[]> => {
        const repl = new Map(d.collector.nodes(cluster).map((n) => [n.name, n.replicationState] as const));
        return d.collector.haGroups(cluster).map((g) => prgView(cluster, g, repl, now()));
      },
      command: async (req: HaCommandRequest): Promise<JobStatus> => {
        const group = d.collector.haGroups(req.cluster).find((g) => (req.action === 'recover' ? g.name === req.target : g.nodes.some((n) => n.name === req.target)));
        if (!group) throw notFound(`no presence redundancy group ${req.action === 'recover' ? req.target : `with node ${req.target}`}`);
        const view = prgView(req.cluster, group, new Map(), now());
        const allowed = req.action === 'recover' ? view.allowed.recover : view.allowed[req.action].includes(req.target);
        if (!allowed) throw new AppError('PRECONDITION', `${req.action} of ${req.target} is not allowed while the group is ${view.nodes.map((n) => `${n.name} ${n.state}`).join(', ')} (guide L2216-2242)`);
        // Run on a node of the group that answers (the peer for a failover of a node, any node otherwise).
        const runOn = group.nodes.find((n) => n.name !== req.target)?.name ?? group.nodes[0]!.name;
        return d.jobs.start('ha', `${req.action} ${req.target}`, async (p) => {
          p.progress(0.2, `utils ha ${req.action} ${req.target}`);
          const r = await d.collector.runCli(req.cluster, runOn, `utils ha ${req.action} ${req.target}`, 120_000, [{ when: /\(yes\/no\)|\[y\/n\]|continue\?/i, reply: 'yes' }]);
          d.collector.refreshHa(req.cluster);
          if (!r.ok) throw r.error;
          return { message: r.output.trim().split('\n').filter(Boolean).slice(-2).join(' ') || `${req.action} requested` };
        });
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
      history: async (f: AlarmHistoryFilter): Promise<AlarmRecord[]> =>
        d.alerts.queryAlarms({ sinceMs: f.sinceMs, node: f.node, ruleId: f.ruleId, limit: f.limit ?? 500 }).filter((a) => !f.cluster || a.cluster === f.cluster),
      acknowledge: async (a: AcknowledgeInput) => d.alerts.acknowledge(a.alarmId, a.by, a.comment ?? '', a.untilMs),
      clear: async (alarmId: string, by: string) => {
        d.alerts.clearAlarm(alarmId, by);
      },
      clearAll: async (by: string) => d.alerts.clearAll(by),
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
