/**
 * Safe to enable HA / restart check (guide L1437-1462, L2174-2198, L9942-9968) as a checklist a person regenerates
 * every 15-30 s during a maintenance window (the UI's Watch). Per IM&P node: every activated service Started (L1443:
 * all services must run before HA is enabled), database replication setup state 2 (L2179), ActiveJsmSessions equal
 * to the users assigned (L1455, L9958), and the time since Cisco XCP Router / Cisco Presence Engine last started
 * against 15 minutes (sessions should be back, L9958) and 30 minutes (restart Presence Engine, L9964); per group: HA
 * enabled (`utils ha status` and enterprisesubcluster.enablehighavailability) and the two-minute wait after HA was
 * turned on or off (L9952, L1244; haChangeWatch.ts). It costs at most 2 SOAP requests per node and run (the service
 * list, free when the collector's is under a minute old, and one Perfmon object); the rest is admin CLI.
 */
import type { ChecklistState, HaReadinessGroupRow, HaReadinessItem, HaReadinessNodeRow, HaReadinessReport } from '../../../shared/model/reports.js';
import { AppError } from '../base/errors.js';
import type { ControlCenterServiceInfo } from '../polling/soap/controlCenterClient.js';
import { isNoAnswer } from '../polling/pollError.js';
import { dbReplicationRuntimeState } from '../polling/ssh/reportCommands.js';
import { cliRun, groupOf, impNodesInOrder, problemOf, readClusterLayout } from './clusterLayout.js';
import { HA_TOGGLE_WAIT_MS, haChangedAt, haEnabledInStatus } from './haChangeWatch.js';
import type { ReportGenerator } from './reportContext.js';
import { readCounter } from './sessionReport.js';
import { eachNode } from './eachNode.js';
import { ACTIVE_JSM_SESSIONS, PRESENCE_ENGINE_OBJECT } from './topologyReport.js';

/** Sessions should be recreated within 15 minutes of a restart (L9958); after 30, restart Presence Engine (L9964). */
export const SESSIONS_BACK_MINUTES = 15;
export const RESTART_ENGINE_MINUTES = 30;
/** The services whose restart drops the JSM sessions (L9953-9956). */
export const SESSION_SERVICES = ['Cisco XCP Router', 'Cisco Presence Engine'] as const;

/** act before wait before unknown before ok. */
export function worst(states: readonly ChecklistState[]): ChecklistState {
  for (const s of ['act', 'wait', 'unknown'] as const) if (states.includes(s)) return s;
  return 'ok';
}

function servicesItem(services: readonly ControlCenterServiceInfo[] | undefined): HaReadinessItem {
  if (!services) return { check: 'services-running', state: 'unknown', values: {} };
  const activated = services.filter((s) => !/not activated/i.test(s.reasonString));
  const notStarted = activated.filter((s) => s.status !== 'Started');
  const starting = notStarted.filter((s) => s.status === 'Starting');
  const state: ChecklistState = notStarted.length === 0 ? 'ok' : starting.length === notStarted.length ? 'wait' : 'act';
  return { check: 'services-running', state, values: { activated: activated.length, notStarted: notStarted.length, services: notStarted.map((s) => s.name).join(', ') } };
}

function replicationItem(state: number | undefined): HaReadinessItem {
  if (state === undefined) return { check: 'replication', state: 'unknown', values: {} };
  return { check: 'replication', state: state === 2 ? 'ok' : state === 0 ? 'wait' : 'act', values: { setupState: state } };
}

/**
 * The node's "sessions recreated" and "restart age" items (L9958-9964): sessions ok when ActiveJsmSessions equals
 * the users assigned; fewer than assigned is a wait until 30 minutes after XCP Router / Presence Engine started, then
 * "act" (restart Presence Engine); more than assigned (the node carries its failed-over peer's users) is a wait. The
 * restart age acts only when sessions are short, and is unknown when the sessions could not be read — a node up for
 * days whose counter could not be read is never told to restart its Presence Engine.
 */
export function sessionItems(assigned: number | undefined, active: number | undefined, minutes: number | undefined): [HaReadinessItem, HaReadinessItem] {
  if (assigned === undefined || active === undefined) {
    return [
      { check: 'sessions-recreated', state: 'unknown', values: { ...(assigned !== undefined ? { assigned } : {}), ...(active !== undefined ? { active } : {}) } },
      { check: 'restart-age', state: 'unknown', values: minutes === undefined ? {} : { minutes, sessionsBackMinutes: SESSIONS_BACK_MINUTES, restartEngineMinutes: RESTART_ENGINE_MINUTES } },
    ];
  }
  const short = active < assigned;
  const late = minutes !== undefined && minutes >= RESTART_ENGINE_MINUTES;
  const sessions: HaReadinessItem = { check: 'sessions-recreated', state: active === assigned ? 'ok' : short && late ? 'act' : 'wait', values: { assigned, active } };
  const age: HaReadinessItem =
    minutes === undefined
      ? { check: 'restart-age', state: 'unknown', values: {} }
      : { check: 'restart-age', state: !short ? 'ok' : late ? 'act' : 'wait', values: { minutes, sessionsBackMinutes: SESSIONS_BACK_MINUTES, restartEngineMinutes: RESTART_ENGINE_MINUTES } };
  return [sessions, age];
}

export const haReadinessReport: ReportGenerator<HaReadinessReport> = async (ctx) => {
  const groups: HaReadinessGroupRow[] = [];
  const nodes: HaReadinessNodeRow[] = [];
  let answered = 0;
  for (const access of ctx.clusters) {
    ctx.signal.throwIfAborted();
    const layout = await readClusterLayout(ctx, access);
    const impNodes = impNodesInOrder(access);
    ctx.plan(2 + impNodes.length * 2);
    ctx.step(`${access.cluster}: utils ha status`);
    const ha = await access.haGroups();
    if (!ha.ok) ctx.problem(problemOf(access.cluster, 'utils ha status', ha.error));
    const haList = ha.ok ? ha.value : [];
    ctx.step(`${access.cluster}: utils dbreplication runtimestate`);
    const replication = new Map<string, number>();
    // One node lists every server's state (reference D.3): the first IM&P node that answers, the publisher first.
    let replicationError: { error: unknown; node: string } | undefined;
    for (const n of impNodes) {
      const r = await dbReplicationRuntimeState(cliRun(access, n.name));
      if (r.ok) {
        for (const s of r.value.servers) if (s.setupState !== undefined) replication.set(s.name, s.setupState);
        replicationError = undefined;
        break;
      }
      replicationError = { error: r.error, node: n.name };
      if (!isNoAnswer(r.error.code)) break;
    }
    if (replicationError) ctx.problem(problemOf(access.cluster, 'utils dbreplication runtimestate', replicationError.error, replicationError.node));
    // The nodes are asked together (eachNode.ts): a node that does not answer costs one timeout, not one each.
    const clusterRows: HaReadinessNodeRow[] = await eachNode([...impNodes].sort((a, b) => a.name.localeCompare(b.name)), async (n) => {
      ctx.signal.throwIfAborted();
      const group = groupOf(n.name, layout, haList);
      ctx.step(`${access.cluster}/${n.name}: services`);
      const services = await access.services(n.name);
      if (!services.ok) ctx.problem(problemOf(access.cluster, 'ControlCenter soapGetServiceStatus', services.error, n.name));
      ctx.step(`${access.cluster}/${n.name}: ${PRESENCE_ENGINE_OBJECT}\\${ACTIVE_JSM_SESSIONS}`);
      const active = await readCounter(access, n.name, PRESENCE_ENGINE_OBJECT, ACTIVE_JSM_SESSIONS);
      if (!active.ok) ctx.problem(problemOf(access.cluster, `${PRESENCE_ENGINE_OBJECT}\\${ACTIVE_JSM_SESSIONS}`, active.error, n.name));
      if (services.ok || active.ok) answered++;
      const assigned = layout?.nodes.find((x) => x.name === n.name)?.assignedUsers;
      const uptimes = services.ok ? services.value.filter((s) => (SESSION_SERVICES as readonly string[]).includes(s.name) && s.status === 'Started' && s.upTimeSeconds >= 0).map((s) => s.upTimeSeconds) : [];
      const lastRestartMs = uptimes.length > 0 ? ctx.nowMs - Math.min(...uptimes) * 1000 : undefined;
      const minutes = lastRestartMs === undefined ? undefined : Math.floor((ctx.nowMs - lastRestartMs) / 60_000);
      const [sessions, age] = sessionItems(assigned, active.ok ? active.value : undefined, minutes);
      const items: HaReadinessItem[] = [servicesItem(services.ok ? services.value : undefined), replicationItem(replication.get(n.name)), sessions, age];
      const changed = haChangedAt(access, group);
      if (changed !== undefined) {
        const waited = Math.floor((ctx.nowMs - changed) / 1000);
        items.push({ check: 'ha-toggle-wait', state: ctx.nowMs - changed >= HA_TOGGLE_WAIT_MS ? 'ok' : 'wait', values: { seconds: waited, waitSeconds: HA_TOGGLE_WAIT_MS / 1000 } });
      }
      return {
        cluster: access.cluster,
        group,
        node: n.name,
        ...(assigned !== undefined ? { assignedUsers: assigned } : {}),
        ...(active.ok ? { activeJsmSessions: active.value } : {}),
        ...(lastRestartMs !== undefined ? { lastRestartMs } : {}),
        items,
        verdict: worst(items.map((i) => i.state)),
      };
    });
    nodes.push(...clusterRows);
    const names = new Set<string>([...(layout?.groups.map((g) => g.name) ?? []), ...haList.map((g) => g.name)].filter((g) => g !== ''));
    for (const g of [...names].sort()) {
      const status = haList.find((x) => x.name === g);
      const configured = layout?.groups.find((x) => x.name === g)?.haEnabled;
      const haEnabled = status && status.nodes.length > 0 ? haEnabledInStatus(status) : configured;
      const changed = haChangedAt(access, g);
      const members = clusterRows.filter((r) => r.group === g);
      const toggle: ChecklistState = changed !== undefined && ctx.nowMs - changed < HA_TOGGLE_WAIT_MS ? 'wait' : 'ok';
      groups.push({
        cluster: access.cluster,
        group: g,
        ...(haEnabled !== undefined ? { haEnabled } : {}),
        ...(changed !== undefined ? { haChangedAtMs: changed } : {}),
        verdict: members.length === 0 ? 'unknown' : worst([...members.map((m) => m.verdict), toggle]),
      });
    }
  }
  if (answered === 0) throw new AppError('POLL_CONNECT', 'no IM and Presence node answered (services, ActiveJsmSessions)', { retryable: true });
  return { kind: 'ha-readiness', groups, nodes };
};
