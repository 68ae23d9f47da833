import type { Sample } from '../../../shared/model/sample.js';
import type { PollError, PollProtocol } from './pollError.js';

/**
 * One node as a poller sees it: who it is (cluster + node name, used in samples and errors) and where it
 * answers. Protocol-specific settings (community, credentials, pinned keys) live in each poller's own target
 * type, which extends this one.
 */
export interface PollTarget {
  /** Cluster id as configured by the user (goes into Sample.cluster). */
  readonly cluster: string;
  /** Node host name as the cluster reports it (goes into Sample.node and error messages). */
  readonly node: string;
  /** Address to connect to (127.0.0.1 for a simulated node). */
  readonly host: string;
  readonly port: number;
}

/**
 * A partial failure inside a successful poll: one OID, counter or command that did not answer
 * (net-snmp's per-varbind errors; Perfmon CStatus other than 0/1). Partial failures are data (house-style 5.1.5).
 */
export interface PollIssue {
  /** What failed: an OID, a counter path or a command. */
  readonly subject: string;
  readonly message: string;
}

/** The outcome of one poll. Polls never throw: a failure is a value (house-style 5.5). */
export type PollResult<Extra = object> =
  | ({ readonly ok: true; readonly samples: Sample[]; readonly issues: PollIssue[] } & Extra)
  | { readonly ok: false; readonly error: PollError };

/**
 * Something the scheduler can call once per interval for one target. Implementations keep their sockets and
 * sessions between polls and release them on `dispose()`.
 */
export interface Poller<T extends PollTarget = PollTarget, Extra = object> {
  readonly protocol: PollProtocol;
  /** Polls one target; resolves (never rejects) within the target's timeout budget. */
  poll(target: T, signal?: AbortSignal): Promise<PollResult<Extra>>;
}

/** A successful result with no extra fields. */
export function pollOk(samples: Sample[], issues: PollIssue[] = []): { ok: true; samples: Sample[]; issues: PollIssue[] } {
  return { ok: true, samples, issues };
}

/** A failed result. */
export function pollFailed(error: PollError): { ok: false; error: PollError } {
  return { ok: false, error };
}
