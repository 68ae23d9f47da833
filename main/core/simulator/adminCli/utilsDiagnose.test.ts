import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { EXECUTED_UNSUCCESSFULLY } from './cliMessages.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

// `utils diagnose` (serviceability-reference D.9; IM&P modules and item lines designed, reports-design.md).

let model: ClusterModel;
afterEach(() => model?.dispose());

/** The `test - <module> : <result>` lines of an output, by module. */
function results(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^test - (\S+) +: (.+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('utils diagnose', () => {
  it('runs every module with `test`: the platform ones on the CUCM publisher, plus the IM&P ones on IM&P nodes', async () => {
    model = testModel();
    const imp = results((await openCli(model, 'imp-sub1').run('utils diagnose test')).text);
    expect([...imp.keys()]).toEqual(['disk_space', 'service_manager', 'tomcat', 'sync_agent', 'ldap', 'third_party_ldap', 'intercluster', 'external_servers', 'calendar', 'compliance', 'msrcc']);
    expect(imp.get('ldap')).toBe('Passed');
    expect(imp.get('calendar')).toBe('Skipped - no calendar server configured');
    expect(imp.get('sync_agent')).toMatch(/^Passed - last sync \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC, 6000 users$/);
    const cucm = openCli(model, 'cucm-pub');
    expect([...results((await cucm.run('utils diagnose test')).text).keys()]).toEqual(['disk_space', 'service_manager', 'tomcat']);
    expect((await cucm.run('utils diagnose module ldap')).text).toBe(`Module not found: ldap\n${EXECUTED_UNSUCCESSFULLY}\n`);
  });

  it('numbers the log file per run on each node', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    expect((await c.run('utils diagnose module tomcat')).text).toContain('Log file: platform/log/diag1.log');
    expect((await c.run('utils diagnose module tomcat')).text).toContain('Log file: platform/log/diag2.log');
    expect((await openCli(model, 'imp-sub1').run('utils diagnose module tomcat')).text).toContain('Log file: platform/log/diag1.log');
  });

  it('follows the model: Sync Agent stopped and started, Tomcat stopped, an LDAP server down, MFT unmounted', async () => {
    model = testModel();
    const c = openCli(model, 'imp-sub2');
    const one = async (m: string): Promise<string> => results((await c.run(`utils diagnose module ${m}`)).text).get(m)!;
    model.impPublisher().services.stop('Cisco Sync Agent', 'admin');
    model.runUntil(model.now() + 60_000);
    expect(await one('sync_agent')).toMatch(/^Failed - last sync /);
    model.impPublisher().services.start('Cisco Sync Agent', 'admin');
    model.runUntil(model.now() + 60_000);
    expect(await one('sync_agent')).toMatch(/^Passed - /);
    model.node('imp-sub2').services.stop('Cisco Tomcat', 'admin');
    model.runUntil(model.now() + 60_000);
    expect(await one('tomcat')).toBe('Failed - Tomcat is not running');
    model.setDiagnostic('ldap', 'ldap1.example.com:389', false);
    model.setDiagnostic('ldap', 'ldap2.example.com:636', false);
    expect(await one('ldap')).toBe('Failed - 2 of 2 LDAP servers unreachable');
    model.setDiagnostic('calendar', 'exchange.example.com:443', true);
    expect(await one('calendar')).toBe('Passed');
    model.setDiagnostic('intercluster', '127.0.11.11', false);
    const ic = (await c.run('utils diagnose module intercluster')).text;
    expect(ic).toContain('test - intercluster        : Failed - 1 of 1 intercluster peers not connected\n    127.0.11.11   failed: certificate exchanged yes\n');
    model.mft.mounted = false;
    expect(await one('external_servers')).toBe('Failed - 1 of 2 external servers unreachable');
  });

  it('refuses an unknown module and a malformed line', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    expect((await c.run('utils diagnose module nosuch')).text).toBe(`Module not found: nosuch\n${EXECUTED_UNSUCCESSFULLY}\n`);
    expect((await c.run('utils diagnose module')).text).toContain('Incorrect syntax');
    expect((await c.run('utils diagnose list extra')).text).toContain('Incorrect syntax');
  });
});
