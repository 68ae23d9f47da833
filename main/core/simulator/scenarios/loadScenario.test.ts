import { describe, expect, it } from 'vitest';
import { AppError } from '../../base/errors.js';
import { ClusterModel } from '../model/clusterModel.js';
import { loadProfile } from '../profile/loadProfile.js';
import { listShippedScenarios, loadScenario, parseScenario } from './loadScenario.js';
import { validateScenario } from './scenarioRunner.js';
import { durationMs } from './scenarioSchema.js';

describe('scenarios', () => {
  it('ships the demo and one scenario per row of the state/reason table, all valid for the default profile', () => {
    const names = listShippedScenarios();
    expect(names).toContain('demo');
    for (let r = 1; r <= 24; r++) expect(names).toContain(`ha-row-${String(r).padStart(2, '0')}`);
    const model = new ClusterModel(loadProfile(), { seed: 1 });
    const target = { model, ha: { failover: () => ({ ok: true, message: '' }), fallback: () => ({ ok: true, message: '' }), recover: () => ({ ok: true, message: '' }), restartSrm: () => undefined, setFault: () => undefined }, setEndpointDegradation: () => undefined, fillBackupServer: () => undefined };
    for (const name of names) expect(() => validateScenario(loadScenario(name), target)).not.toThrow();
    model.dispose();
  });

  it('parses durations', () => {
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs(90)).toBe(90_000);
  });

  it('refuses a bad step naming the field', () => {
    expect(() => parseScenario({ name: 'x', steps: [{ at: '5 minutes', action: 'powerOff', node: 'a' }] })).toThrow(/steps\.0\.at/);
    expect(() => parseScenario({ name: 'x', steps: [{ at: '5m', action: 'explode' }] })).toThrow(AppError);
  });

  it('refuses a scenario naming nodes the cluster does not have', () => {
    const model = new ClusterModel(loadProfile(), { seed: 1 });
    const scenario = parseScenario({ name: 'x', steps: [{ at: '1m', action: 'powerOff', node: 'nope' }] });
    expect(() => validateScenario(scenario, { model } as never)).toThrow(/unknown node "nope"/);
    model.dispose();
  });
});
