import { createHash } from 'node:crypto';

/**
 * Derives a stable SNMP engine ID for a node (RFC 3411 SnmpEngineID format 3, MAC-address style, under
 * Cisco's enterprise number 9): 0x80000009 03 + 6 bytes derived from `seed` (e.g. the node's host name).
 */
export function engineIdForNode(seed: string): Buffer {
  const mac = createHash('sha1').update(seed).digest().subarray(0, 6);
  return Buffer.concat([Buffer.from([0x80, 0x00, 0x00, 0x09, 0x03]), mac]);
}

/** Parses an engine ID given as hex (with or without 0x) or returns a Buffer as is; 5..32 octets (RFC 3411). */
export function parseEngineId(id: Buffer | string): Buffer {
  const buf = typeof id === 'string' ? Buffer.from(id.replace(/^0x/i, ''), 'hex') : id;
  if (buf.length < 5 || buf.length > 32) throw new RangeError(`SNMP engine ID must be 5..32 octets, got ${buf.length}`);
  return buf;
}
