/**
 * ha/: presence redundancy groups as the Presence Redundancy Group page and `utils ha status` show them: the
 * group view with the actions the guide allows in each state (prgView.ts, haOtherActions.ts), the assigned users
 * remembered per node (assignedUsers.ts), and failover, fallback and recover run as jobs (haCommandJob.ts);
 * haService.ts serves them as DesktopApi['ha'].
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { HaCommandRequest, JobStatus, PrgStatus } from '../../../shared/model/views.js';
import { AppError } from '../base/errors.js';
import type { Collector } from '../collector/collector.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import { AssignedUsers } from './assignedUsers.js';
import { startHaCommandJob } from './haCommandJob.js';
import { prgView, type PrgNodeInfo } from './prgView.js';

/** What the HA service is built from. */
export interface HaServiceDeps {
  readonly collector: Pick<Collector, 'haGroups' | 'nodes' | 'runCli' | 'refreshHa'>;
  readonly jobs: JobRunner;
  readonly now?: () => number;
}

/** DesktopApi['ha']: each presence redundancy group's view and the HA commands allowed from it. */
export function createHaService(d: HaServiceDeps): DesktopApi['ha'] {
  const now = d.now ?? Date.now;
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
    groups: async (cluster: string): Promise<PrgStatus[]> => d.collector.haGroups(cluster).map((g) => prgView(cluster, g, prgNodeInfo(cluster), now())),
    command: async (req: HaCommandRequest): Promise<JobStatus> => {
      const group = d.collector.haGroups(req.cluster).find((g) => (req.action === 'recover' ? g.name === req.target : g.nodes.some((n) => n.name === req.target)));
      if (!group) throw new AppError('NOT_FOUND', `no presence redundancy group ${req.action === 'recover' ? req.target : `with node ${req.target}`}`);
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
  };
}
