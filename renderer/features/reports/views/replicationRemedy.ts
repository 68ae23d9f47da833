/**
 * How the replication report shows a cluster's remedy (guide L10555, L10618): its chip tone and its words. "unknown"
 * (the replication state could not be read) is grey and says so, never "good".
 */
import type { ReplicationClusterRow } from '../../../../shared/model/reports.js';
import type { MessageKey } from '../../../i18n/messages.js';
import type { Tone } from '../reportParts.js';

export type ReplicationRemedy = ReplicationClusterRow['remedy'];

const TONE: Readonly<Record<ReplicationRemedy, Tone>> = { none: 'ok', reset: 'warn', rebuild: 'bad', unknown: 'idle' };

export function remedyTone(remedy: ReplicationRemedy): Tone {
  return TONE[remedy];
}

/** The chip's and the explanation's message keys. */
export function remedyKeys(remedy: ReplicationRemedy): { readonly chip: MessageKey; readonly text: MessageKey } {
  return { chip: `reports.repl.remedyChip.${remedy}`, text: `reports.repl.remedy.${remedy}` };
}

/** Whether the remedy asks the administrator to act (shown as a recommendation). */
export function remedyActs(remedy: ReplicationRemedy): boolean {
  return remedy === 'reset' || remedy === 'rebuild';
}
