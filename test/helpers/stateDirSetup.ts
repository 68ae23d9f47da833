/**
 * Vitest global setup: every test process (and every process a test spawns) keeps the app's and the simulator's
 * state in one folder of this run, never in the user's ~/.imp-monitor (tests that start a simulated cluster
 * without an identity folder keep its certificates there). The folder is removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'imp-test-state-'));
  process.env.IMP_MONITOR_STATE_DIR = dir;
  process.env.IMP_SIM_STATE_DIR = join(dir, 'simulator');
  // No test sends a packet off the machine: the `npm run …` children of the tests (build:shell, imp, dist, and
  // electron-builder's `npm list`) skip npm's weekly update check of registry.npmjs.org, whatever ~/.npmrc says.
  process.env.npm_config_update_notifier = 'false';
  return () => rmSync(dir, { recursive: true, force: true });
}
