/**
 * The guide's restart order after a restore (L10547-10549, L10592, L10598-10602): the first node (CUCM publisher)
 * first, then the CUCM subscribers, then the first IM and Presence node, then the IM and Presence subscribers; a
 * subsequent node only once the nodes before it restarted and run again; never an IM and Presence subscriber while
 * the CUCM publisher is offline (L10602: its services cannot start without the publisher).
 */
import type { NodeRole } from '../../../shared/model/cluster.js';
import type { DrsRestartStep } from '../../../shared/model/drs.js';
import type { DrsNodeInfo } from './drsAccess.js';

/**
 * The rank of a role in the order (DrsRestartStep.order): nodes of one rank may restart together. The monitor knows
 * no CUCM subscriber role; a node of unknown role ranks with them (after the publisher, before IM and Presence).
 */
export function restartRank(role: NodeRole): number {
  switch (role) {
    case 'cucm-publisher':
      return 1;
    case 'unknown':
      return 2;
    case 'imp-publisher':
      return 3;
    case 'imp-subscriber':
      return 4;
  }
}

/** Guide L10602, its words. */
export function cucmPublisherOfflineText(publisher: string): string {
  return `The CUCM publisher ${publisher} is offline: do not restart IM and Presence subscriber nodes, their services cannot start because they cannot connect to the CUCM publisher.`;
}

/**
 * The restart steps of `servers` (the restored nodes) in the guide's order, each with why it must wait, if it must.
 * `restarted`: the nodes of this plan already restarted (by the app); an earlier node not yet restarted, or not yet
 * up again, blocks the later ranks. Unknown server names are left out (the caller checks them).
 */
export function restartPlan(nodes: readonly DrsNodeInfo[], servers: readonly string[], restarted: ReadonlySet<string> = new Set()): DrsRestartStep[] {
  const wanted = new Set(servers);
  const chosen = nodes.filter((n) => wanted.has(n.name)).sort((a, b) => restartRank(a.role) - restartRank(b.role) || a.name.localeCompare(b.name));
  const publisher = nodes.find((n) => n.role === 'cucm-publisher');
  return chosen.map((n) => {
    const rank = restartRank(n.role);
    let blockedBy: string | undefined;
    let reason: { blockedReason: NonNullable<DrsRestartStep['blockedReason']>; blockedByNode: string } | undefined;
    if (n.role === 'imp-subscriber' && publisher && publisher.reachability !== 'up') {
      blockedBy = cucmPublisherOfflineText(publisher.name);
      reason = { blockedReason: 'publisherOffline', blockedByNode: publisher.name };
    }
    if (!blockedBy) {
      for (const e of chosen) {
        if (restartRank(e.role) >= rank) break;
        if (!restarted.has(e.name)) {
          blockedBy = `Restart ${e.name} first: the first node before the subsequent nodes, the CUCM nodes before the IM and Presence nodes (guide L10547, L10592).`;
          reason = { blockedReason: 'restartFirst', blockedByNode: e.name };
          break;
        }
        if (e.reachability !== 'up') {
          blockedBy = `${e.name} has not come back yet: restart the subsequent nodes only once it runs again (guide L10598).`;
          reason = { blockedReason: 'notBack', blockedByNode: e.name };
          break;
        }
      }
    }
    return { node: n.name, role: n.role, order: rank, reachability: n.reachability, ...(blockedBy ? { blockedBy, ...reason } : {}) };
  });
}
