/**
 * Vitest setup file (vitest.config.ts): every suite under test/integration/ ends with no open handle of its own
 * (test/helpers/leakCheck.ts). Recording starts before the suite's module is imported; the check runs in the
 * last afterAll (hooks run in reverse order, so after the suite's own afterAll that disposes what it started) and
 * fails the suite with the list of handles left open and where each was created.
 * IMP_LEAK_CHECK=0 turns it off (to look at something else in a suite that leaks); IMP_LEAK_CHECK_GRACE_MS sets
 * how long handles may take to close after the suite (default 2000).
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { formatLeaks, startLeakCheck } from './leakCheck.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const file = relative(REPO, expect.getState().testPath ?? '');

/** Suites checked: the integration suites (they start simulators, collectors and backends) and the check's own fixtures. */
function leakCheckApplies(path: string): boolean {
  return /^test\/(integration|fixtures\/leakCheck)\//.test(path.split('\\').join('/'));
}

if (process.env.IMP_LEAK_CHECK !== '0' && leakCheckApplies(file)) {
  const check = startLeakCheck();
  afterAll(async () => {
    const grace = Number(process.env.IMP_LEAK_CHECK_GRACE_MS ?? 2_000);
    const leaks = await check.settle(grace);
    check.stop();
    if (leaks.length > 0) throw new Error(formatLeaks(leaks, file));
  }, 30_000);
}
