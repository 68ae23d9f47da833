/**
 * traces/: Trace & Log Central (issue 12). TEMPORARY-UNTIL-WIRED: this placeholder keeps the contract compiling
 * while the service is built; the integrator replaces it with the real service in the same session.
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import { AppError } from '../base/errors.js';

export function createPendingTracesService(): DesktopApi['traces'] {
  const pending = (): never => {
    throw new AppError('PRECONDITION', 'Trace & Log Central is not wired yet');
  };
  return new Proxy({} as DesktopApi['traces'], { get: () => async () => pending() });
}
