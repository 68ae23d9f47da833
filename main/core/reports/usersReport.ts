/**
 * The user troubleshooter (issue 14; guide L8448-8470 "通过系统故障诊断程序验证用户数据", L8537-8580 Table 32):
 * duplicate user IDs, users without a directory URI, invalid and duplicate directory URIs from `utils users validate
 * all` (the CLI the guide sends a person to for the full list, L8563: the troubleshooter page shows at most 10 users),
 * and missing or shared mail IDs ("验证所有用户均已配置唯一的邮件 ID", L8460-8462) from `run sql select userid, mailid
 * from enduser` on the IM and Presence database publisher. Every problem, none cut off.
 */
import type { UserProblemKind, UserProblemRow, UsersReport } from '../../../shared/model/reports.js';
import { AppError } from '../base/errors.js';
import { usersValidate, type SqlTable, type UsersValidation } from '../polling/ssh/reportCommands.js';
import { cliRun, impNodesInOrder, problemOf, sqlOnImpDatabase } from './clusterLayout.js';
import type { ReportGenerator } from './reportContext.js';
import { isNoAnswer } from '../polling/pollError.js';

export const USERS_MAIL_SQL = 'select userid, mailid from enduser';

/** Rows of `utils users validate all`, one per user and problem. */
export function validationRows(cluster: string, v: UsersValidation): UserProblemRow[] {
  const rows: UserProblemRow[] = [];
  for (const d of v.duplicateUserIds) rows.push({ cluster, kind: 'duplicate-userid', userId: d.userId, nodes: [...d.nodes] });
  for (const d of v.noDirectoryUri) rows.push({ cluster, kind: 'no-directory-uri', userId: d.userId, nodes: [d.node] });
  for (const d of v.invalidDirectoryUri) rows.push({ cluster, kind: 'invalid-directory-uri', userId: d.userId, value: d.uri, nodes: [d.node] });
  for (const d of v.duplicateDirectoryUris) for (const u of d.users) rows.push({ cluster, kind: 'duplicate-directory-uri', userId: u.userId, value: d.uri, nodes: [u.node] });
  return rows;
}

/** Rows for users without a mail ID and for mail IDs several users share (compared without case, as e-mail is). */
export function mailRows(cluster: string, table: SqlTable, node: string): UserProblemRow[] {
  const rows: UserProblemRow[] = [];
  const byMail = new Map<string, string[]>();
  for (const r of table.rows) {
    const userId = r.userid ?? '';
    const mail = (r.mailid ?? '').trim();
    if (userId === '') continue;
    if (mail === '') {
      rows.push({ cluster, kind: 'no-mail-id', userId, nodes: [node] });
      continue;
    }
    const key = mail.toLowerCase();
    const list = byMail.get(key);
    if (list) list.push(userId);
    else byMail.set(key, [userId]);
  }
  for (const r of table.rows) {
    const mail = (r.mailid ?? '').trim();
    if (mail === '' || !r.userid) continue;
    if ((byMail.get(mail.toLowerCase())?.length ?? 0) > 1) rows.push({ cluster, kind: 'duplicate-mail-id', userId: r.userid, value: mail, nodes: [node] });
  }
  return rows;
}

const KIND_ORDER: readonly UserProblemKind[] = ['duplicate-userid', 'no-directory-uri', 'invalid-directory-uri', 'duplicate-directory-uri', 'no-mail-id', 'duplicate-mail-id'];

export function sortUserRows(rows: UserProblemRow[]): UserProblemRow[] {
  return rows.sort((a, b) => a.cluster.localeCompare(b.cluster) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.value ?? '').toLowerCase().localeCompare((b.value ?? '').toLowerCase()) || a.userId.localeCompare(b.userId));
}

export const usersReport: ReportGenerator<UsersReport> = async (ctx) => {
  const rows: UserProblemRow[] = [];
  const checked: { cluster: string; users: number }[] = [];
  let anyRead = false;
  for (const access of ctx.clusters) {
    ctx.signal.throwIfAborted();
    const cluster = access.cluster;
    ctx.plan(2);
    // `utils users validate all` on the database publisher, else the next IM&P node that answers.
    let validated = false;
    let lastError: unknown = new AppError('NOT_FOUND', `cluster ${cluster} has no IM and Presence node`);
    let lastNode: string | undefined;
    for (const n of impNodesInOrder(access)) {
      const r = await usersValidate(cliRun(access, n.name));
      if (r.ok) {
        rows.push(...validationRows(cluster, r.value));
        validated = true;
        break;
      }
      lastError = r.error;
      lastNode = n.name;
      if (!isNoAnswer(r.error.code)) break;
    }
    if (!validated) ctx.problem(problemOf(cluster, 'utils users validate all', lastError, lastNode));
    ctx.step(`${cluster}: users' mail IDs`);
    const mail = await sqlOnImpDatabase(access, USERS_MAIL_SQL);
    if (mail.ok) {
      rows.push(...mailRows(cluster, mail.value, mail.node ?? ''));
      checked.push({ cluster, users: mail.value.rows.length });
    } else {
      ctx.problem(problemOf(cluster, `run sql ${USERS_MAIL_SQL}`, mail.error, mail.node));
    }
    ctx.step(`${cluster}: users checked`);
    anyRead ||= validated || mail.ok;
  }
  if (!anyRead && ctx.clusters.length > 0) throw new AppError('POLL_CONNECT', 'No cluster answered utils users validate or run sql: no user could be checked', { retryable: true });
  return { kind: 'users', checked, rows: sortUserRows(rows) };
};
