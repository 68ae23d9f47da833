import { join } from 'node:path';
import { DEFAULT_RECEIVER_SETTINGS, type ReceiverSettings } from '../../../shared/model/receivers.js';
import { receiverSettingsSchema } from '../../../shared/validation/receivers.js';
import { JsonStateFile } from '../base/jsonStateFile.js';

/** The file name of the receivers' settings in the state folder. */
export const RECEIVERS_FILE = 'receivers.json';

/**
 * `<state>/receivers.json` (0600, atomic writes): where the syslog and trap receivers listen. Missing means the
 * defaults (5514 UDP+TCP, 10162 traps, 127.0.0.1: no root needed); an unusable file is set aside by JsonStateFile
 * and the defaults are used, with a warning naming the problem.
 */
export function receiverSettingsFile(stateDir: string): JsonStateFile<ReceiverSettings> {
  return new JsonStateFile<ReceiverSettings>(join(stateDir, RECEIVERS_FILE), (data) => {
    const r = receiverSettingsSchema.safeParse(data);
    return r.success ? { ok: true, value: r.data } : { ok: false, problem: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
  });
}

/** Reads the saved settings (defaults when none). */
export async function readReceiverSettings(file: JsonStateFile<ReceiverSettings>, warn: (m: string) => void): Promise<ReceiverSettings> {
  return (await file.read(warn)) ?? DEFAULT_RECEIVER_SETTINGS;
}
