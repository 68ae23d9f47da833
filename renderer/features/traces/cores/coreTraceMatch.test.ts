import { describe, expect, it } from 'vitest';
import type { CoreDumpInfo, NodeTraceServices } from '../../../../shared/model/traces.js';
import { AFTER_MS, BEFORE_MS, coreCollectRequest, coreProcess, matchingServices } from './coreTraceMatch.js';

const LISTED = ['Cisco XCP Router', 'Cisco Presence Engine', 'Cisco SIP Proxy', 'Cisco Tomcat', 'Cisco XCP Connection Manager', 'Cisco Sync Agent'];

describe('crash dumps with their traces', () => {
  it('reads the process of a UC OS core name and matches the services the node lists', () => {
    expect(coreProcess('core.62323.6.esp.1339492302')).toBe('esp');
    expect(coreProcess('core.jsm')).toBe('jsm');
    expect(coreProcess('notacore')).toBeUndefined();
    expect(matchingServices({ name: 'core.1.6.esp.1' }, LISTED)).toEqual(['Cisco SIP Proxy']);
    expect(matchingServices({ name: 'core.1.11.jsm.1' }, LISTED)).toEqual(['Cisco XCP Router']);
    expect(matchingServices({ name: 'core.1.6.cm.1' }, LISTED)).toEqual(['Cisco XCP Connection Manager']);
    expect(matchingServices({ name: 'core.1.6.unknownproc.1' }, LISTED)).toEqual([]);
  });

  it('builds one collection of the cores and their services around the crash times', () => {
    const core = (name: string, modifiedMs: number, path?: string): CoreDumpInfo => ({ cluster: 'c1', node: 'imp-pub', name, size: 10, modifiedMs, ...(path ? { path } : {}) });
    const services: NodeTraceServices = { cluster: 'c1', node: 'imp-pub', serviceLogs: LISTED, systemLogs: [], groups: {} };
    const { request, unplaced } = coreCollectRequest([core('core.1.6.esp.1', 1_000_000_000, '/core/core.1.6.esp.1'), core('core.2.6.jsm.2', 1_000_600_000)], services, '/out', 'crash', 'UTC');
    expect(unplaced).toEqual(['core.2.6.jsm.2']);
    expect(request).toEqual({
      nodes: [{ cluster: 'c1', node: 'imp-pub', serviceLogs: ['Cisco SIP Proxy', 'Cisco XCP Router'], systemLogs: [], files: ['/core/core.1.6.esp.1'] }],
      range: { kind: 'absolute', fromMs: 1_000_000_000 - BEFORE_MS, toMs: 1_000_600_000 + AFTER_MS, timeZone: 'UTC' },
      archive: 'zip',
      outDir: '/out',
      label: 'crash',
    });
    expect(coreCollectRequest([], services, '/o', 'x', 'UTC')).toEqual({ unplaced: [] });
  });
});
