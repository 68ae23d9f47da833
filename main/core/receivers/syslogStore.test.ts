import { describe, expect, it } from 'vitest';
import type { SyslogMessage } from '../../../shared/model/alert.js';
import { SyslogStore } from './syslogStore.js';

const msg = (host: string, n: number, peer = '127.0.0.1'): SyslogMessage => ({ receivedAt: n, transport: 'udp', peer, severity: 3, host, text: `line ${n}`, raw: `${host} line ${n}` });
const SUB3 = { cluster: 'sim', node: 'imp-sub3' };

describe('SyslogStore', () => {
  it('a flood of unattributed lines evicts only unattributed lines, never the nodes\' own', () => {
    const store = new SyslogStore(10, 5);
    for (let i = 1; i <= 3; i++) store.add(msg('imp-sub3', i, '127.0.0.14'), SUB3);
    for (let i = 4; i <= 503; i++) store.add(msg(`fake-node-${i}`, i));
    expect(store.size).toBe(8);
    expect(store.query({ attributed: true }).map((m) => m.receivedAt)).toEqual([3, 2, 1]);
    expect(store.query({ attributed: false }).map((m) => m.receivedAt)).toEqual([503, 502, 501, 500, 499]);
  });

  it('reads both kinds back newest first, in the order they arrived, with their attribution and the filters', () => {
    const store = new SyslogStore(10, 10);
    store.add(msg('imp-sub3', 1, '127.0.0.14'), SUB3);
    store.add(msg('fake', 2));
    store.add(msg('imp-sub3', 3, '127.0.0.14'), SUB3);
    store.add(msg('fake', 4));
    expect(store.queryStored().map((s) => [s.message.receivedAt, s.at?.node])).toEqual([[4, undefined], [3, 'imp-sub3'], [2, undefined], [1, 'imp-sub3']]);
    expect(store.query({ limit: 3 }).map((m) => m.receivedAt)).toEqual([4, 3, 2]);
    expect(store.query({ sinceMs: 2 }).map((m) => m.receivedAt)).toEqual([4, 3, 2]);
    expect(store.query({ host: 'IMP-SUB3' }).map((m) => m.receivedAt)).toEqual([3, 1]);
    expect(store.query({ contains: 'FAKE LINE 2' }).map((m) => m.receivedAt)).toEqual([2]);
  });
});
