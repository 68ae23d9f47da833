import { describe, expect, it } from 'vitest';
import { tokenize } from './commandLine.js';

describe('tokenize', () => {
  it('splits on whitespace and groups quoted words', () => {
    expect(tokenize('show perf query counter "Cisco Presence Engine" ActiveJsmSessions')).toEqual({
      ok: true,
      tokens: ['show', 'perf', 'query', 'counter', 'Cisco Presence Engine', 'ActiveJsmSessions'],
    });
    expect(tokenize("  file   search activelog syslog/CiscoSyslog '.*Status:.*dst-name.*' ")).toEqual({
      ok: true,
      tokens: ['file', 'search', 'activelog', 'syslog/CiscoSyslog', '.*Status:.*dst-name.*'],
    });
  });

  it('keeps empty quoted words and escaped quotes', () => {
    expect(tokenize('a "" b "say \\"hi\\""')).toEqual({ ok: true, tokens: ['a', '', 'b', 'say "hi"'] });
  });

  it('reports an unclosed quote instead of throwing', () => {
    const r = tokenize('show perf query counter "Cisco Presence');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/Unbalanced quote/);
  });
});
