/**
 * What an audit entry keeps of a call's parameters (issue 16 "with which parameters (never secrets)"): every field
 * whose name says password, secret, token, credential or community (an SNMP community string is a password, guide
 * L1000-1030 of serviceability-reference.md) is replaced by "[secret]" at any depth, whatever the caller passed;
 * the whole is capped at 4 KiB of JSON (larger parameters are kept as their top-level field names only), and the
 * message at 1000 characters. Pure.
 */
import { stableJson } from './auditChain.js';

/**
 * Field names whose values are never kept: besides the words above, SNMPv3's authKey/privKey (clusters.save/test/
 * discover carry them, shared/model/clusters.ts SnmpCredentialsInput), and an api/private key.
 */
export const SECRET_FIELD = /pass(word|phrase)?|secret|token|credential|community|(auth|priv|private|api)_?key/i;

/** What a secret's value is replaced by. */
export const SECRET_MARK = '[secret]';

/** Most bytes of an entry's params as JSON. */
export const MAX_PARAMS_BYTES = 4096;

/** Most characters of an entry's message. */
export const MAX_MESSAGE_CHARS = 1000;

/** Most levels of nesting kept (deeper values become "[nested]": no stack overflow on a hostile object). */
const MAX_DEPTH = 8;

function scrubValue(value: unknown, depth: number, seen: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return undefined; // functions, symbols, undefined: not data
  if (seen.has(value) || depth >= MAX_DEPTH) return '[nested]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen) ?? null);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_FIELD.test(k)) {
        out[k] = SECRET_MARK;
        continue;
      }
      const s = scrubValue(v, depth + 1, seen);
      if (s !== undefined) out[k] = s;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** The params as kept: secrets replaced at any depth, at most 4 KiB of JSON (else `{ truncated: true, keys }`). */
export function auditParams(params: unknown): Record<string, unknown> {
  const scrubbed = scrubValue(params ?? {}, 0, new Set());
  const obj: Record<string, unknown> =
    scrubbed !== null && typeof scrubbed === 'object' && !Array.isArray(scrubbed) ? (scrubbed as Record<string, unknown>) : { value: scrubbed ?? null };
  if (Buffer.byteLength(stableJson(obj), 'utf8') <= MAX_PARAMS_BYTES) return obj;
  // Too large: the field names say what was passed; as many as fit.
  const keys: string[] = [];
  let bytes = 64;
  for (const k of Object.keys(obj).sort()) {
    const name = k.length > 100 ? `${k.slice(0, 100)}…` : k;
    bytes += Buffer.byteLength(JSON.stringify(name), 'utf8') + 1;
    if (bytes > MAX_PARAMS_BYTES) break;
    keys.push(name);
  }
  return { truncated: true, keys };
}

/** A message as kept: at most 1000 characters (an ellipsis marks a cut). */
export function auditMessage(message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message;
}
