import { isLoopbackHostAddress } from '../../profile/loopbackAddresses.js';
import { fail, usage } from '../cliMessages.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';

/** A remote syslog server of a node (Serviceability: Alarm > Configuration, remote syslog server). */
export interface RemoteSyslogServer {
  readonly host: string;
  readonly port: number;
  /** UDP (RFC 3164 datagrams) or TCP (RFC 6587 octet counting). */
  readonly protocol: 'udp' | 'tcp';
}

/** An SNMP v2c notification destination (Serviceability: SNMP > V1/V2c > Notification Destination). */
export interface TrapDestinationEntry {
  readonly host: string;
  readonly port: number;
  readonly community: string;
}

/** The node's destinations, kept by its syslog forwarder and SNMP source (runtime/nodeProtocolEndpoints.ts). */
export interface RemoteDestinationsControl {
  syslogServers(): readonly RemoteSyslogServer[];
  setSyslogServers(servers: readonly RemoteSyslogServer[]): void;
  trapDestinations(): readonly TrapDestinationEntry[];
  setTrapDestinations(destinations: readonly TrapDestinationEntry[]): void;
}

const SET_SYNTAX = 'utils remotesyslog set server <address> <port> udp|tcp';
const ADD_SYNTAX = 'utils snmp config 2c trap add <address> <port> <community>';
const DELETE_SYNTAX = 'utils snmp config 2c trap delete <address> [<port>]';

/**
 * DESIGNED commands (no Cisco sample): how a simulated node is pointed at a monitor's receivers through its own
 * interface, as an administrator points a real node in Cisco Unified Serviceability (serviceability-reference.md,
 * SNMP configuration: "Trap receivers are set under Notification Destination"; MSG-0101 alarm destinations: remote
 * syslog). The words follow the guide's `utils remotesyslog set protocol *` (L12553) and the UC OS `utils snmp`
 * family. Destinations are loopback only (127.0.0.0/8): a simulated node never sends a packet off the machine.
 * The node sends from its own address, so a receiver tells the nodes apart by sender.
 */
export const utilsRemoteDestinationCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'remotesyslog', 'set', 'server'],
    syntax: SET_SYNTAX,
    run: (ctx, args) => {
      const d = control(ctx);
      if (!d) return;
      if (args.length !== 3) return usage(ctx, SET_SYNTAX);
      const [host, portText, proto] = args as [string, string, string];
      const port = parsePort(portText);
      const protocol = proto.toLowerCase();
      if (!checkHost(ctx, host) || port === undefined || (protocol !== 'udp' && protocol !== 'tcp')) {
        if (port === undefined) return fail(ctx, `Invalid port ${portText}: 1-65535`);
        if (protocol !== 'udp' && protocol !== 'tcp') return fail(ctx, `Invalid protocol ${proto}: udp or tcp`);
        return;
      }
      d.setSyslogServers([{ host, port, protocol }]);
      ctx.io.write(`Remote syslog server set to ${host}:${port} (${protocol}).\nSuccessfully set remote syslog server\n`);
    },
  },
  {
    words: ['utils', 'remotesyslog', 'delete', 'server'],
    syntax: 'utils remotesyslog delete server',
    run: (ctx, args) => {
      const d = control(ctx);
      if (!d) return;
      if (args.length !== 0) return usage(ctx, 'utils remotesyslog delete server');
      d.setSyslogServers([]);
      ctx.io.write('Successfully deleted remote syslog server\n');
    },
  },
  {
    words: ['utils', 'remotesyslog', 'show', 'config'],
    syntax: 'utils remotesyslog show config',
    run: async (ctx, args) => {
      const d = control(ctx);
      if (!d) return;
      if (args.length !== 0) return usage(ctx, 'utils remotesyslog show config');
      const list = d.syslogServers();
      await ctx.output(list.length === 0 ? 'Remote syslog server : not configured\n' : `${list.map((s) => `Remote syslog server : ${s.host}\nPort                 : ${s.port}\nProtocol             : ${s.protocol.toUpperCase()}`).join('\n\n')}\n`);
    },
  },
  {
    words: ['utils', 'snmp', 'config', '2c', 'trap', 'add'],
    syntax: ADD_SYNTAX,
    run: (ctx, args) => {
      const d = control(ctx);
      if (!d) return;
      if (args.length !== 3) return usage(ctx, ADD_SYNTAX);
      const [host, portText, community] = args as [string, string, string];
      const port = parsePort(portText);
      if (!checkHost(ctx, host)) return;
      if (port === undefined) return fail(ctx, `Invalid port ${portText}: 1-65535`);
      if (!/^[\x21-\x7e]{1,32}$/.test(community)) return fail(ctx, 'Invalid community string: 1-32 printable characters without blanks');
      const others = d.trapDestinations().filter((t) => !(t.host === host && t.port === port));
      if (others.length >= 8) return fail(ctx, 'Too many notification destinations (at most 8)');
      d.setTrapDestinations([...others, { host, port, community }]);
      ctx.io.write(`Notification destination ${host}:${port} added.\nSuccessfully added notification destination\n`);
    },
  },
  {
    words: ['utils', 'snmp', 'config', '2c', 'trap', 'delete'],
    syntax: DELETE_SYNTAX,
    run: (ctx, args) => {
      const d = control(ctx);
      if (!d) return;
      if (args.length < 1 || args.length > 2) return usage(ctx, DELETE_SYNTAX);
      const [host, portText] = args as [string, string | undefined];
      const port = portText === undefined ? undefined : parsePort(portText);
      if (portText !== undefined && port === undefined) return fail(ctx, `Invalid port ${portText}: 1-65535`);
      const before = d.trapDestinations();
      const after = before.filter((t) => !(t.host === host && (port === undefined || t.port === port)));
      d.setTrapDestinations(after);
      ctx.io.write(`${before.length - after.length} notification destination(s) deleted.\n`);
    },
  },
  {
    words: ['utils', 'snmp', 'config', '2c', 'trap', 'list'],
    syntax: 'utils snmp config 2c trap list',
    run: async (ctx, args) => {
      const d = control(ctx);
      if (!d) return;
      if (args.length !== 0) return usage(ctx, 'utils snmp config 2c trap list');
      const list = d.trapDestinations();
      const rows = list.map((t) => `${t.host.padEnd(16)} ${String(t.port).padEnd(6)} V2c      ${t.community}`);
      await ctx.output(list.length === 0 ? 'No notification destinations configured\n' : `${['Destination      Port   Version  Community', ...rows].join('\n')}\n`);
    },
  },
];

function control(ctx: CommandContext): RemoteDestinationsControl | undefined {
  const d = ctx.hooks.remoteDestinations;
  if (!d) fail(ctx, 'Remote destinations cannot be configured on this node');
  return d;
}

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

function checkHost(ctx: CommandContext, host: string): boolean {
  if (isLoopbackHostAddress(host)) return true;
  fail(ctx, `Invalid address ${host}: a simulated node sends to loopback addresses (127.0.0.0/8) only`);
  return false;
}
