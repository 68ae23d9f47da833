import { OidIndex } from './oidIndex.js';
import { encodeValue, encodeVarbind, type SnmpValue } from './snmpValue.js';

/** Why a Set of one varbind is refused (RFC 3416 §4.2.5 error-status names). */
export type SetRefusal = 'wrongType' | 'wrongValue' | 'wrongLength' | 'inconsistentValue';

/** A decoded value from a Set request: the BER tag and the raw content bytes. */
export interface RawSetValue {
  readonly tag: number;
  readonly content: Buffer;
}

/** A writable object: validates a new value, then commits it (two phases so a multi-varbind Set is atomic). */
export interface WritableObject {
  /** Returns a refusal, or a commit function for this value. */
  prepare(instance: readonly number[], value: RawSetValue): SetRefusal | (() => void) | 'noCreation';
}

/** One instance in the view. `encoded` caches the whole VarBind for static values. */
export interface MibEntry {
  readonly oid: readonly number[];
  readonly value?: SnmpValue;
  readonly dynamic?: () => SnmpValue;
  encoded?: Buffer;
}

/** Returns the encoded VarBind of an entry (cached unless the value is dynamic). */
export function encodeEntry(entry: MibEntry): Buffer {
  if (entry.encoded) return entry.encoded;
  if (entry.dynamic) return encodeVarbind(entry.oid, encodeValue(entry.dynamic()));
  const vb = encodeVarbind(entry.oid, encodeValue(entry.value!));
  entry.encoded = vb;
  return vb;
}

/** The agent's whole MIB at one moment: ordered instances, the object types that exist, and writable ones. */
export interface MibView {
  readonly index: OidIndex<MibEntry>;
  /** Object type OIDs (scalars and columns), dotted, including empty columns: tells noSuchInstance from noSuchObject. */
  readonly objects: ReadonlySet<string>;
  readonly writables: ReadonlyMap<string, WritableObject>;
  /** Longest object OID length, to bound prefix searches. */
  readonly maxObjectDepth: number;
}

/** Finds the registered object type that `oid` is an instance of (longest registered prefix). */
export function findObject(view: MibView, oid: readonly number[]): string | undefined {
  for (let len = Math.min(oid.length - 1, view.maxObjectDepth); len >= 1; len--) {
    const key = oid.slice(0, len).join('.');
    if (view.objects.has(key)) return key;
  }
  return undefined;
}

/** Collects instances from the MIB builders and freezes them into a {@link MibView}. */
export class MibViewBuilder {
  readonly #entries: MibEntry[] = [];
  readonly #objects = new Set<string>();
  readonly #writables = new Map<string, WritableObject>();
  #maxDepth = 0;

  /** Registers an object type (a scalar or a table column), even if it has no instances. */
  object(objectOid: readonly number[], writable?: WritableObject): this {
    const key = objectOid.join('.');
    this.#objects.add(key);
    if (writable) this.#writables.set(key, writable);
    if (objectOid.length > this.#maxDepth) this.#maxDepth = objectOid.length;
    return this;
  }

  /** Adds a scalar instance `<objectOid>.0`. */
  scalar(objectOid: readonly number[], value: SnmpValue | (() => SnmpValue), writable?: WritableObject): this {
    this.object(objectOid, writable);
    return this.instance([...objectOid, 0], value);
  }

  /** Adds a column instance `<columnOid>.<index>`; the column object is registered too. */
  cell(columnOid: readonly number[], index: readonly number[], value: SnmpValue | (() => SnmpValue)): this {
    if (!this.#objects.has(columnOid.join('.'))) this.object(columnOid);
    return this.instance([...columnOid, ...index], value);
  }

  /** Adds rows of a table: for each row, each column gives its value (undefined skips that cell). */
  table<R>(entryOid: readonly number[], columns: Readonly<Record<number, (row: R) => SnmpValue | undefined>>, rows: readonly R[], indexOf: (row: R) => readonly number[]): this {
    for (const col of Object.keys(columns)) this.object([...entryOid, Number(col)]);
    for (const row of rows) {
      const index = indexOf(row);
      for (const [col, fn] of Object.entries(columns)) {
        const value = fn(row);
        if (value !== undefined) this.instance([...entryOid, Number(col), ...index], value);
      }
    }
    return this;
  }

  #instanceValue(value: SnmpValue | (() => SnmpValue)): Pick<MibEntry, 'value' | 'dynamic'> {
    return typeof value === 'function' ? { dynamic: value } : { value };
  }

  instance(oid: readonly number[], value: SnmpValue | (() => SnmpValue)): this {
    this.#entries.push({ oid, ...this.#instanceValue(value) });
    return this;
  }

  build(): MibView {
    return { index: new OidIndex(this.#entries), objects: this.#objects, writables: this.#writables, maxObjectDepth: this.#maxDepth };
  }
}
