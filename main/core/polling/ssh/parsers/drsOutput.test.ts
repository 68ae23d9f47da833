import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../../test/helpers/mulberry32.js';
import { redactAnswers } from '../drsCommands.js';
import { parseDrsAck, parseEstimate, parsePrepareRestore, parsePrepareStatus, parseRestoreDialogue } from './drsDialogue.js';
import {
  parseBackupFiles,
  parseBackupInfo,
  parseDeviceList,
  parseDeviceListDetail,
  parseDrsHistory,
  parseDrsStatus,
  parseRegistration,
  parseScheduleList,
  parseScheduleListDetail,
} from './drsOutput.js';
import { classifyDrsRefusal, drsRefusal, parseUnixDate, type DrsCliResult } from './drsText.js';

// Golden files fixtures/drs-<source>-<answer>[-case].txt and the reviewed parse in .expected.json
// (UPDATE_FIXTURES=1 rewrites them; review the diff). Sources:
//  - drs-ref-*: serviceability-reference.md D.7 — the [V] `schedule list` sample, the [T] strings ("No backup status
//    available", "No history data is available", the Master Agent down text) and the [I] status layout inferred
//    from ANSIBLE's regexes (Status, Tar Filename, Storage Location, Operation, Percentage Complete + component rows).
//  - drs-sim-*: captured over SSH from the simulated CUCM publisher (test/integration/drsCli.test.ts writes them
//    with CAPTURE_DRS_FIXTURES=1). Where the answer's layout is the DESIGNED one of drs-design.md "CLI dialogue"
//    the test's name says "designed: no real sample".
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

const ACKS: Readonly<Record<string, RegExp>> = {
  'device-add': /^Device (added|updated) successfully/i,
  'device-delete': /^Device deleted successfully/i,
  'schedule-add': /^Schedule (added|updated) successfully/i,
  'schedule-enable': /^Schedule enabled successfully/i,
  backup: /^Backup initiated successfully/i,
  cancel: /^Backup cancellation requested/i,
  restart: /^Appliance is being Restarted/i,
  password: /^Password updated successfully/i,
};

/** Answer name (after drs-<source>-) → its parser, and whether its layout is designed (no real sample). */
const PARSERS: ReadonlyArray<[RegExp, (text: string, key: string) => DrsCliResult<unknown>, boolean]> = [
  [/^registration/, parseRegistration, false],
  [/^device-list-detail/, parseDeviceListDetail, true],
  [/^device-list/, parseDeviceList, false],
  [/^schedule-list-detail/, parseScheduleListDetail, true],
  [/^schedule-list/, parseScheduleList, false],
  [/^status-backup/, (t) => parseDrsStatus(t, 'backup'), false],
  [/^status-restore/, (t) => parseDrsStatus(t, 'restore'), false],
  [/^history-backup/, (t) => parseDrsHistory(t, 'backup'), false],
  [/^history-restore/, (t) => parseDrsHistory(t, 'restore'), false],
  [/^backupfiles/, parseBackupFiles, false],
  [/^backupinfo/, parseBackupInfo, true],
  [/^estimate/, parseEstimate, false],
  [/^restore/, parseRestoreDialogue, true],
  [/^prepare-status/, parsePrepareStatus, true],
  [/^prepare/, parsePrepareRestore, false],
  [/^ack-/, (t, key) => parseDrsAck(t, ACKS[Object.keys(ACKS).find((k) => key.startsWith(`ack-${k}`)) ?? '']!, key), false],
];

/** A result as the golden file holds it (errors as their payload). */
function plain(r: DrsCliResult<unknown>): unknown {
  return JSON.parse(JSON.stringify(r.ok ? r : { ok: false, error: { code: r.error.code, message: r.error.message, retryable: r.error.retryable } })) as unknown;
}

const files = readdirSync(FIXTURES).filter((f) => f.startsWith('drs-') && f.endsWith('.txt'));
const parserOf = (file: string): { key: string; parse: (text: string) => DrsCliResult<unknown>; designed: boolean } => {
  const key = file.replace(/^drs-(ref|sim)-/, '').replace(/\.txt$/, '');
  const found = PARSERS.find(([re]) => re.test(key));
  if (!found) throw new Error(`no parser for ${file}`);
  return { key, parse: (t) => found[1](t, key), designed: found[2] && file.startsWith('drs-sim-') };
};

describe('DRS answers against fixtures', () => {
  it('has a parser for every fixture, reference samples and simulator captures', () => {
    expect(files.some((f) => f.startsWith('drs-ref-'))).toBe(true);
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
      // Tolerance: CRLF line ends, tabs instead of column padding, leading and trailing blanks read the same.
      expect(plain(parse(text.replace(/\n/g, '\r\n'))), 'CRLF').toEqual(actual);
      expect(plain(parse(text.replace(/ {3,}/g, '\t'))), 'tabs').toEqual(actual);
      expect(plain(parse(text.replace(/^/gm, '  ').replace(/\n/g, ' \t\n'))), 'blanks').toEqual(actual);
    });
  }
});

describe('the [V] schedule list and the [T] strings of reference D.7', () => {
  it('reads names with spaces apart from the tab columns', () => {
    const r = parseScheduleList(readFileSync(join(FIXTURES, 'drs-ref-schedule-list.txt'), 'utf8'));
    expect(r).toEqual({ ok: true, value: [{ name: 'schedule1', device: 'device 1', enabled: true }, { name: 'schedule2', device: 'device 2', enabled: false }] });
  });
  it('no status and no history are data, not errors', () => {
    expect(parseDrsStatus('drfCliMsg: No restore status available\n', 'restore')).toEqual({ ok: true, value: undefined });
    expect(parseDrsHistory('drfCliMsg:  No history data is available\r\n', 'restore')).toEqual({ ok: true, value: [] });
  });
  it('the Master Agent down is a retryable PRECONDITION in its own words', () => {
    const e = drsRefusal('Unable to connect to Master Agent host: NYVMITEL01, Port: 4040. This may be due to Master or Local Agent being down.\n');
    expect(e?.code).toBe('PRECONDITION');
    expect(e?.retryable).toBe(true);
    expect(e?.message).toMatch(/^Unable to connect to Master Agent host: NYVMITEL01/);
  });
});

describe('DRS refusals', () => {
  it('maps DRS words to codes, the message without the drfCliMsg prefix and the failure line', () => {
    const cases: Array<[string, string]> = [
      ['drfCliMsg: New backup cannot start while another backup is still running.', 'CONFLICT'],
      ['drfCliMsg: Device dev1 cannot be deleted: it is configured as the backup device of schedule nightly.', 'CONFLICT'],
      ['drfCliMsg: Maximum number of backup devices (10) already configured.', 'CONFLICT'],
      ['drfCliMsg: Schedule nightly already exists.', 'CONFLICT'],
      ['drfCliMsg: Backup device nope does not exist.', 'NOT_FOUND'],
      ['drfCliMsg: Server nosuch is not registered with the Master Agent.', 'NOT_FOUND'],
      ['drfCliMsg: Backup file 2026-01-01-00-00-00.tar was not found on device d.', 'NOT_FOUND'],
      ['drfCliMsg: Backup Device Name can contain only alphanumeric characters, spaces ( ), dashes (-) and underscores (_).', 'VALIDATION'],
      ['drfCliMsg: Invalid date and time 2026/13/28-03:00; use yyyy/mm/dd-hh:mm.\nExecuted command unsuccessfully', 'VALIDATION'],
      ['drfCliMsg: Feature(s) FOO are not registered. Registered features: UCM,IM&P', 'VALIDATION'],
      ['drfCliMsg: The request contains a malicious pattern (directory traversal) and was blocked.', 'VALIDATION'],
      ['Incorrect syntax. Usage: utils disaster_recovery status {backup|restore}\nExecuted command unsuccessfully', 'VALIDATION'],
      ['drfCliMsg: Unable to access device dev1: connect ECONNREFUSED 127.0.0.1:22', 'PRECONDITION'],
      ['Restore failed: the software version saved in the backup file (1) does not match the version running on the cluster nodes (2). The entire version string must match.', 'PRECONDITION'],
      ['drfCliMsg: No backup is currently running.', 'PRECONDITION'],
    ];
    for (const [text, code] of cases) {
      const e = drsRefusal(`${text}\n`);
      expect(e?.code, text).toBe(code);
      expect(e?.message, text).toBe(text.split('\n')[0]!.replace(/^drfCliMsg:\s*/, ''));
      expect(classifyDrsRefusal(e!.message)).toBe(code);
    }
  });
  it('a plain answer is no refusal; a usage error keeps only its first line', () => {
    expect(drsRefusal('Schedule enabled successfully.\n')).toBeUndefined();
    expect(drsRefusal('Invalid command: utils disaster_recovery frobnicate\nValid options:\n  utils disaster_recovery device list\nExecuted command unsuccessfully\n')?.message).toBe('Invalid command: utils disaster_recovery frobnicate');
  });
  it('never puts a typed password into a message or transcript', () => {
    const text = 'Please enter password to connect to network server backup.example.com: S3cret!pw\ndrfCliMsg: Unable to access device dev1: authentication failed\n';
    const redacted = redactAnswers(text, ['S3cret!pw']);
    expect(redacted).not.toContain('S3cret');
    const r = parseDrsAck(redacted, /^Device added successfully/, 'device add');
    expect(r.ok ? '' : r.error.message).toBe('Unable to access device dev1: authentication failed');
    // Even a password typed where no question was expected is masked.
    expect(redactAnswers('echo S3cret!pw here', ['S3cret!pw'])).toBe('echo *** here');
  });
});

describe('designed dialogues (no real sample)', () => {
  it('a restore dialogue stops at the first FAILED check: data, not an error', () => {
    const r = parseRestoreDialogue([
      'Please enter the comma-separated features you wish to restore. Valid feature(s) for this backup are: IM&P,UCM', 'UCM',
      'Please enter the cluster security password that was in effect when this backup was taken: ',
      'Do you want DRS to perform a SHA1 file integrity check? (y/n): n',
      'drfCliMsg: Restore check servers: PASSED', 'drfCliMsg: Restore check features: PASSED',
      'drfCliMsg: Restore check version: FAILED: Restore failed: the software version saved in the backup file (a) does not match the version running on the cluster nodes (b). The entire version string must match.',
      'Executed command unsuccessfully', '',
    ].join('\n'));
    expect(r.ok && r.value.started).toBe(false);
    expect(r.ok && r.value.checks.map((c) => [c.check, c.ok])).toEqual([['servers', true], ['features', true], ['version', false]]);
    expect(r.ok && r.value.checks[2]!.message).toMatch(/^Restore failed: the software version/);
  });
  it('a refusal before the checks is the refusal; a dialogue cut short is POLL_PARSE', () => {
    const refused = parseRestoreDialogue('drfCliMsg: Server nosuch is not registered with the Master Agent.\n');
    expect(refused.ok ? '' : refused.error.code).toBe('NOT_FOUND');
    const cut = parseRestoreDialogue('drfCliMsg: Restore check servers: PASSED\ndrfCliMsg: Restore check feat');
    expect(cut.ok ? '' : cut.error.code).toBe('POLL_PARSE');
  });
  it('prepare status gives the five-minute end while preparing', () => {
    const r = parsePrepareStatus('One-step restore: preparing\nPlease wait for 5 minutes until Publisher becomes cluster aware and do not start any backup or restore activity in this time period.\nReady At: Sun Dec  6 10:05:00 UTC 2026\n');
    expect(r).toEqual({ ok: true, value: { state: 'preparing', message: expect.stringMatching(/^Please wait for 5 minutes/), readyAtMs: Date.UTC(2026, 11, 6, 10, 5) } });
    expect(parsePrepareStatus('One-step restore: preparing\n').ok).toBe(false);
  });
  it('prepare status when idle: the state and DRS’s message, not a refusal (the simulator prints it with drfCliMsg)', () => {
    expect(parsePrepareStatus('One-step restore: idle\ndrfCliMsg: One-step restore has not been prepared.\n')).toEqual({ ok: true, value: { state: 'idle', message: 'One-step restore has not been prepared.' } });
    expect(parsePrepareStatus('drfCliMsg: Unable to connect to Master Agent\nExecuted command unsuccessfully\n').ok).toBe(false);
  });
  it('estimate: bytes from the unit; no history is a refusal as data', () => {
    expect(parseEstimate('drfCliMsg: Estimated size of backup tar for the selected feature(s) PLM is 4.07 KB\n')).toEqual({ ok: true, value: { ok: true, bytes: 4168, text: 'Estimated size of backup tar for the selected feature(s) PLM is 4.07 KB' } });
    const none = parseEstimate('drfCliMsg: Backup history does not exist for the selected feature(s). The backup size cannot be estimated before the first backup.\n');
    expect(none.ok && !none.value.ok).toBe(true);
  });
});

describe('success lines', () => {
  it('finds the success text after an unechoed answer on the question\'s line', () => {
    expect(parseDrsAck('Do you really want to restart ?\nEnter (yes/no)? Appliance is being Restarted ...\n', /^Appliance is being Restarted/, 'restart')).toEqual({ ok: true, value: 'Appliance is being Restarted ...' });
    expect(parseDrsAck('Please enter the old password: Please enter the new password: Re-enter new password to confirm: Password updated successfully.\n', /^Password updated successfully/, 'set password')).toEqual({ ok: true, value: 'Password updated successfully.' });
    const cancelled = parseDrsAck('Do you really want to restart ?\nEnter (yes/no)? Restart cancelled.\n', /^Appliance is being Restarted/, 'restart');
    expect(cancelled.ok ? '' : cancelled.error.code).toBe('POLL_PARSE');
  });
});

describe('dates', () => {
  it('reads date(1) dates in UTC, padded days and a few fixed zones; rejects impossible ones', () => {
    expect(parseUnixDate('Fri Jan  2 16:18:22 UTC 2026')).toBe(Date.UTC(2026, 0, 2, 16, 18, 22));
    expect(parseUnixDate('Wed Nov 25 10:00:15  UTC  2026')).toBe(Date.UTC(2026, 10, 25, 10, 0, 15));
    expect(parseUnixDate('Wed Nov 25 10:00:15 EST 2026')).toBe(Date.UTC(2026, 10, 25, 15, 0, 15));
    expect(parseUnixDate('Wed Feb 30 10:00:15 UTC 2026')).toBeUndefined();
    expect(parseUnixDate('Wed Nov 25 10:00:15 XYZ 2026')).toBeUndefined();
  });
});

describe('truncated and garbled answers (fuzz)', () => {
  const CODES = new Set(['POLL_PARSE', 'VALIDATION', 'CONFLICT', 'NOT_FOUND', 'PRECONDITION']);
  it('every parser returns a result (never throws) for cut, garbled and huge answers', () => {
    const random = mulberry32(13);
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
      variants.push('', '\x00\x1b[31m((( [[ ->', `${text.split('\n')[0]}\n${'x  '.repeat(20_000)}\n`, `${'\t'.repeat(5000)}${'Wed Nov 25 '.repeat(2000)}`);
      for (const v of variants) {
        let r: DrsCliResult<unknown> | undefined;
        expect(() => (r = parse(v)), `${file}: ${JSON.stringify(v.slice(0, 80))}`).not.toThrow();
        if (r && !r.ok) {
          expect(CODES.has(r.error.code), r.error.code).toBe(true);
          if (r.error.code === 'POLL_PARSE') parseErrors++;
        }
      }
    }
    expect(parseErrors).toBeGreaterThan(files.length);
  });
  it('a status or history cut inside a row, or without its header, is POLL_PARSE', () => {
    const status = 'Status: RUNNING :Backup Running...\nTar Filename: 2026-11-25-10-00-00.tar\nStorage Location: NETWORK\nOperation: BACKUP\nPercentage Complete: 16\nPLM   cucm-pub   ELM-AGENT    33   Wed Nov 25 10:0';
    const cut = parseDrsStatus(status, 'backup');
    expect(cut.ok ? '' : cut.error.code).toBe('POLL_PARSE');
    const noPercent = parseDrsStatus(status.split('\nPercentage')[0]!, 'backup');
    expect(noPercent.ok ? '' : noPercent.error.code).toBe('POLL_PARSE');
    const wrongOp = parseDrsStatus(status.replace('BACKUP', 'RESTORE').replace(/\nPLM.*$/, ''), 'backup');
    expect(wrongOp.ok ? '' : wrongOp.error.code).toBe('POLL_PARSE');
    const history = 'Tar Filename:             Backup Device:   Completed On:                  Result:   Version:         Backup Type:   Features Backed Up:   Failed Features:\n2026-11-25-10-00-00.tar   dev1             Wed Nov 25 10:0';
    const h = parseDrsHistory(history, 'backup');
    expect(h.ok ? '' : h.error.code).toBe('POLL_PARSE');
    const garbage = parseDeviceList('garbage \x00 ((( [[ ->');
    expect(garbage.ok ? '' : garbage.error.code).toBe('POLL_PARSE');
  });
});
