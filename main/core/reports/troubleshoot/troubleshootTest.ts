/**
 * Builds one System Troubleshooter test row (guide L11269: Test Passed / Test Failed / Test Warning, with the problem,
 * the solution and the Fix link's window) from the catalogue's words (shared/reports/troubleshootCatalog.ts): the
 * English problem from the problem code's template, the guide's solution and where the fix is made. A test the run
 * could not make is "not-checked" with why; nothing here ever turns a failed read into a pass.
 */
import type { TroubleshootCategory, TroubleshootResult, TroubleshootTest } from '../../../../shared/model/reports.js';
import { troubleshootProblemText, troubleshootTestEntry } from '../../../../shared/reports/troubleshootCatalog.js';
import type { Read } from './troubleshootReads.js';

/** Subjects kept per test (TroubleshootTest.subjects: at most 200, `more` counts the rest). */
export const MAX_SUBJECTS = 200;
/** Names a problem's one-line text lists before "and N more". */
const LIST_IN_TEXT = 10;

export interface TestFacts {
  readonly problemCode?: string;
  readonly values?: Readonly<Record<string, string | number>>;
  readonly subjects?: readonly string[];
  readonly evidence?: string;
}

/** A list for a problem's text: the first ten names, then "and N more". */
export function listText(names: readonly string[]): string {
  if (names.length <= LIST_IN_TEXT) return names.join(', ');
  return `${names.slice(0, LIST_IN_TEXT).join(', ')} and ${names.length - LIST_IN_TEXT} more`;
}

/** One test row; problem, solution and fix location from the catalogue (all but the problem absent when passed). */
export function makeTest(cluster: string, category: TroubleshootCategory, test: string, result: TroubleshootResult, facts: TestFacts = {}): TroubleshootTest {
  const entry = troubleshootTestEntry(category, test);
  if (!entry) throw new Error(`troubleshootCatalog has no test ${category}/${test}`);
  const subjects = facts.subjects ?? [];
  const problem = result !== 'passed' && facts.problemCode ? troubleshootProblemText(facts.problemCode, facts.values, 'en') : undefined;
  return {
    cluster,
    category,
    test,
    result,
    ...(problem !== undefined ? { problem } : {}),
    ...(result !== 'passed' ? { solution: entry.solution.en, fixAt: entry.fixAt.en } : {}),
    ...(result !== 'passed' && facts.problemCode ? { problemCode: facts.problemCode } : {}),
    ...(result !== 'passed' && facts.values ? { values: facts.values } : {}),
    ...(subjects.length > 0 ? { subjects: subjects.slice(0, MAX_SUBJECTS) } : {}),
    ...(subjects.length > MAX_SUBJECTS ? { more: subjects.length - MAX_SUBJECTS } : {}),
    ...(facts.evidence ? { evidence: facts.evidence } : {}),
  };
}

/** Not checked because a command failed: the command, the node and the node's (or the connection's) words. */
export function notCheckedByRead(cluster: string, category: TroubleshootCategory, test: string, read: { node: string; source: string; error: { readonly code: string; readonly message: string } }): TroubleshootTest {
  return makeTest(cluster, category, test, 'not-checked', {
    problemCode: 'not-checked-command',
    values: { source: read.source, node: read.node || cluster, error: read.error.message },
    evidence: `${read.source} on ${read.node || cluster}: ${read.error.code}`,
  });
}

/** Not checked because there is no node of a kind to ask (e.g. no IM and Presence database publisher). */
export function notCheckedNoNode(cluster: string, category: TroubleshootCategory, test: string, role: string): TroubleshootTest {
  return makeTest(cluster, category, test, 'not-checked', { problemCode: 'not-checked-no-node', values: { role } });
}

/** The reads that failed, as "node (CODE)" for a problem's text. */
export function failedReads(reads: readonly Read<unknown>[]): { names: string[]; evidence: string } {
  const failed = reads.filter((r): r is Read<unknown> & { ok: false } => !r.ok);
  return { names: failed.map((r) => r.node), evidence: failed.map((r) => `${r.source} on ${r.node}: ${r.error.message}`).join('; ') };
}

/**
 * The usual per-node verdict: failed (or warning) when a node that answered shows the problem; otherwise not checked
 * when a node could not be read; passed only when every node was read and none shows it.
 */
export function perNodeVerdict(
  cluster: string,
  category: TroubleshootCategory,
  test: string,
  reads: readonly Read<unknown>[],
  problem: { result: 'failed' | 'warning'; facts: TestFacts } | undefined,
  passedEvidence: string,
): TroubleshootTest {
  const unread = failedReads(reads);
  if (problem) {
    const evidence = [problem.facts.evidence, unread.names.length > 0 ? `not read: ${unread.evidence}` : ''].filter(Boolean).join('; ');
    return makeTest(cluster, category, test, problem.result, { ...problem.facts, ...(evidence ? { evidence } : {}) });
  }
  if (unread.names.length === 1) {
    const r = reads.find((x) => !x.ok) as Read<unknown> & { ok: false };
    return notCheckedByRead(cluster, category, test, r);
  }
  if (unread.names.length > 1) {
    return makeTest(cluster, category, test, 'not-checked', {
      problemCode: 'not-checked-nodes',
      values: { count: unread.names.length, nodes: listText(unread.names) },
      subjects: unread.names,
      evidence: unread.evidence,
    });
  }
  if (reads.length === 0) return notCheckedNoNode(cluster, category, test, 'node');
  return makeTest(cluster, category, test, 'passed', { evidence: passedEvidence });
}
