import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../../test/helpers/mulberry32.js';
import { parseSqlTable } from './sqlTable.js';

// `run sql` / `run pe sql` answers (reports-design.md "run sql": the real layout; designed: no real sample of it in
// our references). Golden files: reportCommands.test.ts.
const code = (r: ReturnType<typeof parseSqlTable>): string => (r.ok ? 'ok' : r.error.code);

describe('run sql tables', () => {
  it('reads the design’s sample: spans from the underline, NULL → null', () => {
    const r = parseSqlTable([
      "admin:run sql select userid, mailid from enduser where userid like 'user000%'",
      'userid   mailid',
      '======== ====================',
      'user0001 user0001@example.com',
      'user0002 NULL',
      '',
    ].join('\n'), 'imp-pub');
    expect(r).toEqual({ ok: true, value: { columns: ['userid', 'mailid'], rows: [{ userid: 'user0001', mailid: 'user0001@example.com' }, { userid: 'user0002', mailid: null }] } });
  });
  it('a value with blanks stays one value; an empty value is the empty string; count(*) is one column', () => {
    const r = parseSqlTable(['name          description         enablehighavailability', '============= =================== ======================', 'Subcluster 2  second  group         t', 'DefaultCUP                        f'].join('\n'));
    expect(r.ok && r.value.rows).toEqual([
      { name: 'Subcluster 2', description: 'second  group', enablehighavailability: 't' },
      { name: 'DefaultCUP', description: '', enablehighavailability: 'f' },
    ]);
    expect(parseSqlTable('(count(*))\n==========\n15000\n')).toEqual({ ok: true, value: { columns: ['(count(*))'], rows: [{ '(count(*))': '15000' }] } });
  });
  it('an empty result is the header and the underline only', () => {
    expect(parseSqlTable('userid\n======\n')).toEqual({ ok: true, value: { columns: ['userid'], rows: [] } });
  });
  it('tabs that replaced padding move to the next column', () => {
    const r = parseSqlTable('userid\t\tmailid\n======== ==== ======\nab\tcd\tNULL\n'.replace('userid\t\tmailid', 'userid\tx\tmailid'));
    expect(r.ok && r.value.rows).toEqual([{ userid: 'ab', x: 'cd', mailid: null }]);
  });
  it('output without an underline row is the node’s refusal, in its words; nothing at all is POLL_PARSE', () => {
    const r = parseSqlTable('-217: Column (nosuch) not found in any table in the query (or SLV is undefined).\n\nExecuted command unsuccessfully\n', 'imp-sub1', 'run sql');
    expect(r.ok ? '' : [r.error.code, r.error.target, r.error.message]).toEqual(['POLL_PROTOCOL', 'imp-sub1', 'imp-sub1: run sql: -217: Column (nosuch) not found in any table in the query (or SLV is undefined).']);
    const pe = parseSqlTable('Invalid command: run pe sql ttlogin select * from clientsessions\nExecuted command unsuccessfully\n', '', 'run pe sql');
    expect(pe.ok ? '' : pe.error.message).toBe('run pe sql: Invalid command: run pe sql ttlogin select * from clientsessions');
    expect(code(parseSqlTable('some words the node printed'))).toBe('POLL_PROTOCOL');
    expect(code(parseSqlTable(''))).toBe('POLL_PARSE');
    expect(code(parseSqlTable('\n \n'))).toBe('POLL_PARSE');
  });
  it('a value running over its column, text left of the table or a blank column name is POLL_PARSE', () => {
    expect(code(parseSqlTable('a    b\n==== ====\nabcdefg x\n'))).toBe('POLL_PARSE');
    expect(code(parseSqlTable('  a    b\n  ==== ====\nxx  y\n'))).toBe('POLL_PARSE');
    expect(code(parseSqlTable('a         \n==== ====\n'))).toBe('POLL_PARSE');
    expect(code(parseSqlTable('a b c\n==== ====\n'))).toBe('POLL_PARSE');
  });
  it('15,000 rows of three columns parse (the time is printed; `npm run bench:reports` measures whole reports)', () => {
    const random = mulberry32(15);
    const lines = ['userid     mailid                     primarynodeid', '========== ========================== ====================================', ...Array.from({ length: 15_000 }, (_, i) => {
      const id = `user${String(i).padStart(5, '0')}`;
      return `${id.padEnd(10)} ${(random() < 0.1 ? 'NULL' : `${id}@example.com`).padEnd(26)} ${random() < 0.05 ? 'NULL' : '73ffef7e-74ff-4111-b1ff-ec5872ffedeb'}`;
    })];
    const text = `${lines.join('\n')}\n`;
    let best = Infinity;
    let r: ReturnType<typeof parseSqlTable> | undefined;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      r = parseSqlTable(text);
      best = Math.min(best, performance.now() - t0);
    }
    expect(r?.ok && r.value.rows.length).toBe(15_000);
    expect(r?.ok && r.value.rows[14_999]!.userid).toBe('user14999');
    console.log(`15,000 run sql rows parsed in ${best.toFixed(1)} ms (best of 3)`);
  });
});
