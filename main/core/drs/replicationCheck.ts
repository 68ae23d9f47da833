/**
 * The replication check after a restore (guide L10551, L10616): `utils dbreplication runtimestate` on every
 * replication cluster a restored node belongs to (the CUCM nodes answer on the CUCM publisher, the IM and Presence
 * nodes on the IM and Presence publisher); every node's state must be 2 (Setup Completed). Otherwise the guide's
 * remedy: `utils dbreplication reset all` (L10618; L10555 names `utils dbreplication rebuild` after a full-cluster
 * restore). Parsed by the polling parser (reference D.3).
 */
import type { DrsReplicationRow } from '../../../shared/model/drs.js';
import { toErrorPayload } from '../base/errors.js';
import { parseDbReplicationRuntimeState } from '../polling/ssh/parsers/dbReplication.js';
import type { DrsNodeInfo } from './drsAccess.js';

/** The guide's remedy (L10618, L10555). */
export const REPLICATION_REMEDY =
  'Replication is not set up on every node (the value must be 2). Wait: after the subsequent nodes restart, replication can take hours; if it does not reach 2, run utils dbreplication reset all on the publisher (guide L10618; after a full-cluster restore the guide names utils dbreplication rebuild, L10555).';

/** A single-node replication cluster has nothing to replicate (the CLI aborts and says so). */
const SINGLE_NODE = /single active node/i;

/** Runs one command on a node: its output, or why there is none. */
export type ReplicationRunner = (node: string, command: string) => Promise<{ ok: true; output: string } | { ok: false; error: unknown }>;

/** The nodes to ask: the CUCM publisher for CUCM nodes, the IM&P publisher for IM&P nodes. */
export function replicationAskers(nodes: readonly DrsNodeInfo[], servers: readonly string[]): { asker: string; members: string[] }[] {
  const restored = nodes.filter((n) => servers.includes(n.name));
  const isImp = (n: DrsNodeInfo) => n.role === 'imp-publisher' || n.role === 'imp-subscriber';
  const out: { asker: string; members: string[] }[] = [];
  for (const [imp, role] of [[false, 'cucm-publisher'], [true, 'imp-publisher']] as const) {
    if (!restored.some((n) => isImp(n) === imp)) continue;
    const asker = nodes.find((n) => n.role === role) ?? restored.find((n) => isImp(n) === imp);
    if (asker) out.push({ asker: asker.name, members: nodes.filter((n) => isImp(n) === imp).map((n) => n.name) });
  }
  return out;
}

/** The rows of every restored node's replication cluster and whether all are 2. */
export async function checkReplication(nodes: readonly DrsNodeInfo[], servers: readonly string[], run: ReplicationRunner): Promise<{ rows: DrsReplicationRow[]; ok: boolean }> {
  const rows: DrsReplicationRow[] = [];
  let ok = true;
  for (const { asker, members } of replicationAskers(nodes, servers)) {
    const r = await run(asker, 'utils dbreplication runtimestate');
    if (!r.ok) {
      ok = false;
      rows.push(...members.map((m) => ({ node: m, error: toErrorPayload(r.error) })));
      continue;
    }
    const parsed = parseDbReplicationRuntimeState(r.output);
    if (parsed.error) {
      // One node alone: nothing replicates, nothing to wait for.
      if (SINGLE_NODE.test(parsed.error) && members.length <= 1) {
        rows.push(...members.map((m) => ({ node: m, text: parsed.error! })));
        continue;
      }
      ok = false;
      rows.push(...members.map((m) => ({ node: m, text: parsed.error! })));
      continue;
    }
    for (const m of members) {
      const row = parsed.servers.find((s) => s.name.toLowerCase() === m.toLowerCase());
      if (!row || row.setupState === undefined) {
        ok = false;
        rows.push({ node: m, text: row ? row.setupDetails || 'no replication state' : `${asker} does not list ${m} (down?)` });
        continue;
      }
      if (row.setupState !== 2) ok = false;
      rows.push({ node: m, state: row.setupState, text: row.setupDetails });
    }
  }
  return { rows, ok };
}
