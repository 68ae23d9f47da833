import { describe, expect, it } from 'vitest';
import { BerError, BerReader, BerTag, encodeOid, encodeSignedInteger, encodeUnsigned } from './berCodec.js';

describe('berCodec', () => {
  it.each([
    [[1, 3, 6, 1, 2, 1, 25, 2, 3, 1, 3, 10]],
    [[1, 3, 6, 1, 4, 1, 9, 9, 41, 2, 0, 1]],
    [[1, 3, 6, 1, 2, 1, 25, 4, 2, 1, 2, 4294967295]],
    [[2, 999, 16384, 127, 128]],
    [[0, 0]],
  ])('round-trips OID %j', (arcs) => {
    expect(new BerReader(encodeOid(arcs)).readOid('oid')).toEqual(arcs);
  });

  it.each([0, 1, -1, 127, 128, -128, -129, 2 ** 31 - 1, -(2 ** 31), 2 ** 40])('round-trips INTEGER %d', (n) => {
    expect(new BerReader(encodeSignedInteger(n)).readInteger('n')).toBe(n);
  });

  it('encodes unsigned values with a leading zero when the high bit is set', () => {
    expect(encodeUnsigned(0xffffffff, BerTag.Counter32)).toEqual(Buffer.from([0x41, 5, 0, 0xff, 0xff, 0xff, 0xff]));
    expect(encodeUnsigned(2n ** 64n - 1n, BerTag.Counter64).length).toBe(11);
  });

  it.each([
    ['indefinite length', [0x30, 0x80, 0, 0]],
    ['length beyond the datagram', [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 1]],
    ['child overrunning its parent', [0x30, 0x03, 0x04, 0x05, 0x41]],
    ['truncated header', [0x30]],
    ['multi-byte tag', [0x1f, 0x01, 0x00]],
  ])('rejects %s', (_name, bytes) => {
    const r = new BerReader(Buffer.from(bytes));
    expect(() => {
      const inner = r.enter(BerTag.Sequence, 'seq');
      while (!inner.atEnd) inner.readHeader();
    }).toThrow(BerError);
  });

  it('rejects malformed OIDs: truncated arc, leading 0x80, arc ≥ 2^32, more than 128 arcs', () => {
    const oid = (content: number[]): Buffer => Buffer.from([BerTag.Oid, content.length, ...content]);
    expect(() => new BerReader(oid([0x2b, 0x86])).readOid('x')).toThrow(BerError);
    expect(() => new BerReader(oid([0x2b, 0x80, 0x01])).readOid('x')).toThrow(BerError);
    expect(() => new BerReader(oid([0x2b, 0x90, 0x80, 0x80, 0x80, 0x00])).readOid('x')).toThrow(BerError);
    expect(() => new BerReader(oid([0x2b, ...new Array<number>(127).fill(1)])).readOid('x')).toThrow(BerError);
  });
});
