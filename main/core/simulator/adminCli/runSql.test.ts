import { afterEach, describe, expect, it } from 'vitest';
import { ClusterModel } from '../model/clusterModel.js';
import { databaseTables, rosterSize, xcpUserId } from '../model/imDatabase/imTables.js';
import { executeSql } from '../model/imDatabase/sqlEngine.js';
import { loadProfile } from '../profile/loadProfile.js';
import { EXECUTED_UNSUCCESSFULLY } from './cliMessages.js';
import { openCli, TEST_SEED, TEST_START_MS, testModel } from './fixtures/cliHarness.js';

// `run sql` (designed subset and errors: reports-design.md "run sql"; enduser/primarynodeid: guide L9176).

let model: ClusterModel;
afterEach(() => model?.dispose());

/** Parses the CLI's table back (column spans from the underline row) to check what the engine returned. */
function parseTable(text: string): { columns: string[]; rows: Array<Record<string, string>> } {
  const lines = text.replace(/\n$/, '').split('\n');
  const spans: Array<[number, number]> = [];
  for (const m of lines[1]!.matchAll(/=+/g)) spans.push([m.index, m.index + m[0].length]);
  const cut = (line: string): string[] => spans.map(([a, b], i) => (i === spans.length - 1 ? line.slice(a) : line.slice(a, b)).trim());
  const columns = cut(lines[0]!);
  return { columns, rows: lines.slice(2).map((l) => Object.fromEntries(cut(l).map((v, i) => [columns[i]!, v]))) };
}

describe('run sql', () => {
  it('answers the subset: projection, where with and / like / lower / is null / numbers, order by, count(*)', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    model.setMailId('user0003', null);
    model.setMailId('user0004', 'user0005@example.com');
    const t = parseTable((await c.run("RUN SQL SELECT userid, mailid FROM enduser WHERE userid LIKE 'user000_' AND mailid IS NOT NULL ORDER BY userid DESC")).text);
    expect(t.columns).toEqual(['userid', 'mailid']);
    expect(t.rows.map((r) => r['userid'])).toEqual(['user0009', 'user0008', 'user0007', 'user0006', 'user0005', 'user0004', 'user0002', 'user0001']);
    expect(t.rows.find((r) => r['userid'] === 'user0004')!['mailid']).toBe('user0005@example.com');
    const nulls = parseTable((await c.run("run sql select userid from enduser where mailid is null")).text);
    expect(nulls.rows).toEqual([{ userid: 'user0003' }]);
    const dup = parseTable((await c.run("run sql select userid from enduser where lower(mailid) = 'USER0005@EXAMPLE.COM'")).text);
    expect(dup.rows).toEqual([]);
    const dup2 = parseTable((await c.run("run sql select userid from enduser where lower(mailid) = 'user0005@example.com' order by userid")).text);
    expect(dup2.rows.map((r) => r['userid'])).toEqual(['user0004', 'user0005']);
    const count = parseTable((await c.run('run sql select count(*) from enduser where telephonenumber is not null')).text);
    expect(count.columns).toEqual(['(count(*))']);
    expect(Number(count.rows[0]!['(count(*))'])).toBe(model.users.users.filter((u) => u.telephoneNumber !== null).length);
    expect(Number(count.rows[0]!['(count(*))'])).toBeGreaterThan(model.users.users.length * 0.8);
    const ha = parseTable((await c.run("run sql select name from enterprisesubcluster where enablehighavailability = 't' order by name")).text);
    expect(ha.rows.map((r) => r['name'])).toEqual(['DefaultCUPSubcluster', 'Subcluster-2']);
  });

  it('processconfig on the CUCM publisher answers the profile\'s User Assignment Mode (designed name and values); not on IM&P', async () => {
    const sql = "run sql select paramname, paramvalue from processconfig where paramname = 'UserAssignmentMode'";
    for (const [mode, value] of [['balanced', 'Balanced'], ['active-standby', 'ActiveStandby'], ['none', 'None']] as const) {
      model = new ClusterModel({ ...loadProfile(), userAssignmentMode: mode }, { seed: TEST_SEED, startMs: TEST_START_MS });
      const t = parseTable((await openCli(model, 'cucm-pub').run(sql)).text);
      expect(t.columns).toEqual(['paramname', 'paramvalue']);
      expect(t.rows).toEqual([{ paramname: 'UserAssignmentMode', paramvalue: value }]);
      model.dispose();
    }
    model = testModel();
    expect((await openCli(model, 'imp-pub').run(sql)).text).toMatch(/processconfig/);
    expect((await openCli(model, 'imp-pub').run(sql)).text).not.toMatch(/UserAssignmentMode\s+Balanced/);
  });

  it('quotes: a doubled quote is a quote inside a literal', async () => {
    model = testModel();
    model.setMailId('user0001', "o'brien@example.com");
    const t = parseTable((await openCli(model, 'imp-pub').run("run sql select userid from enduser where mailid = 'o''brien@example.com'")).text);
    expect(t.rows).toEqual([{ userid: 'user0001' }]);
  });

  it('primarynodeid is the enterprisenode pkid of the user\'s node on IM&P, NULL on the CUCM publisher', async () => {
    model = testModel();
    const imp = openCli(model, 'imp-sub2');
    const nodes = parseTable((await imp.run('run sql select pkid, name from enterprisenode')).text).rows;
    const users = parseTable((await imp.run('run sql select userid, primarynodeid from enduser')).text).rows;
    expect(users).toHaveLength(model.users.users.length);
    const nameOf = new Map(nodes.map((n) => [n['pkid']!, n['name']!]));
    for (const u of users.slice(0, 200)) expect(nameOf.get(u['primarynodeid']!)).toBe(model.users.find(u['userid']!)!.homeNode);
    const cucm = parseTable((await openCli(model, 'cucm-pub').run('run sql select count(*) from enduser where primarynodeid is not null')).text);
    expect(cucm.rows[0]!['(count(*))']).toBe('0');
    const devices = parseTable((await openCli(model, 'cucm-pub').run('run sql select count(*) from device')).text);
    expect(Number(devices.rows[0]!['(count(*))'])).toBe(model.users.users.reduce((s, u) => s + u.devices.length, 0));
  });

  it('errors: -206 unknown table, -217 unknown column, -201 anything outside the subset; each then a blank line and the failure line', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    expect((await c.run('run sql select * from device')).text).toBe(`-206: The specified table (device) is not in the database.\n\n${EXECUTED_UNSUCCESSFULLY}\n`);
    expect((await c.run('run sql select userid from enduser order by nosuch')).text).toBe(`-217: Column (nosuch) not found in any table in the query (or SLV is undefined).\n\n${EXECUTED_UNSUCCESSFULLY}\n`);
    expect((await c.run("run sql select userid from enduser where nosuch like 'x'")).text).toContain('-217: Column (nosuch)');
    const syntax = `-201: A syntax error has occurred.\n\n${EXECUTED_UNSUCCESSFULLY}\n`;
    for (const bad of [
      "select userid from enduser where userid = 'unterminated",
      'select userid from enduser where userid = userid',
      'select userid from enduser group by userid',
      'select userid, from enduser',
      'delete from enduser',
      "select userid from enduser where userid = 'a' or userid = 'b'",
      'select userid from enduser;',
      `select userid from enduser where userid = '${'x'.repeat(5000)}'`,
    ]) {
      expect((await c.run(`run sql ${bad}`)).text, bad).toBe(syntax);
    }
    expect((await c.run('run sql')).text).toContain('Incorrect syntax');
    // A failed statement leaves the session usable.
    expect(parseTable((await c.run('run sql select count(*) from enterprisenode')).text).rows[0]!['(count(*))']).toBe('4');
  });

  it('counts rosters without producing a row, and filters them through the user_id index', () => {
    model = testModel();
    const tables = databaseTables(model, model.node('imp-pub'));
    const rosters = tables.get('rosters')!;
    const guarded = new Map(tables);
    guarded.set('rosters', { ...rosters, rows: () => { throw new Error('rosters materialised for count(*)'); } });
    const n = Number(executeSql('select count(*) from rosters', guarded).rows[0]![0]);
    const users = model.users.users;
    expect(n).toBe(users.reduce((s, u) => s + rosterSize(u, users.length), 0));
    const u = users[41]!;
    const viaIndex = executeSql(`select contact_jid from rosters where user_id = '${xcpUserId(u)}'`, tables).rows;
    expect(viaIndex).toHaveLength(rosterSize(u, users.length));
    expect(new Set(viaIndex.map((r) => r[0])).size).toBe(viaIndex.length);
    expect(viaIndex.map((r) => r[0])).not.toContain(u.uri);
  });

  it('answers `select userid, mailid from enduser` for 15,000 users (the time is printed; `npm run bench:reports` measures it)', async () => {
    model = new ClusterModel(loadProfile(new URL('../profile/profiles/users-15k.yaml', import.meta.url).pathname), { seed: TEST_SEED, startMs: TEST_START_MS });
    expect(model.users.users).toHaveLength(15_000);
    const c = openCli(model, 'imp-sub4');
    const started = performance.now();
    const text = (await c.run('run sql select userid, mailid from enduser')).text;
    const ms = performance.now() - started;
    const lines = text.split('\n');
    expect(lines).toHaveLength(15_000 + 3);
    expect(lines[2]).toBe('user00001 user00001@example.com');
    console.log(`run sql over 15,000 enduser rows: ${ms.toFixed(0)} ms`);
  });
});
