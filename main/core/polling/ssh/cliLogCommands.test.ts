import { describe, expect, it } from 'vitest';
import { hasCliControlChars, listActivelog, searchActivelog, type LogCliSession } from './cliLogCommands.js';

/** A session that must never be asked to run anything (the refusal happens before a byte is sent). */
const untouched: LogCliSession = {
  target: { node: 'imp-pub' } as LogCliSession['target'],
  run: () => {
    throw new Error('the command reached the shell');
  },
};

describe('CLI log commands refuse words that would split the command line', () => {
  it('tells line breaks and control characters from plain text', () => {
    expect(hasCliControlChars('file list activelog "epas/trace/a b.log" detail')).toBe(false);
    expect(hasCliControlChars('file list activelog x\nutils system restart')).toBe(true);
    expect(hasCliControlChars('a\rb')).toBe(true);
    expect(hasCliControlChars('a\u0003b')).toBe(true);
  });

  it('a path or expression with a line break is a POLL_PROTOCOL error and nothing is sent', async () => {
    const listed = await listActivelog(untouched, '/epas/trace\nutils system restart');
    expect(listed.ok).toBe(false);
    if (!listed.ok) expect(listed.error.code).toBe('POLL_PROTOCOL');
    const searched = await searchActivelog(untouched, '/epas/trace/xcp/log/*', 'error\r\nutils system restart');
    expect(searched.ok).toBe(false);
    if (!searched.ok) expect(searched.error.message).toMatch(/line break/);
  });
});
