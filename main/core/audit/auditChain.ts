/**
 * The audit log's chain (issue 16 "each entry chained to the previous one by an HMAC whose key lives in the
 * encrypted store"): every entry's MAC covers its canonical form and the MAC before it, so an edited entry, a removed
 * one (a gap in seq, or the chain not matching) and a recomputed plain hash (without the key) are all detected.
 *
 *   canonical = JSON.stringify([seq, atMs, operator, role, source, address ?? null, action, target ?? null,
 *                               params (object keys sorted, recursively), result, errorCode ?? null, message ?? null])
 *   mac       = HMAC-SHA256(key, prevMac + "\n" + canonical), lower-case hex; the first entry's prevMac is 64 "0".
 *
 * HMAC: RFC 2104 with SHA-256 (FIPS 180-4), node:crypto. Pure: no storage here.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditEntry } from '../../../shared/model/audit.js';

/** The MAC the first entry is chained to. */
export const GENESIS_MAC = '0'.repeat(64);

/** Bytes of the HMAC key (SHA-256's block-independent recommended size: at least the hash's 32 bytes, RFC 2104 §3). */
export const AUDIT_KEY_BYTES = 32;

/** A JSON value with every object's keys in sorted order (arrays keep their order), so that equal data serializes equally. */
export function stableValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stableValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = stableValue(v);
    }
    return out;
  }
  return value;
}

/** JSON text with sorted keys (the form params are stored in). */
export function stableJson(value: unknown): string {
  return JSON.stringify(stableValue(value)) ?? 'null';
}

/** The fields of an entry the MAC covers (everything an entry has). */
export type ChainedFields = Pick<AuditEntry, 'seq' | 'atMs' | 'operator' | 'role' | 'source' | 'address' | 'action' | 'target' | 'params' | 'result' | 'errorCode' | 'message'>;

/** The canonical text of an entry. */
export function canonicalEntry(e: ChainedFields): string {
  return JSON.stringify([
    e.seq,
    e.atMs,
    e.operator,
    e.role,
    e.source,
    e.address ?? null,
    e.action,
    e.target ?? null,
    stableValue(e.params),
    e.result,
    e.errorCode ?? null,
    e.message ?? null,
  ]);
}

/** The MAC of an entry chained after `prevMac`. */
export function entryMac(key: Buffer, prevMac: string, e: ChainedFields): string {
  if (key.length < AUDIT_KEY_BYTES) throw new RangeError(`the audit key must have at least ${AUDIT_KEY_BYTES} bytes`);
  return createHmac('sha256', key).update(`${prevMac}\n${canonicalEntry(e)}`, 'utf8').digest('hex');
}

/** Whether two hex MACs are equal (constant time for equal lengths). */
export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
