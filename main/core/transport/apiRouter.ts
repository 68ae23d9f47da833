/**
 * The one dispatcher behind every transport (Electron IPC, the local web mode and the server, house-style.md 5.4):
 * only allow-listed (service, method) pairs, the caller's role against the method's (issue 16: API_METHODS in
 * shared/ipc/channels.ts), arguments parsed from `unknown`, the call run as its caller (runAsCaller: services read
 * currentCaller()), every change and every refusal written to the audit log, and every outcome returned as an
 * IpcResult — nothing is ever thrown across the boundary (Electron's ipcMain.handle keeps only `message` of a thrown
 * error, so we send `{ ok, error: { code, retryable } }` instead, as vscode's ipc.ts does).
 *
 * Identity comes from the transport, never from a request: the caller is the dispatch's fourth argument, given by the
 * IPC layer (the OS user), the web mode (the per-run token's user) or the server (the session cookie's operator).
 */
import { API_METHODS, isApiMethod, isAuditedMethod, methodRole } from '../../../shared/ipc/channels.js';
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { IpcResult } from '../../../shared/ipc/envelope.js';
import type { ErrorCode, ErrorPayload } from '../../../shared/errors.js';
import { roleAllows } from '../../../shared/model/access.js';
import type { AuditResult } from '../../../shared/model/audit.js';
import { IPC_ARGUMENT_PARSERS, type ApiArgParsers } from '../../../shared/validation/ipcArguments.js';
import type { ParseResult } from '../../../shared/validation/alertRuleInput.js';
import { runAsCaller, type AuditSink, type Caller } from '../base/callerContext.js';
import { toErrorPayload } from '../base/errors.js';
import { auditParams, auditTarget } from './auditTarget.js';

/** Longest error message sent to the renderer (a message is for people; stack traces stay in main). */
const MAX_MESSAGE = 1000;

/** Dispatches calls from any transport. */
export interface ApiRouter {
  /**
   * Runs `service.method(...args)` as `caller` when allow-listed, allowed for the caller's role and valid; never
   * rejects. Without a caller only public methods run (the others answer AUTH_REQUIRED).
   */
  dispatch(service: string, method: string, args: unknown, caller?: Caller): Promise<IpcResult<unknown>>;
}

/** Options of the router. */
export interface ApiRouterOptions {
  /** Where changes and refused calls are recorded (the backend's audit log); default: nowhere. */
  readonly audit?: AuditSink;
  /** Told about errors that were not AppErrors (programmer errors), with their stack; default console.error. */
  readonly onInternalError?: (err: unknown, service: string, method: string) => void;
}

/** Builds the router over a DesktopApi implementation and the argument parsers (default: shared/validation). */
export function createApiRouter(impl: DesktopApi, validators: ApiArgParsers = IPC_ARGUMENT_PARSERS, options: ApiRouterOptions = {}): ApiRouter {
  const onInternalError = options.onInternalError ?? ((err, s, m) => console.error(`[ApiRouter] ${s}.${m} failed:`, err));
  const sink = options.audit;

  /** Appends one entry for a call; a failing sink never fails the call (the sink logs, verify reports a gap). */
  const record = async (caller: Caller, service: string, method: string, args: unknown, result: AuditResult, error?: ErrorPayload): Promise<void> => {
    if (sink === undefined) return;
    try {
      const target = Array.isArray(args) ? auditTarget(service, method, args) : undefined;
      await sink.append({
        operator: caller.operator,
        role: caller.role,
        source: caller.source,
        ...(caller.address !== undefined ? { address: caller.address } : {}),
        action: `${service}.${method}`,
        ...(target !== undefined ? { target } : {}),
        params: auditParams(service, method, args),
        result,
        ...(error ? { errorCode: error.code, message: firstLine(error.message) } : {}),
      });
    } catch (err) {
      console.error(`[ApiRouter] audit of ${service}.${method} failed:`, err);
    }
  };

  return {
    async dispatch(service, method, args, caller) {
      if (typeof service !== 'string' || typeof method !== 'string' || !isAllowListed(service, method)) {
        return failure('VALIDATION', `Unknown method '${String(service).slice(0, 100)}.${String(method).slice(0, 100)}'`);
      }
      // The role before anything else: a refused call neither parses nor runs.
      const need = methodRole(service, method)!;
      if (need !== 'public') {
        // Not audited: a browser left open after its session expired would flood the log (the authority records the expiry).
        if (caller === undefined) return failure('AUTH_REQUIRED', 'Log in first');
        if (!roleAllows(caller.role, need)) {
          const refused = failure('ROLE_FORBIDDEN', `${service}.${method} needs the ${need} role; ${caller.operator} is a ${caller.role}`);
          await record(caller, service, method, args, 'refused', refused.error);
          return refused;
        }
      }
      const audited = caller !== undefined && isAuditedMethod(service, method);
      const refuse = async (r: Failure): Promise<Failure> => {
        if (audited) await record(caller, service, method, args, 'refused', r.error);
        return r;
      };
      if (!Array.isArray(args)) return refuse(failure('VALIDATION', `${service}.${method}: arguments must be an array`));
      const parse = lookup(validators, service, method) as ((raw: readonly unknown[]) => ParseResult<unknown[]>) | undefined;
      const fn = lookup(impl, service, method);
      if (typeof parse !== 'function' || typeof fn !== 'function') return failure('INTERNAL', `${service}.${method} is not implemented`);
      let parsed: ParseResult<unknown[]>;
      try {
        parsed = parse(args);
      } catch (err) {
        onInternalError(err, service, method);
        return failure('INTERNAL', `${service}.${method}: argument check failed`);
      }
      if (!parsed.ok) return refuse(failure('VALIDATION', `${service}.${method}: ${parsed.issues.slice(0, 10).join('; ')}`));
      const values = parsed.value;
      const target = (impl as unknown as Record<string, unknown>)[service];
      const call = (): Promise<unknown> => (fn as (...a: unknown[]) => Promise<unknown>).apply(target, values);
      let outcome: IpcResult<unknown>;
      try {
        const value: unknown = await (caller !== undefined ? runAsCaller(caller, call) : call());
        outcome = { ok: true, value };
      } catch (err) {
        const payload = toErrorPayload(err);
        if (payload.code === 'INTERNAL') onInternalError(err, service, method);
        const message = payload.code === 'INTERNAL' ? firstLine(payload.message) : payload.message.slice(0, MAX_MESSAGE * 4);
        outcome = { ok: false, error: { ...payload, message } };
      }
      // The parsed arguments are audited (defaults filled, unknown fields already refused).
      if (audited) await record(caller, service, method, values, outcome.ok ? 'ok' : 'failed', outcome.ok ? undefined : outcome.error);
      return outcome;
    },
  };
}

/**
 * isApiMethod plus an own-property check of the service: isApiMethod('__proto__', 'toString') is true because
 * API_METHODS['__proto__'] is Object.prototype.
 */
function isAllowListed(service: string, method: string): boolean {
  return Object.prototype.hasOwnProperty.call(API_METHODS, service) && isApiMethod(service, method);
}

/** An own property of an own property, so `__proto__` / `constructor` never resolve to Object.prototype. */
function lookup(root: unknown, service: string, method: string): unknown {
  if (root === null || typeof root !== 'object' || !Object.prototype.hasOwnProperty.call(root, service)) return undefined;
  const s = (root as Record<string, unknown>)[service];
  if (s === null || typeof s !== 'object') return undefined;
  // Service objects may be class instances whose methods live on the prototype: allow those, but not Object's.
  const m = (s as Record<string, unknown>)[method];
  return m === (Object.prototype as unknown as Record<string, unknown>)[method] ? undefined : m;
}

/** A refused or failed call's envelope. */
type Failure = { readonly ok: false; readonly error: ErrorPayload };

function failure(code: ErrorCode, message: string): Failure {
  return { ok: false, error: { code, message: message.slice(0, MAX_MESSAGE), retryable: false } };
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl >= 0 ? message.slice(0, nl) : message).slice(0, MAX_MESSAGE);
}
