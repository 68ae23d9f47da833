import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { EXECUTED_UNSUCCESSFULLY } from './cliMessages.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

let model: ClusterModel;
afterEach(() => model?.dispose());

/** Runs a command that waits on Service Manager, moving virtual time on in steps until it is done. */
async function runAdvancing(c: ReturnType<typeof openCli>, line: string, maxMs = 120_000): Promise<string> {
  let done = false;
  const pending = c.run(line).finally(() => (done = true));
  for (let t = 0; t < maxMs && !done; t += 5_000) {
    model.runUntil(model.now() + 5_000);
    await new Promise((r) => setImmediate(r));
  }
  return (await pending).text;
}

describe('utils service', () => {
  it('stops a service named in any case; the model changes and utils service list shows it', async () => {
    model = testModel();
    const c = openCli(model, 'imp-sub1');
    const out = await runAdvancing(c, 'utils service stop cisco xcp router');
    expect(out).toBe('Service Manager is running\nCisco XCP Router[STOPPING]\nCommanded Out of Service\nCisco XCP Router[NOTRUNNING]\n');
    const node = model.node('imp-sub1');
    expect(node.services.get('Cisco XCP Router')?.status).toBe('Stopped');
    const list = (await c.run('utils service list')).text;
    expect(list).toContain('Cisco XCP Router[STOPPED]  Commanded Out of Service\n');
    // Dependents went down with it (guide L1788) and are shown as commanded out of service too.
    expect(list).toContain('Cisco XCP Connection Manager[STOPPED]  Commanded Out of Service\n');
    expect(list).toContain('Cisco Presence Engine[STARTED]\n');
  });

  it('starts and restarts a service, waiting for Service Manager in virtual time', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    await runAdvancing(c, 'utils service stop Cisco Tomcat');
    expect(model.node('imp-pub').services.get('Cisco Tomcat')?.status).toBe('Stopped');
    expect(await runAdvancing(c, 'utils service start CISCO TOMCAT')).toBe('Service Manager is running\nCisco Tomcat[STARTING]\nCisco Tomcat[STARTED]\n');
    const pidBefore = model.node('imp-pub').services.get('Cisco Tomcat')!.pid;
    const restart = await runAdvancing(c, 'utils service restart Cisco Tomcat');
    expect(restart).toMatch(/^Do not press Ctrl\+C while the service is restarting\./);
    expect(restart).toContain('Cisco Tomcat[STOPPING]\nCommanded Out of Service\nCisco Tomcat[NOTRUNNING]\nService Manager is running\nCisco Tomcat[STARTING]\nCisco Tomcat[STARTED]\n');
    expect(model.node('imp-pub').services.get('Cisco Tomcat')!.pid).not.toBe(pidBefore);
  });

  it('answers an unknown service, a missing name and a refused start with the CLI error', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    expect((await c.run('utils service stop Cisco Nonexistent Service')).text).toBe(`Service Manager is running\nInvalid service name: Cisco Nonexistent Service\n${EXECUTED_UNSUCCESSFULLY}\n`);
    expect((await c.run('utils service stop')).text).toContain(EXECUTED_UNSUCCESSFULLY);
    const notActivated = (await c.run('utils service start Cisco XCP Message Archiver')).text;
    expect(notActivated).toContain('Cisco XCP Message Archiver[STOPPED]  Service Not Activated');
    expect(notActivated).toContain(EXECUTED_UNSUCCESSFULLY);
  });

  it('shows a crashed service as NOTRUNNING and a start that fails', async () => {
    model = testModel();
    const c = openCli(model, 'imp-sub2');
    const node = model.node('imp-sub2');
    node.services.crash('Cisco Sync Agent');
    expect((await c.run('utils service list')).text).toContain('Cisco Sync Agent[NOTRUNNING]\n');
    node.services.failToStart.add('Cisco Sync Agent');
    const out = await runAdvancing(c, 'utils service start Cisco Sync Agent');
    expect(out).toContain('Cisco Sync Agent[STARTING]\nCisco Sync Agent[NOTRUNNING]\n');
    expect(out).toContain(EXECUTED_UNSUCCESSFULLY);
  });

  it('stops waiting when the session closes', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    const pending = c.run('utils service stop Cisco Tomcat');
    c.session.close();
    const out = (await pending).text;
    expect(out).toContain('Cisco Tomcat[STOPPING]');
    expect(out).toContain(EXECUTED_UNSUCCESSFULLY);
  });
});
