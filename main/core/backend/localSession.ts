/**
 * DesktopApi['session'] of a backend whose identity is its transport's (issue 16): on the desktop (Electron IPC) and in
 * `--web` mode (the per-run token) the caller is the OS user who runs the app, with the admin role, and there is
 * nothing to log in to. On a server the web layer answers session.* itself over the SessionAuthority
 * (transport/webServer.ts); this one then only reports the caller the router ran it as.
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { AccessMode, SessionState } from '../../../shared/model/access.js';
import { currentCaller } from '../base/callerContext.js';
import { AppError } from '../base/errors.js';

/** What the local session is built from. */
export interface LocalSessionDeps {
  /** How this backend is reached (never 'client': a client's session is its server's). */
  readonly mode: Exclude<AccessMode, 'client'>;
  /** The OS user the backend runs as (osOperator()). */
  readonly localOperator: string;
}

/** The session service of a desktop, web or server backend. */
export function createLocalSession(d: LocalSessionDeps): DesktopApi['session'] {
  const refuse = (): never => {
    throw new AppError('PRECONDITION', `Logins are for a server started with npm run server; this app acts as ${d.localOperator}`);
  };
  return {
    state: async (): Promise<SessionState> => {
      const caller = currentCaller();
      if (d.mode === 'server') {
        // Reached only through a router (the web server answers /api/session/state itself): the caller's session.
        return caller ? { mode: d.mode, loggedIn: true, operator: caller.operator, role: caller.role } : { mode: d.mode, loggedIn: false };
      }
      return { mode: d.mode, loggedIn: true, operator: caller?.operator ?? d.localOperator, role: caller?.role ?? 'admin' };
    },
    login: async () => refuse(),
    logout: async () => refuse(),
    changePassword: async () => refuse(),
  };
}
