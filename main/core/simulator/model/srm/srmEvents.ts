/**
 * What the SRM state machine reports: per-node transitions and named group events that the cluster model turns
 * into alarms and syslog lines.
 */
import type { SrmReasonId, SrmStateId } from '../../../../../shared/ha/srmStates.js';

/** A node's (state, reason) changed. */
export interface SrmTransition {
  readonly group: string;
  readonly node: string;
  readonly previous: SrmStateId;
  readonly previousReason: SrmReasonId | null;
  readonly current: SrmStateId;
  readonly reason: SrmReasonId | null;
  readonly atMs: number;
}

/** Why users move from a node to its peer. */
export type SrmFailoverCause =
  | 'admin'
  | 'criticalServiceDown'
  | 'databaseFailure'
  | 'peerDown'
  | 'peerReboot'
  | 'peerDownDuringInitialization'
  | 'autoRecoverDatabaseFailure'
  | 'autoRecoverCriticalServiceDown';

/** Why users move back to their home node. */
export type SrmFallbackCause = 'admin' | 'automatic';

/** Named events of a group, discriminated by `type`. */
export type SrmGroupEvent = { readonly group: string; readonly atMs: number } & (
  | {
      readonly type: 'failoverStarted';
      /** The node whose users move away. */
      readonly failed: string;
      readonly backup: string;
      readonly cause: SrmFailoverCause;
      readonly usersMoving: number;
      readonly durationMs: number;
      /** Critical services down on the failed node when the failover started (empty when not relevant). */
      readonly downServices: readonly string[];
    }
  | { readonly type: 'failoverCompleted'; readonly failed: string; readonly backup: string; readonly cause: SrmFailoverCause }
  | { readonly type: 'fallbackStarted'; readonly primary: string; readonly backup: string; readonly cause: SrmFallbackCause; readonly usersMoving: number; readonly durationMs: number }
  | { readonly type: 'fallbackCompleted'; readonly primary: string; readonly backup: string; readonly cause: SrmFallbackCause }
  | { readonly type: 'takeoverFailed'; readonly failed: string; readonly backup: string }
  | { readonly type: 'takebackFailed'; readonly primary: string; readonly backup: string }
  | { readonly type: 'startCriticalServicesFailed'; readonly node: string }
  /** Both nodes entered Running in Failed Mode. */
  | { readonly type: 'bothFailed'; readonly reason: SrmReasonId }
  | { readonly type: 'peerLost'; readonly node: string; readonly peer: string; readonly cause: 'peerDown' | 'peerReboot' | 'peerDownDuringInitialization' }
  | { readonly type: 'usersMoved'; readonly home: string; readonly from: string; readonly to: string }
  | { readonly type: 'srmRestarted'; readonly node: string }
  | { readonly type: 'recoverStarted' }
  | { readonly type: 'recoverCompleted' }
  /** Both nodes report Unknown because HA is enabled incorrectly (row 24). */
  | { readonly type: 'haUnknown' }
);

/** Outcome of an administrator command; `message` explains a refusal. */
export interface SrmCommandResult {
  readonly ok: boolean;
  readonly message: string;
}
