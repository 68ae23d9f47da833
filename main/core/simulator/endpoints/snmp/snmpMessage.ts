import { BerError, BerReader, BerTag, encodeConstructed, encodeOctets, encodeSignedInteger } from './berCodec.js';
import type { RequestPdu, RequestVarbind } from './pduProcessor.js';

/** msgVersion values (RFC 3416 §3, RFC 3412 §6). */
export const SnmpVersion = { v1: 0, v2c: 1, v3: 3 } as const;

/** Most VarBinds we decode from one request; more is treated as malformed (a datagram holds far fewer). */
const MAX_REQUEST_VARBINDS = 2048;

/** Reads the outer SEQUENCE and msgVersion; returns the version and a reader positioned after it. */
export function readMessageVersion(buf: Buffer): { version: number; body: BerReader } {
  const outer = new BerReader(buf);
  const body = outer.enter(BerTag.Sequence, 'message');
  if (!outer.atEnd) throw new BerError('trailing bytes after message');
  const version = body.readInteger('msgVersion');
  return { version, body };
}

/** Decodes a PDU (any of the RFC 3416 PDU tags) from the reader. */
export function readPdu(r: BerReader): RequestPdu {
  const h = r.readHeader();
  if (h.tag < 0xa0 || h.tag > 0xa8) throw new BerError(`not a PDU tag: 0x${h.tag.toString(16)}`);
  const p = new BerReader(r.buf, h.start, h.end);
  const requestId = p.readInteger('request-id');
  const field1 = p.readInteger('error-status/non-repeaters');
  const field2 = p.readInteger('error-index/max-repetitions');
  const list = p.enter(BerTag.Sequence, 'variable-bindings');
  const varbinds: RequestVarbind[] = [];
  while (!list.atEnd) {
    if (varbinds.length >= MAX_REQUEST_VARBINDS) throw new BerError('too many variable bindings');
    const vb = list.enter(BerTag.Sequence, 'VarBind');
    const oid = vb.readOid('VarBind name');
    const value = vb.readHeader();
    if (!vb.atEnd) throw new BerError('trailing bytes in VarBind');
    varbinds.push({ oid, value: { tag: value.tag, content: r.buf.subarray(value.start, value.end) } });
  }
  return { type: h.tag, requestId, field1, field2, varbinds };
}

/** Decodes an SNMPv2c message body (after the version): community and PDU. */
export function readCommunityMessage(body: BerReader): { community: Buffer; pdu: RequestPdu } {
  const community = body.readOctets('community');
  const pdu = readPdu(body);
  if (!body.atEnd) throw new BerError('trailing bytes after PDU');
  return { community, pdu };
}

/** Encodes a PDU from already encoded VarBinds. */
export function encodePdu(type: number, requestId: number, field1: number, field2: number, varbinds: readonly Buffer[]): Buffer {
  return encodeConstructed(type, [
    encodeSignedInteger(requestId),
    encodeSignedInteger(field1),
    encodeSignedInteger(field2),
    encodeConstructed(BerTag.Sequence, varbinds),
  ]);
}

/** Encodes an SNMPv2c message. */
export function encodeCommunityMessage(community: Buffer | string, pdu: Buffer): Buffer {
  return encodeConstructed(BerTag.Sequence, [encodeSignedInteger(SnmpVersion.v2c), encodeOctets(community), pdu]);
}

/** Bytes a v2c message adds around its VarBinds for this community (upper bound). */
export function communityOverheadBytes(community: Buffer): number {
  // outer SEQ (4) + version (3) + community TLV + PDU header (4) + request-id (6) + 2 × status (3) + VarBind list header (4)
  return 4 + 3 + community.length + 4 + 4 + 6 + 3 + 3 + 4;
}
