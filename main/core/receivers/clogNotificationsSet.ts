import snmp from 'net-snmp';

/** clogNotificationsEnabled.0 (CISCO-SYSLOG-MIB; serviceability-reference.md: "set to true (1)", default false). */
export const CLOG_NOTIFICATIONS_ENABLED = '1.3.6.1.4.1.9.9.41.1.1.2.0';

/** How to reach a node's SNMP agent for the Set (the collector's target, structurally). */
export interface SnmpSetTarget {
  readonly host: string;
  readonly port: number;
  readonly version: 'v2c' | 'v3';
  readonly community?: string;
  readonly v3?: { readonly user: string; readonly authProtocol: 'sha' | 'sha256' | 'md5'; readonly authKey: string; readonly privProtocol: 'aes' | 'aes256b' | 'aes256r'; readonly privKey: string };
  readonly timeoutMs?: number;
}

/**
 * Turns on clogMessageGenerated traps on a node: `snmpset … 1.3.6.1.4.1.9.9.41.1.1.2.0 i 1` (the reference's
 * example), with the node's v2c community or v3 user. Its own short-lived session (a Set is rare); rejects with
 * the agent's error (a read-only community: noAccess/notWritable).
 */
export function enableClogNotifications(t: SnmpSetTarget): Promise<void> {
  const options = { port: t.port, timeout: t.timeoutMs ?? 3000, retries: 1 };
  const session =
    t.version === 'v3' && t.v3
      ? snmp.createV3Session(t.host, {
          name: t.v3.user,
          level: snmp.SecurityLevel.authPriv,
          authProtocol: snmp.AuthProtocols[t.v3.authProtocol],
          authKey: t.v3.authKey,
          privProtocol: snmp.PrivProtocols[t.v3.privProtocol],
          privKey: t.v3.privKey,
        }, { ...options, version: snmp.Version3 })
      : snmp.createSession(t.host, t.community ?? 'public', { ...options, version: snmp.Version2c });
  session.on('error', () => undefined);
  return new Promise<void>((resolve, reject) => {
    session.set([{ oid: CLOG_NOTIFICATIONS_ENABLED, type: snmp.ObjectType.Integer, value: 1 }], (err: Error | null, varbinds?: { oid: string }[]) => {
      session.close();
      if (err) return reject(err);
      const bad = varbinds?.find((v) => snmp.isVarbindError(v));
      if (bad) return reject(new Error(`clogNotificationsEnabled: ${snmp.varbindError(bad)}`));
      resolve();
    });
  });
}
