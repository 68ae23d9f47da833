import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { NodeReceiverSetup, ReceiverSettings, ReceiversStatus } from '../../../shared/model/receivers.js';
import { receiverSettingsSchema } from '../../../shared/validation/receivers.js';
import { AppError } from '../base/errors.js';
import type { JsonStateFile } from '../base/jsonStateFile.js';
import type { ReceiverSet } from './receiverSet.js';

/** What the receivers service is built from. */
export interface ReceiversServiceDeps {
  readonly receivers: ReceiverSet;
  readonly file: JsonStateFile<ReceiverSettings>;
  /** Settings came from the command line for this run (`npm start -- --receiver-address …`). */
  readonly launchOverride: boolean;
  /** Points a simulated cluster's nodes at the receivers (nodeReceiverSetup.configureClusterNodes). */
  readonly configureNodes: (cluster: string) => Promise<NodeReceiverSetup[]>;
  /** Called after a save rebound the listeners (the backend re-points its simulated clusters). */
  readonly onDidSave?: () => void;
}

/**
 * DesktopApi['receivers']: status, save (kept in receivers.json and applied at once: the listeners are rebound, a
 * port that cannot be bound is in the status, not thrown) and configureNodes.
 */
export function createReceiversService(d: ReceiversServiceDeps): DesktopApi['receivers'] {
  let launchOverride = d.launchOverride;
  const status = (): ReceiversStatus => ({ settings: d.receivers.settings, launchOverride, listeners: d.receivers.status() });
  return {
    status: async () => status(),
    save: async (input: ReceiverSettings) => {
      const r = receiverSettingsSchema.safeParse(input);
      if (!r.success) throw new AppError('VALIDATION', `receiver settings: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
      await d.file.write(() => r.data);
      await d.receivers.apply(r.data);
      // Saved settings are what runs now: the command line's override ends with the save.
      launchOverride = false;
      d.onDidSave?.();
      return status();
    },
    configureNodes: (cluster: string) => d.configureNodes(cluster),
  };
}
