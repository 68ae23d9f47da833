/**
 * The one dispatcher behind both transports (Electron IPC and the local web mode, house-style.md 5.4): only
 * allow-listed (service, method) pairs, arguments parsed from `unknown`, and every outcome returned as an
 * IpcResult — nothing is ever thrown across the boundary (Electron's ipcMain.handle keeps only `message` of a
 * thrown error, so we send `{ ok, error: { code, retryable } }` instead, as vscode's ipc.ts does).
 */
import { API_METHODS, isApiMethod } from '../../../shared/ipc/channels.js';
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { IpcResult } from '../../../shared/ipc/envelope.js';
import type { ErrorPayload } from '../../../shared/errors.js';
import { IPC_ARGUMENT_PARSERS, type ApiArgParsers } from '../../../shared/validation/ipcArguments.js';
import type { ParseResult } from '../../../shared/validation/alertRuleInput.js';
import { toErrorPayload } from '../base/errors.js';

/** Longest error message sent to the renderer (a message is for people; stack traces stay in main). */
const MAX_MESSAGE = 1000;

/** Dispatches calls from any transport. */
export interface ApiRouter {
  /** Runs `service.method(...args)` when allow-listed and valid; never rejects. */
  dispatch(service: string, method: string, args: unknown): Promise<IpcResult<unknown>>;
}

/** Options of the router. */
export interface ApiRouterOptions {
  /** Told about errors that were not AppErrors (programmer errors), with their stack; default console.error. */
  readonly onInternalError?: (err: unknown, service: string, method: string) => void;
}

/** Builds the router over a DesktopApi implementation and the argument parsers (default: shared/validation). */
export function createApiRouter(impl: DesktopApi, validators: ApiArgParsers = IPC_ARGUMENT_PARSERS, options: ApiRouterOptions = {}): ApiRouter {
  const onInternalError = options.onInternalError ?? ((err, s, m) => console.error(`[ApiRouter] ${s}.${m} failed:`, err));
  return {
    async dispatch(service, method, args) {
      if (typeof service !== 'string' || typeof method !== 'string' || !isAllowListed(service, method)) {
        return failure('VALIDATION', `Unknown method '${String(service).slice(0, 100)}.${String(method).slice(0, 100)}'`);
      }
      if (!Array.isArray(args)) return failure('VALIDATION', `${service}.${method}: arguments must be an array`);
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
      if (!parsed.ok) return failure('VALIDATION', `${service}.${method}: ${parsed.issues.slice(0, 10).join('; ')}`.slice(0, MAX_MESSAGE));
      try {
        const target = (impl as unknown as Record<string, unknown>)[service];
        const value: unknown = await (fn as (...a: unknown[]) => Promise<unknown>).apply(target, parsed.value);
        return { ok: true, value };
      } catch (err) {
        const payload = toErrorPayload(err);
        if (payload.code === 'INTERNAL') onInternalError(err, service, method);
        const message = payload.code === 'INTERNAL' ? firstLine(payload.message) : payload.message.slice(0, MAX_MESSAGE * 4);
        return { ok: false, error: { ...payload, message } };
      }
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

function failure(code: ErrorPayload['code'], message: string): IpcResult<never> {
  return { ok: false, error: { code, message: message.slice(0, MAX_MESSAGE), retryable: false } };
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl >= 0 ? message.slice(0, nl) : message).slice(0, MAX_MESSAGE);
}
