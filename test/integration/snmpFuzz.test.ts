import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netSnmpEnv } from '../helpers/netSnmpEnv.js';
import { BerTag, encodeEmpty } from '../../main/core/simulator/endpoints/snmp/berCodec.js';
import { exampleSnmpSnapshot } from '../../main/core/simulator/endpoints/snmp/exampleSnmpSnapshot.js';
import { PduType } from '../../main/core/simulator/endpoints/snmp/pduProcessor.js';
import { startSnmpAgent, type SnmpAgent } from '../../main/core/simulator/endpoints/snmp/snmpAgent.js';
import { engineIdForNode } from '../../main/core/simulator/endpoints/snmp/snmpEngineId.js';
import { encodeCommunityMessage, encodePdu } from '../../main/core/simulator/endpoints/snmp/snmpMessage.js';
import { encodeScopedPdu, encodeV3Message } from '../../main/core/simulator/endpoints/snmp/snmpV3Message.js';
import { localizeKeySha1 } from '../../main/core/simulator/endpoints/snmp/usmCrypto.js';
import { encodeVarbind } from '../../main/core/simulator/endpoints/snmp/snmpValue.js';
import { SeededRandom } from '../../main/core/simulator/random/seededRandom.js';

// Throws a few thousand random and mutated datagrams at the agent; afterwards Debian's snmpbulkwalk must
// still get a complete walk, and nothing may have been counted as an internal error.
let agent: SnmpAgent;
let sock: Socket;
const engineId = engineIdForNode('fuzz-node');

beforeAll(async () => {
  agent = await startSnmpAgent({
    community: 'public', engineId, source: { snapshot: () => exampleSnmpSnapshot({ extraProcesses: 50 }) }, log: () => undefined,
    v3Users: [{ user: 'u', authProtocol: 'sha', authKey: 'authkey-123', privProtocol: 'aes', privKey: 'privkey-123', level: 'authPriv' }],
  });
  sock = createSocket('udp4');
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', () => resolve()));
});

afterAll(async () => {
  await agent?.dispose();
  await new Promise<void>((resolve) => sock.close(() => resolve()));
});

function seeds(): Buffer[] {
  const vb = encodeVarbind([1, 3, 6, 1, 2, 1, 25], encodeEmpty(BerTag.Null));
  const bulk = encodePdu(PduType.GetBulk, 42, 1, 25, [vb, vb]);
  const v2c = encodeCommunityMessage('public', bulk);
  const set = encodeCommunityMessage('public', encodePdu(PduType.Set, 7, 0, 0, [encodeVarbind([1, 3, 6, 1, 4, 1, 9, 9, 41, 1, 1, 2, 0], Buffer.from([2, 1, 1]))]));
  const discovery = encodeV3Message({
    msgId: 1, maxSize: 65507, reportable: true, engineId: Buffer.alloc(0), engineBoots: 0, engineTime: 0, userName: Buffer.alloc(0),
    scopedPdu: encodeScopedPdu(Buffer.alloc(0), Buffer.alloc(0), encodePdu(PduType.Get, 1, 0, 0, [])),
  });
  const authPriv = encodeV3Message({
    msgId: 2, maxSize: 65507, reportable: true, engineId, engineBoots: 1, engineTime: 0, userName: Buffer.from('u'),
    authKey: localizeKeySha1('authkey-123', engineId), privKey: localizeKeySha1('privkey-123', engineId),
    scopedPdu: encodeScopedPdu(engineId, Buffer.alloc(0), bulk),
  });
  return [v2c, set, discovery, authPriv];
}

function mutate(rng: SeededRandom, seed: Buffer): Buffer {
  const b = Buffer.from(seed);
  switch (rng.int(0, 5)) {
    case 0: // flip random bytes
      for (let i = rng.int(1, 8); i > 0; i--) b[rng.int(0, b.length - 1)] = rng.int(0, 255);
      return b;
    case 1: // truncate
      return b.subarray(0, rng.int(0, b.length - 1));
    case 2: // long-form or huge lengths
      b[rng.int(0, Math.min(b.length - 1, 40))] = rng.pick([0x80, 0x84, 0x85, 0xff, 0x7f]);
      return b;
    case 3: // pure garbage
      return Buffer.from(Array.from({ length: rng.int(0, 300) }, () => rng.int(0, 255)));
    case 4: // append junk
      return Buffer.concat([b, Buffer.from(Array.from({ length: rng.int(1, 50) }, () => rng.int(0, 255)))]);
    default: // duplicate a slice into the middle
      return Buffer.concat([b.subarray(0, b.length >> 1), b.subarray(rng.int(0, b.length - 1)), b.subarray(b.length >> 1)]);
  }
}

describe('SNMP agent under malformed input', () => {
  it('survives 4,000 random and mutated datagrams and still answers snmpbulkwalk', async () => {
    const rng = new SeededRandom('snmp-fuzz');
    const base = seeds();
    // Batches of 50, letting the agent drain each one, so the kernel's receive buffer does not drop them.
    for (let batch = 0; batch < 80; batch++) {
      const before = agent.stats().inPackets;
      for (let i = 0; i < 50; i++) {
        const msg = mutate(rng, rng.pick(base));
        await new Promise<void>((resolve) => sock.send(msg, agent.port, '127.0.0.1', () => resolve()));
      }
      for (let waited = 0; agent.stats().inPackets < before + 50 && waited < 1000; waited += 5) await new Promise((r) => setTimeout(r, 5));
    }
    const stats = agent.stats();
    expect(stats.inPackets).toBeGreaterThan(3000);
    expect(stats.inAsnParseErrs).toBeGreaterThan(500);
    expect(stats.internalErrors).toBe(0);

    const walk = await new Promise<string>((resolve) => {
      execFile('snmpbulkwalk', ['-v2c', '-c', 'public', '-On', '-Oq', `127.0.0.1:${agent.port}`, '1.3.6.1.2.1.25.4.2.1.2'],
        { env: netSnmpEnv() }, (_e, stdout) => resolve(stdout));
    });
    expect(walk.trim().split('\n')).toHaveLength(15 + 50);
  });
});
