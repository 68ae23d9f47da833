import { BerTag, encodeTlv } from './berCodec.js';
import { encodeEntry, findObject, type MibView, type RawSetValue } from './mibView.js';
import { encodeExceptionVarbind, encodeVarbind } from './snmpValue.js';

/** PDU tags (RFC 3416 §3). */
export const PduType = {
  Get: 0xa0,
  GetNext: 0xa1,
  Response: 0xa2,
  Set: 0xa3,
  GetBulk: 0xa5,
  Inform: 0xa6,
  TrapV2: 0xa7,
  Report: 0xa8,
} as const;

/** error-status values (RFC 3416 §3). */
export const ErrorStatus = {
  noError: 0, tooBig: 1, genErr: 5, noAccess: 6, wrongType: 7, wrongLength: 8, wrongValue: 10,
  noCreation: 11, inconsistentValue: 12, notWritable: 17,
} as const;

/** One request VarBind: its name and its raw value (NULL for reads). */
export interface RequestVarbind {
  readonly oid: number[];
  readonly value: RawSetValue;
}

/** A decoded request PDU. For GetBulk, `field1`/`field2` are non-repeaters/max-repetitions. */
export interface RequestPdu {
  readonly type: number;
  readonly requestId: number;
  readonly field1: number;
  readonly field2: number;
  readonly varbinds: readonly RequestVarbind[];
}

/** The body of a Response-PDU: already encoded VarBinds. */
export interface ResponseBody {
  readonly errorStatus: number;
  readonly errorIndex: number;
  readonly varbinds: readonly Buffer[];
}

/** Limits and rights for one request. */
export interface ProcessOptions {
  /** Bytes available for the encoded VarBinds (the message size limit minus the wrapper). */
  readonly maxVarbindBytes: number;
  readonly writeAllowed: boolean;
}

function echo(vb: RequestVarbind): Buffer {
  return encodeVarbind(vb.oid, encodeTlv(vb.value.tag, vb.value.content));
}

function getOne(view: MibView, oid: readonly number[]): Buffer {
  const entry = view.index.get(oid);
  if (entry) return encodeEntry(entry);
  // RFC 3416 §4.2.1: noSuchObject if no such object type, noSuchInstance if the type exists.
  if (view.objects.has(oid.join('.'))) return encodeExceptionVarbind(oid, BerTag.NoSuchInstance);
  return encodeExceptionVarbind(oid, findObject(view, oid) !== undefined ? BerTag.NoSuchInstance : BerTag.NoSuchObject);
}

/** Returns the VarBind after `oid` and the OID it names, or endOfMibView (RFC 3416 §4.2.2). */
function nextOne(view: MibView, oid: readonly number[]): { vb: Buffer; oid: readonly number[]; end: boolean } {
  const entry = view.index.next(oid);
  if (!entry) return { vb: encodeExceptionVarbind(oid, BerTag.EndOfMibView), oid, end: true };
  return { vb: encodeEntry(entry), oid: entry.oid, end: false };
}

function fitsOrTooBig(varbinds: Buffer[], max: number): ResponseBody {
  const size = varbinds.reduce((n, b) => n + b.length, 0);
  if (size > max) return { errorStatus: ErrorStatus.tooBig, errorIndex: 0, varbinds: [] };
  return { errorStatus: ErrorStatus.noError, errorIndex: 0, varbinds };
}

/** RFC 3416 §4.2.3 GetBulk: N non-repeaters, then up to M repetitions of the R repeaters, cut to fit. */
function getBulk(view: MibView, pdu: RequestPdu, max: number): ResponseBody {
  const total = pdu.varbinds.length;
  const n = Math.min(Math.max(pdu.field1, 0), total);
  const m = Math.max(pdu.field2, 0);
  const out: Buffer[] = [];
  let used = 0;
  const push = (vb: Buffer): boolean => {
    if (used + vb.length > max) return false;
    out.push(vb);
    used += vb.length;
    return true;
  };
  for (let i = 0; i < n; i++) {
    if (!push(nextOne(view, pdu.varbinds[i]!.oid).vb)) return { errorStatus: 0, errorIndex: 0, varbinds: out };
  }
  const cursors: (readonly number[])[] = pdu.varbinds.slice(n).map((vb) => vb.oid);
  if (cursors.length === 0) return { errorStatus: 0, errorIndex: 0, varbinds: out };
  for (let rep = 0; rep < m; rep++) {
    let allEnded = true;
    for (let r = 0; r < cursors.length; r++) {
      const next = nextOne(view, cursors[r]!);
      // A smaller response is allowed (RFC 3416 §4.2.3): drop what does not fit, from the end.
      if (!push(next.vb)) return { errorStatus: 0, errorIndex: 0, varbinds: out };
      cursors[r] = next.oid;
      if (!next.end) allEnded = false;
    }
    if (allEnded) break;
  }
  return { errorStatus: 0, errorIndex: 0, varbinds: out };
}

/** RFC 3416 §4.2.5 Set: validate every VarBind first, then commit all (atomic). */
function set(view: MibView, pdu: RequestPdu, writeAllowed: boolean, max: number): ResponseBody {
  const echoed = pdu.varbinds.map(echo);
  const fail = (status: number, i: number): ResponseBody => ({ errorStatus: status, errorIndex: i + 1, varbinds: echoed });
  if (!writeAllowed) return pdu.varbinds.length === 0 ? fitsOrTooBig(echoed, max) : fail(ErrorStatus.noAccess, 0);
  const commits: (() => void)[] = [];
  for (let i = 0; i < pdu.varbinds.length; i++) {
    const vb = pdu.varbinds[i]!;
    const object = findObject(view, vb.oid);
    if (object === undefined) return fail(ErrorStatus.noAccess, i);
    const writable = view.writables.get(object);
    if (!writable) return fail(ErrorStatus.notWritable, i);
    const instance = vb.oid.slice(object.split('.').length);
    const result = writable.prepare(instance, vb.value);
    if (typeof result === 'string') return fail(ErrorStatus[result], i);
    commits.push(result);
  }
  for (const commit of commits) commit();
  return fitsOrTooBig(echoed, max);
}

/**
 * Answers one request PDU from a MIB view: Get, GetNext, GetBulk and Set. Returns undefined for PDU types an
 * agent does not answer (Response, Trap, Report), which the caller drops.
 */
export function processPdu(view: MibView, pdu: RequestPdu, options: ProcessOptions): ResponseBody | undefined {
  const max = options.maxVarbindBytes;
  switch (pdu.type) {
    case PduType.Get:
      return fitsOrTooBig(pdu.varbinds.map((vb) => getOne(view, vb.oid)), max);
    case PduType.GetNext:
      return fitsOrTooBig(pdu.varbinds.map((vb) => nextOne(view, vb.oid).vb), max);
    case PduType.GetBulk:
      return getBulk(view, pdu, max);
    case PduType.Set:
      return set(view, pdu, options.writeAllowed, max);
    default:
      return undefined;
  }
}
