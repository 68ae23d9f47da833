/**
 * Guards for tests that need a system tool (Chromium, Prometheus' Alertmanager, …): outside CI a missing tool skips
 * the suite; under CI=true it must not vanish, so the guard throws while the suite is collected and the file fails
 * with a message naming the missing tool and the package that provides it (test/runAll.mjs counts it as failed).
 *
 *   describe.skipIf(skipWithoutTools({ path: '/usr/bin/chromium', apt: 'chromium' }))('…', () => { … });
 */
import { existsSync } from 'node:fs';

/** A file a test needs, and the Debian package that installs it (see .ci/run). */
export interface RequiredTool {
  readonly path: string;
  readonly apt?: string;
}

/** Whether this process runs under CI (CI=true or CI=1, as CI services set it). */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true)$/i.test(env.CI ?? '');
}

/** The tools among `tools` that are missing. */
export function missingTools(tools: readonly RequiredTool[]): RequiredTool[] {
  return tools.filter((t) => !existsSync(t.path));
}

/** The message of a missing-tool failure. */
export function missingToolsMessage(missing: readonly RequiredTool[]): string {
  const names = missing.map((t) => (t.apt ? `${t.path} (apt-get install ${t.apt})` : t.path)).join(', ');
  return `missing test tool: ${names}. Under CI=true a test that would skip is a failure; install it (.ci/run does).`;
}

/**
 * For `describe.skipIf(...)`: true (skip) when a tool is missing outside CI, false when every tool is there; under
 * CI=true a missing tool throws, so the suite fails naming it instead of being skipped.
 */
export function skipWithoutTools(tools: RequiredTool | readonly RequiredTool[], env: NodeJS.ProcessEnv = process.env): boolean {
  const missing = missingTools(Array.isArray(tools) ? tools : [tools as RequiredTool]);
  if (missing.length === 0) return false;
  if (underCi(env)) throw new Error(missingToolsMessage(missing));
  return true;
}
