import { describe, expect, it } from 'vitest';
import { BerReader, BerTag } from './berCodec.js';
import { MibViewBuilder, type MibView } from './mibView.js';
import { ErrorStatus, PduType, processPdu, type RequestPdu } from './pduProcessor.js';
import { v } from './snmpValue.js';

const NULL = { tag: BerTag.Null, content: Buffer.alloc(0) };
const req = (type: number, oids: number[][], field1 = 0, field2 = 0): RequestPdu => ({
  type, requestId: 1, field1, field2, varbinds: oids.map((oid) => ({ oid, value: NULL })),
});

/** Decodes an encoded VarBind into [dotted OID, tag]. */
function decode(vb: Buffer): [string, number] {
  const r = new BerReader(vb).enter(BerTag.Sequence, 'vb');
  const oid = r.readOid('oid').join('.');
  return [oid, r.readHeader().tag];
}

function view(writes: string[] = []): MibView {
  const b = new MibViewBuilder();
  b.scalar([1, 3, 1], v.str('a'));
  b.scalar([1, 3, 2], v.int(5), { prepare: (inst, val) => (inst[0] !== 0 ? 'noCreation' : val.tag !== BerTag.Integer ? 'wrongType' : () => writes.push('x')) });
  b.table<number>([1, 3, 5, 1], { 1: (n) => v.int(n), 2: (n) => v.str(`row${n}`) }, [1, 2, 3], (n) => [n]);
  b.object([1, 3, 6, 1, 1]); // an empty column
  return b.build();
}
const opts = { maxVarbindBytes: 1400, writeAllowed: true };

describe('processPdu', () => {
  it('Get: value, noSuchInstance (known object, empty column too), noSuchObject', () => {
    const res = processPdu(view(), req(PduType.Get, [[1, 3, 1, 0], [1, 3, 1, 1], [1, 3, 6, 1, 1, 4], [1, 3, 9, 0]]), opts)!;
    expect(res.varbinds.map(decode).map(([, t]) => t)).toEqual([BerTag.OctetString, BerTag.NoSuchInstance, BerTag.NoSuchInstance, BerTag.NoSuchObject]);
  });

  it('GetNext walks in lexicographic order and ends with endOfMibView', () => {
    const res = processPdu(view(), req(PduType.GetNext, [[1, 3, 2, 0], [1, 3, 5, 1, 2, 3], [0, 0]]), opts)!;
    expect(res.varbinds.map(decode)).toEqual([['1.3.5.1.1.1', BerTag.Integer], ['1.3.5.1.2.3', BerTag.EndOfMibView], ['1.3.1.0', BerTag.OctetString]]);
  });

  it('GetBulk: non-repeaters first, then repetitions of the repeaters, stopping when all reach endOfMibView (RFC 3416 §4.2.3)', () => {
    const res = processPdu(view(), req(PduType.GetBulk, [[1, 3], [1, 3, 5, 1, 1], [1, 3, 5, 1, 2, 2]], 1, 10), opts)!;
    expect(res.varbinds.map(decode).map(([o]) => o)).toEqual([
      '1.3.1.0',
      '1.3.5.1.1.1', '1.3.5.1.2.3',
      '1.3.5.1.1.2', '1.3.5.1.2.3',
      '1.3.5.1.1.3', '1.3.5.1.2.3',
      '1.3.5.1.2.1', '1.3.5.1.2.3',
      '1.3.5.1.2.2', '1.3.5.1.2.3',
      '1.3.5.1.2.3', '1.3.5.1.2.3',
      '1.3.5.1.2.3', '1.3.5.1.2.3',
    ]);
    expect(res.varbinds.map(decode).at(-1)![1]).toBe(BerTag.EndOfMibView);
  });

  it('GetBulk with negative fields treats them as zero; the response is cut to fit instead of tooBig', () => {
    const neg = processPdu(view(), req(PduType.GetBulk, [[1, 3]], -5, -1), opts)!;
    expect(neg.varbinds).toHaveLength(0);
    const small = processPdu(view(), req(PduType.GetBulk, [[1, 3]], 0, 1000), { ...opts, maxVarbindBytes: 40 })!;
    expect(small.errorStatus).toBe(0);
    expect(small.varbinds.length).toBeGreaterThan(0);
    expect(small.varbinds.reduce((n, b) => n + b.length, 0)).toBeLessThanOrEqual(40);
  });

  it('Get answers tooBig with no VarBinds when the response would not fit', () => {
    const res = processPdu(view(), req(PduType.Get, Array.from({ length: 10 }, () => [1, 3, 1, 0])), { ...opts, maxVarbindBytes: 30 })!;
    expect(res).toEqual({ errorStatus: ErrorStatus.tooBig, errorIndex: 0, varbinds: [] });
  });

  it('Set is atomic: one refused VarBind commits nothing and names its index', () => {
    const writes: string[] = [];
    const int1 = { tag: BerTag.Integer, content: Buffer.from([1]) };
    const pdu: RequestPdu = { type: PduType.Set, requestId: 1, field1: 0, field2: 0, varbinds: [{ oid: [1, 3, 2, 0], value: int1 }, { oid: [1, 3, 1, 0], value: int1 }] };
    const res = processPdu(view(writes), pdu, opts)!;
    expect([res.errorStatus, res.errorIndex]).toEqual([ErrorStatus.notWritable, 2]);
    expect(writes).toEqual([]);
    expect(processPdu(view(writes), { ...pdu, varbinds: [pdu.varbinds[0]!] }, opts)!.errorStatus).toBe(0);
    expect(writes).toEqual(['x']);
    expect(processPdu(view(writes), { ...pdu, varbinds: [{ oid: [1, 3, 9, 9], value: int1 }] }, opts)!.errorStatus).toBe(ErrorStatus.noAccess);
    expect(processPdu(view(writes), { ...pdu, varbinds: [pdu.varbinds[0]!] }, { ...opts, writeAllowed: false })!.errorStatus).toBe(ErrorStatus.noAccess);
  });
});
