import { hashString, type SeededRandom } from '../../random/seededRandom.js';
import type { DeviceKind, SimProfile } from '../../profile/profileSchema.js';

/** One end user of the cluster. */
export interface SimUser {
  readonly index: number;
  readonly userid: string;
  /** Directory URI (IM address), userid@domain by default. */
  readonly uri: string;
  /**
   * Mail ID (`enduser.mailid`), `<userid>@<domain>` by default; null when none. Scenarios remove or change it
   * (`setMailId`) for the users report (designed: the guide names the field only in the user pages, L8448-8580).
   */
  mailId: string | null;
  /** Primary extension (`enduser.telephonenumber`), null for the users without one (about one in eight; seeded). */
  readonly telephoneNumber: string | null;
  /** Devices, one to three; Android reports as Desktop in the session report (guide L7019-7045). */
  readonly devices: readonly DeviceKind[];
  readonly pushEnabled: boolean;
  readonly hybrid: boolean;
  /** The IM&P node the Sync Agent assigned the user to, or undefined with assignment mode None. */
  homeNode: string | undefined;
  /** Bit i set = device i currently logged in. */
  loggedIn: number;
}

/** Users assigned to nodes of presence redundancy groups (guide L2200-2214). */
export interface AssignmentGroup {
  readonly nodes: readonly string[];
}

/**
 * The cluster's users: generated from the profile with a seeded generator, assigned to IM&P nodes by the
 * User Assignment Mode (Balanced spreads users evenly over groups and over the nodes of each group;
 * Active-Standby puts a group's users on its first node; None leaves them unassigned).
 */
export class UserDirectory {
  readonly users: SimUser[] = [];

  constructor(profile: SimProfile, groups: readonly AssignmentGroup[], rng: SeededRandom) {
    const { count, deviceMix, pushEnabledRatio, hybridRatio, idPrefix } = profile.users;
    const width = Math.max(4, String(count).length);
    for (let i = 0; i < count; i++) {
      const devices: DeviceKind[] = [];
      for (const kind of ['Desktop', 'iPhone', 'iPad', 'Android'] as const) {
        if (devices.length < 3 && rng.chance(Math.min(1, deviceMix[kind]))) devices.push(kind);
      }
      if (devices.length === 0) devices.push('Desktop');
      const userid = `${idPrefix}${String(i + 1).padStart(width, '0')}`;
      this.users.push({
        index: i,
        userid,
        uri: `${userid}@${profile.domain}`,
        mailId: defaultMailId(userid, profile.domain),
        telephoneNumber: seededTelephoneNumber(profile.users.count, i, userid),
        devices,
        pushEnabled: devices.some((d) => d === 'iPhone' || d === 'iPad') && rng.chance(pushEnabledRatio),
        hybrid: rng.chance(hybridRatio),
        homeNode: undefined,
        loggedIn: 0,
      });
    }
    this.assign(profile.userAssignmentMode, groups);
  }

  /** (Re)assigns every user by the mode. */
  assign(mode: SimProfile['userAssignmentMode'], groups: readonly AssignmentGroup[]): void {
    if (mode === 'none' || groups.length === 0) {
      for (const u of this.users) u.homeNode = undefined;
      return;
    }
    this.users.forEach((u, i) => {
      const group = groups[i % groups.length]!;
      const within = Math.floor(i / groups.length);
      u.homeNode = mode === 'active-standby' ? group.nodes[0] : group.nodes[within % group.nodes.length];
    });
  }

  /** Users whose home is `node`. */
  homedOn(node: string): SimUser[] {
    return this.users.filter((u) => u.homeNode === node);
  }

  /** Finds a user by userid (case-insensitive). */
  find(userid: string): SimUser | undefined {
    const wanted = userid.toLowerCase();
    return this.users.find((u) => u.userid.toLowerCase() === wanted);
  }
}

/** The mail ID every user starts with: `<userid>@<domain>` (reports-design.md, "Mail IDs"). */
export function defaultMailId(userid: string, domain: string): string {
  return `${userid}@${domain}`;
}

/**
 * A user's primary extension, or null: seven in eight users have one (ours), an E.164 number in the North
 * American fictional 555-01xx style block widened to the user count: +1 919 55x xxxx. Depends only on the user,
 * not on the random stream, so adding it changed no other generated value.
 */
export function seededTelephoneNumber(count: number, index: number, userid: string): string | null {
  if (hashString(`tel:${userid}`) % 8 === 0) return null;
  const width = Math.max(4, String(count).length);
  return `+1919555${String(index + 1).padStart(width, '0')}`;
}

/** Number of set bits in a device login mask. */
export function loggedInCount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}
