/** A value as a walk returns it (net-snmp varbind values, strings already decoded from OCTET STRING). */
export type SnmpValue = string | number | bigint | boolean | Buffer | null | undefined;

/** One varbind of a walk or get: the dotted OID without a leading dot, and its value. */
export interface SnmpVarbind {
  readonly oid: string;
  readonly value: SnmpValue;
}

/** The cells of one table row, by column number. */
export type SnmpRow = ReadonlyMap<number, SnmpValue>;

/**
 * Groups a walk of a table entry (`<entry>.<column>.<index…>`) into rows keyed by the index suffix
 * ("1234" or "3.1"), in the order rows first appear. Varbinds outside the entry are ignored.
 */
export function groupTableRows(varbinds: readonly SnmpVarbind[], entryOid: string): Map<string, Map<number, SnmpValue>> {
  const prefix = `${entryOid.replace(/^\./, '')}.`;
  const rows = new Map<string, Map<number, SnmpValue>>();
  for (const vb of varbinds) {
    const oid = vb.oid.replace(/^\./, '');
    if (!oid.startsWith(prefix)) continue;
    const rest = oid.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot <= 0) continue;
    const column = Number(rest.slice(0, dot));
    const index = rest.slice(dot + 1);
    let row = rows.get(index);
    if (!row) rows.set(index, (row = new Map()));
    row.set(column, vb.value);
  }
  return rows;
}

/** A cell as text (OCTET STRING bytes decoded as UTF-8); '' when absent. */
export function cellText(value: SnmpValue): string {
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

/** A cell as a number; undefined when absent or not numeric. */
export function cellNumber(value: SnmpValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}
