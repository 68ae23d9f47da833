/**
 * A cluster's name as the UI shows it. The backend names the embedded simulated cluster "<profile> (simulated)"
 * (main/core/clusters/embeddedClusterSpec.ts); in Chinese that English word is replaced by the UI's own marker, and
 * where a "simulated" tag is shown beside the name the marker is left out.
 */
import type { TranslateFn } from '../i18n/useT.js';

const SUFFIX = ' (simulated)';

interface Named {
  readonly name: string;
  readonly simulated?: boolean;
}

/** The name without the backend's " (simulated)" marker (for a place that shows its own tag). */
export function clusterBaseName(c: Named): string {
  return c.simulated && c.name.endsWith(SUFFIX) ? c.name.slice(0, -SUFFIX.length) : c.name;
}

/** The name with the marker in the UI language. */
export function clusterLabel(c: Named, t: TranslateFn): string {
  return c.simulated ? t('clusters.simulatedName', { name: clusterBaseName(c) }) : c.name;
}
