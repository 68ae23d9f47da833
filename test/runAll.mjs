#!/usr/bin/env node
// The README's test command: lint, type-check, then every vitest suite; prints "N passed, N failed" last.
// Lint and each type-check count as one check each; vitest counts its tests (from its JSON report).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const steps = [
  ['lint', 'npx', ['eslint', '.']],
  ['typecheck (main)', 'npx', ['tsc', '-p', 'tsconfig.main.json', '--noEmit']],
  ['typecheck (shared)', 'npx', ['tsc', '-p', 'tsconfig.shared.json', '--noEmit']],
  ['typecheck (app)', 'npx', ['tsc', '-p', 'tsconfig.app.json', '--noEmit']],
  ['typecheck (preload)', 'npx', ['tsc', '-p', 'tsconfig.preload.json', '--noEmit']],
  ['typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.renderer.json', '--noEmit']],
];
let passed = 0;
let failed = 0;
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status === 0) passed++;
  else {
    failed++;
    console.log(`FAILED: ${name}`);
  }
}
console.log('\n=== vitest');
rmSync('.ci-results/vitest.json', { force: true });
const extra = process.argv.slice(2);
const v = spawnSync('npx', ['vitest', 'run', ...extra], { stdio: 'inherit' });
try {
  const report = JSON.parse(readFileSync('.ci-results/vitest.json', 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  // A suite that failed to load has no tests: count it as a failure so it cannot hide.
  for (const suite of report.testResults ?? []) if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed++;
} catch {
  failed++;
  console.log('FAILED: vitest produced no report');
}
if (v.status !== 0 && failed === 0) failed++;
const summary = `${passed} passed, ${failed} failed`;
mkdirSync('.ci-results', { recursive: true });
writeFileSync('.ci-results/summary.txt', `${summary}\n`);
console.log(`\n${summary}`);
process.exit(failed === 0 ? 0 : 1);
