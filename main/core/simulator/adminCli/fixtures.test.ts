import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

/**
 * Golden outputs of the stable commands (seed 1, 2026-11-25 10:00 UTC, default profile), kept as
 * fixtures/<name>.txt so the SSH poller's parsers can be tested against the same text. Regenerate after an
 * intended change with UPDATE_ADMIN_CLI_FIXTURES=1.
 */
const CASES: ReadonlyArray<{ name: string; node: string; line: string; setup?: (m: ClusterModel) => void }> = [
  { name: 'show-status', node: 'imp-pub', line: 'show status' },
  { name: 'show-network-cluster', node: 'imp-pub', line: 'show network cluster' },
  { name: 'show-version-active', node: 'imp-pub', line: 'show version active' },
  { name: 'show-version-inactive', node: 'imp-pub', line: 'show version inactive' },
  { name: 'show-hardware', node: 'imp-pub', line: 'show hardware' },
  { name: 'utils-service-list', node: 'imp-sub1', line: 'utils service list', setup: (m) => m.node('imp-sub1').services.stop('Cisco XCP Router') },
  { name: 'utils-dbreplication-runtimestate', node: 'imp-pub', line: 'utils dbreplication runtimestate', setup: (m) => m.setReplicationBroken('imp-sub3', true) },
  { name: 'utils-dbreplication-status', node: 'imp-pub', line: 'utils dbreplication status' },
  { name: 'utils-ntp-status', node: 'imp-sub1', line: 'utils ntp status' },
  { name: 'show-perf-query-counter', node: 'imp-pub', line: 'show perf query counter "Cisco Presence Engine" ActiveJsmSessions' },
  { name: 'show-perf-query-class-processor', node: 'imp-pub', line: 'show perf query class Processor' },
  { name: 'show-perf-list-classes', node: 'imp-pub', line: 'show perf list classes' },
  { name: 'show-process-using-most-cpu', node: 'imp-pub', line: 'show process using-most cpu' },
  { name: 'show-process-using-most-memory', node: 'imp-pub', line: 'show process using-most memory' },
  {
    name: 'utils-users-validate-all',
    node: 'imp-pub',
    line: 'utils users validate all',
    setup: (m) => {
      m.injectDuplicates('userid', ['user0003']);
      m.injectDuplicates('uri', ['user0004@example.com']);
      m.injectDuplicates('invalidUri', ['asdf@ASDF@asdf@ADSF@cisco', 'user0001']);
    },
  },
  { name: 'utils-ha-status-not-enabled', node: 'imp-pub', line: 'utils ha status' },
  { name: 'file-list-detail', node: 'imp-pub', line: 'file list activelog platform/log detail' },
  { name: 'file-build-log', node: 'imp-pub', line: 'file build log cisco_cluster_manager 7' },
  // Issue 14 (reports): designed layouts, no real sample (reports-design.md; run sql: guide L9176 enduser /
  // primarynodeid; clientsessions: serviceability-reference D.4; certificates: guide Table 15 L4320-4329;
  // diagnose: serviceability-reference D.9). Copies for the monitor's parsers: polling/ssh/fixtures/report-sim-*.
  { name: 'run-sql-enduser', node: 'imp-pub', line: "run sql select userid, mailid from enduser where userid like 'user000%'", setup: (m) => m.setMailId('user0002', null) },
  { name: 'run-sql-enduser-all-columns', node: 'imp-sub1', line: "run sql select * from enduser where userid = 'user0001'" },
  { name: 'run-sql-enduser-empty', node: 'imp-pub', line: "run sql select userid, mailid from enduser where lower(userid) like 'nobody%'" },
  { name: 'run-sql-enduser-cucm', node: 'cucm-pub', line: "run sql select userid, telephonenumber, primarynodeid from enduser where userid like 'user000_' order by userid desc" },
  { name: 'run-sql-enterprisenode', node: 'imp-pub', line: 'run sql select pkid, name, subclusterid from enterprisenode' },
  { name: 'run-sql-enterprisesubcluster', node: 'imp-pub', line: 'run sql select pkid, name, enablehighavailability from enterprisesubcluster' },
  { name: 'run-sql-count-rosters', node: 'imp-pub', line: 'run sql select count(*) from rosters' },
  { name: 'run-sql-device', node: 'cucm-pub', line: "run sql select name, tkclass, tkmodel from device where name like '%USER000_' order by name" },
  { name: 'sql-error-206', node: 'imp-pub', line: 'run sql select * from nosuchtable' },
  { name: 'sql-error-217', node: 'imp-pub', line: 'run sql select userid, nosuchcolumn from enduser' },
  { name: 'sql-error-201', node: 'imp-pub', line: 'run sql select count(*) from rosters where user_id in (select xcp_user_id from enduser where primarynodeid is NULL)' },
  { name: 'pe-clientsessions', node: 'imp-pub', line: "run pe sql ttlogin select * from clientsessions where userid like 'user00%' order by userid" },
  { name: 'pe-clientsessions-cucm', node: 'cucm-pub', line: 'run pe sql ttlogin select * from clientsessions' },
  { name: 'cert-list-own', node: 'imp-pub', line: 'show cert list own' },
  { name: 'cert-list-trust', node: 'imp-pub', line: 'show cert list trust' },
  { name: 'cert-own-tomcat', node: 'imp-pub', line: 'show cert own tomcat' },
  { name: 'cert-trust-tomcat-trust', node: 'imp-pub', line: 'show cert trust tomcat-trust/imp-sub1.pem' },
  { name: 'cert-not-found', node: 'imp-pub', line: 'show cert own nosuchunit' },
  { name: 'utils-diagnose-list', node: 'imp-pub', line: 'utils diagnose list' },
  { name: 'utils-diagnose-test', node: 'imp-pub', line: 'utils diagnose test' },
  { name: 'diagnose-ldap-failed', node: 'imp-pub', line: 'utils diagnose module ldap', setup: (m) => m.setDiagnostic('ldap', 'ldap2.example.com:636', false) },
  { name: 'diagnose-sync-agent-failed', node: 'imp-sub1', line: 'utils diagnose module sync_agent', setup: (m) => m.impPublisher().services.stop('Cisco Sync Agent', 'admin') },
  { name: 'diagnose-calendar-skipped', node: 'imp-pub', line: 'utils diagnose module calendar' },
  { name: 'diagnose-intercluster', node: 'imp-pub', line: 'utils diagnose module intercluster' },
  { name: 'diagnose-external-servers', node: 'imp-pub', line: 'utils diagnose module external_servers' },
  { name: 'help', node: 'imp-pub', line: 'help' },
  { name: 'invalid-command', node: 'imp-pub', line: 'show foo' },
];

let model: ClusterModel;
afterEach(() => model?.dispose());

describe('admin CLI fixtures', () => {
  for (const tc of CASES) {
    it(`${tc.line} on ${tc.node} matches fixtures/${tc.name}.txt`, async () => {
      model = testModel();
      tc.setup?.(model);
      const text = (await openCli(model, tc.node).run(tc.line)).text;
      const file = fileURLToPath(new URL(`./fixtures/${tc.name}.txt`, import.meta.url));
      if (process.env.UPDATE_ADMIN_CLI_FIXTURES === '1') writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }
});
