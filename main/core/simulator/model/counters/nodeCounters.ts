import type { SimNode } from '../node/simNode.js';
import { objectsFor } from './counterCatalog.js';

/** One counter value of one instance ('' for single-instance objects). */
export interface CounterSample {
  readonly object: string;
  readonly instance: string;
  readonly counter: string;
  readonly value: number;
}

/** The context counters need beyond the node: JSM capacity and whether HA pairs share load. */
export interface CounterContext {
  readonly nowMs: number;
}

/**
 * Reads every counter of a node from the model's state. Values are consistent with each other
 * (Idle = 100 - busy; Used + Free = Total; ActiveJsmSessions = users hosted once sessions are recreated).
 * A powered-off node has no counters.
 */
export function readNodeCounters(node: SimNode, _ctx: CounterContext): CounterSample[] {
  if (node.power === 'off') return [];
  const out: CounterSample[] = [];
  const push = (object: string, instance: string, counter: string, value: number): void => {
    out.push({ object, instance, counter, value: Math.round(value * 100) / 100 });
  };
  const m = node.metrics;
  const role = node.isCucm ? 'cucm' : 'imp';
  const objects = new Set(objectsFor(role).map((o) => o.name));

  const cpuInstances: Array<[string, number]> = [['_Total', m.cpuTotal], ...m.cpuBusy.map((v, i): [string, number] => [String(i), v])];
  for (const [inst, busy] of cpuInstances) {
    const system = busy * 0.3;
    const iowait = Math.min(m.iowaitPct, 100 - busy);
    push('Processor', inst, '% CPU Time', busy);
    push('Processor', inst, 'Idle Percentage', 100 - busy - iowait);
    push('Processor', inst, 'IOwait Percentage', iowait);
    push('Processor', inst, 'System Percentage', system);
    push('Processor', inst, 'User Percentage', busy - system - busy * 0.02);
    push('Processor', inst, 'Irq Percentage', 0);
    push('Processor', inst, 'Softirq Percentage', busy * 0.02);
    push('Processor', inst, 'Nice Percentage', 0);
  }

  const memTotal = m.memoryTotalKb;
  const memUsed = m.memoryUsedKb;
  const vmTotal = memTotal + m.swapTotalKb;
  const vmUsed = memUsed + m.swapUsedKb;
  push('Memory', '', '% Mem Used', (memUsed / memTotal) * 100);
  push('Memory', '', '% VM Used', (vmUsed / vmTotal) * 100);
  push('Memory', '', '% Page Usage', ((memUsed - m.cachedKb * 0.5) / memTotal) * 100);
  push('Memory', '', 'Total KBytes', memTotal);
  push('Memory', '', 'Used KBytes', memUsed);
  push('Memory', '', 'Free KBytes', memTotal - memUsed);
  push('Memory', '', 'Cached KBytes', m.cachedKb);
  push('Memory', '', 'Buffers KBytes', m.buffersKb);
  push('Memory', '', 'Shared KBytes', 0);
  push('Memory', '', 'Total Swap KBytes', m.swapTotalKb);
  push('Memory', '', 'Used Swap KBytes', m.swapUsedKb);
  push('Memory', '', 'Free Swap KBytes', m.swapTotalKb - m.swapUsedKb);
  push('Memory', '', 'Total VM KBytes', vmTotal);
  push('Memory', '', 'Used VM KBytes', vmUsed);
  push('Memory', '', 'Free VM KBytes', vmTotal - vmUsed);

  for (const part of m.partitions) {
    push('Partition', part.name, '% Used', (part.usedMb / part.totalMb) * 100);
    push('Partition', part.name, 'Total Mbytes', part.totalMb);
    push('Partition', part.name, 'Used Mbytes', part.usedMb);
    push('Partition', part.name, 'Queue Length', part.name === 'Common' ? 1 : 0);
    push('Partition', part.name, 'Read Bytes Per Sec', part.name === 'Active' ? 40_000 * (m.cpuTotal / 10) : 1000);
    push('Partition', part.name, 'Write Bytes Per Sec', part.name === 'Common' ? 120_000 * (m.cpuTotal / 10) : 2000);
    push('Partition', part.name, '% CPU Time', m.iowaitPct / 2);
  }

  const running = node.services.list().filter((s) => s.status === 'Started');
  const seen = new Set<string>();
  const totalCpu = m.cpuTotal * m.cpus;
  const totalServiceMem = running.reduce((sum, s) => sum + s.definition.memoryKb, 0) || 1;
  for (const s of running) {
    const proc = s.definition.process;
    if (seen.has(proc)) continue;
    seen.add(proc);
    const share = s.definition.memoryKb / totalServiceMem;
    push('Process', proc, '% CPU Time', totalCpu * share * 0.8);
    push('Process', proc, '% Memory Usage', (s.definition.memoryKb / memTotal) * 100);
    push('Process', proc, 'VmRSS', s.definition.memoryKb);
    push('Process', proc, 'VmSize', s.definition.memoryKb * 2.5);
    push('Process', proc, 'VmData', s.definition.memoryKb * 1.4);
    push('Process', proc, 'Process Status', 1);
    push('Process', proc, 'PID', s.pid ?? 0);
    push('Process', proc, 'Thread Count', Math.max(4, Math.round(s.definition.memoryKb / 8000)));
    push('Process', proc, 'Page Fault Count', Math.round(((s.startedAtMs ? _ctx.nowMs - s.startedAtMs : 0) / 1000) * (s.definition.memoryKb / 100_000)));
  }

  const ses = node.sessions;
  const t = node.totals;
  if (objects.has('Cisco Presence Engine')) {
    const peUp = node.services.isRunning('Cisco Presence Engine');
    push('Cisco Presence Engine', '', 'ActiveJsmSessions', Math.floor(ses.activeJsmSessions));
    push('Cisco Presence Engine', '', 'ActiveCalendarSubscriptions', peUp ? Math.round(ses.hostedUsers * 0.1) : 0);
    push('Cisco Presence Engine', '', 'ActiveSubscriptions', peUp ? ses.clientSessionsActive * 12 : 0);
    const routerUp = node.services.isRunning('Cisco XCP Router');
    const composed = routerUp ? ses.hostedUsers : 0;
    push('Cisco XCP JSM', '', 'JsmIMSessions', composed + ses.clientSessionsActive);
    push('Cisco XCP JSM', '', 'JsmTotalMessagePackets', t.imPackets);
    push('Cisco XCP JSM', '', 'JsmMsgsInLastSlice', t.imsInSlice);
    push('Cisco XCP JSM', '', 'JsmSessionsComposed', composed);
    push('Cisco XCP JSM', '', 'JsmSessionsClient', ses.clientSessionsActive);
    push('Cisco XCP JSM', '', 'JsmSessionsClientInactive', ses.clientSessionsInactive);
    push('Cisco XCP JSM', '', 'InactiveJsmSessions', ses.clientSessionsInactive);
    push('Cisco XCP JSM', '', 'JsmClientSessionsActive', ses.clientSessionsActive);
    push('Cisco XCP JSM', '', 'JsmPhantomSessionsActive', routerUp ? ses.phantomSessions : 0);
    push('Cisco XCP JSM', '', 'JsmHybridSessionsActive', routerUp ? ses.hybridSessions : 0);
    push('Cisco XCP CM', '', 'CmConnectedSockets', ses.xmppClients);
    push('Cisco XCP CM', '', 'CmFailedRequests', Math.floor(t.imPackets / 5000));
    push('Cisco XCP Web CM', '', 'WebConnectedSockets', ses.webClients);
    push('Cisco XCP MDM', '', 'MDMSessions', ses.mdmSessions);
    push('Cisco XCP MDM', '', 'MDMSilentModeSessions', Math.round(ses.mdmSessions * 0.12));
    push('Cisco XCP MDM', '', 'MDMQuietModeSessions', Math.round(ses.mdmSessions * 0.3));
    push('Cisco XCP MDM', '', 'MDMBufferFlushes', t.mdmFlushes);
    push('Cisco XCP MDM', '', 'MDMBufferFlushesLimitReached', t.mdmFlushesLimit);
    push('Cisco XCP MDM', '', 'MDMBufferFlushPacketCount', t.mdmFlushPackets);
    push('Cisco XCP MDM', '', 'MDMBufferAvgQueuedTime', ses.mdmSessions > 0 ? 2.5 : 0);
    push('Cisco XCP MFT', '', 'MFTBytesDownloadedLastTimeslice', t.mftBytesDownSlice);
    push('Cisco XCP MFT', '', 'MFTBytesUpoadedLastTimeslice', t.mftBytesUpSlice);
    push('Cisco XCP MFT', '', 'MFTFilesDownloaded', t.mftFilesDown);
    push('Cisco XCP MFT', '', 'MFTFilesDownloadedLastTimeslice', t.mftFilesDownSlice);
    push('Cisco XCP MFT', '', 'MFTFilesUploaded', t.mftFilesUp);
    push('Cisco XCP MFT', '', 'MFTFilesUploadedLastTimeslice', t.mftFilesUpSlice);
    push('Cisco XCP TC', '', 'TcTotalRooms', t.adhocRooms + t.persistentRooms);
    push('Cisco XCP TC', '', 'TcAdHocRooms', t.adhocRooms);
    push('Cisco XCP TC', '', 'TcPersistentRooms', t.persistentRooms);
    const sipUp = node.services.isRunning('Cisco SIP Proxy');
    push('Cisco SIP Proxy', '', 'NumIdleSipdWorkers', sipUp ? Math.max(0, 40 - Math.round(ses.loginRate * 3)) : 0);
    push('Cisco SIP Proxy', '', 'SIPInviteRequestIn', t.sipInvites);
    push('Cisco SIP Proxy', '', 'SIPMessageRequestIn', t.sipMessages);
    push('Cisco SIP Proxy', '', 'SIPClientRegisteredUsers', sipUp ? Math.round(ses.clientSessionsActive * 0.05) : 0);
  }
  const replInstance = node.isCucm ? 'ReplicateCount' : 'ReplicateCount';
  push('Number of Replicates Created and State of Replication', replInstance, 'Replicate_State', node.replicationState);
  push('Number of Replicates Created and State of Replication', replInstance, 'Number of Replicates Created', node.isCucm ? 754 : 612);
  push('Enterprise Replication Perfmon Counters', `g_${node.index + 2}`, 'ReplicationQueueDepth', node.replicationState === 2 ? 0 : 120);
  return out;
}
