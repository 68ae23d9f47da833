import type { ClusterModel } from '../model/clusterModel.js';
import type { ServiceStatus } from '../model/services/nodeServices.js';

/** Virtual seconds the CLI waits for Service Manager before giving up (ours). */
export const SERVICE_WAIT_SEC = 300;

/**
 * Resolves with the service's status once it is one of `targets`, or with its status after
 * {@link SERVICE_WAIT_SEC} virtual seconds. Waits in virtual time (the model's scheduler), so tests advance it
 * with `model.runUntil`; `onCancel` registers an abort (session closed) that resolves at once.
 */
export function waitForServiceStatus(
  model: ClusterModel,
  nodeName: string,
  service: string,
  targets: readonly ServiceStatus[],
  onCancel: (fn: () => void) => () => void,
): Promise<ServiceStatus | undefined> {
  const services = model.node(nodeName).services;
  const current = (): ServiceStatus | undefined => services.get(service)?.status;
  const now = current();
  if (now === undefined || targets.includes(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const finish = (): void => {
      sub.dispose();
      timer.dispose();
      unregister();
      resolve(current());
    };
    const sub = model.onDidServiceChange((c) => {
      if (c.node === nodeName && c.service.toLowerCase() === service.toLowerCase() && targets.includes(c.current)) finish();
    });
    const timer = model.scheduler.setTimeout(SERVICE_WAIT_SEC * 1000, finish);
    const unregister = onCancel(finish);
  });
}
