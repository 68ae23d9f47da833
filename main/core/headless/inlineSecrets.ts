/**
 * A collector config that holds secrets inline must be readable by its owner only (issue 15): a file group or others
 * can read is refused, naming the file and every inline field, with the two ways out (chmod 600, or `{ env: NAME }`).
 * Refused rather than warned: a headless collector runs unattended and nobody reads a warning. A config whose
 * secrets all come from the environment may be shared. Windows has no such modes: not checked there.
 */
import { statSync } from 'node:fs';
import { AppError } from '../base/errors.js';
import type { CollectorConfig } from '../collector/collectorConfig.js';

/** The dotted paths of the secrets given inline (a string, not `{ env: NAME }`). */
export function inlineSecretFields(config: CollectorConfig): string[] {
  const out: string[] = [];
  config.clusters.forEach((c, i) => {
    const at = `clusters.${i}`;
    if (typeof c.admin.password === 'string') out.push(`${at}.admin.password`);
    if (typeof c.application.password === 'string') out.push(`${at}.application.password`);
    if (c.snmp.version === '2c') {
      if (typeof c.snmp.community === 'string') out.push(`${at}.snmp.community`);
    } else {
      if (typeof c.snmp.authKey === 'string') out.push(`${at}.snmp.authKey`);
      if (typeof c.snmp.privKey === 'string') out.push(`${at}.snmp.privKey`);
    }
  });
  return out;
}

/** Throws PRECONDITION when `path` holds inline secrets and group or others may read it. */
export function assertInlineSecretsPrivate(path: string, config: CollectorConfig): void {
  if (process.platform === 'win32') return;
  const fields = inlineSecretFields(config);
  if (fields.length === 0) return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o044) === 0) return;
  throw new AppError(
    'PRECONDITION',
    `collector config ${path} has mode ${mode.toString(8)} (other users can read it) and holds secrets inline: ${fields.join(', ')}. ` +
      `Run chmod 600 ${path}, or give each secret as { env: NAME } and set NAME in the environment.`,
  );
}
