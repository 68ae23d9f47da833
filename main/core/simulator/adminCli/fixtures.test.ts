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
