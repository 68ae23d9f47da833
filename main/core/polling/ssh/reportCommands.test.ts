import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../test/helpers/mulberry32.js';
import { parseCertDetail, parseCertList } from './parsers/certOutput.js';
import { parseDbReplicationStatusFile, parseDbReplicationStatusStart, parseReplicationCheckSummary, parseRuntimeStateChecked } from './parsers/dbReplicationStatus.js';
import { parseDiagnose } from './parsers/diagnose.js';
import { parseNtpStatus } from './parsers/ntpStatus.js';
import type { ParseResult } from './parsers/reportText.js';
import { parseSqlTable } from './parsers/sqlTable.js';
import { parseUsersValidate } from './parsers/usersValidate.js';
import { certificateDetail, diagnoseModule, namedCliRun, parseServiceListChecked, runPeSql, runSql, sqlLiteral, type CliRun } from './reportCommands.js';

// Golden files fixtures/report-<source>-<answer>[-case].txt and the reviewed parse in .expected.json
// (UPDATE_FIXTURES=1 rewrites them; review the diff). Sources:
//  - report-ref-*: the references' samples — serviceability-reference.md D.9 (`utils ntp status` [T]; `utils
//    diagnose` [V] MSG-010, flattened as found, em dashes) and the guide's `utils users validate` samples
//    (L8506-8535, seed-inventory.md 12.6). D.3's runtimestate sample is fixtures/ref-dbreplication-runtimestate.txt
//    (the existing parser's), read here too.
//  - report-sim-*: captured over SSH from the simulated nodes (test/integration/reportCommandsSim.test.ts writes
//    them with CAPTURE_REPORT_FIXTURES=1). Where the answer's layout is the DESIGNED one of reports-design.md (run
//    sql / run pe sql, show cert, utils diagnose modules, the ReplicationStatus file) the test's name says
//    "designed: no real sample".
const FIXTURES = join(import.meta.dirname, 'fixtures');

type Parse = (text: string, key: string) => ParseResult<unknown>;

/** Both readings of a runtimestate answer: the servers (existing parser) and the last check's verdict. */
function runtimestateBoth(text: string): ParseResult<unknown> {
  const state = parseRuntimeStateChecked(text);
  if (!state.ok) return state;
  const summary = parseReplicationCheckSummary(text);
  return summary.ok ? { ok: true, value: { state: state.value, summary: summary.value } } : summary;
}

/** Answer name (after report-<source>-) → its parser, and whether its layout is designed (no real sample). */
const PARSERS: ReadonlyArray<[RegExp, Parse, boolean]> = [
  [/^(pe-)?sql-/, (t, key) => parseSqlTable(t, '', key.startsWith('pe-') ? 'run pe sql' : 'run sql'), true],
  [/^cert-list-/, (t) => parseCertList(t), true],
  [/^cert-(own|trust|detail)-/, (t) => parseCertDetail(t), true],
  [/^users-validate-/, (t, key) => parseUsersValidate(t, '', /^users-validate-(userid|uri)/.exec(key)?.[1] as 'userid' | 'uri' | undefined ?? 'all'), false],
  [/^ntp-status/, (t) => parseNtpStatus(t), false],
  [/^dbreplication-status-start/, (t) => parseDbReplicationStatusStart(t), false],
  [/^dbreplication-status-file/, (t) => parseDbReplicationStatusFile(t), true],
  [/^runtimestate/, runtimestateBoth, false],
  [/^diagnose-/, (t) => parseDiagnose(t), true],
  [/^service-list/, (t) => parseServiceListChecked(t), false],
];

/** A result as the golden file holds it (errors as their payload). */
function plain(r: ParseResult<unknown>): unknown {
  return JSON.parse(JSON.stringify(r.ok ? r : { ok: false, error: { code: r.error.code, message: r.error.message, retryable: r.error.retryable } })) as unknown;
}

/** The same without the verbatim `text` of an NTP status (it keeps the answer's own blanks). */
function sameReading(r: ParseResult<unknown>): unknown {
  return JSON.parse(JSON.stringify(plain(r), (k, v: unknown) => (k === 'text' ? undefined : v))) as unknown;
}

const files = readdirSync(FIXTURES).filter((f) => f.startsWith('report-') && f.endsWith('.txt'));
const parserOf = (file: string): { key: string; parse: (text: string) => ParseResult<unknown>; designed: boolean } => {
  const key = file.replace(/^report-(ref|sim)-/, '').replace(/\.txt$/, '');
  const found = PARSERS.find(([re]) => re.test(key));
  if (!found) throw new Error(`no parser for ${file}`);
  return { key, parse: (t) => found[1](t, key), designed: found[2] && file.startsWith('report-sim-') };
};

describe('report answers against fixtures', () => {
  it('has a parser for every fixture, reference samples and simulator captures', () => {
    expect(files.some((f) => f.startsWith('report-ref-'))).toBe(true);
    for (const f of files) expect(() => parserOf(f), f).not.toThrow();
  });
  for (const file of files) {
    const { parse, designed } = parserOf(file);
    it(`${file}${designed ? ' (designed: no real sample)' : ''}`, () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const actual = plain(parse(text));
      const expectedPath = join(FIXTURES, file.replace(/\.txt$/, '.expected.json'));
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
      // Tolerance: CRLF line ends, tabs instead of column padding, leading and trailing blanks, an echoed command
      // and a pager line (pagination is off in our sessions, but a node may page anyway) read the same.
      const reading = sameReading(parse(text));
      expect(plain(parse(text.replace(/\n/g, '\r\n'))), 'CRLF').toEqual(actual);
      expect(sameReading(parse(text.replace(/ {3,}/g, '\t'))), 'tabs').toEqual(reading);
      expect(sameReading(parse(text.replace(/^/gm, '  ').replace(/\n/g, ' \t\n'))), 'blanks').toEqual(reading);
      expect(sameReading(parse(`admin:some command\n${text}`)), 'echo').toEqual(reading);
      const lines = text.split('\n');
      const half = Math.ceil(lines.length / 2);
      const paged = [...lines.slice(0, half), `options: q=quit, n=next, p=prev, b=begin, e=end (lines 1 - ${half} of ${lines.length}) : n`, ...lines.slice(half)].join('\n');
      expect(sameReading(parse(paged)), 'pager').toEqual(reading);
    });
  }
  it('the D.3 runtimestate sample: servers by the existing parser and the last check COMPLETED, 754 of 754 tables, clean', () => {
    const text = readFileSync(join(FIXTURES, 'ref-dbreplication-runtimestate.txt'), 'utf8');
    const r = runtimestateBoth(text);
    expect(r.ok).toBe(true);
    const summary = parseReplicationCheckSummary(text);
    expect(summary).toEqual({ ok: true, value: { completed: true, tablesChecked: 754, tablesTotal: 754, problemsFound: false, verdict: 'No Errors or Mismatches found.' } });
    const single = parseRuntimeStateChecked(readFileSync(join(FIXTURES, 'ref-dbreplication-single-node.txt'), 'utf8'));
    expect(single.ok ? '' : single.error.code).toBe('POLL_PROTOCOL');
    expect(single.ok ? '' : single.error.message).toMatch(/Runtime state cannot be performed on a cluster with a single active node/);
  });
});

describe('truncated, garbled and huge answers (fuzz)', () => {
  it('every parser returns a result (never throws, never hangs) for cut, garbled and huge answers', () => {
    const random = mulberry32(14);
    let parseErrors = 0;
    for (const file of files) {
      const { parse } = parserOf(file);
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const variants: string[] = [];
      for (let i = 0; i < 24; i++) variants.push(text.slice(0, Math.floor(random() * text.length)));
      for (let i = 0; i < 24; i++) {
        const chars = [...text];
        for (let k = 0; k < 1 + Math.floor(random() * 6); k++) chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 0x80));
        variants.push(chars.join(''));
      }
      variants.push('', '\x00\x1b[31m((( [[ ->', `${'\t'.repeat(5000)}${'== '.repeat(2000)}`, `${'test - x '.repeat(1500)}\nDiagnostics Completed`);
      for (const v of variants) {
        let r: ParseResult<unknown> | undefined;
        expect(() => (r = parse(v)), `${file}: ${JSON.stringify(v.slice(0, 80))}`).not.toThrow();
        if (r && !r.ok) {
          expect(['POLL_PARSE', 'POLL_PROTOCOL'], r.error.message).toContain(r.error.code);
          if (r.error.code === 'POLL_PARSE') parseErrors++;
        }
      }
      // A line of 60,000 characters is never read (no regular expression runs over it): POLL_PARSE.
      for (const huge of [`${text.split('\n')[0]}\n${'x  '.repeat(20_000)}\n${text}`, `${text}\n${'='.repeat(60_000)}`, `${'a'.repeat(30_000)} ${'b'.repeat(30_000)}`]) {
        const r = parse(huge);
        expect(r.ok ? 'ok' : r.error.code, file).toBe('POLL_PARSE');
      }
    }
    expect(parseErrors).toBeGreaterThan(files.length);
  });
});

describe('commands refuse what must not reach the CLI', () => {
  /** A node that must not be asked. */
  const neverRun: CliRun = () => {
    throw new Error('the command reached the node');
  };
  it('sqlLiteral doubles quotes and refuses control characters', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('')).toBe("''");
    expect(sqlLiteral('用户 ü')).toBe("'用户 ü'");
    for (const bad of ['a\nrun sql drop', 'a\rb', 'tab\there', '\x03', '\x7f']) expect(() => sqlLiteral(bad), JSON.stringify(bad)).toThrow(RangeError);
  });
  it('statements, units and module names with line breaks or shell words are refused before sending', async () => {
    const node = namedCliRun('imp-pub', neverRun);
    for (const r of [await runSql(node, 'select * from enduser\nutils system restart'), await runPeSql(node, '   '), await certificateDetail(node, 'own', 'tomcat; ls'), await diagnoseModule(node, 'ldap\n')]) {
      expect(r.ok).toBe(false);
      expect(r.ok ? undefined : r.error.code).toBe('POLL_PROTOCOL');
      expect(r.ok ? undefined : r.error.target).toBe('imp-pub');
    }
  });
  it('a failed transport is the result (never a rejection); a throwing run is POLL_PROTOCOL', async () => {
    const thrown = await runSql(namedCliRun('imp-sub1', neverRun), 'select count(*) from enduser');
    expect(thrown.ok ? '' : `${thrown.error.code} ${thrown.error.target}`).toBe('POLL_PROTOCOL imp-sub1');
  });
});
