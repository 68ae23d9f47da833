/**
 * System Troubleshooter, "User configuration" (用户配置, guide L11243): the user troubleshooter's checks in the guide's
 * order (L8456-8460: unique user ID, directory URI configured, unique directory URI, valid directory URI, unique mail
 * ID) plus a missing mail ID (ours, L8462), from `utils users validate all` and the users' mail IDs (usersReport.ts
 * computes the rows). Duplicate user IDs and URI problems fail (Table 32: act at once); mail IDs warn (they affect
 * federation and calendar e-mail addresses, L8462).
 */
import type { TroubleshootTest, UserProblemKind, UserProblemRow } from '../../../../shared/model/reports.js';
import { mailRows, validationRows } from '../usersReport.js';
import { listText, makeTest, notCheckedByRead, notCheckedNoNode } from './troubleshootTest.js';
import type { TroubleshootReads } from './troubleshootReads.js';

const C = 'user-configuration' as const;

const VALIDATE_TESTS: readonly { test: string; kind: UserProblemKind }[] = [
  { test: 'unique-userid', kind: 'duplicate-userid' },
  { test: 'directory-uri-configured', kind: 'no-directory-uri' },
  { test: 'unique-directory-uri', kind: 'duplicate-directory-uri' },
  { test: 'valid-directory-uri', kind: 'invalid-directory-uri' },
];
const MAIL_TESTS: readonly { test: string; kind: UserProblemKind }[] = [
  { test: 'unique-mail-id', kind: 'duplicate-mail-id' },
  { test: 'mail-id-configured', kind: 'no-mail-id' },
];

/** "user (value)" subjects, one per user, in row order. */
function subjectsOf(rows: readonly UserProblemRow[]): string[] {
  return rows.map((r) => (r.value !== undefined ? `${r.userId} (${r.value})` : r.nodes.length > 1 ? `${r.userId} (${r.nodes.join(', ')})` : r.userId));
}

function verdict(cluster: string, test: string, kind: UserProblemKind, rows: readonly UserProblemRow[], evidence: string): TroubleshootTest {
  const mine = rows.filter((r) => r.kind === kind);
  if (mine.length === 0) return makeTest(cluster, C, test, 'passed', { evidence });
  const subjects = subjectsOf(mine);
  // A duplicate counts once per value (user ID, URI, mail ID), as the CLI groups them.
  const count = kind === 'duplicate-userid' ? new Set(mine.map((r) => r.userId)).size : kind === 'duplicate-directory-uri' || kind === 'duplicate-mail-id' ? new Set(mine.map((r) => (r.value ?? '').toLowerCase())).size : mine.length;
  const result = kind === 'duplicate-mail-id' || kind === 'no-mail-id' ? 'warning' : 'failed';
  return makeTest(cluster, C, test, result, { problemCode: kind, values: { count, users: listText(subjects) }, subjects, evidence });
}

export async function userChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  const cluster = reads.cluster;
  const ask = reads.impAsk();
  if (!ask) return [...VALIDATE_TESTS, ...MAIL_TESTS].map((t) => notCheckedNoNode(cluster, C, t.test, 'IM and Presence node'));
  const [validated, mail] = await Promise.all([reads.usersValidate(ask), reads.mailIds()]);
  const out: TroubleshootTest[] = [];
  if (validated.ok) {
    const rows = validationRows(cluster, validated.value);
    for (const t of VALIDATE_TESTS) out.push(verdict(cluster, t.test, t.kind, rows, `${validated.source} on ${validated.node}`));
  } else {
    for (const t of VALIDATE_TESTS) out.push(notCheckedByRead(cluster, C, t.test, validated));
  }
  if (mail.ok) {
    const rows = mailRows(cluster, mail.value, mail.node);
    for (const t of MAIL_TESTS) out.push(verdict(cluster, t.test, t.kind, rows, `${mail.source} on ${mail.node}: ${mail.value.rows.length} users`));
  } else {
    for (const t of MAIL_TESTS) out.push(notCheckedByRead(cluster, C, t.test, mail));
  }
  return out;
}
