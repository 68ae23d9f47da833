import { describe, expect, it } from 'vitest';
import type { DrsBackupFile } from '../../../../shared/model/drs.js';
import { databaseSources, initialRestoreWizard, offersDatabaseFrom, restoreKind, stepProblem, toRestoreRequest, type WizardNode } from './restoreWizardModel.js';

const nodes: WizardNode[] = [
  { name: 'cucm-pub', role: 'cucm-publisher' },
  { name: 'imp-pub', role: 'imp-publisher' },
  { name: 'imp-sub', role: 'imp-subscriber' },
];
const file = (hasCcmdb: boolean): DrsBackupFile => ({ fileName: '2026-12-06-10-00-00.tar', createdMs: 0, features: ['UCM', 'IM&P'], hasCcmdb });

describe('Restore Wizard model (guide L10345-10560)', () => {
  it('names the restore the server choice amounts to, refusing the first node with subscribers (L10395)', () => {
    expect(restoreKind(['cucm-pub'], nodes, false)).toBe('firstNode');
    expect(restoreKind(['imp-pub', 'imp-sub'], nodes, false)).toBe('subsequentNodes');
    expect(restoreKind(['imp-sub'], nodes, false)).toBe('subsequentNodes');
    expect(restoreKind(['cucm-pub', 'imp-pub', 'imp-sub'], nodes, false)).toBe('entireCluster');
    expect(restoreKind(['cucm-pub', 'imp-pub', 'imp-sub'], nodes, true)).toBe('oneStep');
    expect(restoreKind(['cucm-pub', 'imp-sub'], nodes, false)).toBeUndefined();
    expect(restoreKind(['cucm-pub'], nodes, true)).toBeUndefined();
    expect(restoreKind([], nodes, false)).toBeUndefined();
  });

  it('offers "Select Server Name" only for a CCMDB backup restoring the publisher, from running subscribers (L10410)', () => {
    expect(offersDatabaseFrom(file(true), ['cucm-pub'], nodes)).toBe(true);
    expect(offersDatabaseFrom(file(false), ['cucm-pub'], nodes)).toBe(false);
    expect(offersDatabaseFrom(file(true), ['imp-sub'], nodes)).toBe(false);
    expect(databaseSources(nodes.map((n, i) => ({ ...n, reachability: i === 2 ? 'down' : 'up' })))).toEqual(['imp-pub']);
  });

  it('says what each step lacks and builds the request only when complete', () => {
    const w = initialRestoreWizard();
    expect(stepProblem(w, nodes)).toBe('pickDevice');
    expect(stepProblem({ ...w, step: 2, device: 'D' }, nodes)).toBe('pickFile');
    expect(stepProblem({ ...w, step: 3, device: 'D', fileName: 'f.tar' }, nodes)).toBe('pickFeature');
    const full = { ...w, step: 4 as const, device: 'D', fileName: 'f.tar', features: ['UCM'], servers: ['cucm-pub', 'imp-sub'] };
    expect(stepProblem(full, nodes)).toBe('mixedServers');
    expect(toRestoreRequest('c1', full, nodes, 'pw', file(true))).toBeUndefined();
    const first = { ...full, servers: ['cucm-pub'], databaseFrom: 'imp-pub', integrityCheck: true };
    expect(stepProblem(first, nodes)).toBeUndefined();
    expect(toRestoreRequest('c1', first, nodes, '', file(true))).toBeUndefined();
    expect(toRestoreRequest('c1', first, nodes, 'pw', file(true))).toEqual({ cluster: 'c1', device: 'D', fileName: 'f.tar', features: ['UCM'], servers: ['cucm-pub'], integrityCheck: true, securityPassword: 'pw', databaseFrom: 'imp-pub', kind: 'firstNode' });
    // Without CCMDB the database choice is not sent.
    expect(toRestoreRequest('c1', first, nodes, 'pw', file(false))?.databaseFrom).toBeUndefined();
  });
});
