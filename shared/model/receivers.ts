/**
 * The syslog and SNMP trap receivers (issue 15): where they listen, how they do, and how a cluster is pointed at
 * them. Plain, structured-clone safe data.
 */

/** Where the receivers listen (kept in <state>/receivers.json; `npm start -- --receiver-address …` for one run). */
export interface ReceiverSettings {
  /** Address to bind: 127.0.0.1 (default), 0.0.0.0 or one of the machine's addresses. */
  readonly address: string;
  /** Syslog over UDP (RFC 3164/5426); 0 = off. Default 5514 (no root needed; 514 needs CAP_NET_BIND_SERVICE). */
  readonly syslogUdpPort: number;
  /** Syslog over TCP (RFC 6587 framing); 0 = off. Default 5514. */
  readonly syslogTcpPort: number;
  /** SNMP v2c traps (CISCO-SYSLOG-MIB clogMessageGenerated); 0 = off. Default 10162 (162 needs the capability). */
  readonly trapPort: number;
  /** Communities accepted on traps. */
  readonly trapCommunities: readonly string[];
}

/** Defaults that need no root. */
export const DEFAULT_RECEIVER_SETTINGS: ReceiverSettings = { address: '127.0.0.1', syslogUdpPort: 5514, syslogTcpPort: 5514, trapPort: 10162, trapCommunities: ['public'] };

/** One listener. */
export interface ListenerStatus {
  readonly kind: 'syslog-udp' | 'syslog-tcp' | 'snmp-trap';
  readonly address: string;
  /** The port asked for (the bound one when listening). */
  readonly port: number;
  readonly state: 'listening' | 'off' | 'failed';
  /** Why it could not bind (EADDRINUSE, EACCES with the capability hint …). */
  readonly error?: { readonly code: string; readonly message: string };
  readonly received: number;
  readonly accepted: number;
  readonly dropped: number;
  readonly lastDropReason?: string;
  /** Messages per second over the last 10 s. */
  readonly ratePerSec: number;
  /** Accepted messages no node was found for (sender address and host name must agree). */
  readonly unattributed: number;
  /** Open TCP connections (syslog-tcp). */
  readonly connections?: number;
}

/** The receivers now. */
export interface ReceiversStatus {
  readonly settings: ReceiverSettings;
  /** Settings given on the command line for this run (saving changes the file, used from the next start). */
  readonly launchOverride: boolean;
  readonly listeners: readonly ListenerStatus[];
}

/** Pointing one node of a simulated cluster at the receivers over its admin CLI. */
export interface NodeReceiverSetup {
  readonly cluster: string;
  readonly node: string;
  readonly ok: boolean;
  /** The commands run. */
  readonly commands: readonly string[];
  readonly error?: string;
}
