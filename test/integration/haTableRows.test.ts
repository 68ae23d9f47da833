import { afterEach, describe, expect, it } from 'vitest';
import { SRM_STATE_TABLE } from '../../shared/ha/srmStateTable.js';
import { SRM_REASON_LABELS, SRM_STATE_LABELS } from '../../shared/ha/srmStates.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { loadScenario } from '../../main/core/simulator/scenarios/loadScenario.js';
import { sshExec } from '../helpers/openssh.js';

// Issue 2: one accelerated-clock test per row of the guide's state/reason table (Table 4, L2268-2307).
// The shipped scenario ha-row-NN drives the pair on the virtual clock; OpenSSH `ssh` then runs
// `utils ha status` on node 2 and the states and reasons printed must be the row's.

const ROWS = Array.from({ length: 24 }, (_, i) => i + 1);

/** Parses `utils ha status` into (name, state, reason) per node. */
function parseHaStatus(text: string): Array<{ name: string; state: string; reason: string }> {
  const flat = text.replace(/\r/g, '').replace(/Reason: \n/g, 'Reason: ');
  return [...flat.matchAll(/Node \d Name : (\S+) State: (.+?)(?: Reason: (.*))?$/gm)].map((m) => ({ name: m[1]!, state: m[2]!.trim(), reason: (m[3] ?? '').trim() }));
}

describe('presence redundancy group state/reason table through utils ha status', () => {
  let cluster: SimCluster | undefined;
  afterEach(async () => {
    await cluster?.dispose();
    cluster = undefined;
  });

  it.each(ROWS)('row %i', async (row) => {
    const scenario = loadScenario(`ha-row-${String(row).padStart(2, '0')}`);
    expect(scenario.tableRow).toBe(row);
    cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0, startMs: Date.UTC(2026, 10, 25, 10, 0, 0) });
    cluster.model.runUntil(cluster.model.now() + 30_000);
    const running = cluster.runScenario(scenario);
    cluster.model.runUntil(running.endMs);
    const node2 = cluster.endpoints().nodes.find((n) => n.name === 'imp-sub1')!.ssh;
    const r = await sshExec(node2, 'utils ha status');
    expect(r.code).toBe(0);
    const nodes = parseHaStatus(r.stdout);
    expect(nodes.map((n) => n.name)).toEqual(['imp-pub', 'imp-sub1']);
    const spec = SRM_STATE_TABLE.find((x) => x.row === row)!;
    const columns = [spec.node1, spec.node2];
    nodes.forEach((n, i) => {
      const col = columns[i]!;
      const states = col.states.map((s) => SRM_STATE_LABELS[s].en);
      const reasons = col.reasons.map((x) => (x === null ? '' : SRM_REASON_LABELS[x].en));
      expect(states, `${n.name} state in row ${row}: ${r.stdout}`).toContain(n.state);
      // `utils ha status` prints no Reason for Normal (serviceability-reference.md D.4).
      const printed = n.reason === '' && n.state === 'Normal' ? SRM_REASON_LABELS.normal.en : n.reason;
      expect(reasons, `${n.name} reason in row ${row}: ${r.stdout}`).toContain(printed);
    });
  });
});
