import { describe, expect, it } from 'vitest';
import { TRACE_EXTRAS } from '../../../shared/model/traces.js';
import { groupServices, serviceGroupOf } from './serviceGroups.js';
import { serviceNameKey } from '../../../shared/model/traces.js';
import { resolvePresetServices, TRACE_PRESETS, tracePreset } from './tracePresets.js';

/** Service logs as an IM and Presence node lists them (listNodeServiceLogs; RTMT's plural "Logs" names). */
const NODE = {
  serviceLogs: [
    'Cisco XCP Router',
    'Cisco XCP Connection Manager',
    'Cisco XCP Authentication Service',
    'Cisco XCP Text Conference Manager',
    'Cisco XCP SIP Federation Connection Manager',
    'Cisco XCP XMPP Federation Connection Manager',
    'Cisco Presence Engine',
    'Cisco SIP Proxy',
    'Cisco Intercluster Sync Agent',
    'Cisco Client Profile Agent',
    'Cisco AXL Web Service',
    'Cisco Tomcat Security Logs',
    'Cisco Syslog Agent',
    'Cluster Manager',
    'Cisco Audit Logs',
  ],
  systemLogs: ['Event Viewer-Application Log', 'Event Viewer-System Log'],
};

describe('trace presets (guide Table 44)', () => {
  it('has the 13 rows of Table 44 with unique ids and guide lines inside L11289-11322', () => {
    expect(TRACE_PRESETS).toHaveLength(13);
    expect(new Set(TRACE_PRESETS.map((p) => p.id)).size).toBe(13);
    for (const p of TRACE_PRESETS) {
      const line = Number(/L(\d+)$/.exec(p.guideRef)?.[1]);
      expect(line).toBeGreaterThanOrEqual(11289);
      expect(line).toBeLessThanOrEqual(11322);
      for (const e of p.extras) expect(TRACE_EXTRAS).toContain(e);
    }
    expect(tracePreset('highCpu')?.extras).toEqual(['processCpu', 'processMemory', 'serviceList', 'perfmonCounters']);
    expect(tracePreset('presence')?.serviceLogs).toEqual(['Cisco XCP Connection Manager', 'Cisco XCP Router', 'Cisco Presence Engine']);
  });

  it("resolves every preset's services to the node's own names, the guide's singular 'Log' included", () => {
    for (const p of TRACE_PRESETS) {
      const r = resolvePresetServices(p, NODE);
      expect(r.missing, p.id).toEqual([]);
      for (const s of r.serviceLogs) expect(NODE.serviceLogs).toContain(s);
    }
    expect(resolvePresetServices(tracePreset('login')!, NODE).serviceLogs).toContain('Cisco Tomcat Security Logs');
    expect(serviceNameKey('Cisco Client Profile Agent (CPA)')).toBe(serviceNameKey('Cisco Client Profile Agent'));
  });

  it('reports a service the node does not list instead of guessing', () => {
    const r = resolvePresetServices(tracePreset('sipFederation')!, { serviceLogs: ['Cisco XCP Router'], systemLogs: [] });
    expect(r.serviceLogs).toEqual(['Cisco XCP Router']);
    expect(r.missing).toEqual(['Cisco SIP Proxy', 'Cisco XCP SIP Federation Connection Manager']);
  });
});

describe('RTMT service groups', () => {
  it('labels IM&P services, system services and system logs', () => {
    const g = groupServices(NODE);
    expect(g['Cisco XCP Router']).toBe('imp');
    expect(g['Cisco Presence Engine']).toBe('imp');
    expect(g['Cisco Client Profile Agent']).toBe('imp');
    expect(g['Cisco Intercluster Sync Agent']).toBe('imp');
    expect(g['Cisco Tomcat Security Logs']).toBe('system');
    expect(g['Cluster Manager']).toBe('system');
    expect(g['Cisco Syslog Agent']).toBe('system');
    expect(g['Event Viewer-System Log']).toBe('systemLog');
    expect(serviceGroupOf('Something New')).toBe('system');
  });
});
