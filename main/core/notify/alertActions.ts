/**
 * RTMT's alert action model (serviceability-reference.md A.3; guide L6988-6998): a named action ("Alert Action
 * ID") with a list of mail recipients, each enabled or disabled one by one. Rules name their action; "Default"
 * always exists.
 */

/** One recipient of an alert action. */
export interface AlertRecipient {
  readonly address: string;
  readonly enabled: boolean;
}

/** A named alert action. */
export interface AlertAction {
  readonly id: string;
  readonly description?: string;
  readonly recipients: readonly AlertRecipient[];
}

/** The action every preconfigured rule uses. */
export const DEFAULT_ALERT_ACTION_ID = 'Default';

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

/** Returns the enabled, well-formed recipients of an action (the Default action when the id is unknown). */
export function enabledRecipients(actions: readonly AlertAction[], id: string): string[] {
  const a = actions.find((x) => x.id === id) ?? actions.find((x) => x.id === DEFAULT_ALERT_ACTION_ID);
  return a ? a.recipients.filter((r) => r.enabled && EMAIL.test(r.address)).map((r) => r.address) : [];
}
