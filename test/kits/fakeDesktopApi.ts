/**
 * A DesktopApi for transport tests: every allow-listed method records its call and answers from an override, or
 * with `{ service, method, args }` when none is given. Not used by the app.
 */
import { API_METHODS } from '../../shared/ipc/channels.js';
import type { DesktopApi } from '../../shared/ipc/contract.js';

/** One recorded call. */
export interface RecordedCall {
  readonly service: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

/** Overrides per "service.method". */
export type FakeOverrides = Readonly<Record<string, (...args: unknown[]) => unknown>>;

/** Builds the fake and the list its calls go to. */
export function createFakeDesktopApi(overrides: FakeOverrides = {}): { api: DesktopApi; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const api: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(API_METHODS)) {
    api[service] = {};
    for (const method of Object.keys(methods)) {
      (api[service] as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        calls.push({ service, method, args });
        const o = overrides[`${service}.${method}`];
        return o ? o(...args) : { service, method, args };
      };
    }
  }
  return { api: api as unknown as DesktopApi, calls };
}
