/**
 * A small BER codec (X.690 definite-length subset) for SNMP messages.
 *
 * Why our own and not net-snmp's: net-snmp 3.29 exports no message or PDU codec (only `Authentication` and
 * `Encryption` helpers, see node_modules/net-snmp/index.js exports), its agent parses through `asn1-ber`
 * readers that throw untyped errors, and we need absolute byte offsets (to verify USM digests in place) and
 * hard bounds on every length read from untrusted datagrams. Every read here checks `end` before touching
 * a byte and throws {@link BerError}; the agent drops and counts the packet.
 */

/** A malformed or unsupported BER encoding in an incoming datagram. */
export class BerError extends Error {
  override readonly name = 'BerError';
}

/** ASN.1 universal and SNMP application tags used by the agent (RFC 2578 §7.1, RFC 3416 §3). */
export const BerTag = {
  Integer: 0x02,
  OctetString: 0x04,
  Null: 0x05,
  Oid: 0x06,
  Sequence: 0x30,
  IpAddress: 0x40,
  Counter32: 0x41,
  Gauge32: 0x42,
  TimeTicks: 0x43,
  Opaque: 0x44,
  Counter64: 0x46,
  NoSuchObject: 0x80,
  NoSuchInstance: 0x81,
  EndOfMibView: 0x82,
} as const;

/** Deepest OID and largest sub-identifier we accept (RFC 2578 §3.5: at most 128 sub-identifiers, each < 2^32). */
const MAX_OID_ARCS = 128;

/** One decoded tag-length header: the value lies in `[start, end)` of the reader's buffer. */
export interface BerHeader {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

/** A bounds-checked cursor over `buf[pos, end)`. Offsets are absolute in `buf`. */
export class BerReader {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
    readonly end = buf.length,
  ) {
    if (end > buf.length || pos > end) throw new BerError('reader window outside buffer');
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Returns the next tag without consuming it. */
  peekTag(): number {
    if (this.pos >= this.end) throw new BerError('unexpected end of data');
    return this.buf[this.pos]!;
  }

  /** Reads a tag and a definite length; the value must fit inside this reader's window. */
  readHeader(): BerHeader {
    if (this.pos + 2 > this.end) throw new BerError('truncated header');
    const tag = this.buf[this.pos++]!;
    // High-tag-number form (0x1f) never occurs in SNMP.
    if ((tag & 0x1f) === 0x1f) throw new BerError('multi-byte tags are not supported');
    let len = this.buf[this.pos++]!;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0) throw new BerError('indefinite length is not allowed');
      if (n > 4) throw new BerError('length field too long');
      if (this.pos + n > this.end) throw new BerError('truncated length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + this.buf[this.pos++]!;
    }
    const start = this.pos;
    const end = start + len;
    if (end > this.end) throw new BerError(`value length ${len} overruns its container`);
    this.pos = end;
    return { tag, start, end };
  }

  /** Reads a header with `expectedTag`. */
  expect(expectedTag: number, what: string): BerHeader {
    const h = this.readHeader();
    if (h.tag !== expectedTag) throw new BerError(`${what}: expected tag 0x${expectedTag.toString(16)}, got 0x${h.tag.toString(16)}`);
    return h;
  }

  /** Reads a constructed value and returns a reader over its contents. */
  enter(expectedTag: number, what: string): BerReader {
    const h = this.expect(expectedTag, what);
    return new BerReader(this.buf, h.start, h.end);
  }

  /** Reads a signed INTEGER that fits a JS safe integer (SNMP integers are at most 64-bit unsigned). */
  readInteger(what: string, tag: number = BerTag.Integer): number {
    const h = this.expect(tag, what);
    return decodeIntegerContent(this.buf, h.start, h.end, what);
  }

  /** Reads an OCTET STRING (a copy-free view into the datagram). */
  readOctets(what: string): Buffer {
    const h = this.expect(BerTag.OctetString, what);
    return this.buf.subarray(h.start, h.end);
  }

  /** Reads an OBJECT IDENTIFIER as numeric arcs. */
  readOid(what: string): number[] {
    const h = this.expect(BerTag.Oid, what);
    return decodeOidContent(this.buf, h.start, h.end);
  }
}

/** Decodes two's-complement INTEGER content; rejects empty and over-long encodings. */
export function decodeIntegerContent(buf: Buffer, start: number, end: number, what: string): number {
  const len = end - start;
  if (len < 1 || len > 9) throw new BerError(`${what}: bad integer length ${len}`);
  let v = buf[start]! & 0x80 ? -1 : 0;
  for (let i = start; i < end; i++) v = v * 256 + buf[i]!;
  if (!Number.isSafeInteger(v)) throw new BerError(`${what}: integer out of range`);
  return v;
}

/** Decodes OID content octets (X.690 §8.19) into arcs, each < 2^32. */
export function decodeOidContent(buf: Buffer, start: number, end: number): number[] {
  if (end <= start) throw new BerError('empty OID');
  const arcs: number[] = [];
  let v = 0;
  let inArc = false;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (!inArc && b === 0x80) throw new BerError('OID arc with leading 0x80');
    v = v * 128 + (b & 0x7f);
    if (v > 0xffffffff + 80) throw new BerError('OID arc too large');
    inArc = (b & 0x80) !== 0;
    if (!inArc) {
      if (arcs.length === 0) {
        const first = v < 40 ? 0 : v < 80 ? 1 : 2;
        arcs.push(first, v - first * 40);
      } else arcs.push(v);
      if (arcs.length > MAX_OID_ARCS) throw new BerError('OID too long');
      v = 0;
    }
  }
  if (inArc) throw new BerError('truncated OID arc');
  if (arcs.some((a) => a > 0xffffffff)) throw new BerError('OID arc too large');
  return arcs;
}

/** Encodes a definite length. */
export function encodeLength(len: number): Buffer {
  if (len < 0x80) return Buffer.from([len]);
  if (len < 0x100) return Buffer.from([0x81, len]);
  if (len < 0x10000) return Buffer.from([0x82, len >> 8, len & 0xff]);
  return Buffer.from([0x83, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff]);
}

/** Encodes one TLV. */
export function encodeTlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

/** Encodes a constructed TLV from already encoded children. */
export function encodeConstructed(tag: number, children: readonly Buffer[]): Buffer {
  return encodeTlv(tag, Buffer.concat(children));
}

/** Encodes a signed integer (two's complement, minimal) with the given tag. */
export function encodeSignedInteger(value: number, tag: number = BerTag.Integer): Buffer {
  if (!Number.isSafeInteger(value)) throw new RangeError(`integer ${value} is not a safe integer`);
  const bytes: number[] = [];
  let v = BigInt(value);
  for (;;) {
    const b = Number(v & 0xffn);
    bytes.unshift(b);
    v >>= 8n;
    if ((v === 0n && (b & 0x80) === 0) || (v === -1n && (b & 0x80) !== 0)) break;
  }
  return encodeTlv(tag, Buffer.from(bytes));
}

/** Encodes an unsigned integer (Counter32, Gauge32, TimeTicks, Counter64) with a leading zero when needed. */
export function encodeUnsigned(value: number | bigint, tag: number): Buffer {
  let v = BigInt(value);
  if (v < 0n) throw new RangeError(`unsigned value ${value} is negative`);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return encodeTlv(tag, Buffer.from(bytes));
}

/** Encodes an OCTET STRING. */
export function encodeOctets(value: Buffer | string, tag: number = BerTag.OctetString): Buffer {
  return encodeTlv(tag, typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
}

/** Encodes OBJECT IDENTIFIER content octets. */
export function encodeOidContent(arcs: readonly number[]): Buffer {
  if (arcs.length < 2) throw new RangeError(`OID needs at least two arcs: ${arcs.join('.')}`);
  const out: number[] = [];
  const pushArc = (v: number): void => {
    const tmp = [v & 0x7f];
    v = Math.floor(v / 128);
    while (v > 0) {
      tmp.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(...tmp);
  };
  pushArc(arcs[0]! * 40 + arcs[1]!);
  for (let i = 2; i < arcs.length; i++) pushArc(arcs[i]!);
  return Buffer.from(out);
}

/** Encodes an OBJECT IDENTIFIER TLV. */
export function encodeOid(arcs: readonly number[]): Buffer {
  return encodeTlv(BerTag.Oid, encodeOidContent(arcs));
}

/** Encodes a NULL or an exception value (noSuchObject, noSuchInstance, endOfMibView): empty content. */
export function encodeEmpty(tag: number): Buffer {
  return Buffer.from([tag, 0]);
}

/** Size in bytes of a TLV header for a value of `len` bytes. */
export function headerSize(len: number): number {
  return len < 0x80 ? 2 : len < 0x100 ? 3 : len < 0x10000 ? 4 : 5;
}
