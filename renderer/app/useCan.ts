/**
 * Role gating in the UI (issue 16): whether the session's role may call a method (API_METHODS in
 * shared/ipc/channels.ts, roleAllows in shared/model/access.ts) and, if not, the words that say why
 * ("Needs the operator role; you are a viewer"). The backend refuses such a call anyway (ROLE_FORBIDDEN): the UI
 * only spares a person the click.
 */
import { API_METHODS } from '../../shared/ipc/channels.js';
import type { DesktopApi } from '../../shared/ipc/contract.js';
import { roleAllows, type MethodRole, type Role } from '../../shared/model/access.js';
import { useT, type TranslateFn } from '../i18n/useT.js';
import { sessionRole, useSessionStore } from './sessionStore.js';

/** Whether a method is allowed, and why not. */
export interface Can {
  readonly allowed: boolean;
  /** Set when not allowed: the line a tooltip or hint shows. */
  readonly reason?: string;
}

/** The role a method requires. */
export function requiredRole<S extends keyof DesktopApi>(service: S, method: keyof DesktopApi[S] & string): MethodRole {
  return (API_METHODS[service] as Readonly<Record<string, MethodRole>>)[method] ?? 'admin';
}

/** Pure form of useCan (tests, lists of buttons). */
export function canCall<S extends keyof DesktopApi>(role: Role | undefined, service: S, method: keyof DesktopApi[S] & string, t: TranslateFn): Can {
  const need = requiredRole(service, method);
  if (roleAllows(role, need)) return { allowed: true };
  if (role === undefined) return { allowed: false, reason: t('access.needsLogin') };
  return { allowed: false, reason: t('access.needs', { need: t(`role.${need as Role}`), role: t(`role.a.${role}`) }) };
}

/** The session's role, none before login. */
export function useRole(): Role | undefined {
  return useSessionStore((s) => sessionRole(s.session));
}

/** Whether the session may call `service.method`; the reason when not. */
export function useCan<S extends keyof DesktopApi>(service: S, method: keyof DesktopApi[S] & string): Can {
  const { t } = useT();
  return canCall(useRole(), service, method, t);
}
