import { BerError } from './berCodec.js';
import { AUTH_PARAMS_BYTES, PRIV_PARAMS_BYTES, aesDecrypt, hmacSha96, type SecurityLevel } from './usmCrypto.js';
import { MsgFlags, USM_SECURITY_MODEL, readScopedPdu, type ScopedPdu, type V3Message } from './snmpV3Message.js';

/** A configured USM user with keys localized to this engine. */
export interface UsmUser {
  readonly name: string;
  /** The lowest level this user may use (its configured level on the node). */
  readonly level: SecurityLevel;
  readonly authKey?: Buffer;
  readonly privKey?: Buffer;
  readonly writeAllowed: boolean;
}

/** The local authoritative engine (RFC 3414 §2.2). */
export interface UsmEngine {
  readonly id: Buffer;
  readonly boots: number;
  time(): number;
}

/** usmStats counters (RFC 3414 §5) plus the framework's invalid-message counters. */
export interface UsmStats {
  unsupportedSecLevels: number;
  notInTimeWindows: number;
  unknownUserNames: number;
  unknownEngineIDs: number;
  wrongDigests: number;
  decryptionErrors: number;
  unknownSecurityModels: number;
  invalidMsgs: number;
}

/** The USM counter a Report carries. */
export type UsmReportCounter = Exclude<keyof UsmStats, 'unknownSecurityModels' | 'invalidMsgs'>;

/** What to do with an incoming v3 message. */
export type UsmOutcome =
  | { readonly kind: 'drop'; readonly reason: string }
  | { readonly kind: 'report'; readonly counter: UsmReportCounter; readonly user?: UsmUser; readonly authenticated: boolean; readonly requestId: number }
  | { readonly kind: 'accept'; readonly user: UsmUser; readonly level: SecurityLevel; readonly scoped: ScopedPdu };

/** RFC 3414 §2.2.3: a message more than 150 s away from the engine's time is outside the window. */
const TIME_WINDOW_S = 150;

function requestLevel(flags: number): SecurityLevel {
  if (flags & MsgFlags.priv) return 'authPriv';
  return flags & MsgFlags.auth ? 'authNoPriv' : 'noAuthNoPriv';
}

function tryRequestId(bytes: Buffer): number {
  try {
    return readScopedPdu(bytes).pdu.requestId;
  } catch {
    return 0;
  }
}

/**
 * Runs RFC 3414 §3.2 "processing an incoming message" for one v3 datagram: engine discovery, user lookup,
 * digest, time window, decryption. Errors become Report outcomes (when the sender asked for reports) with
 * the usmStats counter a real agent reports; counters are incremented in `stats`.
 */
export function processIncomingUsm(
  datagram: Buffer,
  msg: V3Message,
  engine: UsmEngine,
  users: ReadonlyMap<string, UsmUser>,
  stats: UsmStats,
): UsmOutcome {
  const reportable = (msg.flags & MsgFlags.reportable) !== 0;
  const report = (counter: UsmReportCounter, user?: UsmUser, authenticated = false): UsmOutcome => {
    stats[counter]++;
    if (!reportable) return { kind: 'drop', reason: counter };
    const requestId = msg.data.encrypted ? 0 : tryRequestId(msg.data.scopedPdu);
    return { kind: 'report', counter, authenticated, requestId, ...(user ? { user } : {}) };
  };
  if ((msg.flags & (MsgFlags.auth | MsgFlags.priv)) === MsgFlags.priv) {
    stats.invalidMsgs++;
    return { kind: 'drop', reason: 'priv without auth' };
  }
  if (msg.securityModel !== USM_SECURITY_MODEL) {
    stats.unknownSecurityModels++;
    return { kind: 'drop', reason: 'unknown security model' };
  }
  if (!msg.engineId.equals(engine.id)) return report('unknownEngineIDs');
  const user = users.get(msg.userName.toString('utf8'));
  if (!user) return report('unknownUserNames');
  const level = requestLevel(msg.flags);
  if ((level !== 'noAuthNoPriv' && !user.authKey) || (level === 'authPriv' && !user.privKey)) return report('unsupportedSecLevels');

  if (level !== 'noAuthNoPriv') {
    if (msg.authParams.length !== AUTH_PARAMS_BYTES) return report('wrongDigests');
    const copy = Buffer.from(datagram);
    copy.fill(0, msg.authParamsOffset, msg.authParamsOffset + AUTH_PARAMS_BYTES);
    if (!hmacSha96(user.authKey!, copy).equals(msg.authParams)) return report('wrongDigests');
    const now = engine.time();
    if (msg.engineBoots !== engine.boots || Math.abs(msg.engineTime - now) > TIME_WINDOW_S) return report('notInTimeWindows', user, true);
  }

  let scopedBytes: Buffer;
  if (msg.data.encrypted) {
    if (level !== 'authPriv' || msg.privParams.length !== PRIV_PARAMS_BYTES) return report('decryptionErrors', user);
    scopedBytes = aesDecrypt(user.privKey!, msg.engineBoots, msg.engineTime, msg.privParams, msg.data.cipher);
  } else {
    if (level === 'authPriv') return report('decryptionErrors', user);
    scopedBytes = msg.data.scopedPdu;
  }
  try {
    return { kind: 'accept', user, level, scoped: readScopedPdu(scopedBytes) };
  } catch (err) {
    if (msg.data.encrypted && err instanceof BerError) return report('decryptionErrors', user);
    throw err;
  }
}
