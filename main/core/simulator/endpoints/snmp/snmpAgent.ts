import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import type { AsyncDisposable } from '../../../base/disposable.js';
import { Emitter, type Event } from '../../../base/emitter.js';
import { AppError } from '../../../base/errors.js';
import { dispatchDatagram, newAgentCounters, newUsmStats, type AgentCounters, type DispatchContext } from './agentDispatcher.js';
import { BerError } from './berCodec.js';
import { clogMessageGeneratedVarbinds } from './clogTrap.js';
import type { ClogCounters, MibBuildContext } from './mibBuildContext.js';
import type { MibView } from './mibView.js';
import { buildNodeMibView } from './nodeMibView.js';
import { PduType } from './pduProcessor.js';
import { encodeCommunityMessage, encodePdu } from './snmpMessage.js';
import { parseEngineId } from './snmpEngineId.js';
import {
  syslogSeverityValue, type SnmpDataSource, type SnmpNotificationDestination, type SnmpSyslogConfig,
  type SnmpSyslogConfigChange, type SnmpSyslogRow,
} from './snmpNodeSnapshot.js';
import { encodeScopedPdu, encodeV3Message } from './snmpV3Message.js';
import { localizeKeySha1, type SecurityLevel } from './usmCrypto.js';
import type { UsmStats, UsmUser } from './usmProcessor.js';

/** One SNMPv3 USM user (Serviceability: SNMP > V3 > User). Keys are passphrases, localized to the engine. */
export interface SnmpV3UserConfig {
  readonly user: string;
  readonly authProtocol: 'sha';
  readonly authKey: string;
  readonly privProtocol?: 'aes';
  readonly privKey?: string;
  readonly level: SecurityLevel;
  /** Default 'readWrite' (Cisco's ReadWriteNotify access). */
  readonly access?: 'read' | 'readWrite';
}

/** Options of {@link startSnmpAgent}. */
export interface SnmpAgentOptions {
  /** Default 127.0.0.1 (simulator endpoints bind loopback only). */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Read-write community. */
  readonly community: string;
  readonly readOnlyCommunity?: string;
  readonly v3Users?: readonly SnmpV3UserConfig[];
  /** Stable per node: hex string or bytes (see engineIdForNode). */
  readonly engineId: Buffer | string;
  /** snmpEngineBoots; default 1. */
  readonly engineBoots?: number;
  readonly source: SnmpDataSource;
  /** Rebuild the MIB view at most this often (ms); default 1000. `invalidate()` forces the next rebuild. */
  readonly cacheMs?: number;
  /** snmpEngineMaxMessageSize; default 1472 (one Ethernet frame of UDP payload). */
  readonly maxMessageSizeBytes?: number;
  /** Where trap sending problems and internal errors are reported; default console.warn. */
  readonly log?: (message: string) => void;
}

/** What happened to one clogMessageGenerated request. */
export type ClogNotifyResult =
  | { readonly outcome: 'sent'; readonly destinations: number; readonly failed: number }
  | { readonly outcome: 'disabled' | 'ignored' };

/** Counters for tests and diagnostics. */
export interface SnmpAgentStats extends AgentCounters {
  readonly usm: Readonly<UsmStats>;
  readonly clog: Readonly<ClogCounters>;
  readonly internalErrors: number;
  readonly viewBuilds: number;
}

/** A running simulated SNMP agent. */
export interface SnmpAgent extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  readonly engineId: Buffer;
  /** Forces the next request to rebuild the MIB view from a fresh snapshot. */
  invalidate(): void;
  /** Sends clogMessageGenerated for `row` if clogNotificationsEnabled and its severity ≤ clogMaxSeverity. */
  sendClogMessageGenerated(row: SnmpSyslogRow): Promise<ClogNotifyResult>;
  /** Trap destinations; undefined means "the snapshot's notificationDestinations". */
  trapDestinations: readonly SnmpNotificationDestination[] | undefined;
  /** Fires after a manager changed clogNotificationsEnabled or clogMaxSeverity with Set. */
  readonly onDidSetSyslogConfig: Event<SnmpSyslogConfigChange>;
  stats(): SnmpAgentStats;
  /** Injects a fault: answers delayed by `delayMs`, or no answers at all (traps are not affected). */
  setDegradation(degradation: SnmpDegradation): void;
}

/** A fault injected into the agent: slow answers, or none at all (the host looks down). */
export type SnmpDegradation = { readonly delayMs: number } | { readonly unresponsive: true } | undefined;

const LEVELS: readonly SecurityLevel[] = ['noAuthNoPriv', 'authNoPriv', 'authPriv'];

function resolveUsers(configs: readonly SnmpV3UserConfig[], engineId: Buffer): Map<string, UsmUser> {
  const users = new Map<string, UsmUser>();
  for (const c of configs) {
    if (!LEVELS.includes(c.level)) throw new AppError('VALIDATION', `SNMPv3 user ${c.user}: unknown level '${c.level}'`);
    if (c.level !== 'noAuthNoPriv' && (c.authProtocol !== 'sha' || c.authKey.length < 8)) {
      throw new AppError('VALIDATION', `SNMPv3 user ${c.user}: SHA auth passphrase of at least 8 characters required`);
    }
    if (c.level === 'authPriv' && (c.privProtocol !== 'aes' || (c.privKey ?? '').length < 8)) {
      throw new AppError('VALIDATION', `SNMPv3 user ${c.user}: AES priv passphrase of at least 8 characters required`);
    }
    const authKey = c.level !== 'noAuthNoPriv' ? localizeKeySha1(c.authKey, engineId) : undefined;
    // RFC 3826 §1.2: the AES key is localized with the auth protocol's hash (SHA-1 here).
    const privKey = c.level === 'authPriv' ? localizeKeySha1(c.privKey!, engineId) : undefined;
    users.set(c.user, { name: c.user, level: c.level, writeAllowed: (c.access ?? 'readWrite') === 'readWrite', ...(authKey ? { authKey } : {}), ...(privKey ? { privKey } : {}) });
  }
  return users;
}

/** Starts one node's SNMP agent on UDP `host:port` (v2c and v3 USM); resolves once the socket is bound. */
export async function startSnmpAgent(options: SnmpAgentOptions): Promise<SnmpAgent> {
  const host = options.host ?? '127.0.0.1';
  const engineId = parseEngineId(options.engineId);
  const engineBoots = options.engineBoots ?? 1;
  const startedAt = Date.now();
  const maxMessageSize = Math.max(484, Math.min(options.maxMessageSizeBytes ?? 1472, 65507));
  const cacheMs = options.cacheMs ?? 1000;
  const log = options.log ?? ((m: string) => console.warn(`[SnmpAgent ${host}] ${m}`));
  const source = options.source;
  const users = resolveUsers(options.v3Users ?? [], engineId);
  const v3Configs = new Map((options.v3Users ?? []).map((u) => [u.user, u]));

  const counters = newAgentCounters();
  const usmStats = newUsmStats();
  const clog: ClogCounters = { notificationsSent: 0, msgIgnores: 0, msgDrops: 0 };
  let internalErrors = 0;
  let viewBuilds = 0;
  let syslogOverride: SnmpSyslogConfigChange = {};
  let snapshotSyslog: SnmpSyslogConfig | undefined;
  let agentStartedAtMs = 0;
  let snapshotDestinations: readonly SnmpNotificationDestination[] = [];
  let view: MibView | undefined;
  let builtAt = 0;
  let invalid = true;
  let lastNowMs = 0;
  const onDidSetSyslogConfig = new Emitter<SnmpSyslogConfigChange>();
  const engine = { id: engineId, boots: engineBoots, time: () => Math.floor((Date.now() - startedAt) / 1000) };

  const syslogConfig = (): SnmpSyslogConfig => ({ ...snapshotSyslog!, ...syslogOverride });
  const buildContext: MibBuildContext = {
    nowMs: () => source.nowMs?.() ?? lastNowMs,
    syslogConfig,
    clogCounters: clog,
    writeSyslogConfig: (change) => {
      syslogOverride = { ...syslogOverride, ...change };
      source.applySyslogConfig?.(change);
      onDidSetSyslogConfig.fire(change);
    },
    engine: { id: engineId, boots: engineBoots, timeSeconds: engine.time, maxMessageSize },
  };
  const currentView = (): MibView => {
    const now = performance.now();
    if (view && !invalid && now - builtAt < cacheMs) return view;
    const snapshot = source.snapshot();
    lastNowMs = snapshot.nowMs;
    // When the model keeps the syslog config (applySyslogConfig), its snapshot is the truth again.
    if (source.applySyslogConfig && view) syslogOverride = {};
    snapshotSyslog = snapshot.syslog;
    agentStartedAtMs = snapshot.system.agentStartedAtMs;
    snapshotDestinations = snapshot.notificationDestinations;
    view = buildNodeMibView(snapshot, buildContext);
    builtAt = now;
    invalid = false;
    viewBuilds++;
    return view;
  };

  const ctx: DispatchContext = {
    view: currentView,
    community: Buffer.from(options.community, 'utf8'),
    ...(options.readOnlyCommunity !== undefined ? { readOnlyCommunity: Buffer.from(options.readOnlyCommunity, 'utf8') } : {}),
    engine,
    users,
    maxMessageSize,
    counters,
    usmStats,
  };

  const socket: Socket = createSocket('udp4');
  let disposed = false;
  let degradation: SnmpDegradation;
  const delayed = new Set<NodeJS.Timeout>();
  socket.on('message', (msg: Buffer, rinfo: RemoteInfo) => {
    if (degradation && 'unresponsive' in degradation) return; // requests go unanswered, as from a dead host
    const delayMs = degradation?.delayMs ?? 0;
    if (delayMs <= 0) return void answer(msg, rinfo);
    const timer = setTimeout(() => {
      delayed.delete(timer);
      answer(msg, rinfo);
    }, delayMs);
    delayed.add(timer);
  });
  const answer = (msg: Buffer, rinfo: RemoteInfo): void => {
    if (disposed) return;
    let reply: Buffer | undefined;
    try {
      reply = dispatchDatagram(ctx, msg);
    } catch (err) {
      if (err instanceof BerError || err instanceof RangeError) counters.inAsnParseErrs++;
      else {
        internalErrors++;
        log(`request failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      return;
    }
    if (reply) socket.send(reply, rinfo.port, rinfo.address, (err) => err && log(`send failed: ${err.message}`));
  };
  socket.on('error', (err) => log(`socket error: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port ?? 0, host, () => {
      socket.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    socket.close();
    throw new AppError('CONFLICT', `SNMP agent cannot bind ${host}:${options.port ?? 0}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  });
  const port = socket.address().port;

  const trapMessage = (dest: SnmpNotificationDestination, varbinds: Buffer[]): Buffer => {
    const pdu = encodePdu(PduType.TrapV2, randomInt(1, 2 ** 31 - 1), 0, 0, varbinds);
    if (dest.version === '2c') return encodeCommunityMessage(dest.community, pdu);
    const user = users.get(dest.user);
    if (!user || !v3Configs.has(dest.user)) throw new AppError('VALIDATION', `trap destination user '${dest.user}' is not a configured SNMPv3 user`);
    return encodeV3Message({
      msgId: randomInt(1, 2 ** 31 - 1), maxSize: maxMessageSize, reportable: false,
      engineId, engineBoots, engineTime: engine.time(), userName: Buffer.from(dest.user, 'utf8'),
      ...(dest.level !== 'noAuthNoPriv' && user.authKey ? { authKey: user.authKey } : {}),
      ...(dest.level === 'authPriv' && user.privKey ? { privKey: user.privKey } : {}),
      scopedPdu: encodeScopedPdu(engineId, Buffer.alloc(0), pdu),
    });
  };

  const agent: SnmpAgent = {
    host,
    port,
    engineId,
    trapDestinations: undefined,
    onDidSetSyslogConfig: onDidSetSyslogConfig.event,
    invalidate: () => {
      invalid = true;
    },
    async sendClogMessageGenerated(row) {
      currentView();
      const config = syslogConfig();
      // CISCO-SYSLOG-MIB: messages with a severity value greater than clogMaxSeverity are ignored (counted).
      if (syslogSeverityValue(row.severity) > syslogSeverityValue(config.maxSeverity)) {
        clog.msgIgnores++;
        return { outcome: 'ignored' };
      }
      if (!config.notificationsEnabled || disposed) return { outcome: 'disabled' };
      const destinations = agent.trapDestinations ?? snapshotDestinations;
      const varbinds = clogMessageGeneratedVarbinds(row, agentStartedAtMs, buildContext.nowMs());
      let failed = 0;
      await Promise.all(destinations.map((dest) => new Promise<void>((resolve) => {
        let msg: Buffer;
        try {
          msg = trapMessage(dest, varbinds);
        } catch (err) {
          failed++;
          log(err instanceof Error ? err.message : String(err));
          resolve();
          return;
        }
        socket.send(msg, dest.port, dest.host, (err) => {
          if (err) {
            failed++;
            log(`trap to ${dest.host}:${dest.port} failed: ${err.message}`);
          }
          resolve();
        });
      })));
      clog.notificationsSent++;
      clog.msgDrops += failed;
      return { outcome: 'sent', destinations: destinations.length, failed };
    },
    stats: () => ({ ...counters, usm: { ...usmStats }, clog: { ...clog }, internalErrors, viewBuilds }),
    setDegradation: (d) => {
      degradation = d;
    },
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      for (const t of delayed) clearTimeout(t);
      delayed.clear();
      onDidSetSyslogConfig.dispose();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
  return agent;
}
