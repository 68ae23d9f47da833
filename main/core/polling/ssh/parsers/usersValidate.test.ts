import { describe, expect, it } from 'vitest';
import { parseUsersValidate } from './usersValidate.js';

// `utils users validate` (guide L8474-8535). Golden files (the guide's samples, simulator captures):
// reportCommands.test.ts.
const code = (r: ReturnType<typeof parseUsersValidate>): string => (r.ok ? 'ok' : r.error.code);

describe('utils users validate', () => {
  it('a clean answer: both checks say nothing found', () => {
    expect(parseUsersValidate('No Users with Duplicate User IDs found\n\nNo Users with Duplicate or Invalid Directory URIs found\n')).toEqual({ ok: true, value: { duplicateUserIds: [], noDirectoryUri: [], invalidDirectoryUri: [], duplicateDirectoryUris: [] } });
  });
  it('all needs both checks: an answer missing one was cut (or is another scope’s)', () => {
    expect(code(parseUsersValidate('No Users with Duplicate User IDs found\n'))).toBe('POLL_PARSE');
    expect(code(parseUsersValidate('No Users with Duplicate User IDs found\n', '', 'userid'))).toBe('ok');
    expect(code(parseUsersValidate('No Users with Duplicate or Invalid Directory URIs found\n', '', 'uri'))).toBe('ok');
  });
  it('several entries per section and several nodes per entry', () => {
    const r = parseUsersValidate([
      'Users with Duplicate User IDs', '-----', 'User ID: a', 'Node Name', 'n1', 'n2', '', 'User ID: b', 'Node Name', 'n3', '',
      'Users with No Directory URI Configured', '-----', 'Node Name: n1', 'User ID', 'c', 'd', '', 'Node Name: n2', 'User ID', 'e', '',
    ].join('\n'));
    expect(r.ok && r.value.duplicateUserIds).toEqual([{ userId: 'a', nodes: ['n1', 'n2'] }, { userId: 'b', nodes: ['n3'] }]);
    expect(r.ok && r.value.noDirectoryUri).toEqual([{ userId: 'c', node: 'n1' }, { userId: 'd', node: 'n1' }, { userId: 'e', node: 'n2' }]);
  });
  it('cut or garbled answers are POLL_PARSE, the refusal POLL_PROTOCOL', () => {
    expect(code(parseUsersValidate('Users with Duplicate User IDs\n-----\nUser ID: a\nNode Name\n\nNo Users with Duplicate or Invalid Directory URIs found\n'))).toBe('POLL_PARSE');
    expect(code(parseUsersValidate('Users with Duplicate User IDs\n-----\nn1\n'))).toBe('POLL_PARSE');
    expect(code(parseUsersValidate('Users with Duplicate Directory URIs\n-----\nNode Name: x\n'))).toBe('POLL_PARSE');
    expect(code(parseUsersValidate('hello\n'))).toBe('POLL_PARSE');
    expect(code(parseUsersValidate('Incorrect syntax. Usage: utils users validate {all|userid|uri}\nExecuted command unsuccessfully\n'))).toBe('POLL_PROTOCOL');
  });
});
