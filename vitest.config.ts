import { defineConfig } from 'vitest/config';

/** One runner for unit tests (next to the code) and integration tests (test/integration). */
export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'test/**/*.test.ts'],
    // test/fixtures: suites that tests run on purpose (e.g. runAllCounts.test.ts), never part of the run itself.
    exclude: ['**/node_modules/**', 'test/bench/**', 'test/fixtures/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // State (certificates of simulated nodes, pins) in a folder of the run, never in ~/.imp-monitor.
    globalSetup: ['test/helpers/stateDirSetup.ts'],
    // Suites under test/integration/ end with no open handle of their own: sockets, servers, timers, child
    // processes (test/helpers/leakCheck.ts; the setup file leaves every other suite alone).
    setupFiles: ['test/helpers/leakCheckSetup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.ci-results/vitest.json' },
  },
});
