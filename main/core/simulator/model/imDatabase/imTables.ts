import { hashString } from '../../random/seededRandom.js';
import type { ClusterModel } from '../clusterModel.js';
import type { SimNode } from '../node/simNode.js';
import type { SimUser } from '../users/userDirectory.js';
import type { SqlRow, SqlTableSource } from './sqlEngine.js';

// The database tables `run sql` reads, as views of the cluster model built when a statement reads them
// (designed: no real sample; reports-design.md "run sql"). Column names the guide uses: enduser.primarynodeid,
// enduser.xcp_user_id, rosters.user_id (guide L9176); enterprisesubcluster holds the presence redundancy groups
// (serviceability-reference D.4). Every other column is designed.

/** A stable lower-case UUID from a label (Cisco's pkids are UUIDs). */
export function uuidFrom(label: string): string {
  const hex = [0, 1, 2, 3].map((i) => hashString(`${label}#${i}`).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16]!, 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const FIRST_NAMES = ['Alex', 'Ana', 'Ben', 'Chen', 'Dana', 'Elif', 'Femi', 'Grace', 'Hiro', 'Ines', 'Jon', 'Kai', 'Lena', 'Mei', 'Nora', 'Omar', 'Priya', 'Rafa', 'Sara', 'Tom', 'Uma', 'Wei', 'Yara', 'Zoe'];
const LAST_NAMES = ['Adams', 'Baker', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Kim', 'Li', 'Moreau', 'Novak', 'Okafor', 'Patel', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Wang', 'Young', 'Zhang'];

/** A user's first and last name (seeded by the user ID). */
export function userNames(u: SimUser): { first: string; last: string } {
  const h = hashString(`name:${u.userid}`);
  return { first: FIRST_NAMES[h % FIRST_NAMES.length]!, last: LAST_NAMES[Math.floor(h / 64) % LAST_NAMES.length]! };
}

/** enduser.xcp_user_id: the key rosters refer to (guide L9176). */
export function xcpUserId(u: SimUser): string {
  return uuidFrom(`xcp:${u.userid}`);
}

/** The Jabber device name prefixes Cisco uses, per device kind (CSF desktop, TCT iPhone, TAB iPad, BOT Android). */
const DEVICE_PREFIX = { Desktop: 'CSF', iPhone: 'TCT', iPad: 'TAB', Android: 'BOT' } as const;
/** typemodel enums of those devices (Cisco Unified Client Services Framework 503, Dual Mode for iPhone 562, Jabber for Tablet 652, Dual Mode for Android 575). */
const DEVICE_MODEL = { Desktop: '503', iPhone: '562', iPad: '652', Android: '575' } as const;

/** Contacts per user in `rosters`: 0-60 seeded by the user ID (designed). */
export function rosterSize(u: SimUser, userCount: number): number {
  return userCount < 2 ? 0 : Math.min(userCount - 1, hashString(`roster:${u.userid}`) % 61);
}

function table(columns: readonly string[], rows: () => Iterable<SqlRow>, extra: Partial<SqlTableSource> = {}): SqlTableSource {
  return { columns, rows, ...extra };
}

/**
 * The CUCM enterprise parameter "User Assignment Mode for Presence Server" (guide L2200-2214: Balanced makes a
 * presence redundancy group with HA active/active, which halves the JSM session figure, L7000-7013). DESIGNED: its
 * internal name in processconfig and the stored values (Balanced, ActiveStandby, None) have no Cisco sample here.
 */
export const USER_ASSIGNMENT_MODE_PARAM = 'UserAssignmentMode';
const USER_ASSIGNMENT_MODE_VALUE = { balanced: 'Balanced', 'active-standby': 'ActiveStandby', none: 'None' } as const;

/**
 * The tables of `run sql` on a node: IM&P nodes share one replicated database (enduser, enterprisenode,
 * enterprisesubcluster, rosters); the CUCM publisher has enduser (no primarynodeid), device and processconfig.
 */
export function databaseTables(model: ClusterModel, node: SimNode): Map<string, SqlTableSource> {
  const users = model.users.users;
  const cluster = model.profile.name;
  const nodePkids = new Map<string, string>();
  const nodePkid = (name: string): string => {
    let id = nodePkids.get(name);
    if (id === undefined) nodePkids.set(name, (id = uuidFrom(`enterprisenode:${cluster}:${name}`)));
    return id;
  };
  const groupPkid = (name: string): string => uuidFrom(`enterprisesubcluster:${cluster}:${name}`);
  const enduserPkid = (u: SimUser): string => uuidFrom(`enduser:${cluster}:${u.userid}`);
  const imp = !node.isCucm;
  const enduserRow = (u: SimUser): SqlRow => {
    const n = userNames(u);
    return [enduserPkid(u), u.userid, n.first, n.last, u.mailId, u.uri, u.telephoneNumber, imp && u.homeNode ? nodePkid(u.homeNode) : null, xcpUserId(u)];
  };
  const tables = new Map<string, SqlTableSource>();
  tables.set(
    'enduser',
    table(['pkid', 'userid', 'firstname', 'lastname', 'mailid', 'directoryuri', 'telephonenumber', 'primarynodeid', 'xcp_user_id'], function* () {
      for (const u of users) yield enduserRow(u);
    }, {
      count: () => users.length,
      rowsWhereEquals: (column, value) => {
        if (column !== 'userid') return undefined;
        const u = users.find((x) => x.userid === value);
        return u ? [enduserRow(u)] : [];
      },
    }),
  );
  if (node.isCucm) {
    tables.set(
      'device',
      table(['pkid', 'name', 'description', 'tkclass', 'tkmodel', 'fkenduser'], function* () {
        for (const u of users) {
          const n = userNames(u);
          for (const kind of u.devices) {
            const name = `${DEVICE_PREFIX[kind]}${u.userid.toUpperCase()}`;
            yield [uuidFrom(`device:${cluster}:${name}`), name, `${n.first} ${n.last} Jabber ${kind}`, '1', DEVICE_MODEL[kind], enduserPkid(u)];
          }
        }
      }, { count: () => users.reduce((s, u) => s + u.devices.length, 0) }),
    );
    // Enterprise parameters (designed subset: the one the monitor reads; tkservice 0 = enterprise-wide, designed).
    tables.set(
      'processconfig',
      table(['pkid', 'tkservice', 'paramname', 'paramvalue'], function* () {
        yield [uuidFrom(`processconfig:${cluster}:${USER_ASSIGNMENT_MODE_PARAM}`), '0', USER_ASSIGNMENT_MODE_PARAM, USER_ASSIGNMENT_MODE_VALUE[model.profile.userAssignmentMode]];
      }),
    );
    return tables;
  }
  const groupOf = new Map<string, string>();
  for (const g of model.hosting.groups) for (const n of g.nodes) groupOf.set(n, g.name);
  tables.set(
    'enterprisenode',
    table(['pkid', 'name', 'subclusterid'], function* () {
      for (const n of model.impNodes()) {
        const g = groupOf.get(n.name);
        yield [nodePkid(n.name), n.name, g ? groupPkid(g) : null];
      }
    }),
  );
  tables.set(
    'enterprisesubcluster',
    table(['pkid', 'name', 'description', 'enablehighavailability'], function* () {
      for (const g of model.hosting.groups) yield [groupPkid(g.name), g.name, `Presence redundancy group ${g.name}`, g.haEnabled ? 't' : 'f'];
    }),
  );
  const contactsOf = function* (u: SimUser): Generator<SqlRow> {
    const size = rosterSize(u, users.length);
    const base = hashString(`roster-base:${u.userid}`) % users.length;
    const owner = xcpUserId(u);
    let k = 0;
    for (let step = 0; k < size; step++) {
      const contact = users[(base + step) % users.length]!;
      if (contact === u) continue;
      const h = hashString(`${u.userid}>${contact.userid}`);
      yield [uuidFrom(`roster:${cluster}:${u.userid}:${k}`), owner, contact.uri, h % 10 === 0 ? '1' : h % 10 === 1 ? '2' : '3'];
      k++;
    }
  };
  tables.set(
    'rosters',
    table(['pkid', 'user_id', 'contact_jid', 'state'], function* () {
      for (const u of users) yield* contactsOf(u);
    }, {
      // 15k users × 30 contacts: counted from the seeded sizes, never built (reports-design.md).
      count: () => users.reduce((s, u) => s + rosterSize(u, users.length), 0),
      rowsWhereEquals: (column, value) => {
        if (column !== 'user_id') return undefined;
        const u = users.find((x) => xcpUserId(x) === value);
        return u ? contactsOf(u) : [];
      },
    }),
  );
  return tables;
}
