/**
 * Role gating helpers (issue 16): the props that disable a button the session's role cannot use and say why in its
 * tooltip, and a visible line with the same reason for a panel whose actions are all out of reach.
 */
import type { Can } from '../../app/useCan.js';

/** `disabled` and `title` of a gated button; `disabled` also when the button's own condition says so. */
export function gate(can: Can, disabled = false): { disabled: boolean; title?: string; 'data-role-blocked'?: 'true' } {
  return can.allowed ? { disabled } : { disabled: true, title: can.reason, 'data-role-blocked': 'true' };
}

/** A line with the reason a role cannot act here (nothing when it can). */
export function RoleNote({ can, testId = 'role-note' }: { readonly can: Can; readonly testId?: string }) {
  if (can.allowed) return null;
  return (
    <span className="role-reason" role="note" data-testid={testId}>
      {can.reason}
    </span>
  );
}

/**
 * A panel whose actions all need a role: `disable` shows it with every control disabled (a `<fieldset disabled>`)
 * under the reason; `hide` shows only the reason (for panels that would call a method of that role just by opening,
 * which the backend refuses and audits).
 */
export function RoleGate({ can, mode, children }: { readonly can: Can; readonly mode: 'disable' | 'hide'; readonly children: React.ReactNode }) {
  if (can.allowed) return <>{children}</>;
  if (mode === 'hide') {
    return (
      <div className="state state-empty" data-testid="role-gate">
        {can.reason}
      </div>
    );
  }
  return (
    <>
      <div className="role-gate-note">
        <RoleNote can={can} />
      </div>
      <fieldset className="role-fieldset" disabled title={can.reason} data-testid="role-gate">
        {children}
      </fieldset>
    </>
  );
}
