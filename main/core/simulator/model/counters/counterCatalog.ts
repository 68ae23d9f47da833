/**
 * Perfmon objects and counters of a simulated node, with descriptions for perfmonQueryCounterDescription and
 * `show perf counterhelp`. Objects and counters: serviceability-reference.md A.7/A.8 and seed-inventory.md
 * section 3 (guide L1443-1453, L2352-2364, L6943-6979, L8221-8233).
 */

/** How a counter's value behaves: a gauge, a percentage (needs two samples in a Perfmon session), or a running total. */
export type CounterKind = 'gauge' | 'percent' | 'cumulative';

/** One counter of a perfmon object. */
export interface CounterDefinition {
  readonly name: string;
  readonly kind: CounterKind;
  readonly description: string;
}

/** One perfmon object. */
export interface PerfObjectDefinition {
  readonly name: string;
  readonly multiInstance: boolean;
  readonly roles: readonly ('imp' | 'cucm')[];
  readonly counters: readonly CounterDefinition[];
}

const g = (name: string, description: string): CounterDefinition => ({ name, kind: 'gauge', description });
const p = (name: string, description: string): CounterDefinition => ({ name, kind: 'percent', description });
const c = (name: string, description: string): CounterDefinition => ({ name, kind: 'cumulative', description });
const BOTH = ['imp', 'cucm'] as const;
const IMP = ['imp'] as const;

/** Every perfmon object a simulated node exposes. */
export const PERF_OBJECTS: readonly PerfObjectDefinition[] = [
  {
    name: 'Processor',
    multiInstance: true,
    roles: BOTH,
    counters: [
      p('% CPU Time', 'Processor utilization: the percentage of time the processor is busy.'),
      p('Idle Percentage', 'Percentage of time the processor is idle.'),
      p('IOwait Percentage', 'Percentage of time the processor waits for disk I/O.'),
      p('System Percentage', 'Percentage of time spent in kernel mode.'),
      p('User Percentage', 'Percentage of time spent in user mode.'),
      p('Irq Percentage', 'Percentage of time servicing interrupts.'),
      p('Softirq Percentage', 'Percentage of time servicing soft interrupts.'),
      p('Nice Percentage', 'Percentage of time spent on niced processes.'),
    ],
  },
  {
    name: 'Memory',
    multiInstance: false,
    roles: BOTH,
    counters: [
      p('% Mem Used', 'Percentage of physical memory in use.'),
      p('% VM Used', 'Percentage of virtual memory (physical plus swap) in use.'),
      p('% Page Usage', 'Percentage of active pages.'),
      g('Total KBytes', 'Total physical memory, KB.'),
      g('Used KBytes', 'Physical memory in use, KB.'),
      g('Free KBytes', 'Free physical memory, KB.'),
      g('Cached KBytes', 'Memory used as cache, KB.'),
      g('Buffers KBytes', 'Memory used as buffers, KB.'),
      g('Shared KBytes', 'Shared memory, KB.'),
      g('Total Swap KBytes', 'Total swap, KB.'),
      g('Used Swap KBytes', 'Swap in use, KB.'),
      g('Free Swap KBytes', 'Free swap, KB.'),
      g('Total VM KBytes', 'Total virtual memory, KB.'),
      g('Used VM KBytes', 'Virtual memory in use, KB.'),
      g('Free VM KBytes', 'Free virtual memory, KB.'),
    ],
  },
  {
    name: 'Partition',
    multiInstance: true,
    roles: BOTH,
    counters: [
      p('% Used', 'Percentage of the partition in use.'),
      g('Total Mbytes', 'Size of the partition, MB.'),
      g('Used Mbytes', 'Space in use, MB.'),
      g('Queue Length', 'I/O requests waiting.'),
      g('Read Bytes Per Sec', 'Bytes read per second.'),
      g('Write Bytes Per Sec', 'Bytes written per second.'),
      p('% CPU Time', 'Percentage of CPU time spent on I/O to this partition.'),
    ],
  },
  {
    name: 'Process',
    multiInstance: true,
    roles: BOTH,
    counters: [
      p('% CPU Time', "Process's share of CPU time since the last sample."),
      p('% Memory Usage', "Process's share of physical memory."),
      g('VmRSS', 'Resident set size, KB.'),
      g('VmSize', 'Virtual memory size, KB.'),
      g('VmData', 'Data segment size, KB.'),
      g('Process Status', 'Process state: 0 running, 1 sleeping, 2 uninterruptible disk sleep, 3 zombie, 4 stopped, 5 paging, 6 unknown.'),
      g('PID', 'Process identifier.'),
      g('Thread Count', 'Threads of the process.'),
      c('Page Fault Count', 'Page faults since the process started.'),
    ],
  },
  {
    name: 'Cisco Presence Engine',
    multiInstance: false,
    roles: IMP,
    counters: [
      // Before enabling HA it must equal the users assigned to the node (guide L1443-1453; reference A.8).
      g('ActiveJsmSessions', 'Number of active JSM sessions: should always equal the number of licensed users on the node.'),
      g('ActiveCalendarSubscriptions', 'Active calendar (Exchange/Office 365) subscriptions.'),
      g('ActiveSubscriptions', 'Active presence subscriptions.'),
    ],
  },
  {
    name: 'Cisco XCP JSM',
    multiInstance: false,
    roles: IMP,
    counters: [
      g('JsmIMSessions', 'Licensed users (one Presence Engine session each) plus one per logged-in client.'),
      c('JsmTotalMessagePackets', 'IM packets handled; an IM between two users on the same node counts twice.'),
      g('JsmMsgsInLastSlice', 'IMs in the last 60-second slice (reset every 60 seconds).'),
      // guide L6956-6979
      g('JsmSessionsComposed', 'JSM composed sessions in active state: one per user assigned to the node.'),
      // guide L2352-2364
      g('JsmSessionsClient', 'JSM client sessions in active state.'),
      // guide L2346
      g('JsmSessionsClientInactive', 'JSM client sessions in inactive state: dual connections of the peer node\'s users.'),
      // guide Table 5
      g('InactiveJsmSessions', 'Active users assigned to the peer node, held here as inactive sessions.'),
      // guide L6956-6979 (also the two counters below)
      g('JsmClientSessionsActive', 'Active client JSM sessions: internal and off-premises logins.'),
      g('JsmPhantomSessionsActive', 'Phantom JSM sessions kept for push-enabled users, for HA failover.'),
      g('JsmHybridSessionsActive', 'Hybrid (Spark interop) JSM sessions.'),
    ],
  },
  {
    name: 'Cisco XCP CM',
    multiInstance: false,
    roles: IMP,
    counters: [g('CmConnectedSockets', 'Connected XMPP clients.'), c('CmFailedRequests', 'Client requests that failed.')],
  },
  {
    name: 'Cisco XCP Web CM',
    multiInstance: false,
    roles: IMP,
    counters: [g('WebConnectedSockets', 'Connected CAXL web clients.')],
  },
  {
    name: 'Cisco XCP MDM',
    multiInstance: false,
    roles: IMP,
    counters: [
      // guide L6943-6955
      g('MDMSessions', 'Number of sessions currently MDM-enabled.'),
      g('MDMSilentModeSessions', 'Number of sessions currently in silent mode.'),
      g('MDMQuietModeSessions', 'Number of sessions currently in quiet mode.'),
      c('MDMBufferFlushes', 'Total number of MDM buffer flushes.'),
      c('MDMBufferFlushesLimitReached', 'Total MDM buffer flushes caused by reaching the overall buffer size limit.'),
      g('MDMBufferFlushPacketCount', 'Number of packets flushed in the last period.'),
      g('MDMBufferAvgQueuedTime', 'Average time (seconds) before an MDM buffer flush.'),
    ],
  },
  {
    name: 'Cisco XCP MFT',
    multiInstance: false,
    roles: IMP,
    counters: [
      // guide L8221-8233
      g('MFTBytesDownloadedLastTimeslice', 'Bytes downloaded during the last reporting interval (typically 60 seconds).'),
      // Cisco's spelling "Upoaded" (guide L8221-8233).
      g('MFTBytesUpoadedLastTimeslice', 'Bytes uploaded during the last reporting interval (typically 60 seconds).'),
      c('MFTFilesDownloaded', 'Total number of files downloaded.'),
      g('MFTFilesDownloadedLastTimeslice', 'Files downloaded during the last reporting interval.'),
      c('MFTFilesUploaded', 'Total number of files uploaded.'),
      g('MFTFilesUploadedLastTimeslice', 'Files uploaded during the last reporting interval.'),
    ],
  },
  {
    name: 'Cisco XCP TC',
    multiInstance: false,
    roles: IMP,
    counters: [g('TcTotalRooms', 'Chat rooms hosted.'), g('TcAdHocRooms', 'Ad hoc chat rooms.'), g('TcPersistentRooms', 'Persistent chat rooms.')],
  },
  {
    name: 'Cisco SIP Proxy',
    multiInstance: false,
    roles: IMP,
    counters: [
      g('NumIdleSipdWorkers', 'Idle SIP proxy worker processes; consistently below 5 means heavy load.'),
      c('SIPInviteRequestIn', 'SIP INVITE requests received.'),
      c('SIPMessageRequestIn', 'SIP MESSAGE requests received.'),
      g('SIPClientRegisteredUsers', 'SIP clients registered.'),
    ],
  },
  {
    name: 'Number of Replicates Created and State of Replication',
    multiInstance: true,
    roles: BOTH,
    counters: [g('Replicate_State', 'Replication setup state: 0 initializing, 1 setup fired, 2 setup completed (good), 3 suspect, 4 failed.'), g('Number of Replicates Created', 'Replicates created.')],
  },
  {
    name: 'Enterprise Replication Perfmon Counters',
    multiInstance: true,
    roles: BOTH,
    counters: [g('ReplicationQueueDepth', 'Replication queue depth.')],
  },
];

/** The objects a node of `role` exposes. */
export function objectsFor(role: 'imp' | 'cucm'): PerfObjectDefinition[] {
  return PERF_OBJECTS.filter((o) => o.roles.includes(role));
}
