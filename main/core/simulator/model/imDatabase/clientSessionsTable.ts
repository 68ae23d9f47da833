import { hashString } from '../../random/seededRandom.js';
import type { ClusterModel } from '../clusterModel.js';
import type { SimNode } from '../node/simNode.js';
import type { SqlRow, SqlTableSource } from './sqlEngine.js';

// `run pe sql ttlogin select … from clientsessions` (serviceability-reference D.4: the community scripts run it to
// see "the Jabber versions being used"). The columns are designed: no real sample (reports-design.md).

/** Jabber builds per device kind the simulated clients report (designed, plausible 14.x builds). */
const CLIENT_VERSIONS = {
  Desktop: ['14.3.0.58123', '14.2.1.57983', '14.1.5.57624'],
  iPhone: ['14.3.1.305217', '14.2.0.304968'],
  iPad: ['14.3.1.305217', '14.2.0.304968'],
  Android: ['14.3.2.305402', '14.2.1.305011'],
} as const;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM:SS` in UTC. */
export function sqlDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * The `ttlogin` datastore of an IM&P node: one table, `clientsessions`, with exactly the device sessions the node
 * counted in `Cisco XCP JSM\JsmClientSessionsActive` at the session engine's last refresh.
 */
export function ttloginTables(model: ClusterModel, node: SimNode): Map<string, SqlTableSource> {
  const columns = ['userid', 'resource', 'devicetype', 'clientversion', 'logintime'] as const;
  const rows = (): SqlRow[] =>
    model.sessions.countedSessions(node.name).map(({ user, device, loginAtMs }) => {
      const kind = user.devices[device]!;
      const h = hashString(`${user.userid}:${device}`);
      const versions = CLIENT_VERSIONS[kind];
      // A login time the engine did not record (none normally): some second in the 6 hours before now.
      const at = Number.isFinite(loginAtMs) ? loginAtMs : model.now() - (h % 21_600) * 1000;
      return [user.userid, `jabber_${1000 + (h % 9000)}`, kind, versions[h % versions.length]!, sqlDateTime(at)];
    });
  return new Map([['clientsessions', { columns, rows }]]);
}
