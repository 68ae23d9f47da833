/**
 * The pair-level situation of a presence redundancy group (what is persisted in the shared database: who hosts
 * whom and why) and the pure derivation of each node's displayed (state, reason) from it.
 */
import type { SrmFailoverCause, SrmFallbackCause } from './srmEvents.js';
import type { SrmReasonId, SrmStateId } from '../../../../../shared/ha/srmStates.js';

/** 0 = node 1 of the group, 1 = node 2. */
export type NodeIndex = 0 | 1;

/** Where the pair stands. Node-level details (initializing, down) live beside it. */
export type SrmSituation =
  | { readonly kind: 'normal' }
  | {
      readonly kind: 'failover';
      /** The node whose users moved (or are moving) away. */
      readonly failed: NodeIndex;
      readonly backup: NodeIndex;
      readonly cause: SrmFailoverCause;
      readonly phase: 'moving' | 'done';
      /** End of the transitional state while `phase` is 'moving'. */
      readonly endsAt: number;
    }
  | { readonly kind: 'fallback'; readonly primary: NodeIndex; readonly backup: NodeIndex; readonly cause: SrmFallbackCause; readonly endsAt: number }
  | { readonly kind: 'failed'; readonly reason: SrmReasonId }
  | { readonly kind: 'unknown' };

/** What the derivation needs to know about one node besides the situation. */
export interface SrmNodeView {
  /** Powered on, booted, SRM running, and not cut off from its peer after losing a split. */
  readonly present: boolean;
  /** SRM (re)started and has not yet settled with its peer. */
  readonly initializing: boolean;
  /** Set when the node's SRM restarted during the current situation (Table 4 rows 5-9, 11, 18). */
  readonly initializationReason: boolean;
  /** Critical services and database running. */
  readonly healthy: boolean;
}

/** Group-wide inputs of the derivation. */
export interface SrmGroupView {
  readonly haEnabled: boolean;
  readonly pairSize: 1 | 2;
}

const FAILOVER_REASON: Readonly<Record<SrmFailoverCause, SrmReasonId>> = {
  admin: 'onAdminRequest',
  criticalServiceDown: 'criticalServiceDown',
  databaseFailure: 'databaseFailure',
  peerDown: 'peerDown',
  peerReboot: 'peerReboot',
  peerDownDuringInitialization: 'peerDownDuringInitialization',
  autoRecoverDatabaseFailure: 'autoRecoverDatabaseFailure',
  autoRecoverCriticalServiceDown: 'autoRecoverCriticalServiceDown',
};

/** Returns the reason SRM reports for a failover cause. */
export function failoverReason(cause: SrmFailoverCause): SrmReasonId {
  return FAILOVER_REASON[cause];
}

/** A displayed (state, reason). */
export interface SrmDisplay {
  readonly state: SrmStateId;
  readonly reason: SrmReasonId | null;
}

function withInit(view: SrmNodeView, state: SrmStateId, reason: SrmReasonId | null): SrmDisplay {
  return { state, reason: view.initializationReason ? 'initialization' : reason };
}

function failedSide(cause: SrmFailoverCause, phase: 'moving' | 'done', view: SrmNodeView): SrmDisplay {
  if (cause === 'autoRecoverDatabaseFailure' || cause === 'autoRecoverCriticalServiceDown') {
    return withInit(view, 'failoverAffectedServices', failoverReason(cause)); // L2305-2306
  }
  if (phase === 'moving') return withInit(view, 'failingOver', failoverReason(cause)); // L2254
  if (cause === 'admin') return withInit(view, 'idle', 'onAdminRequest'); // L2250: services stopped by SRM
  // L2255-2256: Failed Over once critical services run again, otherwise "... not Running". After a peer-down
  // failover the node only shows up again after re-initializing, so its reason is Initialization (row 18).
  const state: SrmStateId = view.healthy ? 'failedOver' : 'failedOverCriticalServicesNotRunning';
  const peerCause = cause === 'peerDown' || cause === 'peerReboot' || cause === 'peerDownDuringInitialization';
  return withInit(view, state, peerCause ? 'initialization' : failoverReason(cause));
}

function backupSide(cause: SrmFailoverCause, phase: 'moving' | 'done', view: SrmNodeView): SrmDisplay {
  if (cause === 'autoRecoverDatabaseFailure' || cause === 'autoRecoverCriticalServiceDown') {
    // Both rows 22 and 23 print 自动恢复数据库失败 for the activated node (L2305-2306); we follow the print.
    return withInit(view, 'backupActivated', 'autoRecoverDatabaseFailure');
  }
  return withInit(view, phase === 'moving' ? 'takingOver' : 'runningInBackupMode', failoverReason(cause));
}

/** Derives the (state, reason) a node shows. Pure. */
export function deriveNodeDisplay(group: SrmGroupView, situation: SrmSituation, index: NodeIndex, view: SrmNodeView): SrmDisplay {
  if (!group.haEnabled) return { state: 'unknown', reason: 'highAvailabilityNotEnabled' }; // D.4 sample
  if (!view.present) return { state: 'down', reason: null };
  if (view.initializing) return { state: 'initializing', reason: 'initialization' }; // L2249
  if (group.pairSize === 1) return { state: 'normal', reason: 'normal' };
  switch (situation.kind) {
    case 'normal':
      return { state: 'normal', reason: 'normal' };
    case 'unknown':
      return { state: 'unknown', reason: null }; // row 24
    case 'failed':
      return { state: 'runningInFailedMode', reason: situation.reason };
    case 'failover':
      return index === situation.failed
        ? failedSide(situation.cause, situation.phase, view)
        : backupSide(situation.cause, situation.phase, view);
    case 'fallback': {
      const reason: SrmReasonId = situation.cause === 'admin' ? 'onAdminRequest' : 'automaticFallback';
      return withInit(view, index === situation.primary ? 'takingBack' : 'fallingBack', reason); // rows 4, 9, 10
    }
  }
}

/** The other node of a pair. */
export function peerOf(index: NodeIndex): NodeIndex {
  return index === 0 ? 1 : 0;
}
