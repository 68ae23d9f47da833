/**
 * Find a user by directory URI when the URI is not the user ID (john.smith@… for jsmith: common on real clusters;
 * the simulator's URIs are always <userid>@<domain>, so this case cannot be played there). The access answers
 * `run sql` / `run pe sql` in the CLI's layout and applies the statement's `like` to its rows, so the test sees
 * which sessions the statement findUser sends can find.
 */
import { describe, expect, it } from 'vitest';
import { PollError } from '../polling/pollError.js';
import type { CliCommandResult } from '../polling/ssh/sshCliSession.js';
import { commonPrefix, findUser } from './findUser.js';
import type { ReportClusterAccess } from './reportAccess.js';

type Row = Record<string, string | null>;

/** A `run sql` answer: header, `=` underline, columns as wide as their widest value. */
function table(columns: string[], rows: Row[]): string {
  const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? 'NULL').length)));
  const line = (vals: string[]): string => vals.map((v, i) => v.padEnd(width[i]!)).join(' ').trimEnd();
  return [line(columns), width.map((w) => '='.repeat(w)).join(' '), ...rows.map((r) => line(columns.map((c) => r[c] ?? 'NULL')))].join('\n') + '\n';
}

/** The rows whose `lower(<col>) like '<pattern>'` (the statement's one condition, if any) holds. */
function where(statement: string, rows: Row[]): Row[] {
  const m = /where lower\((\w+)\) like '((?:[^']|'')*)'/.exec(statement);
  if (!m) return rows;
  const re = new RegExp(`^${m[2]!.replace(/''/g, "'").replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 's');
  return rows.filter((r) => re.test((r[m[1]!] ?? '').toLowerCase()));
}

const ENDUSER: Row[] = [
  { userid: 'jsmith', directoryuri: 'john.smith@example.com', mailid: 'john.smith@example.com', primarynodeid: 'n1' },
  { userid: 'jsmith2', directoryuri: 'john.smith@example.com.au', mailid: null, primarynodeid: 'n1' },
  { userid: 'adoe', directoryuri: 'anna.doe@example.com', mailid: null, primarynodeid: 'n1' },
];
const SESSIONS: Row[] = [
  { userid: 'jsmith', resource: 'jabber_1', devicetype: 'Desktop', logintime: '2026-12-06 09:00:00' },
  { userid: 'jsmith2', resource: 'jabber_2', devicetype: 'Android', logintime: '2026-12-06 09:05:00' },
  { userid: 'adoe', resource: 'jabber_3', devicetype: 'iPhone', logintime: '2026-12-06 09:10:00' },
];

function access(): ReportClusterAccess & { sent: string[] } {
  const sent: string[] = [];
  const answer = (command: string): string => {
    if (command.includes('from enterprisenode')) return table(['pkid', 'name', 'subclusterid'], [{ pkid: 'n1', name: 'imp-pub', subclusterid: 'g1' }]);
    if (command.includes('from enterprisesubcluster')) return table(['pkid', 'name', 'enablehighavailability'], [{ pkid: 'g1', name: 'Group-1', enablehighavailability: 't' }]);
    if (command.includes('from enduser')) return table(['userid', 'directoryuri', 'mailid', 'primarynodeid'], where(command, ENDUSER));
    if (command.includes('from clientsessions')) return table(['userid', 'resource', 'devicetype', 'logintime'], where(command, SESSIONS));
    throw new Error(`unexpected command ${command}`);
  };
  return {
    cluster: 'lab',
    sent,
    nodes: () => [{ name: 'imp-pub', role: 'imp-publisher', host: '127.0.0.1', reachability: 'up' }],
    cli: (_node: string, command: string): Promise<CliCommandResult> => {
      sent.push(command);
      return Promise.resolve({ ok: true, output: answer(command) });
    },
    perfmon: () => Promise.resolve({ ok: false, error: new PollError('POLL_CONNECT', 'soap', 'imp-pub', 'not used') }),
    services: () => Promise.resolve({ ok: false, error: new PollError('POLL_CONNECT', 'soap', 'imp-pub', 'not used') }),
    haGroups: () => Promise.resolve({ ok: true, value: [] }),
    requestCounts: () => new Map(),
  };
}

describe('findUser', () => {
  it('finds the sessions of users found by a directory URI that is not their user ID', async () => {
    const a = access();
    const r = await findUser([a], 'John.Smith@example.com');
    expect(r.problems).toEqual([]);
    expect(r.users.map((u) => [u.userId, u.directoryUri, u.node, u.group, u.haEnabled])).toEqual([
      ['jsmith', 'john.smith@example.com', 'imp-pub', 'Group-1', true], // the exact match first
      ['jsmith2', 'john.smith@example.com.au', 'imp-pub', 'Group-1', true],
    ]);
    expect(r.users[0]!.sessions).toEqual([{ node: 'imp-pub', device: 'Desktop', resource: 'jabber_1', loginAtMs: Date.parse('2026-12-06T09:00:00Z') }]);
    expect(r.users[1]!.sessions.map((s) => s.device)).toEqual(['Desktop']); // an Android client counts as Desktop (L7039)
    expect(r.users[1]!.servedBy).toBe('imp-pub');
    // The other user's session was not counted for anyone.
    expect(r.users.flatMap((u) => u.sessions).map((s) => s.resource)).not.toContain('jabber_3');
  });

  it('a quote in the query is sent as a literal, never as SQL', async () => {
    const a = access();
    const r = await findUser([a], "x' or 1=1 --");
    expect(r.users).toEqual([]);
    expect(a.sent.filter((c) => c.includes('from enduser')).every((c) => c.endsWith("like 'x'' or 1=1 --%'"))).toBe(true);
  });

  it('commonPrefix', () => {
    expect(commonPrefix(['jsmith', 'jsmith2', 'jsa'])).toBe('js');
    expect(commonPrefix(['a', 'b'])).toBe('');
    expect(commonPrefix(['one'])).toBe('one');
    expect(commonPrefix([])).toBe('');
  });
});
