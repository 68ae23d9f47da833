import { describe, expect, it } from 'vitest';
import { highlightLine, lineSeverity, localInputToMs, msToLocalInput, searchMatcher } from './logHighlight.js';

describe('log line highlighting', () => {
  it('marks the ISO timestamp, the severity word and the matches', () => {
    const segs = highlightLine('2026-12-06T09:00:00.123Z ERROR [thread-1] JSM session created for user1', searchMatcher('session', false, true));
    expect(segs).toEqual([
      { text: '2026-12-06T09:00:00.123Z', kind: 'time' },
      { text: ' ' },
      { text: 'ERROR', kind: 'severity', severity: 'Error' },
      { text: ' [thread-1] JSM ' },
      { text: 'session', kind: 'match' },
      { text: ' created for user1' },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe('2026-12-06T09:00:00.123Z ERROR [thread-1] JSM session created for user1');
  });

  it('reads syslog stamps and CiscoLog severity digits', () => {
    const line = 'Dec  6 09:00:01 imp-pub local7 3 : 12: imp-pub: Dec 06 09:00:01.250 UTC : %IMP_SRM-3-PeerDown: peer lost';
    const segs = highlightLine(line);
    expect(segs[0]).toEqual({ text: 'Dec  6 09:00:01', kind: 'time' });
    expect(segs.find((s) => s.kind === 'severity')).toEqual({ text: '%IMP_SRM-3-PeerDown', kind: 'severity', severity: 'Error' });
    expect(lineSeverity('x WARN y')?.severity).toBe('Warning');
    expect(lineSeverity('no level here')).toBeUndefined();
  });

  it('keeps a bad regular expression from breaking the view, and converts local input times', () => {
    expect(searchMatcher('(unclosed', true, false)).toBeUndefined();
    expect(searchMatcher('', false, false)).toBeUndefined();
    expect(highlightLine('a.b a.b', searchMatcher('a.b', false, false)).filter((s) => s.kind === 'match')).toHaveLength(2);
    const ms = new Date(2026, 11, 6, 9, 30, 15).getTime();
    expect(localInputToMs(msToLocalInput(ms))).toBe(ms);
    expect(localInputToMs('')).toBeUndefined();
  });
});
