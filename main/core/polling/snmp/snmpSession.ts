import snmp from 'net-snmp';
import type { Session } from 'net-snmp';
import type { PollTarget } from '../poller.js';
import type { SharedSnmpTransport } from './sharedSnmpTransport.js';
import type { SnmpVarbind } from './snmpTable.js';

/** SNMPv3 USM credentials (authPriv). IM&P nodes use SHA + AES-128 (reference C; sim profile endpoints.snmpV3). */
export interface SnmpV3Credentials {
  readonly user: string;
  readonly authProtocol: 'sha' | 'sha256' | 'md5';
  readonly authKey: string;
  readonly privProtocol: 'aes' | 'aes256b' | 'aes256r';
  readonly privKey: string;
}

/** A node's SNMP agent and how to talk to it. */
export interface SnmpTarget extends PollTarget {
  readonly version: 'v2c' | 'v3';
  /** v2c community. */
  readonly community?: string;
  readonly v3?: SnmpV3Credentials;
  /** Per-request timeout, ms (default 3000: reference C advises a 3 s timeout for Cisco agents). */
  readonly timeoutMs?: number;
  /** Retries per request (default 1, net-snmp's default). */
  readonly retries?: number;
  /** GetBulk max-repetitions (default 25, snmp_exporter's default; peers-and-limits 1.4). */
  readonly maxRepetitions?: number;
}

const AUTH = { sha: snmp.AuthProtocols.sha, sha256: snmp.AuthProtocols.sha256, md5: snmp.AuthProtocols.md5 } as const;
const PRIV = { aes: snmp.PrivProtocols.aes, aes256b: snmp.PrivProtocols.aes256b, aes256r: snmp.PrivProtocols.aes256r } as const;

/** The identity of a session: same agent and same credentials share one. */
export function snmpSessionKey(t: SnmpTarget): string {
  const cred = t.version === 'v3' ? `v3:${t.v3?.user}:${t.v3?.authProtocol}:${t.v3?.authKey}:${t.v3?.privProtocol}:${t.v3?.privKey}` : `v2c:${t.community}`;
  return `${t.host}:${t.port}|${cred}|${t.timeoutMs ?? ''}|${t.retries ?? ''}`;
}

/**
 * A promise-based wrapper of one net-snmp Session whose socket is the shared transport's. Errors are the
 * library's own (mapped by snmpErrors.ts at the poller boundary).
 */
export class SnmpSession {
  readonly #session: Session;
  #closed = false;

  constructor(target: SnmpTarget, transport: SharedSnmpTransport) {
    const options = {
      port: target.port,
      timeout: target.timeoutMs ?? 3000,
      retries: target.retries ?? 1,
      dgramModule: transport.dgramModule,
    };
    if (target.version === 'v3') {
      const v3 = target.v3;
      if (!v3) throw new Error(`SNMP target ${target.node}: version v3 needs v3 credentials`);
      this.#session = snmp.createV3Session(target.host, {
        name: v3.user,
        level: snmp.SecurityLevel.authPriv,
        authProtocol: AUTH[v3.authProtocol],
        authKey: v3.authKey,
        privProtocol: PRIV[v3.privProtocol],
        privKey: v3.privKey,
      }, { ...options, version: snmp.Version3 });
    } else {
      if (!target.community) throw new Error(`SNMP target ${target.node}: version v2c needs a community`);
      this.#session = snmp.createSession(target.host, target.community, { ...options, version: snmp.Version2c });
    }
    // An undecodable datagram is emitted as 'error'; without a listener EventEmitter would throw.
    this.#session.on('error', () => undefined);
  }

  /** GetBulk walk of everything under `oid` (net-snmp subtree), in agent order. */
  walk(oid: string, maxRepetitions: number): Promise<SnmpVarbind[]> {
    return new Promise((resolve, reject) => {
      const out: SnmpVarbind[] = [];
      this.#session.subtree(
        oid,
        maxRepetitions,
        (varbinds) => {
          for (const vb of varbinds) if (!snmp.isVarbindError(vb)) out.push({ oid: vb.oid, value: vb.value });
        },
        (err) => (err ? reject(err) : resolve(out)),
      );
    });
  }

  /** Get of scalar OIDs; varbinds the agent answers with noSuchObject/noSuchInstance come back in `missing`. */
  get(oids: readonly string[]): Promise<{ varbinds: SnmpVarbind[]; missing: string[] }> {
    return new Promise((resolve, reject) => {
      this.#session.get([...oids], (err, varbinds) => {
        if (err) return reject(err);
        const ok: SnmpVarbind[] = [];
        const missing: string[] = [];
        for (const vb of varbinds ?? []) {
          if (snmp.isVarbindError(vb)) missing.push(vb.oid);
          else ok.push({ oid: vb.oid, value: vb.value });
        }
        resolve({ varbinds: ok, missing });
      });
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#session.close();
  }
}
