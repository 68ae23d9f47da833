import type { DeviceKind } from '../../profile/profileSchema.js';
import { defaultMailId, seededTelephoneNumber, type SimUser } from '../users/userDirectory.js';
import type { DrsCluster } from './drsFeatures.js';

// What a restored component does to the cluster model when its restore completes (design "HS": the restore
// APPLIES its data). The data is what componentData() (drsFeatures.ts) saved at backup time:
// - CCMDB (Unified CM database, L10410): the end users, their URIs and devices; users added after the backup
//   disappear, deleted ones come back. With "Select Server Name" the database comes from the named running
//   subscriber instead (L10408: "pulls the latest database from the selected subscriber"): the live users stay.
// - CUPDB (IM&P publisher database): the users' home nodes (user assignment).
// - IMDB (a node's IM&P database): the users present on that node.
// - TCT / XCPCONF (a node's service and XCP configuration): Service Activation of each service.
// Other components carry no state the simulator models (certificates, CDR, licences …); they restore as files.

/** One component whose restore just completed. */
export interface AppliedComponent {
  readonly node: string;
  readonly component: string;
  /** The parsed component JSON ({ node, feature, component, version, data }). */
  readonly body: unknown;
}

interface SavedUser {
  readonly userid: string;
  readonly uri: string;
  readonly devices: readonly DeviceKind[];
  readonly homeNode: string | null;
  readonly pushEnabled?: boolean;
  readonly hybrid?: boolean;
}

function dataOf(body: unknown): Record<string, unknown> {
  const d = (body as { data?: unknown } | null)?.data;
  return d !== null && typeof d === 'object' ? (d as Record<string, unknown>) : {};
}

/**
 * Applies a restored component to the model; returns a line for the component's log (what changed).
 * `databaseFrom`: the CCMDB comes from that subscriber's (live) copy rather than from the backup.
 */
export function applyRestoredComponent(cluster: DrsCluster, c: AppliedComponent, databaseFrom?: string): string {
  const data = dataOf(c.body);
  switch (c.component) {
    case 'CCMDB': {
      if (databaseFrom) return `Unified CM database pulled from subscriber ${databaseFrom} (${cluster.users.users.length} end users)`;
      const saved = (data['endUsers'] as SavedUser[] | undefined) ?? [];
      return restoreUsers(cluster, saved, true);
    }
    case 'CUPDB': {
      const saved = (data['endUsers'] as SavedUser[] | undefined) ?? [];
      return restoreUsers(cluster, saved, false);
    }
    case 'IMDB': {
      const presence = (data['presence'] as { userid: string }[] | undefined) ?? [];
      let moved = 0;
      for (const p of presence) {
        const u = cluster.users.find(p.userid);
        if (u && u.homeNode !== c.node) {
          u.homeNode = c.node;
          moved++;
        }
      }
      return `IM and Presence database of ${c.node}: ${presence.length} users present (${moved} moved back)`;
    }
    case 'TCT':
    case 'XCPCONF': {
      const node = cluster.nodes.get(c.node);
      const saved = (data['services'] as { name: string; activated: boolean }[] | undefined) ?? [];
      if (!node) return `node ${c.node} is not in this cluster`;
      const changed: string[] = [];
      for (const s of saved) {
        const cur = node.services.get(s.name);
        if (!cur || cur.activated === s.activated) continue;
        node.services.setActivated(s.name, s.activated);
        // Service Activation starts an activated service on a running node.
        if (s.activated && node.power === 'on') node.services.start(s.name, 'admin');
        changed.push(`${s.name} ${s.activated ? 'activated' : 'deactivated'}`);
      }
      return `service activation restored on ${c.node}: ${changed.length === 0 ? 'no change' : changed.join(', ')}`;
    }
    default:
      return `${c.component} restored on ${c.node}`;
  }
}

/** Replaces the user directory with the saved users (`full`: also adds/removes users; else home nodes only). */
function restoreUsers(cluster: DrsCluster, saved: readonly SavedUser[], full: boolean): string {
  const list = cluster.users.users;
  const nodes = new Set(cluster.nodes.keys());
  const home = (h: string | null): string | undefined => (h !== null && nodes.has(h) ? h : undefined);
  if (!full) {
    let moved = 0;
    for (const s of saved) {
      const u = cluster.users.find(s.userid);
      if (u && u.homeNode !== home(s.homeNode)) {
        u.homeNode = home(s.homeNode);
        moved++;
      }
    }
    return `IM and Presence user assignment restored: ${saved.length} users (${moved} reassigned)`;
  }
  const before = new Set(list.map((u) => u.userid.toLowerCase()));
  const next: SimUser[] = saved.map((s, index) => {
    const cur = cluster.users.find(s.userid);
    return {
      index,
      userid: s.userid,
      uri: s.uri,
      mailId: cur ? cur.mailId : defaultMailId(s.userid, cluster.profile.domain),
      telephoneNumber: cur ? cur.telephoneNumber : seededTelephoneNumber(saved.length, index, s.userid),
      devices: [...s.devices],
      pushEnabled: s.pushEnabled ?? cur?.pushEnabled ?? false,
      hybrid: s.hybrid ?? cur?.hybrid ?? false,
      homeNode: home(s.homeNode),
      loggedIn: cur && cur.devices.length === s.devices.length ? cur.loggedIn : 0,
    };
  });
  const after = new Set(next.map((u) => u.userid.toLowerCase()));
  const added = [...after].filter((u) => !before.has(u)).length;
  const removed = [...before].filter((u) => !after.has(u)).length;
  list.splice(0, list.length, ...next);
  return `Unified CM database restored: ${next.length} end users (${added} restored, ${removed} removed)`;
}
