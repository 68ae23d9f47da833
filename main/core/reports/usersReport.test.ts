import { describe, expect, it } from 'vitest';
import { mailRows, sortUserRows, validationRows } from './usersReport.js';

describe('user troubleshooter rows', () => {
  it('lists users without a mail ID and every user of a shared one (case-insensitive)', () => {
    const table = {
      columns: ['userid', 'mailid'],
      rows: [
        { userid: 'alice', mailid: 'alice@example.com' },
        { userid: 'bob', mailid: null },
        { userid: 'carol', mailid: 'Shared@Example.com' },
        { userid: 'dave', mailid: 'shared@example.com' },
        { userid: 'erin', mailid: '  ' },
      ],
    };
    const rows = sortUserRows(mailRows('c', table, 'imp-pub'));
    expect(rows.map((r) => `${r.kind} ${r.userId}`)).toEqual(['no-mail-id bob', 'no-mail-id erin', 'duplicate-mail-id carol', 'duplicate-mail-id dave']);
    expect(rows.find((r) => r.userId === 'carol')).toMatchObject({ value: 'Shared@Example.com', nodes: ['imp-pub'] });
  });

  it('turns utils users validate into one row per user and problem', () => {
    const rows = validationRows('c', {
      duplicateUserIds: [{ userId: 'u1', nodes: ['imp-pub', 'imp-sub1'] }],
      noDirectoryUri: [{ userId: 'u2', node: 'imp-sub2' }],
      invalidDirectoryUri: [{ userId: 'u3', uri: 'bad', node: 'imp-pub' }],
      duplicateDirectoryUris: [{ uri: 'x@example.com', users: [{ userId: 'u4', node: 'imp-pub' }, { userId: 'u5', node: 'imp-sub3' }] }],
    });
    expect(rows).toEqual([
      { cluster: 'c', kind: 'duplicate-userid', userId: 'u1', nodes: ['imp-pub', 'imp-sub1'] },
      { cluster: 'c', kind: 'no-directory-uri', userId: 'u2', nodes: ['imp-sub2'] },
      { cluster: 'c', kind: 'invalid-directory-uri', userId: 'u3', value: 'bad', nodes: ['imp-pub'] },
      { cluster: 'c', kind: 'duplicate-directory-uri', userId: 'u4', value: 'x@example.com', nodes: ['imp-pub'] },
      { cluster: 'c', kind: 'duplicate-directory-uri', userId: 'u5', value: 'x@example.com', nodes: ['imp-sub3'] },
    ]);
  });
});
