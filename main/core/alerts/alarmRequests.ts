import { hostname } from 'node:os';
import { z } from 'zod';
import type { DesktopApi, SilenceInput } from '../../../shared/ipc/contract.js';
import type { AlarmRecord, Silence } from '../../../shared/model/alert.js';
import type { ErrorPayload } from '../../../shared/errors.js';
import { describeIssues } from '../../../shared/validation/issues.js';
import { silenceRequestSchema } from '../../../shared/validation/silence.js';
import type { AuditEntryInput } from '../../../shared/model/audit.js';
import type { AuditSink } from '../base/callerContext.js';
import { toDisposable, type Disposable } from '../base/disposable.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import type { AlertEngine } from './alertEngine.js';
import { silenceFieldsOf, type SilencesPort } from './alertsService.js';

/**
 * Alarm changes asked for from outside the process that holds the alarms (`imp alarms ack|unack|clear|silence`,
 * issue 15 "Command line"). The running app keeps its active alarms in memory (AlertEngine) and writes them behind
 * to history.db, so a second process writing the alarm tables would be overwritten and never seen by the app: the
 * change goes THROUGH the app instead. The command line queues a request in the `alarm_requests` table of the same
 * history.db (WAL lets a second connection write), the app's poller ({@link startAlarmRequestPoller}) picks it up
 * within about a second, applies it with the alerts service acting as the OS user who ran the command, and writes
 * the outcome back for the command to print. A presence row the poller refreshes every tick says whether an app
 * runs on the data folder at all; with none, the command applies the same request itself ({@link applyAlarmRequest}
 * on an engine opened on the store, no evaluation). Alertmanager's silences API and NetXMS's alarm acknowledge
 * (peers-and-limits.md 2.2, 2.4) are the models: who acted is recorded by the side that applies, never trusted
 * from the request (here the requester is the OS user that owns the 0600 history.db).
 */

/** How often the running app looks for requests and refreshes its presence row. */
export const ALARM_REQUEST_POLL_MS = 1_000;
/** A presence row older than this is a backend that stopped without removing it (a crash, a kill -9). */
export const BACKEND_PRESENCE_STALE_MS = 5_000;
/** How long the command waits for the app's answer. */
export const ALARM_REQUEST_WAIT_MS = 15_000;
/** A request still pending after this was given up by its command (it waits at most ALARM_REQUEST_WAIT_MS): not applied. */
export const ALARM_REQUEST_MAX_AGE_MS = ALARM_REQUEST_WAIT_MS + 5_000;
/** Finished requests are kept this long (a trace of what was asked), then deleted. */
export const ALARM_REQUEST_RETENTION_MS = 7 * 24 * 3_600_000;

const MAX_ID = 200;
const MAX_COMMENT = 4_096;
const MAX_OPERATOR = 255;

const alarmId = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(MAX_ID, `must be at most ${MAX_ID} characters`);
const comment = z.string({ error: 'must be a string' }).max(MAX_COMMENT, `must be at most ${MAX_COMMENT} characters`);
const timeMs = z.number({ error: 'must be epoch milliseconds' }).int('must be epoch milliseconds').min(0).max(8.64e15);

/** A request's body, as the command writes it and the app reads it back (validated again: it comes from a file). */
export const alarmRequestBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('acknowledge'), alarmId, comment: comment.optional(), untilMs: timeMs.optional() }),
  z.strictObject({ kind: z.literal('unacknowledge'), alarmId, comment: comment.optional() }),
  z.strictObject({ kind: z.literal('clear'), alarmId, comment: comment.optional() }),
  // The contract's own silence argument (matchers, a window of at most a year, why): the command line and the app
  // accept the same silences.
  z.strictObject({ kind: z.literal('silence'), input: silenceRequestSchema }),
]);

/** What a command asks for. */
export type AlarmRequestBody = z.infer<typeof alarmRequestBodySchema>;
/** The kinds of request. */
export type AlarmRequestKind = AlarmRequestBody['kind'];

/** What an applied request gives back: the alarm as it is after the change, or the silence made. */
export type AlarmRequestResult = { readonly kind: 'alarm'; readonly alarm: AlarmRecord } | { readonly kind: 'silence'; readonly silence: Silence };

/** A queued request as the app reads it. */
export interface QueuedAlarmRequest {
  readonly id: number;
  /** The OS user who ran the command: the alerts service acts as this user. */
  readonly operator: string;
  readonly requestedAtMs: number;
  /** The body as stored (validated by the poller before it is applied). */
  readonly body: unknown;
}

/** Where a request stands. */
export type AlarmRequestState = 'pending' | 'working' | 'done' | 'failed' | 'cancelled' | 'expired';

/** A request's outcome as the command reads it. */
export interface AlarmRequestOutcome {
  readonly state: AlarmRequestState;
  readonly result?: AlarmRequestResult;
  readonly error?: ErrorPayload;
  /** pid of the app that took it. */
  readonly handledBy?: number;
}

/** A running app's presence row (one per backend instance). */
export interface BackendPresence {
  readonly instance: string;
  readonly pid: number;
  readonly host: string;
  readonly startedAtMs: number;
  readonly heartbeatAtMs: number;
}

/**
 * The request table and the presence rows (storage/sqlite/alarmRequestsTable.ts implements it on history.db).
 * Synchronous, like better-sqlite3.
 */
export interface AlarmRequestQueue {
  /** Upserts this app's presence row with a fresh heartbeat. */
  announce(presence: BackendPresence): void;
  /** Removes this app's presence row (a clean stop). */
  withdraw(instance: string): void;
  /** Presence rows whose heartbeat is newer than `sinceMs`, freshest first. */
  presences(sinceMs: number): BackendPresence[];
  /** Expires pending requests older than `olderThanMs`, deletes the others older than `purgeBeforeMs` (finished, or taken by an app that stopped before answering), then claims the pending ones (state working, handled by `pid`), oldest first. */
  claim(pid: number, olderThanMs: number, purgeBeforeMs: number, nowMs: number): QueuedAlarmRequest[];
  /** Writes a claimed request's outcome. */
  complete(id: number, outcome: { readonly result?: AlarmRequestResult; readonly error?: ErrorPayload }, nowMs: number): void;
  /** Queues a request; returns its id. */
  submit(operator: string, body: AlarmRequestBody, nowMs: number): number;
  /** A request's outcome (undefined: no such request). */
  outcome(id: number): AlarmRequestOutcome | undefined;
  /** Cancels a request nobody has taken yet; false when it was taken (or finished) meanwhile. */
  cancelIfPending(id: number, nowMs: number): boolean;
}

/** What a request is applied with: the alerts service of the contract, acting as one operator. */
export type AlarmActions = Pick<DesktopApi['alerts'], 'acknowledge' | 'unacknowledge' | 'clear' | 'silence' | 'listSilences'>;

/** Reads the alarm after a change (its deferred store write flushed first). */
export interface AlarmReader {
  flushWrites(): void;
  queryAlarms(query: { alarmId: string }): AlarmRecord[];
}

/**
 * The alerts service's changes on an engine and the silences, acting as `operator` (what createAlertsService does
 * with the backend's operator, here with the requester's): the command line's direct path uses it on an engine it
 * opened on the store; the app may wire `actionsFor` with it or with createAlertsService.
 */
export function engineAlarmActions(engine: Pick<AlertEngine, 'acknowledge' | 'unacknowledge' | 'clearAlarm'>, silences: Pick<SilencesPort, 'add' | 'list'>, operator: string): AlarmActions {
  return {
    acknowledge: async (a) => engine.acknowledge(a.alarmId, operator, a.comment ?? '', a.untilMs),
    unacknowledge: async (id, comment) => engine.unacknowledge(id, operator, comment),
    clear: async (id, comment) => void engine.clearAlarm(id, operator, comment ?? ''),
    silence: async (s) => (await silences.add(silenceFieldsOf(s, operator))).id,
    listSilences: async () => silences.list(),
  };
}

/** Validates a stored body; VALIDATION naming the fields otherwise. */
export function parseAlarmRequestBody(body: unknown): AlarmRequestBody {
  const r = alarmRequestBodySchema.safeParse(body);
  if (!r.success) throw new AppError('VALIDATION', `alarm request is not valid: ${describeIssues(r.error, '(request)').join('; ')}`);
  return r.data;
}

/**
 * Applies one request with `actions` (the alerts service acting as the requester) and reads back what it changed.
 * The command line's direct path (no app running) and the app's poller both apply requests with this function.
 */
export async function applyAlarmRequest(actions: AlarmActions, alarms: AlarmReader, body: AlarmRequestBody): Promise<AlarmRequestResult> {
  switch (body.kind) {
    case 'acknowledge':
      return { kind: 'alarm', alarm: await actions.acknowledge({ alarmId: body.alarmId, ...(body.comment !== undefined ? { comment: body.comment } : {}), ...(body.untilMs !== undefined ? { untilMs: body.untilMs } : {}) }) };
    case 'unacknowledge':
      return { kind: 'alarm', alarm: await actions.unacknowledge(body.alarmId, body.comment) };
    case 'clear': {
      await actions.clear(body.alarmId, body.comment);
      alarms.flushWrites();
      const alarm = alarms.queryAlarms({ alarmId: body.alarmId })[0];
      if (!alarm) throw new AppError('INTERNAL', `alarm ${body.alarmId} was cleared but cannot be read back`);
      return { kind: 'alarm', alarm };
    }
    case 'silence': {
      const input: SilenceInput = body.input;
      const id = await actions.silence(input);
      const silence = (await actions.listSilences()).find((s) => s.id === id);
      if (!silence) throw new AppError('INTERNAL', `silence ${id} was made but is not listed`);
      return { kind: 'silence', silence };
    }
  }
}

/** What the poller is built from (the lead wires it in createBackend on the backend's history.db). */
export interface AlarmRequestPollerDeps {
  readonly queue: AlarmRequestQueue;
  /** The alerts service acting as `operator` (createAlertsService with that operator). */
  readonly actionsFor: (operator: string) => AlarmActions;
  /** The engine, to read an alarm back after a change. */
  readonly alarms: AlarmReader;
  /** This process (default process.pid) and host (default os.hostname()). */
  readonly pid?: number;
  readonly host?: string;
  readonly intervalMs?: number;
  readonly now?: () => number;
  /** A line on the app's log (default console.warn). */
  readonly warn?: (line: string) => void;
  /** The audit log (issue 16): each applied request is recorded as the OS user who ran `imp alarms`, source 'cli'. */
  readonly audit?: AuditSink;
}

/** The audit entry of one request the app applied for `imp alarms` (who asked, what, on which alarm, the outcome). */
export function alarmRequestAuditEntry(operator: string, body: unknown, outcome: { result?: AlarmRequestResult; error?: ErrorPayload }): AuditEntryInput {
  let parsed: AlarmRequestBody | undefined;
  try {
    parsed = parseAlarmRequestBody(body);
  } catch {
    parsed = undefined;
  }
  const { kind = 'unknown', ...params } = (parsed ?? {}) as Partial<AlarmRequestBody> & Record<string, unknown>;
  const target = parsed && 'alarmId' in parsed ? parsed.alarmId : outcome.result?.kind === 'silence' ? outcome.result.silence.id : undefined;
  return {
    operator,
    // Whoever may write the data folder acts with every right (the server's own machine).
    role: 'admin',
    source: 'cli',
    action: `alerts.${kind}`,
    ...(target !== undefined ? { target } : {}),
    params: params as Record<string, unknown>,
    result: outcome.error ? 'failed' : 'ok',
    ...(outcome.error ? { errorCode: outcome.error.code, message: outcome.error.message } : {}),
  };
}

/**
 * Starts the app's side: every `intervalMs` (1 s) it refreshes its presence row, takes the pending requests and
 * applies each with the alerts service acting as the user who asked, writing the outcome back. A locked database
 * (STORAGE_BUSY) is only retried at the next tick; an outcome that could not be written is kept and written then.
 * Disposing stops the timer and removes the presence row, so the command line applies directly again.
 */
export function startAlarmRequestPoller(deps: AlarmRequestPollerDeps): Disposable {
  const now = deps.now ?? Date.now;
  const pid = deps.pid ?? process.pid;
  const host = deps.host ?? hostname();
  const warn = deps.warn ?? ((line: string) => console.warn(`[alarm requests] ${line}`));
  const instance = `${pid}-${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const startedAtMs = now();
  const unwritten = new Map<number, { result?: AlarmRequestResult; error?: ErrorPayload }>();
  let busy = false;
  let closed = false;
  let lastWarning = '';
  const warnOnce = (line: string): void => {
    if (line !== lastWarning) warn(line);
    lastWarning = line;
  };

  const write = (id: number, outcome: { result?: AlarmRequestResult; error?: ErrorPayload }): void => {
    try {
      deps.queue.complete(id, outcome, now());
      unwritten.delete(id);
    } catch (err) {
      unwritten.set(id, outcome);
      warnOnce(`the outcome of request ${id} is kept to be written again: ${toErrorPayload(err).message}`);
    }
  };

  const tick = async (): Promise<void> => {
    if (busy || closed) return;
    busy = true;
    try {
      const t = now();
      deps.queue.announce({ instance, pid, host, startedAtMs, heartbeatAtMs: t });
      for (const [id, outcome] of [...unwritten]) write(id, outcome);
      const claimed = deps.queue.claim(pid, t - ALARM_REQUEST_MAX_AGE_MS, t - ALARM_REQUEST_RETENTION_MS, t);
      for (const req of claimed) {
        let outcome: { result?: AlarmRequestResult; error?: ErrorPayload };
        try {
          // Claimed but the app is stopping: said so at once (the command would otherwise wait its 15 s for nothing).
          if (closed) throw new AppError('PRECONDITION', `the app stopped before applying alarm request ${req.id}: nothing was changed; run the command again`);
          if (req.operator.trim() === '' || req.operator.length > MAX_OPERATOR) throw new AppError('VALIDATION', `alarm request ${req.id} names no operator (or one over ${MAX_OPERATOR} characters)`);
          outcome = { result: await applyAlarmRequest(deps.actionsFor(req.operator), deps.alarms, parseAlarmRequestBody(req.body)) };
        } catch (err) {
          outcome = { error: toErrorPayload(err) };
        }
        if (deps.audit) void deps.audit.append(alarmRequestAuditEntry(req.operator, req.body, outcome));
        // Written even when the app stopped meanwhile (history.db closes after the poller): an applied change is
        // reported as applied, never left for the command to time out on and run again.
        write(req.id, outcome);
      }
      lastWarning = '';
    } catch (err) {
      // STORAGE_BUSY: another writer holds history.db this instant; the next tick tries again.
      warnOnce(`cannot read the alarm requests: ${toErrorPayload(err).message}`);
    } finally {
      busy = false;
    }
  };

  const handle = setInterval(() => void tick(), deps.intervalMs ?? ALARM_REQUEST_POLL_MS);
  handle.unref();
  void tick();
  return toDisposable(() => {
    if (closed) return;
    closed = true;
    clearInterval(handle);
    try {
      deps.queue.withdraw(instance);
    } catch (err) {
      // The row goes stale within BACKEND_PRESENCE_STALE_MS anyway.
      warn(`cannot remove the presence row: ${toErrorPayload(err).message}`);
    }
  });
}
