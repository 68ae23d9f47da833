/**
 * One DrsOperations per monitored cluster, made on first use and kept (its publisher session is reused), closed when
 * the cluster is no longer monitored or the app stops. An unknown cluster is NOT_FOUND.
 */
import type { ActionRecorder } from '../audit/actionRecords.js';
import type { Disposable } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import type { DrsClusterAccess } from './drsAccess.js';
import { DrsOperations, type DrsOperationsOptions } from './drsOperations.js';

export interface DrsClustersOptions {
  /** The cluster's access, or undefined when it is not monitored (any more). */
  readonly access: (cluster: string) => DrsClusterAccess | undefined;
  /** The ids of the monitored clusters. */
  readonly clusters: () => readonly string[];
  readonly recorder: ActionRecorder;
  readonly operations?: DrsOperationsOptions;
}

export class DrsClusters implements Disposable {
  readonly #ops = new Map<string, DrsOperations>();

  constructor(private readonly o: DrsClustersOptions) {}

  get(cluster: string): DrsOperations {
    const access = this.o.access(cluster);
    const known = this.#ops.get(cluster);
    if (!access) {
      known?.dispose();
      this.#ops.delete(cluster);
      throw new AppError('NOT_FOUND', `no cluster ${cluster}`);
    }
    if (known) return known;
    const ops = new DrsOperations(access, this.o.recorder, this.o.operations);
    this.#ops.set(cluster, ops);
    return ops;
  }

  /** The monitored clusters' operations. */
  all(): DrsOperations[] {
    return this.o.clusters().flatMap((id) => {
      try {
        return [this.get(id)];
      } catch {
        return [];
      }
    });
  }

  dispose(): void {
    for (const ops of this.#ops.values()) ops.dispose();
    this.#ops.clear();
  }
}
