import { describe, expect, it } from 'vitest';
import { combineReplicationStatus, parseDbReplicationStatusFile, parseDbReplicationStatusStart, parseReplicationCheckSummary } from './dbReplicationStatus.js';

// `utils dbreplication status` and its file (reference D.3; simulator captures in reportCommands.test.ts).
const SUMMARY = [
  'Sun Dec  6 10:00:00 2026 main()  DEBUG:  -->',
  'Sun Dec  6 10:00:00 2026 main()  DEBUG:  Replication cluster summary:',
  'SERVER                 ID STATE    STATUS     QUEUE  CONNECTION CHANGED',
  '-----------------------------------------------------------------------',
  'g_3_ccm14_0_1_11900_4     3 Active   Local          0',
  'g_4_ccm14_0_1_11900_4     4 Active   Connected      0 Nov 05 10:00:00',
];

describe('utils dbreplication status', () => {
  it('the output file named by the command; Cisco DB down is the node’s refusal', () => {
    expect(parseDbReplicationStatusStart(' \n -------------------- utils dbreplication status -------------------- \nOutput is in file cm/trace/dbl/sdi/ReplicationStatus.2026_12_06_10_00_00.out\n')).toEqual({ ok: true, value: 'cm/trace/dbl/sdi/ReplicationStatus.2026_12_06_10_00_00.out' });
    expect(parseDbReplicationStatusStart('Replication status check is now running in background.\nThe final output will be in file cm/trace/dbl/sdi/ReplicationStatus.2013_03_13_14_50_04.out\n')).toEqual({ ok: true, value: 'cm/trace/dbl/sdi/ReplicationStatus.2013_03_13_14_50_04.out' });
    const down = parseDbReplicationStatusStart('Cisco DB is not running\nExecuted command unsuccessfully\n');
    expect(down.ok ? '' : down.error.code).toBe('POLL_PROTOCOL');
  });
  it('per-table check rows with extra, missing or mismatched rows are mismatches (designed: no real sample)', () => {
    const r = parseDbReplicationStatusFile([...SUMMARY, 'Sun Dec  6 10:00:01 2026 main()  DEBUG:  <--', '', 'table: enduser', 'Node                  Rows     Extra   Missing  Mismatch Processed', '---------------- --------- --------- --------- --------- ---------', 'g_3_ccm14             6000         0         0         0         0', 'g_4_ccm14             5998         0         2         1         0', 'ERROR: cdr check aborted on g_5'].join('\n'));
    expect(r.ok && [r.value.finished, r.value.mismatches, r.value.errors]).toEqual([true, ['enduser: g_4_ccm14 extra 0, missing 2, mismatch 1'], ['ERROR: cdr check aborted on g_5']]);
  });
  it('a file without its summary or still open', () => {
    const none = parseDbReplicationStatusFile('Sun Dec  6 10:00:00 2026 main()  DEBUG:  -->\n');
    expect(none.ok ? '' : none.error.code).toBe('POLL_PARSE');
    const open = parseDbReplicationStatusFile(SUMMARY.join('\n'));
    expect(open.ok && open.value.finished).toBe(false);
  });
  it('the node’s verdict is never lost: problems found but none in the file is an error', () => {
    const file = parseDbReplicationStatusFile([...SUMMARY, 'Sun Dec  6 10:00:01 2026 main()  DEBUG:  <--'].join('\n'));
    const summary = parseReplicationCheckSummary('Cluster Replication State: Replication status command started at: 2026-12-06-10-00\n     Replication status command COMPLETED. Checked 612 tables out of 612\n     Errors or Mismatches Were Found!!!\n\nDB Version: ccm14\n');
    expect(file.ok && summary.ok && combineReplicationStatus(file.value, summary.value)).toEqual({ completed: true, tablesChecked: 612, tablesTotal: 612, mismatches: [], errors: ['Errors or Mismatches Were Found!!!'] });
    expect(file.ok && combineReplicationStatus(file.value, undefined)).toEqual({ completed: true, mismatches: [], errors: [] });
    const running = parseReplicationCheckSummary('Cluster Replication State: Replication status command started at: 2026-12-06-10-00\n     Replication status command IN PROGRESS. Checked 100 tables out of 612\n');
    expect(running.ok && running.value).toEqual({ completed: false, tablesChecked: 100, tablesTotal: 612 });
  });
});
