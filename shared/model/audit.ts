/**
 * The audit log (issue 16): every action that changes something, every login, failed login and refused call, with
 * who, when, from where, what, on which target, with which parameters (never secrets) and the result. Append-only
 * in SQLite, each entry chained to the previous by an HMAC (main/core/audit/auditLog.ts).
 */
import type { Role } from './access.js';

/** Where an action came from. */
export type AuditSource = 'desktop' | 'web' | 'server' | 'cli' | 'system';

/** How it ended: done, failed while doing it, or refused before doing anything (role, session, lockout). */
export type AuditResult = 'ok' | 'failed' | 'refused';

/** One entry of the audit log. */
export interface AuditEntry {
  /** Position in the chain, from 1, without gaps. */
  readonly seq: number;
  readonly atMs: number;
  /** The operator ('-' when nobody is known, e.g. a login attempt for an unknown name is recorded under the name tried). */
  readonly operator: string;
  /** The operator's role at the time ('none' when not logged in). */
  readonly role: Role | 'none';
  readonly source: AuditSource;
  /** The client's address (server and web mode); absent on the desktop and the command line. */
  readonly address?: string;
  /** What: `<service>.<method>` for API calls (`alerts.acknowledge`), or a named event (`session.login`, `job.finished`, `drs.backup`). */
  readonly action: string;
  /** On what: a cluster, node, alarm id, operator name … */
  readonly target?: string;
  /** With which parameters, secrets removed (a field named like password, secret, token or credential is never kept). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly result: AuditResult;
  /** The stable error code of a failed or refused action. */
  readonly errorCode?: string;
  /** A short reason or detail. */
  readonly message?: string;
}

/** What a caller appends; the log assigns seq and time. */
export type AuditEntryInput = Omit<AuditEntry, 'seq' | 'atMs'> & { readonly atMs?: number };

/** A filter of the audit log, newest first. */
export interface AuditFilter {
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly operator?: string;
  /** An action or a prefix of one ending with '.' (`alerts.` = every alerts action). */
  readonly action?: string;
  readonly result?: AuditResult;
  /** Free text in the target or the message. */
  readonly text?: string;
  /** Entries before this seq (paging back). */
  readonly beforeSeq?: number;
  /** Default 500, at most 10000. */
  readonly limit?: number;
}

/** The outcome of checking the chain. */
export interface AuditVerification {
  readonly ok: boolean;
  /** Entries checked. */
  readonly entries: number;
  /** The last entry in the table. */
  readonly lastSeq: number;
  /** The head the server last wrote to its log (and head file), when known. */
  readonly recordedHeadSeq?: number;
  /** The first entry that does not verify (edited, removed before it, or missing at the end), with why. */
  readonly firstBad?: { readonly seq: number; readonly reason: string };
  readonly checkedAtMs: number;
}
