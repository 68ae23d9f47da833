import { BerError, BerReader, BerTag, encodeConstructed, encodeLength, encodeOctets, encodeSignedInteger, encodeTlv } from './berCodec.js';
import { readPdu } from './snmpMessage.js';
import type { RequestPdu } from './pduProcessor.js';
import { AUTH_PARAMS_BYTES, aesEncrypt, hmacSha96, newSalt } from './usmCrypto.js';

/** msgFlags bits (RFC 3412 §6.4). */
export const MsgFlags = { auth: 1, priv: 2, reportable: 4 } as const;
/** msgSecurityModel of USM (RFC 3411 §5). */
export const USM_SECURITY_MODEL = 3;

/** A decoded SNMPv3 message header with USM security parameters (RFC 3412 §6, RFC 3414 §2.4). */
export interface V3Message {
  readonly msgId: number;
  readonly maxSize: number;
  readonly flags: number;
  readonly securityModel: number;
  readonly engineId: Buffer;
  readonly engineBoots: number;
  readonly engineTime: number;
  readonly userName: Buffer;
  readonly authParams: Buffer;
  /** Absolute offset of msgAuthenticationParameters' content in the datagram (to zero it for the HMAC). */
  readonly authParamsOffset: number;
  readonly privParams: Buffer;
  /** The scopedPDU TLV when plaintext, or the encrypted octets' content. */
  readonly data: { readonly encrypted: false; readonly scopedPdu: Buffer } | { readonly encrypted: true; readonly cipher: Buffer };
}

/** A decoded scopedPDU (RFC 3412 §6.8). */
export interface ScopedPdu {
  readonly contextEngineId: Buffer;
  readonly contextName: Buffer;
  readonly pdu: RequestPdu;
}

/** Decodes the v3 message body after msgVersion. */
export function readV3Message(body: BerReader): V3Message {
  const g = body.enter(BerTag.Sequence, 'msgGlobalData');
  const msgId = g.readInteger('msgID');
  const maxSize = g.readInteger('msgMaxSize');
  const flagsOctets = g.readOctets('msgFlags');
  if (flagsOctets.length !== 1) throw new BerError('msgFlags must be one octet');
  const securityModel = g.readInteger('msgSecurityModel');
  if (msgId < 0 || maxSize < 484) throw new BerError('msgID/msgMaxSize out of range');

  const spOctets = body.expect(BerTag.OctetString, 'msgSecurityParameters');
  const sp = new BerReader(body.buf, spOctets.start, spOctets.end).enter(BerTag.Sequence, 'UsmSecurityParameters');
  const engineId = sp.readOctets('msgAuthoritativeEngineID');
  const engineBoots = sp.readInteger('msgAuthoritativeEngineBoots');
  const engineTime = sp.readInteger('msgAuthoritativeEngineTime');
  const userName = sp.readOctets('msgUserName');
  const authH = sp.expect(BerTag.OctetString, 'msgAuthenticationParameters');
  const privParams = sp.readOctets('msgPrivacyParameters');
  if (engineId.length > 32 || userName.length > 32) throw new BerError('engine ID or user name too long');

  const tag = body.peekTag();
  let data: V3Message['data'];
  if (tag === BerTag.OctetString) data = { encrypted: true, cipher: body.readOctets('encryptedPDU') };
  else {
    const start = body.pos;
    body.expect(BerTag.Sequence, 'scopedPDU');
    data = { encrypted: false, scopedPdu: body.buf.subarray(start, body.pos) };
  }
  if (!body.atEnd) throw new BerError('trailing bytes after msgData');
  return {
    msgId, maxSize, flags: flagsOctets[0]!, securityModel, engineId, engineBoots, engineTime, userName,
    authParams: body.buf.subarray(authH.start, authH.end), authParamsOffset: authH.start, privParams, data,
  };
}

/** Decodes a plaintext scopedPDU TLV. */
export function readScopedPdu(bytes: Buffer): ScopedPdu {
  const outer = new BerReader(bytes);
  const s = outer.enter(BerTag.Sequence, 'scopedPDU');
  const contextEngineId = s.readOctets('contextEngineID');
  const contextName = s.readOctets('contextName');
  const pdu = readPdu(s);
  // CFB decryption keeps the plaintext length; padding after the scopedPDU is tolerated (RFC 3826 §3.1.4).
  return { contextEngineId, contextName, pdu };
}

/** Encodes a scopedPDU TLV. */
export function encodeScopedPdu(contextEngineId: Buffer, contextName: Buffer, pdu: Buffer): Buffer {
  return encodeConstructed(BerTag.Sequence, [encodeOctets(contextEngineId), encodeOctets(contextName), pdu]);
}

/** What is needed to send one v3 message as an authoritative engine (responses, reports, traps). */
export interface V3Outgoing {
  readonly msgId: number;
  readonly maxSize: number;
  readonly reportable: boolean;
  readonly engineId: Buffer;
  readonly engineBoots: number;
  readonly engineTime: number;
  readonly userName: Buffer;
  /** Localized keys: authKey makes the message authenticated, privKey (with authKey) encrypted. */
  readonly authKey?: Buffer;
  readonly privKey?: Buffer;
  readonly scopedPdu: Buffer;
}

/** Encodes (and, with keys, encrypts and signs) a v3 message (RFC 3414 §3.1). */
export function encodeV3Message(o: V3Outgoing): Buffer {
  const auth = o.authKey !== undefined;
  const priv = auth && o.privKey !== undefined;
  const flags = (auth ? MsgFlags.auth : 0) | (priv ? MsgFlags.priv : 0) | (o.reportable ? MsgFlags.reportable : 0);
  const salt = priv ? newSalt() : Buffer.alloc(0);
  const msgData = priv ? encodeOctets(aesEncrypt(o.privKey!, o.engineBoots, o.engineTime, salt, o.scopedPdu)) : o.scopedPdu;

  const version = encodeSignedInteger(3);
  const global = encodeConstructed(BerTag.Sequence, [
    encodeSignedInteger(o.msgId), encodeSignedInteger(o.maxSize), encodeOctets(Buffer.from([flags])), encodeSignedInteger(USM_SECURITY_MODEL),
  ]);
  const beforeAuth = Buffer.concat([
    encodeOctets(o.engineId), encodeSignedInteger(o.engineBoots), encodeSignedInteger(o.engineTime), encodeOctets(o.userName),
  ]);
  const authTlv = encodeOctets(Buffer.alloc(auth ? AUTH_PARAMS_BYTES : 0));
  const spSeq = encodeTlv(BerTag.Sequence, Buffer.concat([beforeAuth, authTlv, encodeOctets(salt)]));
  const spOctets = encodeTlv(BerTag.OctetString, spSeq);
  const content = Buffer.concat([version, global, spOctets, msgData]);
  const message = Buffer.concat([Buffer.from([BerTag.Sequence]), encodeLength(content.length), content]);
  if (auth) {
    // Offset of the 12 auth bytes: outer header, version, global, the two security-parameter headers, the
    // fields before it, and the auth OCTET STRING header (2 bytes).
    const outerHeader = message.length - content.length;
    const spOctetsHeader = spOctets.length - spSeq.length;
    const spSeqHeader = spSeq.length - (beforeAuth.length + authTlv.length + 2 + salt.length);
    const offset = outerHeader + version.length + global.length + spOctetsHeader + spSeqHeader + beforeAuth.length + 2;
    hmacSha96(o.authKey!, message).copy(message, offset);
  }
  return message;
}
