// Tiny real servers on 127.0.0.1 that misbehave the way a dead or broken node does (issue 10): they accept and stay
// silent, accept and reset, or answer garbage; or forward to a real endpoint until told to misbehave.
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect as netConnect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';

/** How a peer behaves towards new connections (and, for UDP, each datagram). */
export type PeerMode = 'forward' | 'silent' | 'reset' | 'garbage';

/** What a garbage answer looks like for each protocol. */
export type PeerKind = 'ssh' | 'https' | 'snmp';

/** A self-signed certificate for an HTTPS peer (pinned by the collector as a node's tomcat certificate). */
export async function peerCertificate(): Promise<{ certPem: string; keyPem: string }> {
  const pems = await generate([{ name: 'commonName', value: 'hostile-peer' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [{ name: 'basicConstraints', cA: true }],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}

function garbage(): Buffer {
  return randomBytes(64 + Math.floor(Math.random() * 512));
}

/** A TCP peer (SSH or HTTPS). */
export class TcpPeer {
  mode: PeerMode;
  /** Connections accepted so far. */
  connections = 0;
  readonly #sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly kind: 'ssh' | 'https',
    mode: PeerMode,
    private readonly forwardTo: { host: string; port: number } | undefined,
    private readonly tls: { certPem: string; keyPem: string } | undefined,
  ) {
    this.mode = mode;
  }

  static async start(kind: 'ssh' | 'https', mode: PeerMode, options: { forwardTo?: { host: string; port: number }; tls?: { certPem: string; keyPem: string } } = {}): Promise<TcpPeer> {
    const server = createServer();
    const peer = new TcpPeer(server, kind, mode, options.forwardTo, options.tls);
    server.on('connection', (s: Socket) => peer.accept(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return peer;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Changes the behaviour and drops every open connection (a node that died). */
  setMode(mode: PeerMode): void {
    this.mode = mode;
    for (const s of this.#sockets) s.destroy();
  }

  async dispose(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.connections++;
    this.#sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.#sockets.delete(socket));
    switch (this.mode) {
      case 'silent':
        return; // accepted, never a byte back
      case 'reset':
        socket.resetAndDestroy();
        return;
      case 'forward': {
        const upstream = netConnect(this.forwardTo!.port, this.forwardTo!.host);
        this.#sockets.add(upstream);
        upstream.on('error', () => socket.destroy());
        upstream.on('close', () => (this.#sockets.delete(upstream), socket.destroy()));
        socket.on('close', () => upstream.destroy());
        socket.pipe(upstream).pipe(socket);
        return;
      }
      case 'garbage':
        if (this.kind === 'ssh') {
          // A valid identification line, then bytes that are no SSH packet.
          socket.write('SSH-2.0-OpenSSH_9.2p1\r\n');
          socket.write(garbage());
          socket.on('data', () => socket.write(garbage()));
        } else {
          // The TLS handshake completes with the pinned certificate; the "HTTP" answer is noise.
          const tls = new TLSSocket(socket, { isServer: true, cert: this.tls!.certPem, key: this.tls!.keyPem });
          tls.on('error', () => socket.destroy());
          tls.on('data', () => tls.end(Buffer.concat([Buffer.from('HTTP/1.1 2'), garbage()])));
        }
    }
  }
}

/** A UDP peer (SNMP). 'reset' has no UDP form: the port is closed (the host answers ICMP port unreachable). */
export class UdpPeer {
  mode: PeerMode;
  /** Datagrams received so far. */
  datagrams = 0;
  #socket: UdpSocket;
  readonly #upstreams = new Map<string, UdpSocket>();

  private constructor(
    socket: UdpSocket,
    readonly port: number,
    mode: PeerMode,
    private readonly forwardTo: { host: string; port: number } | undefined,
  ) {
    this.#socket = socket;
    this.mode = mode;
  }

  static async start(mode: PeerMode, options: { forwardTo?: { host: string; port: number } } = {}): Promise<UdpPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const peer = new UdpPeer(socket, socket.address().port, 'silent', options.forwardTo);
    peer.#listen(socket);
    await peer.setMode(mode);
    return peer;
  }

  /** Changes the behaviour; 'reset' closes the port, any other mode opens it again on the same number. */
  async setMode(mode: PeerMode): Promise<void> {
    const wasClosed = this.mode === 'reset';
    this.mode = mode;
    if (mode === 'reset' && !wasClosed) await new Promise<void>((resolve) => this.#socket.close(() => resolve()));
    if (mode !== 'reset' && wasClosed) {
      const socket = createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(this.port, '127.0.0.1', resolve));
      this.#socket = socket;
      this.#listen(socket);
    }
  }

  async dispose(): Promise<void> {
    for (const u of this.#upstreams.values()) u.close();
    if (this.mode !== 'reset') await new Promise<void>((resolve) => this.#socket.close(() => resolve()));
    this.mode = 'reset';
  }

  #listen(socket: UdpSocket): void {
    socket.on('error', () => undefined);
    socket.on('message', (msg, rinfo) => {
      this.datagrams++;
      if (this.mode === 'garbage') socket.send(garbage(), rinfo.port, rinfo.address);
      if (this.mode !== 'forward') return;
      const key = `${rinfo.address}:${rinfo.port}`;
      let up = this.#upstreams.get(key);
      if (!up) {
        up = createSocket('udp4');
        up.on('error', () => undefined);
        up.on('message', (answer) => {
          if (this.mode === 'forward') this.#socket.send(answer, rinfo.port, rinfo.address);
        });
        this.#upstreams.set(key, up);
      }
      up.send(msg, this.forwardTo!.port, this.forwardTo!.host);
    });
  }
}

/** One node's three peers. */
export interface HostileNode {
  readonly ssh: TcpPeer;
  readonly https: TcpPeer;
  readonly snmp: UdpPeer;
  readonly certPem: string;
  setMode(mode: PeerMode): Promise<void>;
  dispose(): Promise<void>;
}

/** SSH, HTTPS and SNMP peers of one node, all in `mode` (forwarding to `forwardTo`'s endpoints when given). */
export async function startHostileNode(mode: PeerMode, forwardTo?: { ssh: { host: string; port: number }; https: { host: string; port: number }; snmp: { host: string; port: number } }, cert?: { certPem: string; keyPem: string }): Promise<HostileNode> {
  const tls = cert ?? (await peerCertificate());
  const ssh = await TcpPeer.start('ssh', mode, forwardTo ? { forwardTo: forwardTo.ssh } : {});
  const https = await TcpPeer.start('https', mode, { tls, ...(forwardTo ? { forwardTo: forwardTo.https } : {}) });
  const snmp = await UdpPeer.start(mode, forwardTo ? { forwardTo: forwardTo.snmp } : {});
  return {
    ssh,
    https,
    snmp,
    certPem: tls.certPem,
    setMode: async (m) => {
      ssh.setMode(m);
      https.setMode(m);
      await snmp.setMode(m);
    },
    dispose: async () => {
      await ssh.dispose();
      await https.dispose();
      await snmp.dispose();
    },
  };
}
