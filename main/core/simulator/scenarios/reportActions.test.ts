import { afterEach, describe, expect, it } from 'vitest';
import { openCli, testModel } from '../adminCli/fixtures/cliHarness.js';
import type { ClusterModel } from '../model/clusterModel.js';
import { applyAction, validateScenario } from './scenarioRunner.js';
import { actionSchema, scenarioSchema } from './scenarioSchema.js';
import type { ScenarioTarget } from './scenarioTarget.js';

// The scenario actions the reports' tests use (issue 14, reports-design.md "Scenario actions"), through the
// admin CLI commands the monitor reads them with.

let model: ClusterModel;
afterEach(() => model?.dispose());

/** A target for actions that touch only the model (none of these call SRM, endpoints or the backup server). */
function target(m: ClusterModel): ScenarioTarget {
  const none = (): never => {
    throw new Error('not part of this test');
  };
  return { model: m, ha: { failover: none, fallback: none, recover: none, restartSrm: none, setFault: none }, setEndpointDegradation: none, fillBackupServer: none };
}

const act = (a: unknown): void => applyAction(actionSchema.parse(a), target(model));

describe('scenario actions for the reports', () => {
  it('setMailId removes or duplicates a mail ID as run sql shows it', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    act({ action: 'setMailId', user: 'user0002', mailId: null });
    act({ action: 'setMailId', user: 'USER0003', mailId: 'user0001@example.com' });
    const text = (await c.run("run sql select userid, mailid from enduser where userid like 'user000_' and userid = 'user0002'")).text;
    expect(text).toBe('userid   mailid\n======== ======\nuser0002 NULL\n');
    const dup = (await c.run("run sql select userid from enduser where mailid = 'user0001@example.com' order by userid")).text;
    expect(dup).toBe('userid\n========\nuser0001\nuser0003\n');
    expect(() => act({ action: 'setMailId', user: 'nobody', mailId: null })).toThrow(/unknown user "nobody"/);
    const scenario = scenarioSchema.parse({ name: 't', steps: [{ at: 0, action: 'setMailId', user: 'nobody', mailId: null }] });
    expect(() => validateScenario(scenario, target(model))).toThrow(/unknown user "nobody"/);
  });

  it('clearDuplicates undoes injectDuplicates: utils users validate passes again', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    act({ action: 'injectDuplicates', kind: 'userid', values: ['user0003'] });
    act({ action: 'injectDuplicates', kind: 'uri', values: ['user0004@example.com'] });
    expect((await c.run('utils users validate all')).text).toContain('Users with Duplicate User IDs');
    expect(model.alarms.isActive('imp-pub', 'DuplicateUserid')).toBe(true);
    act({ action: 'clearDuplicates' });
    const clean = (await c.run('utils users validate all')).text;
    expect(clean).toContain('No Users with Duplicate User IDs found');
    expect(clean).toContain('No Users with Duplicate or Invalid Directory URIs found');
    expect(model.alarms.isActive('imp-pub', 'DuplicateUserid')).toBe(false);
  });

  it('setDiagnostic makes a module fail and pass again; the schema knows the modules', async () => {
    model = testModel();
    const c = openCli(model, 'imp-sub1');
    act({ action: 'setDiagnostic', module: 'ldap', item: 'ldap2.example.com:636', healthy: false });
    expect((await c.run('utils diagnose module ldap')).text).toContain('test - ldap                : Failed - 1 of 2 LDAP servers unreachable\n');
    act({ action: 'setDiagnostic', module: 'ldap', item: 'ldap2.example.com:636', healthy: true });
    expect((await c.run('utils diagnose module ldap')).text).toContain('test - ldap                : Passed\n');
    expect(actionSchema.safeParse({ action: 'setDiagnostic', module: 'tomcat', item: 'x', healthy: false }).success).toBe(false);
  });

  it('breakReplication {broken: false} restores state 2 after the repair; startService restores a stopped service', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    act({ action: 'breakReplication', node: 'imp-sub1' });
    expect(model.node('imp-sub1').replicationState).toBe(4);
    act({ action: 'breakReplication', node: 'imp-sub1', broken: false });
    model.runUntil(model.now() + 61_000);
    expect(model.node('imp-sub1').replicationState).toBe(2);
    expect((await c.run('utils dbreplication runtimestate')).text).toMatch(/imp-sub1 .*\(2\) Setup Completed/);
    act({ action: 'stopService', node: 'imp-pub', service: 'Cisco Sync Agent' });
    model.runUntil(model.now() + 30_000);
    expect((await c.run('utils diagnose module sync_agent')).text).toContain(': Failed - ');
    act({ action: 'startService', node: 'imp-pub', service: 'Cisco Sync Agent' });
    model.runUntil(model.now() + 60_000);
    expect(model.node('imp-pub').services.isRunning('Cisco Sync Agent')).toBe(true);
    expect((await c.run('utils diagnose module sync_agent')).text).toContain(': Passed - ');
  });
});
