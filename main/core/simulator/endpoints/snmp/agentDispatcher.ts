import { encodeValue, encodeVarbind, v } from './snmpValue.js';
import type { MibView } from './mibView.js';
import { PduType, processPdu, type RequestPdu } from './pduProcessor.js';
import { SnmpVersion, communityOverheadBytes, encodeCommunityMessage, encodePdu, readCommunityMessage, readMessageVersion } from './snmpMessage.js';
import { Oids } from './snmpOids.js';
import { encodeScopedPdu, encodeV3Message, readV3Message, type V3Message } from './snmpV3Message.js';
import type { SecurityLevel } from './usmCrypto.js';
import { processIncomingUsm, type UsmEngine, type UsmReportCounter, type UsmStats, type UsmUser } from './usmProcessor.js';

/** Counters of what the agent received and did (snmpIn* of SNMPv2-MIB in spirit). */
export interface AgentCounters {
  inPackets: number;
  inBadVersions: number;
  inBadCommunityNames: number;
  inAsnParseErrs: number;
  outResponses: number;
  outReports: number;
  droppedPdus: number;
}

/** Everything the dispatcher reads to answer one datagram. */
export interface DispatchContext {
  readonly view: () => MibView;
  readonly community: Buffer;
  readonly readOnlyCommunity?: Buffer;
  readonly engine: UsmEngine;
  readonly users: ReadonlyMap<string, UsmUser>;
  /** The agent's own message size limit (snmpEngineMaxMessageSize; 1472 keeps a reply in one Ethernet frame). */
  readonly maxMessageSize: number;
  readonly counters: AgentCounters;
  readonly usmStats: UsmStats;
}

const LEVEL_RANK: Readonly<Record<SecurityLevel, number>> = { noAuthNoPriv: 0, authNoPriv: 1, authPriv: 2 };
const AUTHORIZATION_ERROR = 16;
const REPORT_OID: Readonly<Record<UsmReportCounter, readonly number[]>> = {
  unsupportedSecLevels: Oids.usmStatsUnsupportedSecLevels,
  notInTimeWindows: Oids.usmStatsNotInTimeWindows,
  unknownUserNames: Oids.usmStatsUnknownUserNames,
  unknownEngineIDs: Oids.usmStatsUnknownEngineIDs,
  wrongDigests: Oids.usmStatsWrongDigests,
  decryptionErrors: Oids.usmStatsDecryptionErrors,
};

function isRequest(pdu: RequestPdu): boolean {
  return pdu.type === PduType.Get || pdu.type === PduType.GetNext || pdu.type === PduType.GetBulk || pdu.type === PduType.Set;
}

function dispatchCommunity(ctx: DispatchContext, body: Parameters<typeof readCommunityMessage>[0]): Buffer | undefined {
  const { community, pdu } = readCommunityMessage(body);
  const rw = community.equals(ctx.community);
  if (!rw && !(ctx.readOnlyCommunity && community.equals(ctx.readOnlyCommunity))) {
    // A wrong community is silently dropped, as real agents do (RFC 3584 §5.2.1 / net-snmp snmpd).
    ctx.counters.inBadCommunityNames++;
    return undefined;
  }
  if (!isRequest(pdu)) {
    ctx.counters.droppedPdus++;
    return undefined;
  }
  const budget = ctx.maxMessageSize - communityOverheadBytes(community);
  const res = processPdu(ctx.view(), pdu, { maxVarbindBytes: budget, writeAllowed: rw })!;
  ctx.counters.outResponses++;
  return encodeCommunityMessage(community, encodePdu(PduType.Response, pdu.requestId, res.errorStatus, res.errorIndex, res.varbinds));
}

function v3Reply(ctx: DispatchContext, msg: V3Message, user: UsmUser | undefined, level: SecurityLevel, pdu: Buffer): Buffer {
  return encodeV3Message({
    msgId: msg.msgId,
    maxSize: ctx.maxMessageSize,
    reportable: false,
    engineId: ctx.engine.id,
    engineBoots: ctx.engine.boots,
    engineTime: ctx.engine.time(),
    userName: msg.userName,
    ...(user?.authKey && level !== 'noAuthNoPriv' ? { authKey: user.authKey } : {}),
    ...(user?.privKey && level === 'authPriv' ? { privKey: user.privKey } : {}),
    scopedPdu: encodeScopedPdu(ctx.engine.id, Buffer.alloc(0), pdu),
  });
}

function dispatchV3(ctx: DispatchContext, datagram: Buffer, body: Parameters<typeof readV3Message>[0]): Buffer | undefined {
  const msg = readV3Message(body);
  const outcome = processIncomingUsm(datagram, msg, ctx.engine, ctx.users, ctx.usmStats);
  if (outcome.kind === 'drop') return undefined;
  if (outcome.kind === 'report') {
    const vb = encodeVarbind(REPORT_OID[outcome.counter], encodeValue(v.counter(ctx.usmStats[outcome.counter])));
    const pdu = encodePdu(PduType.Report, outcome.requestId, 0, 0, [vb]);
    ctx.counters.outReports++;
    // Reports are unauthenticated except notInTimeWindow, which is sent authNoPriv (RFC 3414 §3.2 step 7b).
    return v3Reply(ctx, msg, outcome.user, outcome.authenticated ? 'authNoPriv' : 'noAuthNoPriv', pdu);
  }
  const { pdu, contextName } = outcome.scoped;
  if (!isRequest(pdu)) {
    ctx.counters.droppedPdus++;
    return undefined;
  }
  let body2: { errorStatus: number; errorIndex: number; varbinds: readonly Buffer[] };
  if (LEVEL_RANK[outcome.level] < LEVEL_RANK[outcome.user.level]) {
    body2 = { errorStatus: AUTHORIZATION_ERROR, errorIndex: 0, varbinds: [] };
  } else {
    const maxSize = Math.min(ctx.maxMessageSize, msg.maxSize);
    const overhead = 112 + ctx.engine.id.length * 2 + msg.userName.length + contextName.length;
    body2 = processPdu(ctx.view(), pdu, { maxVarbindBytes: maxSize - overhead, writeAllowed: outcome.user.writeAllowed })!;
  }
  ctx.counters.outResponses++;
  const response = encodePdu(PduType.Response, pdu.requestId, body2.errorStatus, body2.errorIndex, body2.varbinds);
  return v3Reply(ctx, msg, outcome.user, outcome.level, response);
}

/**
 * Answers one datagram: SNMPv2c (community) or SNMPv3 (USM). Returns the reply, or undefined to stay
 * silent. Throws BerError on malformed input (the caller counts and drops it).
 */
export function dispatchDatagram(ctx: DispatchContext, datagram: Buffer): Buffer | undefined {
  ctx.counters.inPackets++;
  const { version, body } = readMessageVersion(datagram);
  if (version === SnmpVersion.v2c) return dispatchCommunity(ctx, body);
  if (version === SnmpVersion.v3) return dispatchV3(ctx, datagram, body);
  // SNMPv1 is not offered by this simulated agent (issue 3 asks for v2c and v3).
  ctx.counters.inBadVersions++;
  return undefined;
}

/** Creates zeroed counters. */
export function newAgentCounters(): AgentCounters {
  return { inPackets: 0, inBadVersions: 0, inBadCommunityNames: 0, inAsnParseErrs: 0, outResponses: 0, outReports: 0, droppedPdus: 0 };
}

/** Creates zeroed usmStats. */
export function newUsmStats(): UsmStats {
  return { unsupportedSecLevels: 0, notInTimeWindows: 0, unknownUserNames: 0, unknownEngineIDs: 0, wrongDigests: 0, decryptionErrors: 0, unknownSecurityModels: 0, invalidMsgs: 0 };
}
