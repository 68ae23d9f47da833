import type { DesktopApi } from '../../../shared/ipc/contract.js';
import { AppError } from '../base/errors.js';

/** TEMPORARY placeholder (issue 13 integration): the real service replaces it. */
export type DrsServiceDeps = Record<string, never>;

/** The `drs` namespace of the contract. */
export function createDrsService(_deps: DrsServiceDeps): DesktopApi['drs'] {
  const missing = (): never => {
    throw new AppError('PRECONDITION', 'the Disaster Recovery System is not wired yet');
  };
  return new Proxy({} as DesktopApi['drs'], { get: () => missing });
}
