import type { SimProfile } from '../../profile/profileSchema.js';
import { hashString, type SeededRandom } from '../../random/seededRandom.js';
import type { SimNode } from '../node/simNode.js';
import { loggedInCount, type SimUser, type UserDirectory } from '../users/userDirectory.js';

/** How the session engine sees where users are served. */
export interface HostingView {
  /** The node currently serving the users homed on `home` (itself unless failed over). */
  hostOf(home: string): string;
  /** Virtual time of the last change of `home`'s host, for the re-login window. */
  hostChangedAtMs(home: string): number;
  /** Whether the pair of `node` runs with HA (dual connections, guide L2311-2364). */
  haEnabled(node: string): boolean;
  /** The other node of `node`'s presence redundancy group, if any. */
  peerOf(node: string): string | undefined;
  /** While SRM moves `home`'s users: the receiving node and the share of them whose sessions it re-created. */
  arriving?(home: string, nowMs: number): { readonly to: string; readonly share: number } | undefined;
}

/** Share of the peak logged in at a given UTC hour: an office-hours curve. */
export function diurnalFactor(ms: number): number {
  const h = new Date(ms).getUTCHours() + new Date(ms).getUTCMinutes() / 60;
  const day = Math.exp(-((h - 13) ** 2) / (2 * 3.5 ** 2));
  return 0.15 + 0.85 * day;
}

/** Presence Engine JSM session recreation rate after a restart, sessions per second (ours; guide L9968 says up to 15 minutes). */
const JSM_RECREATE_PER_SEC = 20;
/** Devices per user at most (userDirectory.ts draws one to three). */
const MAX_DEVICES = 3;

/** One device session a node counts: the user, the device's index in `user.devices`, its login time. */
export interface CountedSession {
  readonly user: SimUser;
  readonly device: number;
  readonly loginAtMs: number;
}

/** Mean seconds a device stays logged in before logging out at the peak (ours). */
const MEAN_SESSION_SEC = 4 * 3600;

/**
 * Moves users in and out of sessions every tick: devices log in towards the diurnal target when their host
 * node can serve them (XCP Router and Connection Manager running), everyone drops when it cannot, and after a
 * host change users come back within the client re-login window (SRM lower/upper limits, guide L2164-2167).
 * Then it recomputes every node's session figures, including the dual-connection cross-over.
 */
export class SessionEngine {
  /** When set, every user logs out now and logs back in within this many seconds (a login storm). */
  #stormUntilMs = 0;
  #stormStartMs = 0;
  /** Multiplier on JSM sessions per node (a runaway-client fault). */
  readonly inflation = new Map<string, number>();
  /**
   * Per node, the devices counted in its `Cisco XCP JSM\JsmClientSessionsActive` at the last refresh, as
   * `userIndex * 8 + loginMask` (indices, not objects): what `run pe sql ttlogin … clientsessions` lists
   * (reports-design.md, serviceability-reference D.4).
   */
  readonly #counted = new Map<string, number[]>();
  /** Virtual time each user's device logged in, at `userIndex * MAX_DEVICES + device` (NaN = unknown). */
  #loginAtMs = new Float64Array(0);

  constructor(
    private readonly profile: SimProfile,
    private readonly users: UserDirectory,
    private readonly nodes: ReadonlyMap<string, SimNode>,
    private readonly hosting: HostingView,
    private readonly rng: SeededRandom,
  ) {}

  /** Starts a login storm: every user logs out and logs back in over `windowSec`. */
  loginStorm(nowMs: number, windowSec: number): void {
    // The counted sessions stay as the last refresh saw them (the counter too) until the next step.
    for (const u of this.users.users) u.loggedIn = 0;
    this.#stormStartMs = nowMs;
    this.#stormUntilMs = nowMs + windowSec * 1000;
  }

  /** Advances sessions by `dtSec` and refreshes every node's figures. */
  step(nowMs: number, dtSec: number): void {
    const target = this.profile.users.peakLoginRatio * diurnalFactor(nowMs);
    const lower = this.profile.srm.clientReLoginLowerLimitSec * 1000;
    const upper = Math.max(lower + 1000, this.profile.srm.clientReLoginUpperLimitSec * 1000);
    const pOut = Math.min(1, dtSec / MEAN_SESSION_SEC);
    const pIn = target >= 1 ? 1 : Math.min(1, (pOut * target) / (1 - target));
    const logins = new Map<string, number>();
    const canServe = new Map<string, boolean>();
    for (const [name, node] of this.nodes) canServe.set(name, node.power === 'on' && !node.isolated && node.services.isRunning('Cisco XCP Router') && node.services.isRunning('Cisco XCP Connection Manager'));
    const served = (u: SimUser): string | undefined => this.#servedBy(u, nowMs, canServe, lower, upper);
    for (const u of this.users.users) {
      const host = served(u);
      // Unserved clients keep retrying: their devices come back when the host serves them again.
      if (host === undefined) continue;
      const inStorm = nowMs < this.#stormUntilMs;
      for (let d = 0; d < u.devices.length; d++) {
        const bit = 1 << d;
        if (u.loggedIn & bit) {
          if (this.rng.chance(pOut)) u.loggedIn &= ~bit;
        } else if (inStorm) {
          const due = this.#stormStartMs + (hashString(`${u.userid}:${d}`) % (this.#stormUntilMs - this.#stormStartMs));
          if (nowMs >= due && this.rng.chance(target)) {
            u.loggedIn |= bit;
            this.#markLogin(u, d, nowMs, dtSec);
            logins.set(host, (logins.get(host) ?? 0) + 1);
          }
        } else if (this.rng.chance(d === 0 ? pIn : pIn * 0.6)) {
          u.loggedIn |= bit;
          this.#markLogin(u, d, nowMs, dtSec);
          logins.set(host, (logins.get(host) ?? 0) + 1);
        }
      }
    }
    this.#refresh(dtSec, logins, served, nowMs);
  }

  /**
   * The devices `node` counted in JsmClientSessionsActive at the last refresh, with when each logged in (virtual
   * ms). Rows and counter agree while the clock does not move (and the node has no session inflation).
   */
  countedSessions(node: string): CountedSession[] {
    const list = this.#counted.get(node) ?? [];
    const out: CountedSession[] = [];
    for (const code of list) {
      const user = this.users.users[Math.floor(code / 8)];
      if (!user) continue;
      for (let d = 0; d < user.devices.length; d++) {
        if (code & (1 << d)) out.push({ user, device: d, loginAtMs: this.#loginAtMs[user.index * MAX_DEVICES + d] ?? Number.NaN });
      }
    }
    return out;
  }

  /**
   * Spreads the login times of every logged-in device over the `spanMs` before `nowMs` (hashed per device):
   * the warm-up establishes hours of churn at one instant, so its logins get plausible earlier times.
   */
  spreadLoginTimes(nowMs: number, spanMs: number): void {
    this.#ensureLoginTimes();
    for (const u of this.users.users) {
      for (let d = 0; d < u.devices.length; d++) {
        if (u.loggedIn & (1 << d)) this.#loginAtMs[u.index * MAX_DEVICES + d] = nowMs - 1000 * Math.floor((hashString(`${u.userid}:login:${d}`) % spanMs) / 1000);
      }
    }
  }

  #ensureLoginTimes(): void {
    const need = this.users.users.length * MAX_DEVICES;
    if (this.#loginAtMs.length >= need) return;
    const next = new Float64Array(need).fill(Number.NaN);
    next.set(this.#loginAtMs);
    this.#loginAtMs = next;
  }

  /** Records when a device logged in: some second within the step that just ran (hashed, no random draw). */
  #markLogin(u: SimUser, d: number, nowMs: number, dtSec: number): void {
    this.#ensureLoginTimes();
    const back = dtSec >= 1 ? hashString(`${u.userid}:${d}:${nowMs}`) % Math.floor(dtSec) : 0;
    this.#loginAtMs[u.index * MAX_DEVICES + d] = nowMs - back * 1000;
  }

  /**
   * The node that serves a user now, or undefined while nobody can: the host must run XCP Router and
   * Connection Manager, and after a host change the client re-logs in within the SRM client re-login window —
   * except when moving to the HA peer, where the client activates its inactive dual connection at once
   * (guide L2311-2364).
   */
  #servedBy(u: SimUser, nowMs: number, canServe: ReadonlyMap<string, boolean>, lower: number, upper: number): string | undefined {
    if (!u.homeNode) return undefined;
    const host = this.hosting.hostOf(u.homeNode);
    if (!canServe.get(host)) return undefined;
    const dual = host !== u.homeNode && this.hosting.haEnabled(u.homeNode);
    if (!dual) {
      const offset = lower + (hashString(u.userid) % (upper - lower));
      if (nowMs < this.hosting.hostChangedAtMs(u.homeNode) + offset) return undefined;
    }
    return host;
  }

  #refresh(dtSec: number, logins: ReadonlyMap<string, number>, served: (u: SimUser) => string | undefined, nowMs: number): void {
    const stats = new Map<string, { hosted: number; active: number; inactive: number; phantom: number; hybrid: number; mdm: number }>();
    for (const name of this.nodes.keys()) stats.set(name, { hosted: 0, active: 0, inactive: 0, phantom: 0, hybrid: 0, mdm: 0 });
    const mdmOn = this.profile.features.multipleDeviceMessaging;
    const homed = new Map<string, number>();
    const counted = new Map<string, number[]>();
    for (const name of this.nodes.keys()) counted.set(name, []);
    for (const u of this.users.users) {
      if (!u.homeNode) continue;
      homed.set(u.homeNode, (homed.get(u.homeNode) ?? 0) + 1);
      const host = this.hosting.hostOf(u.homeNode);
      const s = stats.get(host);
      if (!s) continue;
      s.hosted++;
      if (u.pushEnabled) s.phantom++;
      if (u.hybrid) s.hybrid++;
      const n = served(u) === host ? loggedInCount(u.loggedIn) : 0;
      s.active += n;
      if (n > 0) counted.get(host)!.push(u.index * 8 + (u.loggedIn & 7));
      if (mdmOn && n >= 2) s.mdm++;
      // Dual connections: a logged-in user served by its home node keeps an inactive connection on the peer.
      const peer = this.hosting.peerOf(u.homeNode);
      if (n > 0 && peer && host === u.homeNode && this.hosting.haEnabled(u.homeNode)) {
        const ps = stats.get(peer);
        const peerNode = this.nodes.get(peer);
        if (ps && peerNode && peerNode.power === 'on' && !peerNode.isolated && peerNode.services.isRunning('Cisco XCP Router')) ps.inactive++;
      }
    }
    // Users SRM is moving: the receiving node holds the sessions it re-created so far, the node they leave the rest.
    const moving = new Map<string, number>();
    for (const [home, count] of homed) {
      const a = this.hosting.arriving?.(home, nowMs);
      if (!a) continue;
      const n = Math.floor(count * a.share);
      moving.set(a.to, (moving.get(a.to) ?? 0) + n);
      const from = this.hosting.hostOf(home);
      if (from !== a.to) moving.set(from, (moving.get(from) ?? 0) - n);
    }
    for (const [name, list] of counted) this.#counted.set(name, list);
    for (const [name, node] of this.nodes) {
      const s = stats.get(name)!;
      const x = this.inflation.get(name) ?? 1;
      const ses = node.sessions;
      ses.hostedUsers = s.hosted;
      const peRunning = node.services.isRunning('Cisco Presence Engine');
      const jsmTarget = peRunning ? Math.max(0, s.hosted + (moving.get(name) ?? 0)) : 0;
      ses.activeJsmSessions = jsmTarget <= ses.activeJsmSessions ? jsmTarget : Math.min(jsmTarget, ses.activeJsmSessions + JSM_RECREATE_PER_SEC * dtSec);
      ses.clientSessionsActive = Math.round(s.active * x);
      ses.clientSessionsInactive = s.inactive;
      ses.phantomSessions = s.phantom;
      ses.hybridSessions = s.hybrid;
      ses.mdmSessions = s.mdm;
      ses.xmppClients = Math.round(s.active * x);
      ses.webClients = Math.round(s.active * 0.02);
      ses.loginRate = (logins.get(name) ?? 0) / Math.max(dtSec, 1);
    }
  }
}
