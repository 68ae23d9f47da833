/**
 * Renders `utils ha status` and `utils ha recover` the way an IM and Presence node prints them
 * (serviceability-reference.md D.4, examples copied from Cisco's CLI reference).
 */
import { SRM_REASON_LABELS, SRM_STATE_LABELS, type SrmNodeStatus } from '../../../../../shared/ha/srmStates.js';

/**
 * `utils ha status` for one group:
 * ```
 * Subcluster Name: DefaultCluster
 * Node 1 Name : kal-cup1 State: Failed Over with Critical Services not Running Reason: Critical Service Down
 * Node 2 Name : shorty-cups State: Running in Backup Mode Reason: Critical Service Down
 * ```
 * Decisions: the D.4 sample prints "State: Normal" without a Reason when the node is Normal, so the Reason is left
 * out for reason Normal and where there is none (row 24, the pseudo-state Down). The third D.4 sample breaks the
 * line after "Reason: ", which is the terminal's wrap of a long line; we print one line per node. The fourth sample
 * prints "Failed" (an older release); we print the guide's state "Running in Failed Mode" (Table 3, L2261).
 */
export function renderHaStatus(subclusterName: string, nodes: readonly SrmNodeStatus[]): string {
  const lines = [`Subcluster Name: ${subclusterName}`];
  nodes.forEach((n, i) => {
    const reason = n.reason === null || n.reason === 'normal' ? '' : ` Reason: ${SRM_REASON_LABELS[n.reason].en}`;
    lines.push(`Node ${i + 1} Name : ${n.node} State: ${SRM_STATE_LABELS[n.state].en}${reason}`);
  });
  return lines.join('\n') + '\n';
}

/** What `utils ha recover <subcluster>` prints when accepted (D.4). */
export function renderHaRecoverOutput(): string {
  return 'Stopping services... Stopped\nStarting services... Started\n';
}
