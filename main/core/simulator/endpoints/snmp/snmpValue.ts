import { BerTag, encodeConstructed, encodeEmpty, encodeOctets, encodeOid, encodeSignedInteger, encodeTlv, encodeUnsigned } from './berCodec.js';

/** A typed SNMP value as the MIB builders produce it (RFC 2578 §7.1 base and application types). */
export type SnmpValue =
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'octets'; readonly value: Buffer | string }
  | { readonly type: 'oid'; readonly value: readonly number[] }
  | { readonly type: 'ipAddress'; readonly value: string }
  | { readonly type: 'counter32'; readonly value: number }
  | { readonly type: 'gauge32'; readonly value: number }
  | { readonly type: 'timeticks'; readonly value: number }
  | { readonly type: 'counter64'; readonly value: number | bigint };

const U32 = 2 ** 32;

/** Clamps a model number into an unsigned 32-bit range; counters wrap (RFC 2578 §7.1.6), gauges latch (§7.1.7). */
function toU32(value: number, wrap: boolean): number {
  const v = Math.floor(Number.isFinite(value) ? value : 0);
  if (wrap) return ((v % U32) + U32) % U32;
  return Math.min(Math.max(v, 0), U32 - 1);
}

/** Encodes a value TLV. */
export function encodeValue(v: SnmpValue): Buffer {
  switch (v.type) {
    case 'integer':
      return encodeSignedInteger(Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.trunc(v.value))));
    case 'octets':
      return encodeOctets(v.value);
    case 'oid':
      return encodeOid(v.value);
    case 'ipAddress': {
      const parts = v.value.split('.').map((p) => Number(p) & 0xff);
      return encodeTlv(BerTag.IpAddress, Buffer.from(parts.length === 4 ? parts : [0, 0, 0, 0]));
    }
    case 'counter32':
      return encodeUnsigned(toU32(v.value, true), BerTag.Counter32);
    case 'gauge32':
      return encodeUnsigned(toU32(v.value, false), BerTag.Gauge32);
    case 'timeticks':
      return encodeUnsigned(toU32(v.value, true), BerTag.TimeTicks);
    case 'counter64': {
      const big = typeof v.value === 'bigint' ? v.value : BigInt(Math.max(0, Math.floor(v.value)));
      return encodeUnsigned(BigInt.asUintN(64, big), BerTag.Counter64);
    }
  }
}

/** Encodes one VarBind `SEQUENCE { name OID, value }` from an already encoded value TLV. */
export function encodeVarbind(oid: readonly number[], valueTlv: Buffer): Buffer {
  return encodeConstructed(BerTag.Sequence, [encodeOid(oid), valueTlv]);
}

/** Encodes a VarBind carrying an exception (noSuchObject, noSuchInstance, endOfMibView) or NULL. */
export function encodeExceptionVarbind(oid: readonly number[], tag: number): Buffer {
  return encodeVarbind(oid, encodeEmpty(tag));
}

/** Shorthand constructors used by the MIB builders. */
export const v = {
  int: (value: number): SnmpValue => ({ type: 'integer', value }),
  str: (value: string | Buffer): SnmpValue => ({ type: 'octets', value }),
  oid: (value: readonly number[]): SnmpValue => ({ type: 'oid', value }),
  ip: (value: string): SnmpValue => ({ type: 'ipAddress', value }),
  counter: (value: number): SnmpValue => ({ type: 'counter32', value }),
  gauge: (value: number): SnmpValue => ({ type: 'gauge32', value }),
  ticks: (value: number): SnmpValue => ({ type: 'timeticks', value }),
  counter64: (value: number | bigint): SnmpValue => ({ type: 'counter64', value }),
};

/**
 * Encodes an SNMPv2-TC DateAndTime (8 octets local time + direction and offset from UTC = 11 octets).
 * We always report UTC ('+', 0, 0), which the TC allows.
 */
export function dateAndTime(epochMs: number): Buffer {
  const d = new Date(Number.isFinite(epochMs) ? epochMs : 0);
  const year = d.getUTCFullYear();
  return Buffer.from([
    (year >> 8) & 0xff, year & 0xff, d.getUTCMonth() + 1, d.getUTCDate(),
    d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), Math.floor(d.getUTCMilliseconds() / 100),
    0x2b, 0, 0,
  ]);
}
