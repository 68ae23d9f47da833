#!/usr/bin/env node
// The README's test command: lint, type-check, then every vitest suite; prints "N passed, N failed, N skipped" last.
// Lint and each type-check count as one check each; vitest counts its tests (from its JSON report: passed, failed,
// and skipped = numPendingTests + numTodoTests; a suite that fails after all its tests passed, as the leak check of
// test/helpers/leakCheckSetup.ts does, counts as one failure and prints its message). Under CI=true nothing may
// vanish: a skipped or todo test counts as failed (named in the output), so a missing tool cannot turn into "0 failed".
//
// Options (before any vitest arguments): --vitest-only skips lint and type-checks; --results DIR writes the vitest
// JSON report and summary.txt there (default .ci-results). Every other argument goes to `vitest run`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
let vitestOnly = false;
let resultsDir = '.ci-results';
const extra = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--vitest-only') vitestOnly = true;
  else if (args[i] === '--results') resultsDir = args[++i] ?? resultsDir;
  else extra.push(args[i]);
}
const ci = /^(1|true)$/i.test(process.env.CI ?? '');

const steps = vitestOnly
  ? []
  : [
      ['lint', 'npx', ['eslint', '.']],
      ['typecheck (main)', 'npx', ['tsc', '-p', 'tsconfig.main.json', '--noEmit']],
      ['typecheck (shared)', 'npx', ['tsc', '-p', 'tsconfig.shared.json', '--noEmit']],
      ['typecheck (app)', 'npx', ['tsc', '-p', 'tsconfig.app.json', '--noEmit']],
      ['typecheck (preload)', 'npx', ['tsc', '-p', 'tsconfig.preload.json', '--noEmit']],
      ['typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.renderer.json', '--noEmit']],
    ];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const [name, cmd, cmdArgs] of steps) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status === 0) passed++;
  else {
    failed++;
    console.log(`FAILED: ${name}`);
  }
}
console.log('\n=== vitest');
mkdirSync(resultsDir, { recursive: true });
const reportFile = resolve(resultsDir, 'vitest.json');
rmSync(reportFile, { force: true });
// The report path is given explicitly so that a --config with another root still writes where it is read.
const v = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...extra], { stdio: 'inherit' });
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  const notRun = [];
  for (const suite of report.testResults ?? []) {
    // A suite that failed to load has no tests: count it as a failure so it cannot hide.
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
      failed++;
      console.log(`FAILED: ${suite.name} did not load: ${suite.message ?? ''}`);
    } else if (suite.status === 'failed' && !(suite.assertionResults ?? []).some((t) => t.status === 'failed')) {
      // Every test passed but the suite failed after them (an afterAll hook, the leak check): one failure, named.
      failed++;
      console.log(`FAILED: ${suite.name} after its tests: ${suite.message ?? ''}`);
    }
    for (const t of suite.assertionResults ?? []) if (t.status !== 'passed' && t.status !== 'failed') notRun.push(`${suite.name} > ${t.fullName} (${t.status})`);
  }
  const notRunCount = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (ci && notRunCount > 0) {
    failed += notRunCount;
    for (const name of notRun) console.log(`FAILED (not run under CI=true): ${name}`);
  } else {
    skipped += notRunCount;
    for (const name of notRun) console.log(`SKIPPED: ${name}`);
  }
} catch {
  failed++;
  console.log('FAILED: vitest produced no report');
}
if (v.status !== 0 && failed === 0) failed++;
const summary = `${passed} passed, ${failed} failed, ${skipped} skipped`;
writeFileSync(join(resultsDir, 'summary.txt'), `${summary}\n`);
console.log(`\n${summary}`);
process.exit(failed === 0 ? 0 : 1);
