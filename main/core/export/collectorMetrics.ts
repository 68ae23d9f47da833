import type { MetricFamily, MetricPoint } from './prometheusExposition.js';

/** The protocols whose poll errors are counted. */
export type PolledProtocol = 'snmp' | 'soap' | 'ssh';

/**
 * The collector's own metrics for /metrics: samples ingested, poll errors by protocol and error code, and
 * node reachability as `imp_node_up` (1 up, 0 down), the Prometheus `up` convention per monitored node.
 */
export class CollectorMetrics {
  #samplesIngested = 0;
  readonly #pollErrors = new Map<string, { protocol: PolledProtocol; code: string; count: number }>();
  readonly #nodeUp = new Map<string, { cluster: string; node: string; up: boolean }>();
  readonly #storageErrors = new Map<string, number>();
  #storagePending = 0;

  /** Counts samples handed to storage. */
  recordSamples(count: number): void {
    if (Number.isFinite(count) && count > 0) this.#samplesIngested += Math.floor(count);
  }

  /** Counts one failed poll (code: an ErrorCode such as POLL_TIMEOUT). */
  recordPollError(protocol: PolledProtocol, code: string): void {
    const key = `${protocol}\u0000${code}`;
    const e = this.#pollErrors.get(key) ?? { protocol, code, count: 0 };
    e.count++;
    this.#pollErrors.set(key, e);
  }

  /** Counts one failed history write (code: STORAGE_BUSY when another connection holds the lock). */
  recordStorageError(code: string): void {
    this.#storageErrors.set(code, (this.#storageErrors.get(code) ?? 0) + 1);
  }

  /** Samples waiting to be written to the history (grows while writes fail; nothing is dropped). */
  setStoragePending(count: number): void {
    if (Number.isFinite(count) && count >= 0) this.#storagePending = Math.floor(count);
  }

  /** Sets a node's reachability. */
  setNodeUp(cluster: string, node: string, up: boolean): void {
    this.#nodeUp.set(`${cluster}\u0000${node}`, { cluster, node, up });
  }

  /** Forgets a node (removed from monitoring), so its series disappears from /metrics. */
  removeNode(cluster: string, node: string): void {
    this.#nodeUp.delete(`${cluster}\u0000${node}`);
  }

  /** The families in exposition form. */
  families(): MetricFamily[] {
    const errors: MetricPoint[] = [...this.#pollErrors.values()].map((e) => ({
      labels: { protocol: e.protocol, code: e.code },
      value: e.count,
    }));
    const up: MetricPoint[] = [...this.#nodeUp.values()].map((n) => ({
      labels: { cluster: n.cluster, node: n.node },
      value: n.up ? 1 : 0,
    }));
    return [
      {
        name: 'imp_collector_samples_ingested_total',
        help: 'Samples the collector handed to storage.',
        type: 'counter',
        points: [{ labels: {}, value: this.#samplesIngested }],
      },
      { name: 'imp_collector_poll_errors_total', help: 'Failed polls by protocol and error code.', type: 'counter', points: errors },
      { name: 'imp_node_up', help: 'Whether the collector reaches the node (1) or not (0).', type: 'gauge', points: up },
      {
        name: 'imp_storage_write_errors_total',
        help: 'Failed history writes by error code (the samples are kept and written later).',
        type: 'counter',
        points: [...this.#storageErrors].map(([code, value]) => ({ labels: { code }, value })),
      },
      { name: 'imp_storage_pending_samples', help: 'Samples waiting to be written to the history.', type: 'gauge', points: [{ labels: {}, value: this.#storagePending }] },
    ];
  }
}
