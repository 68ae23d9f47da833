import { createRequire } from 'node:module';
import type { Connection } from 'ssh2';

/** SSH_DISCONNECT_PROTOCOL_ERROR (RFC 4253 11.1): the reason code sshd's packet_disconnect() sends. */
export const DISCONNECT_PROTOCOL_ERROR = 2;

/** The parts of ssh2's (1.x) Protocol used to write one packet; not part of its typed API. */
interface PacketWriter {
  readonly allocStartKEX: number;
  alloc(length: number, force?: boolean): Buffer;
  finalize(packet: Buffer, force?: boolean): Buffer;
}
interface ProtocolInternals {
  readonly _packetRW?: { readonly write?: PacketWriter };
}
type SendPacket = (proto: ProtocolInternals, packet: Buffer, bypass?: boolean) => void;

let sendPacket: SendPacket | undefined | null;
function loadSendPacket(): SendPacket | undefined {
  if (sendPacket === undefined) {
    try {
      const utils = createRequire(import.meta.url)('ssh2/lib/protocol/utils.js') as { sendPacket?: SendPacket };
      sendPacket = typeof utils.sendPacket === 'function' ? utils.sendPacket : null;
    } catch {
      sendPacket = null;
    }
  }
  return sendPacket ?? undefined;
}

/**
 * Sends SSH_MSG_DISCONNECT with a description, as sshd does ("Too many authentication failures"), then ends the
 * connection. ssh2's public `end()` sends its DISCONNECT without a description, so the packet is written through
 * ssh2's own packet writer (cipher, MAC and sequence numbers stay its business); should that internal API be
 * missing, the connection is still ended, without the text.
 */
export function disconnectWithMessage(client: Connection, reason: number, description: string): void {
  const proto = (client as unknown as { _protocol?: ProtocolInternals })._protocol;
  const writer = proto?._packetRW?.write;
  const send = loadSendPacket();
  if (proto && writer && send) {
    try {
      const text = Buffer.from(description, 'utf8');
      // byte SSH_MSG_DISCONNECT, uint32 reason, string description, string language tag (RFC 4253 11.1)
      let p = writer.allocStartKEX;
      const packet = writer.alloc(1 + 4 + 4 + text.length + 4, true);
      packet[p++] = 1;
      packet.writeUInt32BE(reason >>> 0, p);
      p += 4;
      packet.writeUInt32BE(text.length, p);
      p += 4;
      text.copy(packet, p);
      p += text.length;
      packet.writeUInt32BE(0, p);
      send(proto, writer.finalize(packet, true), true);
    } catch {
      // fall through to a plain end()
    }
  }
  client.end();
}
