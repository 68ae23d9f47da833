/**
 * What one report run learnt about each node's answers (issue 14), kept by both accesses (specReportAccess.ts,
 * collectorReportAccess.ts; each run opens its own). A protocol that never answered a node in this run and then did
 * not answer (an SSH login that timed out or was refused, a SOAP request that timed out) is not asked again in the
 * run: later calls fail at once with the first failure's code and words, so a powered-off node costs a report one
 * timeout per protocol, not one per command. The node's reachability as the run saw it: `unknown` until asked,
 * `up` once it answered anything (an error answer too), `down` when it did not answer and has not answered otherwise.
 */
import type { Reachability } from '../../../shared/model/cluster.js';
import { isNoAnswer, PollError } from '../polling/pollError.js';

type Protocol = 'ssh' | 'soap';

interface NodeAnswers {
  answered: boolean;
  readonly heard: { ssh: boolean; soap: boolean };
  readonly silent: { ssh?: PollError; soap?: PollError };
}

export class RunReachability {
  readonly #nodes = new Map<string, NodeAnswers>();

  #of(node: string): NodeAnswers {
    let n = this.#nodes.get(node);
    if (!n) this.#nodes.set(node, (n = { answered: false, heard: { ssh: false, soap: false }, silent: {} }));
    return n;
  }

  /** What a call over `protocol` told: answered (an error answer too) or silent. An SSH command's own timeout after a login is not silence: note the login. */
  note(node: string, protocol: Protocol, r: { readonly ok: true } | { readonly ok: false; readonly error: PollError }): void {
    const n = this.#of(node);
    if (r.ok || !isNoAnswer(r.error.code)) {
      n.answered = true;
      n.heard[protocol] = true;
      return;
    }
    if (!n.heard[protocol] && !n.silent[protocol]) n.silent[protocol] = r.error;
  }

  /** The failure a silent protocol's later call gets at once (same code, the first failure's words), else undefined. */
  silent(node: string, protocol: Protocol): { ok: false; error: PollError } | undefined {
    const first = this.#nodes.get(node)?.silent[protocol];
    if (!first) return undefined;
    return { ok: false, error: new PollError(first.code, protocol, node, `${node} did not answer over ${protocol === 'ssh' ? 'SSH' : 'SOAP'} earlier in this report (${first.message}); not asked again`) };
  }

  reachability(node: string): Reachability {
    const n = this.#nodes.get(node);
    if (!n) return 'unknown';
    if (n.answered) return 'up';
    return n.silent.ssh || n.silent.soap ? 'down' : 'unknown';
  }
}
