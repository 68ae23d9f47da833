import { createServer, type Server } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { AppError } from '../../base/errors.js';

/**
 * Port plan of a simulated cluster (README, "The simulated cluster on its own"). Where the OS routes all of
 * 127.0.0.0/8 to loopback (Linux), every node listens on its own address with the same ports, as real nodes do:
 * SSH basePort, SNMP basePort + 1, HTTPS SOAP basePort + 2, so discovery from the publisher (`show network
 * cluster` → addresses, the publisher's ports) reaches every node. Without 127/8 aliases (macOS) every node
 * listens on 127.0.0.1 and node i (profile order) takes basePort + 10*i + offset. The backup server takes
 * basePort + 99 either way. basePort 0 = free ports (with aliases, ports free on every node's address).
 */
export const PORT_OFFSETS = { ssh: 0, snmp: 1, soap: 2 } as const;
export const BACKUP_SERVER_OFFSET = 99;

/** The ports of one node's endpoints (0 = any free port, chosen when it listens). */
export interface NodePorts {
  readonly ssh: number;
  readonly snmp: number;
  readonly soap: number;
}

/** Where one node listens. */
export interface NodeListenPlan {
  readonly host: string;
  readonly ports: NodePorts;
}

/** Where every endpoint of a cluster listens. */
export interface EndpointPlan {
  /** True when nodes listen on their own 127/8 addresses; false on the 127.0.0.1 fallback. */
  readonly ownAddresses: boolean;
  readonly nodes: readonly NodeListenPlan[];
  readonly backupServer: { readonly host: string; readonly port: number };
}

/** What {@link planEndpoints} needs. */
export interface EndpointPlanInput {
  /** Each node's own address (profile order). */
  readonly nodeAddresses: readonly string[];
  readonly backupAddress: string;
  readonly basePort: number;
  /** Whether the OS accepts binds on 127/8 addresses other than 127.0.0.1 ({@link hasLoopbackAliases}). */
  readonly loopbackAliases: boolean;
  /** The fallback address (profile endpoints.host). */
  readonly fallbackHost?: string;
}

/** The port of a node's endpoint in the 127.0.0.1 fallback (0 when the profile asks for free ports). */
export function nodePort(basePort: number, nodeIndex: number, kind: keyof typeof PORT_OFFSETS): number {
  return basePort === 0 ? 0 : basePort + nodeIndex * 10 + PORT_OFFSETS[kind];
}

/** The backup server's port. */
export function backupServerPort(basePort: number): number {
  return basePort === 0 ? 0 : basePort + BACKUP_SERVER_OFFSET;
}

/** Decides where every endpoint listens; with own addresses and basePort 0 it finds ports free on every address. */
export async function planEndpoints(input: EndpointPlanInput): Promise<EndpointPlan> {
  const { basePort } = input;
  if (!input.loopbackAliases) {
    const host = input.fallbackHost ?? '127.0.0.1';
    return {
      ownAddresses: false,
      nodes: input.nodeAddresses.map((_a, i) => ({ host, ports: { ssh: nodePort(basePort, i, 'ssh'), snmp: nodePort(basePort, i, 'snmp'), soap: nodePort(basePort, i, 'soap') } })),
      backupServer: { host, port: backupServerPort(basePort) },
    };
  }
  const ports: NodePorts = basePort === 0
    ? await commonFreePorts(input.nodeAddresses)
    : { ssh: basePort + PORT_OFFSETS.ssh, snmp: basePort + PORT_OFFSETS.snmp, soap: basePort + PORT_OFFSETS.soap };
  return {
    ownAddresses: true,
    nodes: input.nodeAddresses.map((host) => ({ host, ports })),
    backupServer: { host: input.backupAddress, port: backupServerPort(basePort) },
  };
}

let aliasProbe: Promise<boolean> | undefined;

/**
 * Whether this OS accepts a bind on a 127/8 address other than 127.0.0.1 (Linux: yes, all of 127/8 is local;
 * macOS: only with `ifconfig lo0 alias`). Probed once per process by listening on 127.0.0.2.
 */
export function hasLoopbackAliases(): Promise<boolean> {
  aliasProbe ??= new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(0, '127.0.0.2', () => server.close(() => resolve(true)));
  });
  return aliasProbe;
}

type Held = { readonly close: () => Promise<void> };

function holdTcp(host: string, port: number): Promise<{ held: Held; port: number } | undefined> {
  return new Promise((resolve) => {
    const server: Server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host, exclusive: true }, () => {
      const addr = server.address();
      const held = { close: () => new Promise<void>((r) => server.close(() => r())) };
      resolve(typeof addr === 'object' && addr ? { held, port: addr.port } : undefined);
    });
  });
}

function holdUdp(host: string, port: number): Promise<{ held: Held; port: number } | undefined> {
  return new Promise((resolve) => {
    const socket: Socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(undefined);
    });
    socket.bind({ port, address: host, exclusive: true }, () => {
      const held = { close: () => new Promise<void>((r) => socket.close(() => r())) };
      resolve({ held, port: socket.address().port });
    });
  });
}

/**
 * Ports free on every address at once (TCP for SSH and SOAP, UDP for SNMP): the kernel picks one on the first
 * address, the others are tried with it; a port taken on any address is skipped. Each chosen port is held until
 * all three are chosen, so SSH and SOAP never get the same one.
 */
async function commonFreePorts(addresses: readonly string[]): Promise<NodePorts> {
  const held: Held[] = [];
  const pick = async (hold: typeof holdTcp, what: string): Promise<number> => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const first = await hold(addresses[0]!, 0);
      if (!first) continue;
      const rest: Held[] = [];
      let ok = true;
      for (const a of addresses.slice(1)) {
        const h = await hold(a, first.port);
        if (!h) {
          ok = false;
          break;
        }
        rest.push(h.held);
      }
      if (ok) {
        held.push(first.held, ...rest);
        return first.port;
      }
      await Promise.all([first.held, ...rest].map((h) => h.close()));
    }
    throw new AppError('CONFLICT', `no ${what} port is free on every simulated node address (${addresses.join(', ')})`);
  };
  try {
    const ssh = await pick(holdTcp, 'TCP');
    const snmp = await pick(holdUdp, 'UDP');
    const soap = await pick(holdTcp, 'TCP');
    return { ssh, snmp, soap };
  } finally {
    await Promise.all(held.map((h) => h.close()));
  }
}
