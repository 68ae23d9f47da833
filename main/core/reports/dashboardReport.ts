/**
 * System Dashboard (guide L908-910, L11265-11268: users, devices, contacts, Sync Agent status, the CUCM publisher),
 * one card per cluster: users and assigned users (the layout), devices (`select count(*) from device` on the CUCM
 * publisher), contacts (`select count(*) from rosters`), primary extensions (`select count(*) from enduser where
 * telephonenumber is not null`), the CUCM publisher's name and address, Cisco Sync Agent (its service on the IM&P
 * database publisher and `utils diagnose module sync_agent`, reference D.9; module designed) and each node's
 * reachability (the monitor's; a node nothing else asked in this run and no poll has seen gets one admin CLI
 * login). What could not be read is listed with why, never shown as zero.
 */
import type { DashboardCluster, DashboardReport } from '../../../shared/model/reports.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import { diagnoseModule, runSql } from '../polling/ssh/reportCommands.js';
import { cliRun, countOf, impNodesInOrder, problemOf, readClusterLayout, sqlOnImpDatabase } from './clusterLayout.js';
import type { ReportGenerator } from './reportContext.js';
import { eachNode } from './eachNode.js';

export const SYNC_AGENT = 'Cisco Sync Agent';
/** How long the reachability probe of a node the dashboard did not otherwise ask may take (ours). */
export const REACHABILITY_PROBE_TIMEOUT_MS = 30_000;

/** `last sync 2026-12-06 10:00:00 UTC` in the diagnose detail (designed layout), as ms. */
export function lastSyncMs(detail: string): number | undefined {
  const m = /last sync (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC/i.exec(detail);
  if (!m) return undefined;
  const t = Date.parse(`${m[1]}T${m[2]}Z`);
  return Number.isFinite(t) ? t : undefined;
}

export const dashboardReport: ReportGenerator<DashboardReport> = async (ctx) => {
  const clusters: DashboardCluster[] = [];
  let anything = false;
  for (const access of ctx.clusters) {
    ctx.signal.throwIfAborted();
    const notChecked: { item: string; reason: string }[] = [];
    const miss = (item: string, source: string, error: unknown, node?: string): void => {
      ctx.problem(problemOf(access.cluster, source, error, node));
      notChecked.push({ item, reason: toErrorPayload(error).message });
    };
    const layout = await readClusterLayout(ctx, access);
    if (!layout) notChecked.push({ item: 'users', reason: 'the IM and Presence database did not answer run sql' });
    else anything = true;
    const all = access.nodes();
    const cucm = all.find((n) => n.role === 'cucm-publisher');
    // Cisco Sync Agent runs on the IM&P database publisher only: asked there even when it is down (then it is
    // "not checked" with why), never on a subscriber, where the service is not activated and would read as stopped.
    const impPub = all.find((n) => n.role === 'imp-publisher') ?? impNodesInOrder(access)[0];
    ctx.plan(5);

    let devices: number | undefined;
    ctx.step(`${access.cluster}: devices`);
    if (cucm) {
      const r = await runSql(cliRun(access, cucm.name), 'select count(*) from device');
      if (r.ok) devices = countOf(r.value);
      else miss('devices', 'run sql select count(*) from device', r.error, cucm.name);
    } else notChecked.push({ item: 'devices', reason: 'no CUCM publisher in the cluster' });

    ctx.step(`${access.cluster}: contacts`);
    const contactsR = await sqlOnImpDatabase(access, 'select count(*) from rosters');
    const contacts = contactsR.ok ? countOf(contactsR.value) : undefined;
    if (!contactsR.ok) miss('contacts', 'run sql select count(*) from rosters', contactsR.error, contactsR.node);

    ctx.step(`${access.cluster}: primary extensions`);
    const extR = await sqlOnImpDatabase(access, 'select count(*) from enduser where telephonenumber is not null');
    const primaryExtensions = extR.ok ? countOf(extR.value) : undefined;
    if (!extR.ok) miss('primaryExtensions', 'run sql select count(*) from enduser where telephonenumber is not null', extR.error, extR.node);
    if (devices !== undefined || contacts !== undefined || primaryExtensions !== undefined) anything = true;

    let syncAgent: DashboardCluster['syncAgent'] = { service: 'unknown' };
    ctx.step(`${access.cluster}: ${SYNC_AGENT}`);
    if (impPub) {
      const services = await access.services(impPub.name);
      if (services.ok) {
        const s = services.value.find((x) => x.name === SYNC_AGENT);
        syncAgent = { service: s === undefined ? 'unknown' : s.status === 'Started' ? 'running' : 'stopped' };
        if (!s) notChecked.push({ item: 'syncAgent', reason: `${impPub.name} does not list ${SYNC_AGENT}` });
      } else miss('syncAgent', 'ControlCenter soapGetServiceStatus', services.error, impPub.name);
      ctx.step(`${access.cluster}: utils diagnose module sync_agent`);
      const d = await diagnoseModule(cliRun(access, impPub.name), 'sync_agent');
      if (d.ok) {
        const last = lastSyncMs(d.value.detail);
        syncAgent = { ...syncAgent, status: d.value.detail ? `${d.value.result}: ${d.value.detail}` : d.value.result, ...(last !== undefined ? { lastSyncMs: last } : {}) };
      } else miss('syncAgentStatus', 'utils diagnose module sync_agent', d.error, impPub.name);
    } else {
      ctx.step(`${access.cluster}: no IM and Presence node`);
      notChecked.push({ item: 'syncAgent', reason: 'no IM and Presence node in the cluster' });
    }

    // Reachability of the nodes nothing above asked (from the command line nothing polls them): one admin CLI
    // login each (`show myself`), together; a node the collector already sees is not asked.
    const unasked = access.nodes().filter((n) => n.reachability === 'unknown');
    if (unasked.length > 0) {
      ctx.plan(unasked.length);
      await eachNode(unasked, async (n) => {
        ctx.signal.throwIfAborted();
        await access.cli(n.name, 'show myself', REACHABILITY_PROBE_TIMEOUT_MS);
        ctx.step(`${access.cluster}/${n.name}: reachable?`);
      });
    }
    const reach = new Map(access.nodes().map((n) => [n.name, n.reachability]));

    clusters.push({
      cluster: access.cluster,
      ...(layout ? { users: layout.totalUsers, assignedUsers: layout.totalUsers - layout.unassignedUsers } : {}),
      ...(devices !== undefined ? { devices } : {}),
      ...(contacts !== undefined ? { contacts } : {}),
      ...(primaryExtensions !== undefined ? { primaryExtensions } : {}),
      ...(cucm ? { cucmPublisher: { name: cucm.name, ip: cucm.host } } : {}),
      syncAgent,
      nodes: all.map((n) => ({ name: n.name, role: n.role, reachability: reach.get(n.name) ?? n.reachability })),
      notChecked,
    });
  }
  if (!anything) throw new AppError('POLL_CONNECT', 'no cluster answered run sql', { retryable: true });
  return { kind: 'dashboard', clusters };
};
