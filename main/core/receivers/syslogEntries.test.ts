import { describe, expect, it } from 'vitest';
import type { SyslogMessage } from '../../../shared/model/alert.js';
import { knownAlarmDetail } from '../alerts/knownAlarmDetail.js';
import { SyslogEntries } from './syslogEntries.js';

const msg = (text: string, msgName?: string): SyslogMessage => ({ receivedAt: 1, transport: 'udp', peer: '127.0.0.1', severity: 3, host: 'imp-pub', text, msgName, raw: text });

describe('SyslogEntries', () => {
  it('gives a message the same id when pushed and when queried later, and different messages different ids', () => {
    const entries = new SyslogEntries(knownAlarmDetail);
    const a = msg('a', 'XcpMFTExtFsFreeSpaceWarn');
    const b = msg('b');
    const pushed = entries.toEntry(a);
    expect(entries.toEntry(a).id).toBe(pushed.id);
    expect(entries.toEntry(b).id).not.toBe(pushed.id);
    expect(pushed.known?.recommendedAction).toMatch(/Delete unneeded files/);
    expect(entries.toEntry(b).known).toBeUndefined();
  });

  it('says where a message came from and whether it was attributed to a node', () => {
    const entries = new SyslogEntries(knownAlarmDetail);
    expect(entries.toEntry(msg('x'))).toMatchObject({ peer: '127.0.0.1', transport: 'udp', attributed: false });
    expect(entries.toEntry(msg('x')).node).toBeUndefined();
    expect(entries.toEntry(msg('y'), { cluster: 'sim', node: 'imp-pub' })).toMatchObject({ attributed: true, cluster: 'sim', node: 'imp-pub' });
  });
});
