import { describe, expect, it } from 'vitest';
import { NodeAttribution } from './nodeAttribution.js';

describe('NodeAttribution', () => {
  const a = new NodeAttribution();
  a.update([
    { cluster: 'lab', node: 'imp-pub', addresses: ['10.0.0.12', 'imp-pub.example.com'] },
    { cluster: 'lab', node: 'imp-sub1', addresses: ['10.0.0.13'] },
    { cluster: 'sim', node: 'imp-pub', addresses: ['127.0.10.12'] },
  ]);

  it('attributes only when the sender address and the host name agree with one node', () => {
    expect(a.attribute({ peer: '10.0.0.12', host: 'imp-pub' })).toEqual({ cluster: 'lab', node: 'imp-pub' });
    expect(a.attribute({ peer: '::ffff:10.0.0.12', host: 'IMP-PUB.example.com' })).toEqual({ cluster: 'lab', node: 'imp-pub' });
    expect(a.attribute({ peer: '10.0.0.12', host: '10.0.0.12' })).toEqual({ cluster: 'lab', node: 'imp-pub' }); // a trap: host = sender
    expect(a.attribute({ peer: '127.0.10.12', host: 'imp-pub' })).toEqual({ cluster: 'sim', node: 'imp-pub' });
  });

  it('leaves spoofed names and unknown senders unattributed', () => {
    expect(a.attribute({ peer: '10.0.0.12', host: 'imp-sub1' })).toBeUndefined(); // another node's name
    expect(a.attribute({ peer: '127.0.0.1', host: 'imp-pub' })).toBeUndefined(); // no node at that address
    expect(a.attribute({ peer: '10.0.0.13', host: 'fake-node-7' })).toBeUndefined();
    expect(a.attribute({ peer: '10.0.0.13', host: '10.0.0.12' })).toBeUndefined(); // another node's address
  });
});
