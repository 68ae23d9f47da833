import type { NodeReceiverSetup, ReceiverSettings } from '../../../shared/model/receivers.js';
import { AppError } from '../base/errors.js';

/** How the receivers reach a cluster's nodes (the collector's pooled admin CLI sessions, backend/receiverParts.ts). */
export interface ClusterNodesCli {
  /** The cluster's nodes, or undefined for an unknown cluster. */
  cluster(id: string): { readonly simulated: boolean; readonly nodes: readonly { readonly name: string; readonly host: string }[] } | undefined;
  /** Runs one admin CLI command on a node; resolves with its output, rejects with its error. */
  run(cluster: string, node: string, command: string): Promise<string>;
  /** Sets clogNotificationsEnabled true(1) over SNMP (serviceability-reference.md, CISCO-SYSLOG-MIB: traps are off by default). */
  enableSyslogTraps?(cluster: string, node: string): Promise<void>;
}

/** The bound ports the nodes are pointed at (undefined: that receiver is off or failed). */
export interface ReceiverPorts {
  readonly syslogUdp?: number;
  readonly syslogTcp?: number;
  readonly trap?: number;
}

/** The address a node is told: the receivers' own, or for "every interface" the loopback a local node reaches. */
export function addressForNodes(settings: ReceiverSettings, nodeHost: string): string | undefined {
  const unspecified = settings.address === '0.0.0.0' || settings.address === '::';
  if (!unspecified) return settings.address;
  return nodeHost.startsWith('127.') ? '127.0.0.1' : undefined;
}

/**
 * The admin CLI commands that point one node at the receivers (designed, no Cisco sample: a real node is set in
 * Cisco Unified Serviceability, Alarm > Configuration remote syslog server and SNMP > V1/V2c > Notification
 * Destination; serviceability-reference.md SNMP configuration and MSG-0101 alarm destinations). The guide has
 * `utils remotesyslog set protocol *` (L12553) for the remote audit log; the simulator's `utils remotesyslog set
 * server` and `utils snmp config 2c trap add|delete|list` follow it (main/core/simulator/adminCli/commands/
 * utilsRemoteDestinations.ts).
 */
export function receiverSetupCommands(address: string, ports: ReceiverPorts, community: string | undefined): string[] {
  const out: string[] = [];
  if (ports.syslogUdp) out.push(`utils remotesyslog set server ${address} ${ports.syslogUdp} udp`);
  else if (ports.syslogTcp) out.push(`utils remotesyslog set server ${address} ${ports.syslogTcp} tcp`);
  else out.push('utils remotesyslog delete server');
  out.push(`utils snmp config 2c trap delete ${address}`);
  if (ports.trap && community) out.push(`utils snmp config 2c trap add ${address} ${ports.trap} ${community}`);
  return out;
}

/** Runs the setup commands on every node of a simulated cluster; a node that fails is reported, the others go on. */
export async function configureClusterNodes(clusterId: string, cli: ClusterNodesCli, settings: ReceiverSettings, ports: ReceiverPorts): Promise<NodeReceiverSetup[]> {
  const c = cli.cluster(clusterId);
  if (!c) throw new AppError('NOT_FOUND', `no cluster ${clusterId}`);
  if (!c.simulated) {
    throw new AppError('VALIDATION', `cluster ${clusterId} is not simulated: point its nodes at the receivers in Cisco Unified Serviceability (Alarm > Configuration: remote syslog server; SNMP > V1/V2c > Notification Destination)`);
  }
  return Promise.all(c.nodes.map(async (n): Promise<NodeReceiverSetup> => {
    const address = addressForNodes(settings, n.host);
    if (!address) return { cluster: clusterId, node: n.name, ok: false, commands: [], error: `the receivers listen on ${settings.address}: set an address node ${n.host} can reach` };
    const commands = receiverSetupCommands(address, ports, settings.trapCommunities[0]);
    const ran: string[] = [];
    try {
      for (const command of commands) {
        const out = await cli.run(clusterId, n.name, command);
        ran.push(command);
        if (/Executed command unsuccessfully|^Invalid command/im.test(out)) throw new Error(`${command}: ${out.trim().split('\n')[0] ?? 'failed'}`);
      }
      if (ports.trap && cli.enableSyslogTraps) {
        await cli.enableSyslogTraps(clusterId, n.name);
        ran.push('snmpset clogNotificationsEnabled.0 = true(1)');
      }
      return { cluster: clusterId, node: n.name, ok: true, commands: ran };
    } catch (err) {
      return { cluster: clusterId, node: n.name, ok: false, commands: ran, error: err instanceof Error ? err.message : String(err) };
    }
  }));
}
