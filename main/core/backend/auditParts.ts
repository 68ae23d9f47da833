/**
 * The audit log's parts for the app and the server (issue 16 "Audit log"), built once per backend: the log in
 * history.db under the key of the backend's credential store (created while the log is empty), its head file
 * `<state>/audit/head.json` (and `onHead`, the server's log line), the DesktopApi['audit'] service, the DRS's
 * recorder over it, issue 13's action records imported once, and the outcome of every job (trace collections, HA
 * commands, service control, DRS backups and restores: "The DRS, trace, HA and service jobs that earlier issues
 * record are in it") as `job.finished`, under the caller who started the job.
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { JobStatus } from '../../../shared/model/views.js';
import { auditActionRecorder, importLegacyActions, type ActionFallback, type ActionRecorder } from '../audit/actionRecords.js';
import { auditHeadPath } from '../audit/auditHead.js';
import { auditKeyFor } from '../audit/auditKey.js';
import { AuditLog, type AuditLogOptions } from '../audit/auditLog.js';
import { createAuditService } from '../audit/auditService.js';
import { currentCaller, type Caller } from '../base/callerContext.js';
import type { AsyncDisposableStore } from '../base/disposable.js';
import { toDisposable } from '../base/disposable.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import type { Database } from '../storage/sqlite/database.js';

export interface AuditPartsOptions {
  readonly stateDir: string;
  /** history.db (the backend's). */
  readonly db: Database;
  /** The backend's credential store: the HMAC key is kept there. */
  readonly credentials: CredentialStore;
  readonly jobs: Pick<JobRunner, 'onDidChange'>;
  readonly store: AsyncDisposableStore;
  /** Told the head after each append (the server prints it: auditHead.ts headLogLine). */
  readonly onHead?: AuditLogOptions['onHead'];
  readonly now?: () => number;
}

export interface AuditParts {
  readonly log: AuditLog;
  readonly service: DesktopApi['audit'];
  /** The DRS's recorder: entries as the current caller, or `fallback` outside a call. */
  actions(fallback: ActionFallback): ActionRecorder;
}

const ENDED: ReadonlySet<JobStatus['state']> = new Set(['succeeded', 'completedWithProblems', 'failed', 'cancelled']);

/** What a job acted on: from its translatable title's parameters (HA: target; service: node; DRS: cluster; traces: label). */
function jobTarget(j: JobStatus): string | undefined {
  const p = j.titleText?.params ?? {};
  for (const k of ['target', 'node', 'cluster', 'label', 'device']) {
    const v = p[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/** The `job.finished` entry of an ended job, by whoever started it. */
function jobEntry(j: JobStatus, caller: Caller | undefined): Parameters<AuditLog['append']>[0] {
  const titleParams = Object.fromEntries(Object.entries(j.titleText?.params ?? {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number'));
  const failedCode = j.state === 'failed' ? j.messageText?.params?.code : undefined;
  const message =
    j.state === 'completedWithProblems' ? `completed with problems: ${(j.problems ?? []).join('; ')}` : j.state === 'cancelled' ? `cancelled${j.message ? `: ${j.message}` : ''}` : j.message;
  const target = jobTarget(j);
  return {
    operator: caller?.operator ?? 'system',
    role: caller?.role ?? 'none',
    source: caller?.source ?? 'system',
    ...(caller?.address !== undefined ? { address: caller.address } : {}),
    action: 'job.finished',
    ...(target !== undefined ? { target } : {}),
    params: { kind: j.kind, id: j.id, title: j.title, state: j.state, ...titleParams, ...(j.endedAtMs !== undefined ? { durationMs: j.endedAtMs - j.startedAtMs } : {}) },
    result: j.state === 'succeeded' ? 'ok' : 'failed',
    ...(typeof failedCode === 'string' ? { errorCode: failedCode } : {}),
    ...(message ? { message } : {}),
  };
}

export async function createAuditParts(o: AuditPartsOptions): Promise<AuditParts> {
  const key = await auditKeyFor(o.db, o.credentials, "the backend's credential store");
  const headFile = auditHeadPath(o.stateDir);
  const log = o.store.add(AuditLog.open({ db: o.db, key, headFile, ...(o.onHead ? { onHead: o.onHead } : {}), ...(o.now ? { now: o.now } : {}) }));

  // Issue 13's action records, once (a failure leaves the file for the next start and does not stop this one).
  try {
    const r = await importLegacyActions(log, o.stateDir);
    if (r) console.warn(`[audit] imported ${r.imported} action records of audit/actions.jsonl into the audit log${r.skipped ? ` (${r.skipped} unreadable lines skipped)` : ''}`);
  } catch (err) {
    console.warn(`[audit] could not import audit/actions.jsonl (kept for the next start): ${(err as Error).message}`);
  }

  // Jobs: the caller is known when the job first shows (JobRunner fires inside start(), inside the call that started
  // it: AsyncLocalStorage carries the caller there); its end is recorded under that caller.
  const startedBy = new Map<string, Caller | undefined>();
  o.store.add(
    o.jobs.onDidChange((j) => {
      if (!startedBy.has(j.id)) startedBy.set(j.id, currentCaller());
      if (!ENDED.has(j.state)) return;
      const caller = startedBy.get(j.id);
      startedBy.delete(j.id);
      void log.append(jobEntry(j, caller));
    }),
  );
  o.store.add(toDisposable(() => startedBy.clear()));

  return {
    log,
    service: createAuditService({ log, headFile }),
    actions: (fallback) => auditActionRecorder(log, fallback),
  };
}
