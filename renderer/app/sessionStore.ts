/**
 * Who this UI acts as (issue 16): the backend's `session.state` (desktop and web: the OS user, admin; a server or a
 * client of one: the operator logged in, or nobody). Login, logout and the own password change; any call answering
 * AUTH_REQUIRED (the session ended: idle, max age, an admin's change) returns to the login page with a reason.
 * Identity is never sent by the UI: the backend takes it from the transport.
 */
import { create } from 'zustand';
import type { Role, SessionState } from '../../shared/model/access.js';
import { call, setAuthRequiredHandler } from '../ipc/api.js';
import { pauseEvents, reconnectEvents } from '../ipc/bridge.js';
import { toErrorInfo, type ErrorInfo } from './errorInfo.js';

/** Why the login page is shown (besides "not logged in yet"). */
export type LoginReason = 'expired' | 'loggedOut';

/** State and actions of the session store. */
export interface SessionStoreState {
  /** Undefined until the first answer. */
  readonly session?: SessionState;
  /** The first `session.state` failed (the server does not answer). */
  readonly loadError?: ErrorInfo;
  readonly reason?: LoginReason;
  /** The operator whose session ended (the login page offers the name again). */
  readonly endedOperator?: string;
  load(): Promise<void>;
  /** Resolves with the error of a refused login (AUTH_FAILED, ACCOUNT_LOCKED, PRECONDITION), or undefined when logged in. */
  login(name: string, password: string): Promise<ErrorInfo | undefined>;
  logout(): Promise<void>;
  /** Resolves with the error of a refused change, or undefined when done. */
  changePassword(current: string, next: string): Promise<ErrorInfo | undefined>;
  /** A call answered AUTH_REQUIRED: the session is gone. */
  sessionEnded(): void;
}

/** Whether the mode has named operators who log in (a server, or the app as its client). */
export function hasLogins(session: SessionState | undefined): boolean {
  return session?.mode === 'server' || session?.mode === 'client';
}

/** The role the UI gates buttons with: the session's, none before login. */
export function sessionRole(session: SessionState | undefined): Role | undefined {
  return session?.loggedIn ? session.role : undefined;
}

/** The session store (zustand). */
export const useSessionStore = create<SessionStoreState>()((set, get) => ({
  async load() {
    try {
      const session = await call('session', 'state');
      set({ session, loadError: undefined });
      // Logged out of a server: no event socket until a login (it would be refused at every back-off).
      if (!session.loggedIn) pauseEvents();
    } catch (err) {
      // A backend without the session namespace (an older one): app.info says who acts; else the error is shown.
      try {
        const info = await call('app', 'info');
        if (info.mode === 'server' || info.mode === 'client') throw err;
        set({ session: { mode: info.mode ?? 'desktop', loggedIn: true, operator: info.operator, role: info.role ?? 'admin' }, loadError: undefined });
      } catch {
        set({ loadError: toErrorInfo(err) });
      }
    }
  },
  async login(name, password) {
    try {
      const session = await call('session', 'login', name, password);
      set({ session, reason: undefined, loadError: undefined });
      // The event socket was refused without a session: open it now rather than at its next back-off.
      reconnectEvents();
      return undefined;
    } catch (err) {
      const info = toErrorInfo(err);
      // A refused login may be because the last admin was removed meanwhile: refresh the state (setupCommand).
      if (info.code === 'PRECONDITION') await get().load();
      return info;
    }
  },
  async logout() {
    try {
      await call('session', 'logout');
    } finally {
      const s = get().session;
      set({ session: s ? { mode: s.mode, loggedIn: false, server: s.server } : undefined, reason: 'loggedOut' });
      await get().load();
    }
  },
  async changePassword(current, next) {
    try {
      await call('session', 'changePassword', current, next);
      return undefined;
    } catch (err) {
      return toErrorInfo(err);
    }
  },
  sessionEnded() {
    const s = get().session;
    if (!s?.loggedIn || !hasLogins(s)) return;
    set({ session: { mode: s.mode, loggedIn: false, server: s.server }, reason: 'expired', ...(s.operator ? { endedOperator: s.operator } : {}) });
    void get().load();
  },
}));

setAuthRequiredHandler(() => useSessionStore.getState().sessionEnded());
