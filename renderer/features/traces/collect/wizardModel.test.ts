import { describe, expect, it } from 'vitest';
import type { NodeTraceServices, TracePreset } from '../../../../shared/model/traces.js';
import { serviceNameKey } from '../../../../shared/model/traces.js';
import { applyPreset, buildRequest, effectivePick, initialWizard, nodeKey, offeredNames, selectProblems, togglePick, wallTime, type WizardState } from './wizardModel.js';

const NOW = Date.UTC(2026, 11, 6, 9, 30);
const listing = (node: string, serviceLogs: string[], systemLogs: string[], error?: boolean): NodeTraceServices => ({
  cluster: 'c1',
  node,
  serviceLogs,
  systemLogs,
  groups: Object.fromEntries(serviceLogs.map((s) => [s, s.includes('XCP') || s.includes('Presence') ? 'imp' : 'system'])),
  ...(error ? { error: { code: 'POLL_TIMEOUT', message: 'no answer', retryable: true } } : {}),
});
const SERVICES: Record<string, NodeTraceServices> = {
  'c1/cucm-pub': listing('cucm-pub', ['Cisco Tomcat Security Logs', 'Cisco CallManager'], ['Event Viewer-System Log']),
  'c1/imp-pub': listing('imp-pub', ['Cisco XCP Router', 'Cisco Presence Engine', 'Cisco Tomcat Security Logs'], ['Event Viewer-System Log']),
  'c1/imp-sub1': listing('imp-sub1', ['Cisco XCP Router', 'Cisco Presence Engine'], ['Event Viewer-System Log']),
  'c1/imp-sub2': listing('imp-sub2', [], [], true),
};
const base = (patch: Partial<WizardState> = {}): WizardState => ({ ...initialWizard(NOW, 'UTC'), ...patch });

describe('Collect Files wizard model', () => {
  it('offers the names the selected nodes list, in RTMT groups, with the nodes that list each', () => {
    const offered = offeredNames(['c1/cucm-pub', 'c1/imp-pub', 'c1/imp-sub2'], SERVICES);
    expect(offered.imp.map((o) => o.name)).toEqual(['Cisco Presence Engine', 'Cisco XCP Router']);
    expect(offered.system.find((o) => o.name === 'Cisco Tomcat Security Logs')?.nodes).toEqual(['c1/cucm-pub', 'c1/imp-pub']);
    expect(offered.system.find((o) => o.name === 'Cisco CallManager')?.nodes).toEqual(['c1/cucm-pub']);
    expect(offered.systemLog.map((o) => o.name)).toEqual(['Event Viewer-System Log']);
  });

  it('narrows the common pick to what each node lists, and never sends a node a name it lacks', () => {
    const w = base({ nodes: ['c1/cucm-pub', 'c1/imp-pub'], common: togglePick(togglePick({ serviceLogs: [], systemLogs: [] }, ['Cisco XCP Router', 'Cisco CallManager'], false, true), ['Event Viewer-System Log'], true, true) });
    expect(effectivePick(w, 'c1/imp-pub', SERVICES)).toEqual({ serviceLogs: ['Cisco XCP Router'], systemLogs: ['Event Viewer-System Log'] });
    expect(effectivePick(w, 'c1/cucm-pub', SERVICES)).toEqual({ serviceLogs: ['Cisco CallManager'], systemLogs: ['Event Viewer-System Log'] });
    const r = buildRequest(w, SERVICES, { userZone: 'UTC', now: NOW, defaultOutDir: '/state/bundles' });
    expect(r).toEqual({
      ok: true,
      request: {
        nodes: [
          { cluster: 'c1', node: 'cucm-pub', serviceLogs: ['Cisco CallManager'], systemLogs: ['Event Viewer-System Log'] },
          { cluster: 'c1', node: 'imp-pub', serviceLogs: ['Cisco XCP Router'], systemLogs: ['Event Viewer-System Log'] },
        ],
        range: { kind: 'relative', amount: 1, unit: 'hours' },
        archive: 'zip',
        outDir: '/state/bundles',
      },
    });
  });

  it('says why it cannot go on: no node, nothing selected, a node without a pick (per node)', () => {
    expect(selectProblems(base(), SERVICES).map((p) => p.key)).toEqual(['traces.problem.noNodes']);
    expect(selectProblems(base({ nodes: ['c1/imp-pub'] }), SERVICES).map((p) => p.key)).toEqual(['traces.problem.noServices']);
    const perNode = base({ nodes: ['c1/imp-pub', 'c1/imp-sub1'], sameForAll: false, perNode: { 'c1/imp-pub': { serviceLogs: ['Cisco XCP Router'], systemLogs: [] } } });
    expect(selectProblems(perNode, SERVICES)).toEqual([{ key: 'traces.problem.nodeEmpty', params: { nodes: 'imp-sub1' } }]);
  });

  it('reads an absolute range on the node clock or the user clock, and refuses an empty one', () => {
    const range = { ...base().range, kind: 'absolute' as const, from: '2026-12-06T08:00', to: '2026-12-06T09:00', zoneMode: 'node' as const, nodeZone: 'Asia/Shanghai' };
    const w = base({ nodes: ['c1/imp-pub'], common: { serviceLogs: ['Cisco XCP Router'], systemLogs: [] }, range, label: ' case 42 ', pseudonymize: true, outDir: '/out' });
    const r = buildRequest(w, SERVICES, { userZone: 'Europe/Paris', now: NOW });
    expect(r.ok && r.request.range).toEqual({ kind: 'absolute', fromMs: Date.UTC(2026, 11, 6, 0, 0), toMs: Date.UTC(2026, 11, 6, 1, 0), timeZone: 'Asia/Shanghai' });
    expect(r.ok && r.request.label).toBe('case 42');
    expect(r.ok && r.request.pseudonymize).toBe(true);
    const mine = buildRequest({ ...w, range: { ...range, zoneMode: 'user' } }, SERVICES, { userZone: 'Europe/Paris', now: NOW });
    expect(mine.ok && mine.request.range).toMatchObject({ fromMs: Date.UTC(2026, 11, 6, 7, 0), timeZone: 'Europe/Paris' });
    const empty = buildRequest({ ...w, range: { ...range, to: '2026-12-06T07:00' } }, SERVICES, { userZone: 'UTC', now: NOW });
    expect(empty.ok ? [] : empty.problems.map((p) => p.key)).toEqual(['traces.problem.emptyRange']);
    const bad = buildRequest({ ...w, label: 'a/b', outDir: '' }, SERVICES, { userZone: 'UTC', now: NOW });
    expect(bad.ok ? [] : bad.problems.map((p) => p.key)).toEqual(['traces.problem.label', 'traces.problem.outDir']);
    expect(wallTime(NOW, 'Asia/Shanghai')).toBe('2026-12-06T17:30');
  });

  it('applies a Table 44 preset with the nodes\' own spelling and reports what no node lists', () => {
    const preset: TracePreset = { id: 'highCpu', title: 'High CPU', guideRef: 'Table 44, L11308', serviceLogs: ['Cisco XCP Router', 'Cisco Tomcat Security Log', 'Cisco SIP Proxy'], systemLogs: [], extras: ['processCpu'], range: { kind: 'relative', amount: 2, unit: 'hours' } };
    const { state, missing } = applyPreset(base({ nodes: ['c1/imp-pub', 'c1/imp-sub1'] }), preset, SERVICES);
    expect([...state.common.serviceLogs].sort()).toEqual(['Cisco Tomcat Security Logs', 'Cisco XCP Router']);
    expect(missing).toEqual(['Cisco SIP Proxy']);
    expect(state.extras).toEqual(['processCpu']);
    expect(state.presetId).toBe('highCpu');
    expect(state.range).toMatchObject({ kind: 'relative', amount: 2, unit: 'hours' });
    expect(serviceNameKey('Cisco Client Profile Agent (CPA)')).toBe(serviceNameKey('Client Profile Agent'));
    expect(nodeKey('c1', 'imp-pub')).toBe('c1/imp-pub');
  });
});
