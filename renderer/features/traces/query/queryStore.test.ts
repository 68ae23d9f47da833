import { describe, expect, it } from 'vitest';
import type { NodeTraceServices } from '../../../../shared/model/traces.js';
import { crumbs, filesRequest, parentDir } from '../remote/remoteStore.js';
import { nodeSelections, queryProblem, type QueryForm } from './queryStore.js';

const form: QueryForm = { where: 'nodes', nodes: ['c1/imp-pub', 'c1/imp-sub1'], logs: ['Cisco XCP Router', 'Event Viewer-System Log'], amount: 2, unit: 'hours', pattern: 'x', regex: false, ignoreCase: true, bundlePath: '' };

describe('query wizard and remote browse helpers', () => {
  it('says what is missing before a search can run', () => {
    expect(queryProblem(form)).toBeUndefined();
    expect(queryProblem({ ...form, pattern: '' })).toBe('traceTools.query.needPattern');
    expect(queryProblem({ ...form, regex: true, pattern: '(x' })).toBe('traceTools.badRegex');
    expect(queryProblem({ ...form, nodes: [] })).toBe('traceTools.query.needNodes');
    expect(queryProblem({ ...form, logs: [] })).toBe('traceTools.query.needLogs');
    expect(queryProblem({ ...form, amount: 0 })).toBe('traceTools.query.needRange');
    expect(queryProblem({ ...form, where: 'bundle' })).toBe('traceTools.query.needBundle');
  });

  it('gives each node the chosen names it lists itself', () => {
    const services: Record<string, NodeTraceServices> = {
      'c1/imp-pub': { cluster: 'c1', node: 'imp-pub', serviceLogs: ['Cisco XCP Router', 'Cisco SIP Proxy'], systemLogs: ['Event Viewer-System Log'], groups: {} },
      'c1/imp-sub1': { cluster: 'c1', node: 'imp-sub1', serviceLogs: ['Cisco SIP Proxy'], systemLogs: [], groups: {} },
    };
    expect(nodeSelections(form, services)).toEqual([
      { cluster: 'c1', node: 'imp-pub', serviceLogs: ['Cisco XCP Router'], systemLogs: ['Event Viewer-System Log'] },
      { cluster: 'c1', node: 'imp-sub1', serviceLogs: [], systemLogs: [] },
    ]);
  });

  it('walks node paths and asks a collection of explicit files', () => {
    expect(crumbs('/epas/trace')).toEqual([['/', '/'], ['epas', '/epas'], ['trace', '/epas/trace']]);
    expect(parentDir('/epas/trace')).toBe('/epas');
    expect(parentDir('/epas')).toBe('/');
    expect(filesRequest({ cluster: 'c1', node: 'imp-pub' }, ['/a.log'], '/out', 'lbl').nodes).toEqual([{ cluster: 'c1', node: 'imp-pub', serviceLogs: [], systemLogs: [], files: ['/a.log'] }]);
  });
});
