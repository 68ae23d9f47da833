/**
 * controlCenter/: each node's services as Cisco Unified Serviceability's Control Center shows them (with since when
 * a stopped one is stopped), starting, stopping and restarting them as jobs read back step by step, and the node's
 * system view (CPU, memory, processes, partitions) beside them (nodesService.ts: DesktopApi['nodes']).
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { JobStatus, NodeSystemSummary, PartitionRow, ProcessRow, ServiceControlRequest } from '../../../shared/model/views.js';
import type { Collector } from '../collector/collector.js';
import type { NodeRuntime } from '../collector/nodeRuntime.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import type { SampleStore } from '../storage/storage.js';
import { startServiceControlJob } from './serviceControlJob.js';
import { withStoppedSince } from './serviceStoppedSince.js';

/** What the nodes service is built from. */
export interface NodesServiceDeps {
  readonly collector: Pick<Collector, 'nodes' | 'refreshServices'>;
  /** A node of a cluster; throws AppError NOT_FOUND for an unknown one. */
  readonly node: (cluster: string, node: string) => NodeRuntime;
  /** The history (when a stopped service stopped). */
  readonly store: SampleStore;
  readonly jobs: JobRunner;
  readonly now?: () => number;
}

/** DesktopApi['nodes']: each node's system view, its services (Control Center), processes and partitions. */
export function createNodesService(d: NodesServiceDeps): DesktopApi['nodes'] {
  const now = d.now ?? Date.now;
  return {
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
      const n = d.node(cluster, name);
      return withStoppedSince(d.store, n.serviceRows(), n.servicesAtMs || now(), now());
    },
    processes: async (cluster: string, name: string): Promise<ProcessRow[]> => d.node(cluster, name).processRows(),
    partitions: async (cluster: string, name: string): Promise<PartitionRow[]> => d.node(cluster, name).partitionRows(),
    // Steps as ControlCenter reads them back; succeeds only when the service and its promised dependants hold.
    controlService: async (req: ServiceControlRequest): Promise<JobStatus> =>
      startServiceControlJob(d.jobs, d.node(req.cluster, req.node).controlCenter, req, { onDone: () => d.collector.refreshServices(req.cluster, req.node) }),
  };
}
